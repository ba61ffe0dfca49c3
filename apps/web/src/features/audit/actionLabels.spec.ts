import { AUDIT_ACTIONS } from '@heimo/domain';
import en from '../../app/i18n/locales/en.json';
import fi from '../../app/i18n/locales/fi.json';

// The page looks a label up as `audit.actions.<action>`, and i18next splits that key at each dot.
function labelKeys(labels: Record<string, Record<string, string>>): string[] {
  return Object.entries(labels).flatMap(([group, names]) =>
    Object.keys(names).map((name) => `${group}.${name}`),
  );
}

describe.each([
  ['English', en.audit.actions],
  ['Finnish', fi.audit.actions],
])('the %s audit action labels', (_language, labels) => {
  it('name every audited action', () => {
    const missing = AUDIT_ACTIONS.filter((action) => {
      const [group, name] = action.split('.');
      const label: unknown = (labels as Record<string, Record<string, unknown> | undefined>)[group]?.[name];
      return typeof label !== 'string' || label.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('name no action that is not audited', () => {
    const actions: readonly string[] = AUDIT_ACTIONS;
    expect(labelKeys(labels).filter((key) => !actions.includes(key))).toEqual([]);
  });
});
