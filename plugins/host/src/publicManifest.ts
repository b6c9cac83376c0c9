/** A plugin's manifest as JSON (no functions): what the designer's palette and the admin screen read. */
import { defaultRetry, type JsonSchema, type Localized, type Plugin, type RetryPolicy } from '@tongban/plugin-sdk';

/** One operation as data. */
export interface OperationManifest { id: string; name: string; title: Localized; description: Localized; input: JsonSchema; output: JsonSchema; retry: RetryPolicy; timeoutMs: number }
/** One trigger as data. */
export interface TriggerManifest { id: string; name: string; title: Localized; description: Localized; payload: JsonSchema }

/** The manifest of a plugin as JSON. */
export interface PublicManifest {
  id: string; version: string; sdk: string; title: Localized; description: Localized;
  config: { version: number; schema: JsonSchema; secrets: JsonSchema };
  operations: OperationManifest[];
  triggers: TriggerManifest[];
  routes: Array<{ method: string; path: string }>;
}

/** Strips the code from a plugin, keeping every schema and label. */
export function publicManifest(p: Plugin): PublicManifest {
  return {
    id: p.id, version: p.version, sdk: p.sdk, title: p.title, description: p.description,
    config: { version: p.config.version, schema: p.config.schema, secrets: p.config.secrets ?? { type: 'object', properties: {} } },
    operations: Object.entries(p.operations ?? {}).map(([name, o]) => ({
      id: `${p.id}.${name}`, name, title: o.title, description: o.description, input: o.input, output: o.output, retry: o.retry ?? defaultRetry, timeoutMs: o.timeoutMs ?? 30_000,
    })),
    triggers: Object.entries(p.triggers ?? {}).map(([name, t]) => ({ id: `${p.id}.${name}`, name, title: t.title, description: t.description, payload: t.payload })),
    routes: (p.routes ?? []).map((r) => ({ method: r.method, path: `/ext/${p.id}${r.path}` })),
  };
}
