/** Every audited action, named once. Stable strings: the web client filters and translates them. */
export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'member.invited',
  'invitation.accepted',
  'member.joined',
  'member.roles_changed',
  'member.status_changed',
  'member.team_changed',
  'member.kind_changed',
  'member.erased',
  'organisation.settings_changed',
  'fan_programme.opened',
  'fan_programme.closed',
  'fan_programme.code_rotated',
  'team.created',
  'team.renamed',
  'team.deleted',
  'privacy.exported',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = ['member', 'team', 'organisation'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
