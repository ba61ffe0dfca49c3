export { containsWord, findBlockedTerms, foldForMatching } from './blocked-terms';
export type { CaptionCheck, CheckCaptionInput, ComplianceSettings, MediaRef } from './check-caption';
export { checkCaption } from './check-caption';
export type {
  ShareCaption,
  ShareCaptionInput,
  ValidateEditedCaptionInput,
  ValidateVariantInput,
} from './validate';
export { composeShareCaption, validateEditedCaption, validateVariant } from './validate';
