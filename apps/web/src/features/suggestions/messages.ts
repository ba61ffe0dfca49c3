import i18n from 'i18next';
import { addLazyMessages } from '../../app/i18n/resources';
import en from './locales/suggestions.en.json';
import fi from './locales/suggestions.fi.json';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
// The suggestion pages' strings load with them, not with every visit's first page.
addLazyMessages(i18n, 'suggestions', { en: english, fi: finnish });

/** A suggestion's badge colour by status. */
export const STATUS_COLOURS = { pending: 'gray', accepted: 'teal', declined: 'orange' } as const;
