export type { DestinationUrl, LinkRefusal, ParsedDestination } from './destination-url';
export {
  MAX_LINK_LENGTH,
  formatDestinationUrl,
  isDestinationUrl,
  parseDestinationUrl,
} from './destination-url';
export type { BuiltLink, UtmParams } from './utm';
export { UTM_MEDIUM, buildShareRedirectUrl, buildUtmUrl } from './utm';
export type { ParsedBaseUrl } from './tracked-link';
export {
  SHARE_CODE_LENGTH,
  SHARE_CODE_MAX_LENGTH,
  SHARE_CODE_MIN_LENGTH,
  SHARE_CODE_PATTERN,
  TRACKED_LINK_PATH,
  buildTrackedLink,
  isShareCode,
  longestTrackedLink,
  parseTrackedLinkBase,
  sampleTrackedLink,
} from './tracked-link';
export type { SuggestionCheck, SuggestionIssue } from './suggestion';
export { checkSuggestion, suggestionFromSharedData, type SharedData } from './suggestion';
