/**
 * A diff between two versions of a definition in the definition's own language — 「处理时限 3 → 5
 * 个工作日」, 「字段 身份证号 改为必填」, 「步骤 复核 已删除」 — rather than JSON lines. What it has no
 * words for is still listed (as 「其他修改」 with its JSON Pointer), so nothing changes unseen.
 */
import type { Definition, FieldAccess, LocalizedText, StateSpec, TaskSpec } from '@tongban/engine';
import { toPointer } from '../doc/pointer.ts';
import { indexStates, targetId, type StateEntry } from '../doc/stateIndex.ts';
import { describeDuration } from './describeDuration.ts';

export interface DiffItem {
  kind: 'added' | 'removed' | 'changed';
  /** where it is in the newer version (or the older one for removals) */
  pointer: string;
  text: LocalizedText;
}

const L = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const titleOf = (id: string, spec?: { title?: LocalizedText }) => L(spec?.title?.['zh-CN'] ?? id, spec?.title?.en ?? id);

const accessWords: Record<FieldAccess, [string, string]> = {
  read: ['只读', 'read-only'], write: ['可编辑', 'editable'], hidden: ['隐藏', 'hidden'], masked: ['脱敏显示', 'masked'], required: ['必填', 'required'],
};
const modeWords: Record<string, [string, string]> = {
  single: ['单人办理', 'single'], all: ['会签', 'countersign'], any: ['或签', 'any-one sign'], sequence: ['依次审批', 'sequential'], vote: ['票签', 'vote'],
};

function fieldLabel(def: Definition, field: string): LocalizedText {
  const prop = (def.data as { properties?: Record<string, { title?: string; 'x-title'?: LocalizedText }> }).properties?.[field];
  return L(prop?.['x-title']?.['zh-CN'] ?? prop?.title ?? field, prop?.['x-title']?.en ?? prop?.title ?? field);
}

function describeAssignee(a: TaskSpec['assignee'] | undefined): string {
  if (!a) return '—';
  // several rules at once (issue 12): each described, joined
  if (Array.isArray(a)) return a.map((r) => describeAssignee(r)).join(' + ');
  if ('initiator' in a) return 'initiator';
  if ('role' in a && !('orgField' in a) && !('pick' in a)) { const r = a as { role: string; scope?: string; of?: string }; return `${r.role}${r.scope ? `@${r.scope}` : ''}${r.of && r.of !== 'case' ? `(${r.of})` : ''}`; }
  if ('user' in a) return `user:${a.user}`;
  if ('pick' in a) return `pick:${a.pick}`;
  if ('chain' in a) return `chain:${a.chain.role} ${a.chain.from}→${a.chain.to}`;
  const o = a as { orgField: string; role: string };
  return `orgField:${o.orgField}/${o.role}`;
}

