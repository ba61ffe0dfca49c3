import { calendarMoveField } from './pack-calendar';

describe('calendarMoveField', () => {
  it('moves the publish time of packs not yet published', () => {
    expect(calendarMoveField('draft', 'scheduled')).toBe('publishAt');
    expect(calendarMoveField('in_review', 'scheduled')).toBe('publishAt');
    expect(calendarMoveField('approved', 'scheduled')).toBe('publishAt');
  });

  it('moves the expiry of a published pack but never its publication', () => {
    expect(calendarMoveField('published', 'expiring')).toBe('expireAt');
    expect(calendarMoveField('published', 'published')).toBeNull();
  });

  it('moves nothing of a final pack', () => {
    expect(calendarMoveField('expired', 'expiring')).toBeNull();
    expect(calendarMoveField('archived', 'scheduled')).toBeNull();
    expect(calendarMoveField('expired', 'published')).toBeNull();
  });
});
