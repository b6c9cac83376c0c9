/**
 * The variables a condition may read, as react-querybuilder fields: the case's data fields (from
 * the data schema, with their choices) and the `case`, `actor` and `event` variables the engine's
 * guards see (engine run/view.ts).
 */
import type { Definition } from '@tongban/engine';
import type { Field } from 'react-querybuilder';

type Prop = { type?: string | string[]; title?: string; 'x-title'?: { 'zh-CN'?: string; en?: string }; 'x-enumTitles'?: string[]; enum?: unknown[]; oneOf?: Array<{ const?: unknown; title?: string }>; format?: string };

const engineVars: Array<[string, string, string, string?]> = [
  ['case.orgPath', '案件所属组织', 'Case org unit'],
  ['case.escalation', '升级层数', 'Escalation level', 'number'],
  ['case.initiator.userId', '发起人', 'Initiator'],
  ['case.initiator.orgPath', '发起人组织', 'Initiator org'],
  ['actor.userId', '操作人', 'Actor'],
  ['actor.roles', '操作人角色', 'Actor roles'],
  ['actor.orgPath', '操作人组织', 'Actor org'],
  ['event.comment', '意见', 'Comment'],
  ['event.at', '操作时间', 'Event time', 'number'],
];

/** Fields for the builder, labelled in `lang`. */
export function conditionFields(def: Pick<Definition, 'data'>, lang: 'zh-CN' | 'en' = 'zh-CN'): Field[] {
  const props = ((def.data as { properties?: Record<string, Prop> }).properties ?? {});
  const fromData: Field[] = Object.entries(props).map(([name, p]) => {
    const type = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
    const choices = p.enum?.map((v, i) => ({ name: String(v), value: v as string, label: p['x-enumTitles']?.[i] ?? String(v) }))
      ?? p.oneOf?.filter((o) => o.const !== undefined).map((o) => ({ name: String(o.const), value: o.const as string, label: o.title ?? String(o.const) }));
    const f: Field = { name: `data.${name}`, label: p['x-title']?.[lang] ?? p.title ?? name, ...(choices?.length ? { valueEditorType: 'select', values: choices } : {}) };
    if (type === 'number' || type === 'integer') f.inputType = 'number';
    if (type === 'boolean') { f.valueEditorType = 'checkbox'; f.defaultValue = true; }
    if (p.format === 'date') f.inputType = 'date';
    return f;
  });
  const extra: Field[] = engineVars.map(([name, zh, en, t]) => ({ name, label: lang === 'en' ? en : zh, ...(t === 'number' ? { inputType: 'number' } : {}) }));
  return [...fromData, ...extra];
}