function diffTask(out: DiffItem[], a: Definition, b: Definition, step: LocalizedText, ta: TaskSpec, tb: TaskSpec, ptr: string): void {
  const p = `${ptr}/task`;
  const s = step['zh-CN'];
  if (!same(ta.assignee, tb.assignee)) out.push({ kind: 'changed', pointer: `${p}/assignee`, text: L(`步骤 ${s} 的办理人 ${describeAssignee(ta.assignee)} → ${describeAssignee(tb.assignee)}`, `Assignee of ${step.en}: ${describeAssignee(ta.assignee)} → ${describeAssignee(tb.assignee)}`) });
  if ((ta.mode ?? 'single') !== (tb.mode ?? 'single')) {
    const [x, y] = [modeWords[ta.mode ?? 'single']!, modeWords[tb.mode ?? 'single']!];
    out.push({ kind: 'changed', pointer: `${p}/mode`, text: L(`步骤 ${s} 的办理方式 ${x[0]} → ${y[0]}`, `Mode of ${step.en}: ${x[1]} → ${y[1]}`) });
  }
  if (!same(ta.sla, tb.sla)) {
    if (!ta.sla || !tb.sla) out.push({ kind: tb.sla ? 'added' : 'removed', pointer: `${p}/sla`, text: tb.sla ? L(`步骤 ${s} 新增处理时限 ${describeDuration(tb.sla.within, tb.sla.clock)['zh-CN']}`, `${step.en}: time limit ${describeDuration(tb.sla.within, tb.sla.clock).en} added`) : L(`步骤 ${s} 的处理时限已删除`, `${step.en}: time limit removed`) });
    else {
      if (ta.sla.within !== tb.sla.within || ta.sla.clock !== tb.sla.clock) {
        const [x, y] = [describeDuration(ta.sla.within, ta.sla.clock), describeDuration(tb.sla.within, tb.sla.clock)];
        const nx = /^[\d.]+/.exec(x['zh-CN'])?.[0]; const unitSame = x['zh-CN'].replace(/^[\d.]+/, '') === y['zh-CN'].replace(/^[\d.]+/, '');
        out.push({ kind: 'changed', pointer: `${p}/sla/within`, text: unitSame && nx ? L(`步骤 ${s} 处理时限 ${nx} → ${y['zh-CN']}`, `${step.en} time limit ${x.en} → ${y.en}`) : L(`步骤 ${s} 处理时限 ${x['zh-CN']} → ${y['zh-CN']}`, `${step.en} time limit ${x.en} → ${y.en}`) });
      }
      if (ta.sla.warnAt !== tb.sla.warnAt) out.push({ kind: 'changed', pointer: `${p}/sla/warnAt`, text: L(`步骤 ${s} 预警点 ${ta.sla.warnAt ?? '—'} → ${tb.sla.warnAt ?? '—'}`, `${step.en} warning point ${ta.sla.warnAt ?? '—'} → ${tb.sla.warnAt ?? '—'}`) });
      if (!same(ta.sla.onBreach, tb.sla.onBreach)) out.push({ kind: 'changed', pointer: `${p}/sla/onBreach`, text: L(`步骤 ${s} 超时处理（升级/提醒）已修改`, `${step.en}: breach ladder changed`) });
      if (!same(ta.sla.pauseIn, tb.sla.pauseIn)) out.push({ kind: 'changed', pointer: `${p}/sla/pauseIn`, text: L(`步骤 ${s} 暂停计时的状态已修改`, `${step.en}: pause states changed`) });
    }
  }
  const fa = ta.fields ?? {}; const fb = tb.fields ?? {};
  for (const f of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    if (fa[f] === fb[f]) continue;
    const lab = fieldLabel(b, f);
    const [x, y] = [fa[f] ? accessWords[fa[f]!] : ['未设置', 'unset'], fb[f] ? accessWords[fb[f]!] : ['未设置', 'unset']];
    out.push({ kind: 'changed', pointer: `${p}/fields${toPointer(f)}`, text: L(`步骤 ${s} 中字段 ${lab['zh-CN']} ${x[0]} → ${y[0]}`, `Field ${lab.en} in ${step.en}: ${x[1]} → ${y[1]}`) });
  }
  for (const d of new Set([...Object.keys(ta.decisions ?? {}), ...Object.keys(tb.decisions ?? {})])) {
    const da = ta.decisions?.[d]; const db = tb.decisions?.[d];
    const name = titleOf(d, db ?? da);
    if (!da) out.push({ kind: 'added', pointer: `${p}/decisions${toPointer(d)}`, text: L(`步骤 ${s} 新增办理结果 ${name['zh-CN']}`, `${step.en}: decision ${name.en} added`) });
    else if (!db) out.push({ kind: 'removed', pointer: `${p}/decisions${toPointer(d)}`, text: L(`步骤 ${s} 的办理结果 ${name['zh-CN']} 已删除`, `${step.en}: decision ${name.en} removed`) });
    else {
      if (!same(da.requires ?? [], db.requires ?? [])) out.push({ kind: 'changed', pointer: `${p}/decisions${toPointer(d)}/requires`, text: L(`办理结果 ${name['zh-CN']} 须填 ${(da.requires ?? []).join('、') || '无'} → ${(db.requires ?? []).join('、') || '无'}`, `Decision ${name.en} requires ${(da.requires ?? []).join(', ') || 'nothing'} → ${(db.requires ?? []).join(', ') || 'nothing'}`) });
      if (da.to !== db.to) out.push({ kind: 'changed', pointer: `${p}/decisions${toPointer(d)}/to`, text: L(`办理结果 ${name['zh-CN']} 退回到 ${da.to ?? '—'} → ${db.to ?? '—'}`, `Decision ${name.en} goes back to ${da.to ?? '—'} → ${db.to ?? '—'}`) });
      const rest = (x: object) => { const { requires: _r, to: _t, ...o } = x as Record<string, unknown>; return o; };
      if (!same(rest(da), rest(db))) out.push({ kind: 'changed', pointer: `${p}/decisions${toPointer(d)}`, text: L(`办理结果 ${name['zh-CN']} 的设置已修改`, `Decision ${name.en} changed`) });
    }
  }
  if (!same(ta.allow ?? [], tb.allow ?? [])) out.push({ kind: 'changed', pointer: `${p}/allow`, text: L(`步骤 ${s} 允许的操作已修改`, `${step.en}: allowed operations changed`) });
  if (ta.form !== tb.form) out.push({ kind: 'changed', pointer: `${p}/form`, text: L(`步骤 ${s} 的表单 ${ta.form ?? '—'} → ${tb.form ?? '—'}`, `${step.en} form ${ta.form ?? '—'} → ${tb.form ?? '—'}`) });
  void a;
}

