/** Every audited action, named once for the API and the web client. Stable strings: they are stored,
 * filtered on and translated. */
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
  'member.sessions_ended',
  'member.password_changed',
  'member.password_reset_sent',
  'organisation.created',
  'two_step.enabled',
  'two_step.disabled',
  'two_step.reset',
  'two_step.recovery_used',
  'two_step.recovery_codes_renewed',
  'organisation.settings_changed',
  'fan_programme.opened',
  'fan_programme.closed',
  'fan_programme.code_rotated',
  'team.created',
  'team.renamed',
  'team.deleted',
  'privacy.exported',
  'training_module.created',
  'training_module.updated',
  'training_module.published',
  'training.attempted',
  'training.policy_accepted',
  'profile.created',
  'profile.updated',
  'profile.deleted',
  'connection.created',
  'connection.deleted',
  'pack.created',
  'pack.imported',
  'pack.updated',
  'pack.transitioned',
  'pack.duplicated',
  'suggestion.accepted',
  'suggestion.declined',
  'media.uploaded',
  'media.described',
  'share.created',
  'feed_source.created',
  'feed_source.updated',
  'feed_source.deleted',
  'feed_source.fetched',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'webhook.redelivered',
  'webhook.disabled',
  'channel.created',
  'channel.updated',
  'channel.deleted',
  'channel.tested',
  'sso.configured',
  'sso.removed',
  'sso.domain_added',
  'sso.domain_verified',
  'sso.domain_removed',
  'api_token.created',
  'api_token.revoked',
  'api_token.used',
  'scim.user_provisioned',
  'scim.user_updated',
  'scim.user_deactivated',
  'scim.user_reactivated',
  'scim.user_deleted',
  'scim.group_created',
  'scim.group_updated',
  'scim.group_deleted',
  'scim.group_linked',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** Sign-ins are many and rarely what a reader of the log is after: the log leaves them out unless asked. */
export const SIGN_IN_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
] as const satisfies readonly AuditAction[];

export function isSignInAction(action: AuditAction): boolean {
  return (SIGN_IN_ACTIONS as readonly string[]).includes(action);
}

/** What an audited action acted on. */
export const AUDIT_TARGET_TYPES = [
  'member',
  'team',
  'organisation',
  'training_module',
  'social_profile',
  'pack',
  'media_asset',
  'feed_source',
  'channel',
  'api_token',
  'scim_group',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
