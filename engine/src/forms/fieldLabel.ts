/** Field labels for messages: the `x-title` (or `title`) of each schema along a JSON Pointer. */
import type { LocalizedText } from '../diagnostics/Diagnostic.ts';

type Schema = Record<string, unknown>;

/** Decodes a JSON Pointer into its segments (RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The label a schema declares, or the fallback (the property name). */
export function labelOf(schema: unknown, fallback: string): LocalizedText {
  if (isSchema(schema)) {
    const t = schema['x-title'];
    if (isSchema(t) && typeof t['zh-CN'] === 'string') {
      return { 'zh-CN': t['zh-CN'], en: typeof t.en === 'string' ? t.en : t['zh-CN'] };
    }
    if (typeof schema.title === 'string') return { 'zh-CN': schema.title, en: schema.title };
  }
  return { 'zh-CN': fallback, en: fallback };
}

function child(schema: Schema, seg: string): unknown {
  const props = schema.properties;
  if (isSchema(props) && seg in props) return props[seg];
  if (/^\d+$/.test(seg) && isSchema(schema.items)) return schema.items;
  return undefined;
}

/**
 * The chain of labels from the root schema to the field at `pointer`, joined: 当事人（第1项）·联系电话.
 * `leaf` is used for the last segment when the walk cannot reach it (a field declared under if/then).
 */
export function labelAt(root: unknown, pointer: string, leaf?: unknown): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  let schema: unknown = root;
  const segs = pointerSegments(pointer);
  segs.forEach((seg, i) => {
    const next = isSchema(schema) ? child(schema, seg) : undefined;
    if (/^\d+$/.test(seg) && zh.length > 0) {
      zh[zh.length - 1] += `（第${Number(seg) + 1}项）`;
      en[en.length - 1] += ` (#${Number(seg) + 1})`;
    } else {
      const l = labelOf(next ?? (i === segs.length - 1 ? leaf : undefined), seg);
      zh.push(l['zh-CN']);
      en.push(l.en);
    }
    schema = next;
  });
  return { 'zh-CN': zh.join('·') || '表单', en: en.join(' · ') || 'form' };
}