function transitionsOf(e: StateEntry, index: ReturnType<typeof indexStates>) {
  return index.transitions.filter((t) => t.from === e.id);
}

function diffStates(out: DiffItem[], a: Definition, b: Definition): void {
  const ia = indexStates(a); const ib = indexStates(b);
  for (const [id, eb] of ib.states) {
    const ea = ia.states.get(id);
    const name = titleOf(id, eb.spec);
    if (!ea) { out.push({ kind: 'added', pointer: eb.pointer, text: L(`步骤 ${name['zh-CN']} 已新增`, `Step ${name.en} added`) }); continue; }
    const old = titleOf(id, ea.spec);
    if (old['zh-CN'] !== name['zh-CN']) out.push({ kind: 'changed', pointer: `${eb.pointer}/title`, text: L(`步骤 ${old['zh-CN']} 改名为 ${name['zh-CN']}`, `Step ${old.en} renamed ${name.en}`) });
    if (ea.spec.task && eb.spec.task) diffTask(out, a, b, name, ea.spec.task, eb.spec.task, eb.pointer);
    else if (!ea.spec.task !== !eb.spec.task) out.push({ kind: 'changed', pointer: `${eb.pointer}/task`, text: eb.spec.task ? L(`步骤 ${name['zh-CN']} 改为人工办理`, `${name.en} is now a human step`) : L(`步骤 ${name['zh-CN']} 不再是人工办理`, `${name.en} is no longer a human step`) });
    if (ea.spec.outcome !== eb.spec.outcome) out.push({ kind: 'changed', pointer: `${eb.pointer}/outcome`, text: L(`结束状态 ${name['zh-CN']} 的结果 ${ea.spec.outcome ?? '—'} → ${eb.spec.outcome ?? '—'}`, `Outcome of ${name.en}: ${ea.spec.outcome ?? '—'} → ${eb.spec.outcome ?? '—'}`) });
    const key = (t: { event: string; index: number }) => `${t.event}#${t.index}`;
    const ta = new Map(transitionsOf(ea, ia).map((t) => [key(t), t])); const tb = new Map(transitionsOf(eb, ib).map((t) => [key(t), t]));
    const label = (id2?: string) => { if (!id2) return L('（原地）', '(stays)'); const e = ib.states.get(targetId(id2)) ?? ia.states.get(targetId(id2)); return titleOf(targetId(id2), e?.spec); };
    const evName = (ev: string, spec?: StateSpec) => { const d = spec?.task?.decisions?.[ev]; return d ? titleOf(ev, d) : L(ev === 'always' ? '自动' : ev === 'onDone' ? '完成后' : ev, ev); };
    for (const [k, t] of tb) {
      const o = ta.get(k);
      const ev = evName(t.event, eb.spec);
      if (!o) out.push({ kind: 'added', pointer: t.pointer, text: L(`${name['zh-CN']} 经「${ev['zh-CN']}」到 ${label(t.target)['zh-CN']}（新连线）`, `New transition ${name.en} —${ev.en}→ ${label(t.target).en}`) });
      else {
        if (o.target !== t.target) out.push({ kind: 'changed', pointer: `${t.pointer}/target`, text: L(`${name['zh-CN']} 的「${ev['zh-CN']}」去向 ${label(o.target)['zh-CN']} → ${label(t.target)['zh-CN']}`, `${name.en} on ${ev.en} goes to ${label(t.target).en} (was ${label(o.target).en})`) });
        if (!same(o.spec.guard, t.spec.guard)) out.push({ kind: 'changed', pointer: `${t.pointer}/guard`, text: L(`${name['zh-CN']} 的「${ev['zh-CN']}」条件已修改`, `Condition of ${ev.en} on ${name.en} changed`) });
        if (!same(o.spec.effects, t.spec.effects) || !same(o.spec.set, t.spec.set)) out.push({ kind: 'changed', pointer: t.pointer, text: L(`${name['zh-CN']} 的「${ev['zh-CN']}」动作（通知/调用/赋值）已修改`, `Effects of ${ev.en} on ${name.en} changed`) });
      }
    }
    for (const [k, t] of ta) if (!tb.has(k)) { const ev = evName(t.event, ea.spec); out.push({ kind: 'removed', pointer: t.pointer, text: L(`${name['zh-CN']} 经「${ev['zh-CN']}」到 ${label(t.target)['zh-CN']} 的连线已删除`, `Transition ${name.en} —${ev.en}→ ${label(t.target).en} removed`) }); }
    if (!same(ea.spec.entry, eb.spec.entry) || !same(ea.spec.exit, eb.spec.exit)) out.push({ kind: 'changed', pointer: eb.pointer, text: L(`步骤 ${name['zh-CN']} 进入/离开时的动作已修改`, `Entry/exit effects of ${name.en} changed`) });
  }
  for (const [id, ea] of ia.states) if (!ib.states.has(id)) { const n = titleOf(id, ea.spec); out.push({ kind: 'removed', pointer: ea.pointer, text: L(`步骤 ${n['zh-CN']} 已删除`, `Step ${n.en} removed`) }); }
}

