export { containsWord, findBlockedTerms, foldForMatching } from './blocked-terms';
export type {
  CaptionCheck,
  CheckCaptionInput,
  ComplianceSettings,
  DisclosureByKind,
  MediaRef,
} from './check-caption';
export { checkCaption, disclosureFor } from './check-caption';
export type {
  ShareCaption,
  ShareCaptionInput,
  ValidateEditedCaptionInput,
  ValidateVariantInput,
  VariantCheck,
  VariantPreview,
} from './validate';
export { composeShareCaption, validateEditedCaption, validateVariant } from './validate';
export { DISCLOSURE_MAX_LENGTH, isDisclosureSetting } from './disclosure-setting';
