export type { CompiledTemplate, RenderedTemplate, TemplateIssue } from './template';
export { MAX_TEMPLATE_LENGTH, checkTemplate, compileVariantTemplate, renderTemplate } from './template';
export type { TemplateVariables, VariantTemplateVariable } from './variables';
export {
  FIRST_NAME_MAX_CODE_POINTS,
  VALIDATION_FIRST_NAME,
  VARIANT_TEMPLATE_VARIABLES,
  captionFirstName,
  firstNameOf,
  formatHashtags,
  normaliseDisclosure,
  normaliseHashtag,
} from './variables';
export type { CaptionContext } from './render-caption';
export { renderCaption, renderCaptionForValidation, templateVariables, tidyCaption } from './render-caption';
export { LINK_TOKEN, composeEditedCaption, renderCaptionForEditing } from './edited-caption';
