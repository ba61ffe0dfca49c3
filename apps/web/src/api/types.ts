// Names for the shapes the web uses, taken from the generated document by route so they follow the API.
import type { paths } from './schema';

export type Me = paths['/api/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['roles'][number];
export type Locale = Me['locale'];
export type LoginBody = NonNullable<
  paths['/api/auth/login']['post']['requestBody']
>['content']['application/json'];

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type JsonOk<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { 'application/json': infer R } } };
}
  ? R
  : never;

export type MemberKind = Me['kind'];

export type PersonPage = JsonOk<paths['/api/people']['get'], 200>;
export type Person = PersonPage['items'][number];
export type PersonStatus = Person['status'];
export type PeopleFilter = NonNullable<paths['/api/people']['get']['parameters']['query']>;
export type InviteBody = JsonBody<paths['/api/people/invitations']['post']>;
export type Invitation = JsonOk<paths['/api/people/invitations']['post'], 201>;
export type UpdatePersonBody = JsonBody<paths['/api/people/{memberId}']['patch']>;

export type InvitationPreview = JsonOk<paths['/api/invitations/preview']['post'], 200>;
export type AcceptInvitationBody = JsonBody<paths['/api/invitations/accept']['post']>;
export type JoinInfo = JsonOk<paths['/api/join/{code}']['get'], 200>;
export type JoinBody = JsonBody<paths['/api/join/{code}']['post']>;
export type SetupBody = JsonBody<paths['/api/setup']['post']>;
export type OrganisationSignupRequestBody = JsonBody<paths['/api/organisation-signups']['post']>;
export type ConfirmOrganisationSignupBody = JsonBody<paths['/api/organisation-signups/confirm']['post']>;

export type TeamPage = JsonOk<paths['/api/teams']['get'], 200>;
export type Team = TeamPage['items'][number];
export type SaveTeamBody = JsonBody<paths['/api/teams']['post']>;

export type OrganisationSettings = JsonOk<paths['/api/organisation/settings']['get'], 200>;
export type SettingsBody = JsonBody<paths['/api/organisation/settings']['put']>;
export type FanProgramme = JsonOk<paths['/api/organisation/fan-programme']['get'], 200>;

export type AuditEventPage = JsonOk<paths['/api/audit-events']['get'], 200>;
export type AuditEvent = AuditEventPage['items'][number];
export type AuditAction = AuditEvent['action'];

export type ForgotPasswordBody = JsonBody<paths['/api/auth/password/forgot']['post']>;
export type ResetPasswordBody = JsonBody<paths['/api/auth/password/reset']['post']>;
export type ChangePasswordBody = JsonBody<paths['/api/me/password']['put']>;
export type PasswordResetSent = JsonOk<paths['/api/people/{memberId}/password-reset']['post'], 202>;

export type LoginResult = JsonOk<paths['/api/auth/login']['post'], 200>;
export type TwoStepStatus = JsonOk<paths['/api/me/two-step']['get'], 200>;
export type TwoStepEnrolment = JsonOk<paths['/api/me/two-step']['post'], 200>;
export type RecoveryCodes = JsonOk<paths['/api/me/two-step/confirm']['post'], 200>;
export type TwoStepReset = JsonOk<paths['/api/people/{memberId}/two-step/reset']['post'], 200>;

export type ApiTokenList = JsonOk<paths['/api/api-tokens']['get'], 200>;
export type ApiToken = ApiTokenList['items'][number];
export type CreateApiTokenBody = JsonBody<paths['/api/api-tokens']['post']>;
export type CreatedApiToken = JsonOk<paths['/api/api-tokens']['post'], 201>;

export type Suggestion = JsonOk<paths['/api/suggestions']['post'], 201>;
export type SuggestionStatus = Suggestion['status'];
export type CreateSuggestionBody = JsonBody<paths['/api/suggestions']['post']>;
export type MySuggestions = JsonOk<paths['/api/suggestions/mine']['get'], 200>;
export type SuggestionPage = JsonOk<paths['/api/suggestions']['get'], 200>;
export type ScimTokenList = JsonOk<paths['/api/scim-tokens']['get'], 200>;
export type CreateScimTokenBody = JsonBody<paths['/api/scim-tokens']['post']>;
export type CreatedScimToken = JsonOk<paths['/api/scim-tokens']['post'], 201>;
export type ScimGroupList = JsonOk<paths['/api/scim-groups']['get'], 200>;
export type ScimGroup = ScimGroupList['items'][number];
