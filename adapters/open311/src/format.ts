/** GeoReport v2 answers in JSON or XML (`.json` / `.xml` on every path), errors as `[{code, description}]` or `<errors>`. */
import type { InboundResponse } from '@tongban/plugin-sdk';

/** The format a path asks for, and the path without it. */
export function formatOf(path: string): { fmt: 'json' | 'xml' | undefined; base: string } {
  const m = /^(.*)\.(json|xml)$/.exec(path);
  return m ? { fmt: m[2] as 'json' | 'xml', base: m[1]! } : { fmt: undefined, base: path };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlOf(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlOf(name.replace(/s$/, ''), v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => xmlOf(k, v)).join('')}</${name}>`;
  return `<${name}>${esc(String(value))}</${name}>`;
}

/** A list answer (`<root><item>…</item></root>` in XML). */
export function answer(fmt: 'json' | 'xml', root: string, item: string, list: object[], status = 200): InboundResponse {
  if (fmt === 'json') return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(list) };
  return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="utf-8"?><${root}>${list.map((x) => xmlOf(item, x)).join('')}</${root}>` };
}

/** An error answer. */
export function failure(fmt: 'json' | 'xml' | undefined, status: 400 | 403 | 404 | 429 | 503, description: string): InboundResponse {
  return answer(fmt ?? 'json', 'errors', 'error', [{ code: status, description }], status);
}

/** Beijing time, ISO 8601 with +08:00, as the spec's dates. */
export function iso8(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}
