/**
 * Manifest checks run by the host at load and by the test harness: ids, versions, bilingual labels
 * and help on every field of config, secrets, inputs and payloads, schemas that compile. Each
 * problem has a JSON path into the plugin, so an integrator sees exactly what to fix.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { PathProblem } from './errors.ts';
import type { JsonSchema, Localized, Plugin } from './types.ts';

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

function localized(v: unknown): v is Localized {
  const l = v as Localized | undefined;
  return typeof l?.['zh-CN'] === 'string' && l['zh-CN'].trim() !== '' && typeof l.en === 'string' && l.en.trim() !== '';
}

/** Checks that every property (recursively, through objects and array items) has a bilingual x-title and, when `help`, x-help. */
function labels(schema: JsonSchema, path: string, help: boolean, out: PathProblem[]): void {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, p] of Object.entries(props)) {
    const at = `${path}/properties/${name}`;
    if (!localized(p['x-title'])) out.push({ path: `${at}/x-title`, message: '每个字段需要中英文标题 x-title {"zh-CN","en"} (every field needs a bilingual x-title)' });
    if (help && !localized(p['x-help'])) out.push({ path: `${at}/x-help`, message: '每个字段需要中英文说明 x-help (every field needs bilingual help text)' });
    labels(p, at, help, out);
    if (p.items && typeof p.items === 'object') labels(p.items as JsonSchema, `${at}/items`, help, out);
  }
}

function schemaOk(ajv: Ajv2020, schema: unknown, path: string, out: PathProblem[]): schema is JsonSchema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    out.push({ path, message: '需要 JSON Schema 对象 (a JSON Schema object is required)' });
    return false;
  }
  try {
    ajv.compile(schema);
    return true;
  } catch (e) {
    out.push({ path, message: `JSON Schema 无法编译 (does not compile): ${(e as Error).message}` });
    return false;
  }
}

/** Every problem of a plugin's manifest (empty when it is sound). */
export function checkManifest(plugin: Plugin, ajv: Ajv2020): PathProblem[] {
  const out: PathProblem[] = [];
  if (typeof plugin.id !== 'string' || !ID.test(plugin.id)) out.push({ path: '/id', message: 'id 须为小写短横线格式 (kebab-case), e.g. sms-gateway' });
  if (typeof plugin.version !== 'string' || !SEMVER.test(plugin.version)) out.push({ path: '/version', message: 'version 须为语义化版本 (semver), e.g. 1.2.0' });
  if (typeof plugin.sdk !== 'string' || plugin.sdk.trim() === '') out.push({ path: '/sdk', message: 'sdk 须声明兼容的 SDK 版本范围 (an SDK range such as ^1)' });
  for (const k of ['title', 'description'] as const) if (!localized(plugin[k])) out.push({ path: `/${k}`, message: `${k} 需要中英文 (zh-CN and en)` });
  const cfg = plugin.config;
  if (!cfg || !Number.isInteger(cfg.version) || cfg.version < 1) out.push({ path: '/config/version', message: 'config.version 须为正整数 (a positive integer)' });
  if (schemaOk(ajv, cfg?.schema, '/config/schema', out)) labels(cfg.schema, '/config/schema', true, out);
  if (cfg?.secrets !== undefined && schemaOk(ajv, cfg.secrets, '/config/secrets', out)) labels(cfg.secrets, '/config/secrets', true, out);
  for (let v = 1; v < (cfg?.version ?? 1); v++) if (typeof cfg?.migrate?.[v] !== 'function') out.push({ path: `/config/migrate/${v}`, message: `缺少从第 ${v} 版到第 ${v + 1} 版的配置迁移 (missing config migration ${v} → ${v + 1})` });
  for (const [name, op] of Object.entries(plugin.operations ?? {})) {
    const at = `/operations/${name}`;
    if (!ID.test(name)) out.push({ path: at, message: '操作名须为小写短横线格式 (operation names are kebab-case)' });
    for (const k of ['title', 'description'] as const) if (!localized(op[k])) out.push({ path: `${at}/${k}`, message: `${k} 需要中英文 (zh-CN and en)` });
    if (schemaOk(ajv, op.input, `${at}/input`, out)) labels(op.input, `${at}/input`, true, out);
    if (schemaOk(ajv, op.output, `${at}/output`, out)) labels(op.output, `${at}/output`, false, out);
    if (typeof op.run !== 'function') out.push({ path: `${at}/run`, message: 'run 须为函数 (run must be a function)' });
    if (op.retry && !(Number.isInteger(op.retry.attempts) && op.retry.attempts >= 1 && op.retry.backoff?.initialMs >= 0 && op.retry.backoff.factor >= 1)) {
      out.push({ path: `${at}/retry`, message: 'retry: attempts ≥ 1, backoff.initialMs ≥ 0, backoff.factor ≥ 1' });
    }
  }
  for (const [name, tr] of Object.entries(plugin.triggers ?? {})) {
    const at = `/triggers/${name}`;
    if (!ID.test(name)) out.push({ path: at, message: '触发器名须为小写短横线格式 (trigger names are kebab-case)' });
    for (const k of ['title', 'description'] as const) if (!localized(tr[k])) out.push({ path: `${at}/${k}`, message: `${k} 需要中英文 (zh-CN and en)` });
    if (schemaOk(ajv, tr.payload, `${at}/payload`, out)) labels(tr.payload, `${at}/payload`, true, out);
  }
  (plugin.routes ?? []).forEach((r, i) => {
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) || typeof r.path !== 'string' || !r.path.startsWith('/') || typeof r.handler !== 'function') {
      out.push({ path: `/routes/${i}`, message: '路由需要 method、以 / 开头的 path 和 handler (a route needs a method, a path starting with / and a handler)' });
    }
  });
  return out;
}