function diffData(out: DiffItem[], a: Definition, b: Definition): void {
  type Props = Record<string, Record<string, unknown>>;
  const pa = ((a.data as { properties?: Props }).properties ?? {}); const pb = ((b.data as { properties?: Props }).properties ?? {});
  for (const f of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    const lab = fieldLabel(pb[f] ? b : a, f);
    const ptr = `/data/properties${toPointer(f)}`;
    if (!pa[f]) out.push({ kind: 'added', pointer: ptr, text: L(`字段 ${lab['zh-CN']} 已新增`, `Field ${lab.en} added`) });
    else if (!pb[f]) out.push({ kind: 'removed', pointer: ptr, text: L(`字段 ${lab['zh-CN']} 已删除`, `Field ${lab.en} removed`) });
    else {
      if (pa[f]['x-pii'] !== pb[f]['x-pii']) out.push({ kind: 'changed', pointer: `${ptr}/x-pii`, text: L(`字段 ${lab['zh-CN']} 的个人信息类别 ${String(pa[f]['x-pii'] ?? '—')} → ${String(pb[f]['x-pii'] ?? '—')}`, `Field ${lab.en} personal-data tag ${String(pa[f]['x-pii'] ?? '—')} → ${String(pb[f]['x-pii'] ?? '—')}`) });
      const { 'x-pii': _x, ...ra } = pa[f]; const { 'x-pii': _y, ...rb } = pb[f];
      if (!same(ra, rb)) out.push({ kind: 'changed', pointer: ptr, text: L(`字段 ${lab['zh-CN']} 的类型或校验规则已修改`, `Type or rules of field ${lab.en} changed`) });
    }
  }
}

