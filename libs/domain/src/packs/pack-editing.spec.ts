import {
  editableFields,
  isFieldEditable,
  isPackEditable,
  PACK_FIELDS,
  packEditingNote,
  sendsBackToReview,
} from './pack-editing';
import { PACK_STATES } from './pack-lifecycle';

describe('pack editing: fields per state', () => {
  it.each(['draft', 'in_review', 'approved'] as const)('lets every field of a %s pack change', (state) => {
    expect(editableFields(state)).toEqual(PACK_FIELDS);
    for (const field of PACK_FIELDS) expect(isFieldEditable(state, field)).toBe(true);
  });

  it('lets a published pack take only a new expiry', () => {
    expect(editableFields('published')).toEqual(['expireAt']);
    expect(isFieldEditable('published', 'expireAt')).toBe(true);
    expect(isFieldEditable('published', 'publishAt')).toBe(false);
    expect(isFieldEditable('published', 'variants')).toBe(false);
  });

  it.each(['expired', 'archived'] as const)('lets nothing of a %s pack change', (state) => {
    expect(editableFields(state)).toEqual([]);
    for (const field of PACK_FIELDS) expect(isFieldEditable(state, field)).toBe(false);
  });

  it('knows no field outside the list', () => {
    expect(isFieldEditable('draft', 'status')).toBe(false);
    expect(isFieldEditable('draft', 'version')).toBe(false);
  });

  it('calls a pack editable exactly when some field of it can change', () => {
    expect(PACK_STATES.filter(isPackEditable)).toEqual(['draft', 'in_review', 'approved', 'published']);
    for (const state of PACK_STATES) {
      expect(isPackEditable(state)).toBe(PACK_FIELDS.some((field) => isFieldEditable(state, field)));
    }
  });
});

describe('pack editing: what the editor says', () => {
  it('names the limit of each state', () => {
    expect(PACK_STATES.map(packEditingNote)).toEqual([
      null,
      null,
      'back_to_review',
      'expiry_only',
      'final',
      'final',
    ]);
  });

  it('sends an approved pack back to review for a content change, not for a schedule change', () => {
    expect(sendsBackToReview('approved', ['title'])).toBe(true);
    expect(sendsBackToReview('approved', ['publishAt', 'expireAt'])).toBe(false);
    expect(sendsBackToReview('in_review', ['title'])).toBe(false);
    expect(sendsBackToReview('approved', [])).toBe(false);
  });
});
