/**
 * Validation in the browser with the engine's own rules and messages (GB 11643 ID checksum,
 * mainland mobile numbers, dates not in the future, required fields) — what the server would
 * answer, said before sending. The result is an rjsf error schema keyed by JSON Pointer paths.
 */
import { validateFormData } from '@tongban/engine';

type Lang = 'zh-CN' | 'en';
/** rjsf's error schema: `{ field: { __errors: [...] } }`, nested like the data. */
export type ErrorTree = { __errors?: string[]; [k: string]: ErrorTree | string[] | undefined };

/** Engine form errors for `data` against `schema`, as an rjsf error tree (empty when valid) and a count. */
export function engineErrors(schema: object, data: unknown, lang: Lang, now = Date.now()): { tree: ErrorTree; count: number } {
  const errors = validateFormData(schema, data, { now, locale: lang });
  const tree: ErrorTree = {};
  for (const e of errors) {
    const parts = e.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = tree;
    for (const p of parts) node = (node[p] ??= {}) as ErrorTree;
    (node.__errors ??= []).push(e.message[lang] ?? e.text);
  }
  return { tree, count: errors.length };
}
