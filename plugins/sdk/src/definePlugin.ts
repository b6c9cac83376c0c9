/** `definePlugin`: an adapter package's default export. */
import type { OperationSpec, Plugin, PluginSpec } from './types.ts';

/**
 * Declares a plugin. The spec is frozen and branded; the host (and `createTestHost`) checks the
 * manifest — ids, versions, bilingual labels and help, schemas that compile — when it loads it.
 */
export function definePlugin<C = Record<string, unknown>, S = Record<string, unknown>>(spec: PluginSpec<C, S>): Plugin<C, S> {
  return Object.freeze({ ...spec, __tongbanPlugin: 1 as const });
}

/** Types one operation's `run` by its input and output (an identity function for inference). */
export function defineOperation<I, O, C = any, S = any>(spec: OperationSpec<C, S, I, O>): OperationSpec<C, S, I, O> {
  return spec;
}

/** True for a value made by `definePlugin` (what the host accepts as a module's default export). */
export function isPlugin(value: unknown): value is Plugin {
  return !!value && typeof value === 'object' && (value as { __tongbanPlugin?: unknown }).__tongbanPlugin === 1;
}
