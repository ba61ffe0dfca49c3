import { findNetwork, MEMBER_KINDS, MEMBER_ROLES, PACK_STATES } from '@heimo/domain';
import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../api/types';
import type { useFormat } from '../../app/i18n/format';
import en from '../../app/i18n/locales/en.json';
import type { Messages } from '../../app/i18n/resources';

type FieldKey = keyof Messages['audit']['fields'];
const fieldKeys: Record<FieldKey, string> = en.audit.fields; // the same keys in every language
const MEMBER_STATUSES = ['invited', 'active', 'deactivated'] as const;

/** The value when it is one of these codes, else the fallback: a code the web does not know never shows raw. */
function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((item) => item === value) ?? fallback;
}

type Format = ReturnType<typeof useFormat>;
type Party = NonNullable<AuditEvent['actor']>;

/** A member as the log names them: their name (and address), or only that they were erased. */
export function partyName(t: TFunction, party: Pick<Party, 'name' | 'erased'> | null): string {
  if (!party) return t('audit.system');
  if (party.erased || party.name === null) return t('audit.erasedMember');
  return party.name;
}

/** What the event acted on, in words: a member's or team's name, a pack's title, “the organisation”. */
export function subjectWords(t: TFunction, event: AuditEvent): string | null {
  const subject = event.subject;
  if (!subject) return null;
  if (subject.type === 'member') return partyName(t, subject);
  if (subject.type === 'organisation') return t('audit.subjects.organisation');
  if (subject.type === 'social_profile' || subject.type === 'media_asset') return null; // details say which
  if (subject.name) return t(`audit.subjects.${subject.type}`, { name: subject.name });
  // Gone since (a deleted team keeps its name in the details).
  const name = typeof event.details['name'] === 'string' ? event.details['name'] : null;
  return name ? t(`audit.subjects.${subject.type}`, { name }) : t(`audit.subjects.gone.${subject.type}`);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * The details in the reader's words: roles, states and kinds by their labels, teams and people by
 * name, networks by the registry's label. Ids, versions and other codes are left out.
 */
export function detailWords(t: TFunction, format: Format, event: AuditEvent): string[] {
  const d = event.details;
  const reference = (id: unknown): string => {
    if (typeof id !== 'string') return t('audit.details.noTeam');
    const found = event.references.find((r) => r.id === id);
    if (!found) return t('audit.details.gone');
    return found.type === 'member' ? partyName(t, found) : (found.name ?? t('audit.details.gone'));
  };
  const roles = (value: unknown) =>
    format.list(
      list(value)
        .filter((role) => oneOf(role, MEMBER_ROLES, 'advocate') === role)
        .map((role) => t(`roles.${oneOf(role, MEMBER_ROLES, 'advocate')}`)),
    );
  const status = (value: unknown) => t(`people.statuses.${oneOf(value, MEMBER_STATUSES, 'active')}`);
  const kind = (value: unknown) => t(`people.kinds.${oneOf(value, MEMBER_KINDS, 'employee')}`);
  const state = (value: unknown) => t(`studio.state.${oneOf(value, PACK_STATES, 'draft')}`);
  const change = (from: string, to: string) => t('audit.details.change', { from, to });
  const fields = (value: unknown) => {
    const names = list(value).map((field) => {
      const key = field.replace('.', '_');
      return key in fieldKeys ? t(`audit.fields.${key as FieldKey}`) : '';
    });
    const known = names.filter(Boolean);
    const others = names.length - known.length;
    if (others) known.push(t('audit.details.otherFields', { count: others }));
    return known.length ? [t('audit.details.changed', { fields: format.list(known) })] : [];
  };
  const network = (value: unknown) => {
    const id = text(value);
    return id ? [t('audit.details.network', { network: findNetwork(id)?.label ?? id })] : [];
  };

  switch (event.action) {
    case 'member.roles_changed':
      return [change(roles(d['from']), roles(d['to']))];
    case 'member.status_changed':
      return [change(status(d['from']), status(d['to']))];
    case 'member.kind_changed':
      return [change(kind(d['from']), kind(d['to']))];
    case 'member.team_changed':
      return [change(reference(d['from']), reference(d['to']))];
    case 'member.invited':
      return [
        t('audit.details.roles', { roles: roles(d['roles']) }),
        kind(d['kind']),
        t('audit.details.team', { team: reference(d['teamId']) }),
        ...(d['again'] === true ? [t('audit.details.invitedAgain')] : []),
      ];
    case 'invitation.accepted':
      return typeof d['invitedBy'] === 'string'
        ? [t('audit.details.invitedBy', { name: reference(d['invitedBy']) })]
        : [];
    case 'team.renamed':
      return [change(text(d['from']) ?? '', text(d['to']) ?? '')];
    case 'organisation.settings_changed':
    case 'training_module.updated':
      return fields(d['changed']);
    case 'training_module.created':
      return [t(`training.kinds.${oneOf(d['kind'], ['course', 'policy'] as const, 'course')}`)];
    case 'training_module.published':
      return [
        t('audit.details.version', { version: d['version'] }),
        ...(d['material'] === true ? [t('audit.details.material')] : []),
      ];
    case 'training.attempted':
      return [
        t('audit.details.score', { score: format.percent(Number(d['score'] ?? 0) / 100) }),
        t(d['passed'] === true ? 'audit.details.passed' : 'audit.details.notPassed'),
      ];
    case 'training.policy_accepted':
      return [t('audit.details.version', { version: d['version'] })];
    case 'profile.created':
    case 'profile.deleted':
    case 'connection.created':
    case 'connection.deleted':
    case 'share.created':
      return network(d['network']);
    case 'profile.updated':
      return [...network(d['network']), ...fields(d['changed'])];
    case 'pack.created':
      return [t('audit.details.variants', { count: Number(d['variants'] ?? 0) })];
    case 'pack.updated':
      return [
        ...fields(d['changed']),
        ...(text(d['to']) ? [t('audit.details.backTo', { state: state(d['to']) })] : []),
      ];
    case 'pack.transitioned':
      return [
        change(state(d['from']), state(d['to'])),
        ...(d['by'] === 'scheduler' ? [t('audit.details.onSchedule')] : []),
      ];
    case 'media.uploaded':
      return [t(`audit.details.media.${oneOf(d['kind'], ['image', 'video', 'gif'] as const, 'image')}`)];
    case 'feed_source.created':
    case 'feed_source.deleted':
      return text(d['host']) ? [text(d['host']) ?? ''] : [];
    case 'feed_source.updated':
      return [
        ...fields(d['changed']),
        t(d['enabled'] === false ? 'audit.details.paused' : 'audit.details.enabled'),
      ];
    case 'feed_source.fetched':
      return [
        t('audit.details.imported', { count: Number(d['imported'] ?? 0) }),
        ...(text(d['errorCode']) ? [t('audit.details.fetchFailed')] : []),
      ];
    case 'auth.sign_in_failed':
      return [t('audit.details.wrongPassword')];
    case 'api_token.created':
      return [t('audit.details.scopes', { scopes: format.list(list(d['scopes'])) })];
    case 'api_token.used':
      return text(d['route']) ? [`${text(d['method']) ?? 'GET'} ${text(d['route']) ?? ''}`] : [];
    default:
      return [];
  }
}