function diffForms(out: DiffItem[], a: Definition, b: Definition): void {
  const fa = a.forms ?? {}; const fb = b.forms ?? {};
  for (const id of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    const x = fa[id]; const y = fb[id]; const name = titleOf(id, y ?? x); const ptr = `/forms${toPointer(id)}`;
    if (!x) { out.push({ kind: 'added', pointer: ptr, text: L(`表单 ${name['zh-CN']} 已新增`, `Form ${name.en} added`) }); continue; }
    if (!y) { out.push({ kind: 'removed', pointer: ptr, text: L(`表单 ${name['zh-CN']} 已删除`, `Form ${name.en} removed`) }); continue; }
    const ra = new Set(x.required ?? []); const rb = new Set(y.required ?? []);
    for (const f of rb) if (!ra.has(f)) out.push({ kind: 'changed', pointer: `${ptr}/required`, text: L(`字段 ${fieldLabel(b, f)['zh-CN']} 改为必填`, `Field ${fieldLabel(b, f).en} is now required`) });
    for (const f of ra) if (!rb.has(f)) out.push({ kind: 'changed', pointer: `${ptr}/required`, text: L(`字段 ${fieldLabel(b, f)['zh-CN']} 改为选填`, `Field ${fieldLabel(b, f).en} is now optional`) });
    for (const f of y.fields) if (!x.fields.includes(f)) out.push({ kind: 'added', pointer: `${ptr}/fields`, text: L(`表单 ${name['zh-CN']} 新增字段 ${fieldLabel(b, f)['zh-CN']}`, `Form ${name.en}: field ${fieldLabel(b, f).en} added`) });
    for (const f of x.fields) if (!y.fields.includes(f)) out.push({ kind: 'removed', pointer: `${ptr}/fields`, text: L(`表单 ${name['zh-CN']} 移除字段 ${fieldLabel(a, f)['zh-CN']}`, `Form ${name.en}: field ${fieldLabel(a, f).en} removed`) });
    const rest = (f: object) => { const { required: _r, fields: _f, ...o } = f as Record<string, unknown>; return o; };
    if (!same(rest(x), rest(y))) out.push({ kind: 'changed', pointer: ptr, text: L(`表单 ${name['zh-CN']} 的分步、显示条件或布局已修改`, `Form ${name.en}: steps, conditions or layout changed`) });
  }
}

function diffMaps(out: DiffItem[], a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined, base: string, zh: string, en: string): void {
  for (const k of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    const x = a?.[k]; const y = b?.[k];
    if (same(x, y)) continue;
    const kind = x === undefined ? 'added' : y === undefined ? 'removed' : 'changed';
    const verb = { added: ['已新增', 'added'], removed: ['已删除', 'removed'], changed: ['已修改', 'changed'] }[kind];
    out.push({ kind, pointer: `${base}${toPointer(k)}`, text: L(`${zh} ${k} ${verb[0]}`, `${en} ${k} ${verb[1]}`) });
  }
}

/** The differences from `a` (older) to `b` (newer), in reading order: item, data, forms, steps, templates. */
export function diffDefinitions(a: Definition, b: Definition): DiffItem[] {
  const out: DiffItem[] = [];
  if (!same(a.title, b.title)) out.push({ kind: 'changed', pointer: '/title', text: L(`事项名称 ${a.title['zh-CN']} → ${b.title['zh-CN']}`, `Title ${a.title.en} → ${b.title.en}`) });
  if (a.initial !== b.initial) out.push({ kind: 'changed', pointer: '/initial', text: L(`起始步骤 ${a.initial} → ${b.initial}`, `Initial step ${a.initial} → ${b.initial}`) });
  if (!same(a.intake, b.intake)) out.push({ kind: 'changed', pointer: '/intake', text: L(`发起表单或可发起角色已修改`, `Intake form or roles changed`) });
  diffMaps(out, a.roles, b.roles, '/roles', '角色', 'Role');
  diffData(out, a, b);
  diffForms(out, a, b);
  diffStates(out, a, b);
  diffMaps(out, a.templates, b.templates, '/templates', '消息模板', 'Template');
  diffMaps(out, a.clocks, b.clocks, '/clocks', '案件时限', 'Case clock');
  const covered = new Set(['id', 'version', 'title', 'initial', 'intake', 'roles', 'data', 'forms', 'states', 'templates', 'clocks', '$schema']);
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (covered.has(k)) continue;
    if (!same((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k])) out.push({ kind: 'changed', pointer: toPointer(k), text: L(`其他修改：${k}`, `Other change: ${k}`) });
  }
  return out;
}
