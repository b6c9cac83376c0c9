/** How each allowed helper may be used: as a block or inline, and its argument count. */
export interface HelperSpec {
  usage: 'block' | 'inline';
  min: number;
  max: number;
}

/** The allowed helpers and their shapes. */
export const HELPER_SPECS: ReadonlyMap<string, HelperSpec> = new Map<string, HelperSpec>([
  ['formatDate', { usage: 'inline', min: 1, max: 1 }],
  ['formatDuration', { usage: 'inline', min: 1, max: 1 }],
  ['eq', { usage: 'inline', min: 2, max: 2 }],
  ['ne', { usage: 'inline', min: 2, max: 2 }],
  ['default', { usage: 'inline', min: 2, max: 2 }],
  ['mask', { usage: 'inline', min: 2, max: 2 }],
  ['if', { usage: 'block', min: 1, max: 1 }],
  ['unless', { usage: 'block', min: 1, max: 1 }],
  ['each', { usage: 'block', min: 1, max: 1 }],
  ['with', { usage: 'block', min: 1, max: 1 }],
]);

/** The helpers a notification template may use. */
export const templateHelpers: readonly string[] = Object.freeze([...HELPER_SPECS.keys()]);

/** Masking kinds understood by `{{mask value "kind"}}`. */
export const MASK_KINDS: readonly string[] = Object.freeze(['name', 'phone', 'id-number', 'address']);

/** Property names a template path may never read. */
export const FORBIDDEN_PROPS: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** `@data` variables a template may read (inside `each`). */
export const ALLOWED_DATA_VARS: ReadonlySet<string> = new Set(['index', 'key', 'first', 'last']);

/** Longest accepted template source. */
export const MAX_TEMPLATE_LENGTH = 10_000;
