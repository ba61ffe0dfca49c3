import type { OrganisationSettings } from '../../../api/types';
import { draftProblems, toBody, toDraft } from './settingsDraft';

const saved: OrganisationSettings = {
  name: 'Demo',
  timezone: 'Europe/Helsinki',
  defaultLocale: 'fi',
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
  settings: {
    disclosure: { hashtag: '#employee', employee: '#employee', fan: '#ad', required: true },
    blockedTerms: ['guaranteed'],
    enabledNetworks: ['linkedin', 'x'],
    points: { share: 10, uniqueClick: 2, uniqueClickCapPerShare: 100, trainingPassed: 25 },
    earnedMedia: { currency: 'EUR', rates: [] },
    requiredTrainingModuleIds: [],
    fourEyesApproval: false,
    fanProgrammeOpen: false,
  },
};

describe('the settings form', () => {
  it('sends a disclosure per member kind, trimmed, and not the deprecated one hashtag', () => {
    const draft = { ...toDraft(saved), disclosureEmployee: ' #staff ', disclosureFan: ' Mainos ' };
    expect(toBody(draft, saved, saved).settings.disclosure).toEqual({
      required: true,
      employee: '#staff',
      fan: 'Mainos',
    });
  });

  it('sends blocked terms one per line, trimmed, without empty lines, and keeps what it does not edit', () => {
    const draft = { ...toDraft(saved), blockedTerms: '  guaranteed \n\n risk-free\n' };
    const body = toBody(draft, saved, saved);
    expect(body.settings.blockedTerms).toEqual(['guaranteed', 'risk-free']);
    expect(body.settings.earnedMedia).toEqual(saved.settings.earnedMedia);
    expect(body.version).toBe(3);
  });

  it('takes the new version when only the fan-programme switch moved since the form was loaded', () => {
    const latest = { ...saved, version: 4, settings: { ...saved.settings, fanProgrammeOpen: true } };
    const body = toBody({ ...toDraft(saved), name: 'Demo Oy' }, saved, latest);
    expect(body.version).toBe(4);
    expect(body.settings.fanProgrammeOpen).toBe(true);
    expect(body.name).toBe('Demo Oy');
  });

  it('keeps the loaded version when someone else changed the settings, so the API answers 409', () => {
    const latest = { ...saved, version: 4, name: 'Renamed elsewhere' };
    expect(toBody(toDraft(saved), saved, latest).version).toBe(3);
  });

  it('sends earned-media rates in minor units of the chosen currency, a cleared one left out', () => {
    const withRates = {
      ...saved,
      settings: {
        ...saved.settings,
        earnedMedia: {
          currency: 'EUR',
          rates: [
            { network: 'linkedin' as const, cpmMinor: 3000 },
            { network: 'x' as const, cpmMinor: 1250 },
          ],
        },
      },
    };
    const draft = toDraft(withRates);
    expect(draft.cpm).toEqual({ linkedin: 30, x: 12.5 });
    expect(toBody(draft, withRates, withRates).settings.earnedMedia).toEqual(withRates.settings.earnedMedia);
    const edited = { ...draft, currency: ' sek ', cpm: { linkedin: 42.5, x: '' } };
    expect(draftProblems(edited)).toEqual({});
    expect(toBody(edited, withRates, withRates).settings.earnedMedia).toEqual({
      currency: 'SEK',
      rates: [{ network: 'linkedin', cpmMinor: 4250 }],
    });
  });

  it('names each rate and the currency it refuses, as the API would', () => {
    const draft = {
      ...toDraft(saved),
      cpm: { linkedin: 30.005, x: -1, facebook: 10_001, instagram: 'abc', threads: '12,5' },
    };
    expect(draftProblems(draft)).toEqual({
      'cpm.linkedin': 'cpm_too_precise',
      'cpm.x': 'cpm_negative',
      'cpm.facebook': 'cpm_too_large',
      'cpm.instagram': 'cpm_not_amount',
    });
    expect(draftProblems({ ...draft, currency: 'EURO', cpm: {} })).toEqual({ currency: 'currency' });
    expect(draftProblems({ ...toDraft(saved), currency: 'JPY', cpm: { linkedin: 1.5 } })).toEqual({
      'cpm.linkedin': 'cpm_too_precise',
    });
  });

  it('starts Post for me off and the unverified-share policy at keep when unsaved, and sends both', () => {
    const draft = toDraft(saved);
    expect(draft).toMatchObject({ postForMe: false, unverifiedSharePolicy: 'keep' });
    const body = toBody({ ...draft, postForMe: true, unverifiedSharePolicy: 'revoke' }, saved, saved);
    expect(body.settings).toMatchObject({ postForMe: true, unverifiedSharePolicy: 'revoke' });
    const on = {
      ...saved,
      settings: { ...saved.settings, postForMe: true, unverifiedSharePolicy: 'revoke' as const },
    };
    expect(toDraft(on)).toMatchObject({ postForMe: true, unverifiedSharePolicy: 'revoke' });
  });
});
