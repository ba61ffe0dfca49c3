import type { PackTransitionCode, TrainingBlockCode } from '@heimo/domain';

/** Caption and variant problems found by the compliance checks. */
export type CaptionIssueCode =
  | 'caption.empty'
  | 'caption.too_long'
  | 'caption.too_many_bytes'
  | 'caption.invalid_character'
  | 'caption.disclosure_missing'
  | 'caption.blocked_term'
  | 'caption.link_missing'
  | 'caption.link_not_separated'
  | 'caption.too_many_links'
  | 'caption.too_many_hashtags'
  | 'variant.title_too_long'
  | 'variant.media_required'
  | 'variant.media_kind_not_supported'
  | 'network.unknown';

/** Problems with the organisation's settings that stop every caption from passing. */
export type SettingsIssueCode = 'settings.disclosure_hashtag_missing';

/** Template problems found before or while rendering. */
export type TemplateIssueCode =
  | 'template.syntax_error'
  | 'template.unknown_variable'
  | 'template.expression_not_allowed'
  | 'template.too_long'
  | 'template.render_failed';

/** Why a destination or base URL was refused. */
export type LinkIssueCode =
  | 'link.empty'
  | 'link.too_long'
  | 'link.whitespace'
  | 'link.control_character'
  | 'link.backslash'
  | 'link.scheme_missing'
  | 'link.scheme_not_allowed'
  | 'link.malformed'
  | 'link.credentials_not_allowed'
  | 'link.host_missing'
  | 'link.host_invalid'
  | 'link.port_invalid'
  | 'link.bad_percent_encoding'
  | 'link.query_not_allowed';

/** Every code the libs produce, including the domain's own pack and training codes. */
export type IssueCode =
  | CaptionIssueCode
  | SettingsIssueCode
  | TemplateIssueCode
  | LinkIssueCode
  | PackTransitionCode
  | TrainingBlockCode;

/** Which part of a variant an issue is about, for forms to place it. */
export type IssueField = 'text' | 'title' | 'media' | 'template' | 'link' | 'network';

export type IssueParams = Readonly<Record<string, string | number>>;

export interface Issue<C extends IssueCode = IssueCode> {
  readonly code: C;
  readonly params: IssueParams;
  readonly field?: IssueField;
}

export function issue<C extends IssueCode>(code: C, params: IssueParams = {}, field?: IssueField): Issue<C> {
  return field === undefined ? { code, params } : { code, params, field };
}
