/** Sample case data from a data schema, for template previews (masked kinds get masked-looking samples). */
import { GRID_CODE_PATTERN, ORG_PATH_PATTERN, type JsonSchema } from '@tongban/engine';

// values that pass the engine's form rules (the ID number has a valid GB 11643 checksum; it is the standard's own example)
const byPii: Record<string, unknown> = { name: '李娜', phone: '13800138000', 'id-number': '11010519491231002X', address: '幸福路12号3栋2单元' };

/** A value per field of `schema` that reads naturally in a preview. */
export function sampleData(schema: JsonSchema): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.entries(props).map(([k, s]) => [k, sampleValue(s, 0)]));
}

function sampleValue(s: JsonSchema, depth: number): unknown {
  const pii = s['x-pii'] as string | undefined;
  if (s.format === 'cn-id-number') return byPii['id-number'];
  if (s.format === 'cn-mobile') return byPii.phone;
  if (pii && byPii[pii] !== undefined && s.type === 'string') return byPii[pii];
  if (Array.isArray(s.enum)) return s.enum[0];
  // 选网格 / 选组织 keep a code and a path the engine checks by pattern: the sample county's first grid and township
  if (s.pattern === GRID_CODE_PATTERN) return '510722100001001';
  if (s.pattern === ORG_PATH_PATTERN) return '/510722/510722100';
  if (s.format === 'date') return '2026-03-02';
  if (s.format === 'date-time') return '2026-03-02T09:30:00+08:00';
  switch (s.type) {
    case 'number': case 'integer': return 1;
    case 'boolean': return true;
    case 'array': return Array.from({ length: Number(s.minItems ?? 0) }, (_, i) => `示例${i + 1}`);
    case 'object': return depth > 3 ? {} : Object.fromEntries(Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).map(([k, v]) => [k, sampleValue(v, depth + 1)]));
    default: {
      const text = (s['x-title'] as { 'zh-CN'?: string } | undefined)?.['zh-CN'] ?? '示例';
      return text.padEnd(Number(s.minLength ?? 0), '。');
    }
  }
}
