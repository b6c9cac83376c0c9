/**
 * Two sections of an item's page: what each channel of the intake must bring (the intake form's
 * required fields once its `visibleIf` and `if`/`then` rules are applied per value of the field they
 * depend on, e.g. `sourceChannel` or `track`), and every guarded path with the condition's own words.
 * Pure: the definition in, Markdown lines out.
 */
import type { Definition, FormSpec, StateSpec, TransitionSpec } from '../definition/types.ts';
import { compileLogic, truthy } from '../expr/index.ts';

type Json = Record<string, unknown>;
const cell = (s: unknown): string => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `data.X` names read by a JSONLogic expression (literal `var` paths only). */
function readsOf(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) logic.forEach((x) => readsOf(x, out));
  else if (logic && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      const path = op === 'var' ? (Array.isArray(arg) ? arg[0] : arg) : undefined;
      if (typeof path === 'string' && path.startsWith('data.')) out.push(path.slice(5).split('.')[0]!);
      else readsOf(arg, out);
    }
  }
  return out;
}

/** The enum field the form's conditions depend on most (the channel, the track), if any. */
function channelField(form: FormSpec, props: Record<string, Json>): string | undefined {
  const reads = Object.values(form.visibleIf ?? {}).flatMap((l) => readsOf(l));
  const counts = new Map<string, number>();
  for (const r of reads) if (Array.isArray(props[r]?.enum)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Fields an `if`/`then` rule of the form's extra schema requires when `field` is `value`. */
function conditionalRequired(schema: Json | undefined, field: string, value: unknown): string[] {
  const rules = [schema, ...list(schema?.allOf as Json[] | undefined)].filter((r): r is Json => !!r && typeof r === 'object' && 'if' in r);
  return rules.flatMap((r) => {
    const cond = ((r.if as Json).properties as Record<string, Json> | undefined)?.[field];
    const hit = cond && ((Array.isArray(cond.enum) && cond.enum.includes(value)) || cond.const === value);
    return hit ? list((r.then as Json | undefined)?.required as string[] | undefined) : [];
  });
}

/** The table of what each value of the intake's channel field requires (empty when the intake has no such field). */
export function intakeByChannel(def: Definition): string[] {
  const form = def.intake ? def.forms?.[def.intake.form] : undefined;
  const props = (def.data.properties ?? {}) as Record<string, Json>;
  const field = form && channelField(form, props);
  if (!form || !field) return [];
  const values = props[field]!.enum as unknown[];
  const titles = (props[field]!['x-enumTitles'] as string[] | undefined) ?? [];
  const rows = values.map((v, i) => {
    const view = { data: { [field]: v } };
    const hidden = new Set(Object.entries(form.visibleIf ?? {}).filter(([, l]) => {
      const c = compileLogic(l, '');
      return c.ok && !truthy(c.logic.evaluate(view));
    }).map(([f]) => f));
    const required = [...new Set([...(form.required ?? []), ...conditionalRequired(form.schema as Json | undefined, field, v)])].filter((f) => f !== field && !hidden.has(f));
    return `| \`${String(v)}\` | ${cell(titles[i] ?? '')} | ${required.map((f) => `\`${f}\``).join(', ') || '—'} | ${[...hidden].map((f) => `\`${f}\``).join(', ') || '—'} |`;
  });
  return [`### 各渠道受理 Intake per \`${field}\``, '', '| 取值 | 名称 | 必填 required | 不显示 hidden |', '|---|---|---|---|', ...rows, ''];
}

function guarded(id: string, event: string, ts: TransitionSpec | TransitionSpec[] | undefined): string[] {
  return list(ts).filter((t) => t.guard !== undefined).map((t) => `- \`${id}\` —${event}→ \`${(t.target ?? id).replace(/^#/, '')}\`：${cell(t.description?.['zh-CN'] ?? '（未说明条件）')}${t.description ? ` · ${cell(t.description.en)}` : ''}`);
}

/** Every guarded transition with the words a refused user is shown. */
export function guardedPaths(def: Definition): string[] {
  const walk = (states: Record<string, StateSpec>): string[] => Object.entries(states).flatMap(([id, s]) => [
    ...Object.entries(s.on ?? {}).flatMap(([ev, ts]) => guarded(id, ev, ts)),
    ...guarded(id, '自动', s.always),
    ...walk(s.states ?? {}),
  ]);
  const lines = walk(def.states);
  return lines.length ? ['## 有条件的路径 Guarded paths', '', ...lines, ''] : [];
}
