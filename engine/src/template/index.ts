/** Notification templates: Handlebars with a fixed helper set, checked statically, rendered purely. */
export { checkTemplate } from './check.ts';
export { templateVars } from './vars.ts';
export { renderTemplate, templateCacheSize, TEMPLATE_CACHE_SIZE } from './render.ts';
export { templateHelpers, MASK_KINDS, MAX_TEMPLATE_LENGTH } from './helperSpecs.ts';
export { formatDate, formatDuration } from './format.ts';
export type { Locale } from './format.ts';
export { mask } from './mask.ts';
