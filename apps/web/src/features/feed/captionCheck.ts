// Loaded when a person starts editing a caption (hooks/useCaptionValidator.ts): the rule the API
// applies, with twitter-text and Handlebars behind it, stays out of the feed's first load.
export { validateEditedCaption } from '@heimo/content';
