/**
 * Config of one deployment: migration of stored settings from older config versions (so no county
 * re-enters settings after an upgrade) and validation against the plugin's schemas, defaults applied.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { PluginError, sdkErrorCatalog, type PathProblem } from './errors.ts';
import { problemsOf } from './schemas.ts';
import type { ConfigSpec } from './types.ts';

/** Stored settings: the config version they were written under, config and secrets. */
export interface StoredConfig { version: number; config: Record<string, unknown>; secrets: Record<string, unknown> }

/** Runs `migrate[n]` for every n from the stored version up to the plugin's; returns the versions migrated from. */
export function migrateConfig(spec: ConfigSpec, stored: StoredConfig): { stored: StoredConfig; applied: number[] } {
  if (stored.version > spec.version) {
    throw new PluginError('config.version-newer', sdkErrorCatalog['config.version-newer'].zh, false, { stored: stored.version, plugin: spec.version });
  }
  let cur = { config: structuredClone(stored.config), secrets: structuredClone(stored.secrets) };
  const applied: number[] = [];
  for (let v = stored.version; v < spec.version; v++) {
    const step = spec.migrate?.[v];
    if (!step) throw new PluginError('config.migration-missing', sdkErrorCatalog['config.migration-missing'].zh, false, { from: v, to: v + 1 });
    cur = step(cur);
    applied.push(v);
  }
  return { stored: { version: spec.version, ...cur }, applied };
}

/** Validates config and secrets (defaults applied in place on copies); problems carry `/config/...` or `/secrets/...` paths. */
export function validateConfig(ajv: Ajv2020, spec: ConfigSpec, config: Record<string, unknown>, secrets: Record<string, unknown>):
  { ok: true; config: Record<string, unknown>; secrets: Record<string, unknown> } | { ok: false; problems: PathProblem[] } {
  const c = structuredClone(config);
  const s = structuredClone(secrets);
  const problems: PathProblem[] = [];
  const vc = ajv.compile(spec.schema);
  if (!vc(c)) problems.push(...problemsOf(vc).map((p) => ({ ...p, path: '/config' + (p.path === '/' ? '' : p.path) })));
  const vs = ajv.compile(spec.secrets ?? { type: 'object' });
  if (!vs(s)) problems.push(...problemsOf(vs).map((p) => ({ ...p, path: '/secrets' + (p.path === '/' ? '' : p.path) })));
  return problems.length ? { ok: false, problems } : { ok: true, config: c, secrets: s };
}
