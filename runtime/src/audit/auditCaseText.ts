/**
 * A case's entries that are not a move between states, in words: its creation (the state it entered),
 * deadlines and schedules (sla.warned, sla.breached, sla.escalated …, schedule.fired), and the
 * decisions the system took (a step decided on time-out, an automatic pass or reject). The time limit
 * by its title from the case's definition (处置时限, or the step it belongs to), instants in Beijing
 * time, units by name.
 */
import type { Definition, TimerOwner } from '@tongban/engine';
import { stateTitle } from '../deadlines/caseDeadline.ts';
import { stateLeaves } from './auditSummary.ts';
import type { EntryTextContext } from './auditEntryText.ts';

type Text = { 'zh-CN': string; en: string };
type Detail = Record<string, unknown>;

const both = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
/** Beijing local time (UTC+8, no daylight saving) of an instant, to the minute. */
const when = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
const titled = (v: unknown, fallback: string): Text => {
  const t = (v as { title?: Partial<Text> } | undefined)?.title;
  return t?.['zh-CN'] ? { 'zh-CN': t['zh-CN'], en: t.en ?? t['zh-CN'] } : both(fallback, fallback);
};

/** A clock by its title (`clocks.<name>.title`), or its name. */
function clockTitle(def: Definition | undefined, name: string): Text {
  return titled((def as { clocks?: Record<string, unknown> } | undefined)?.clocks?.[name], name);
}

/** Whose time limit a timer was: a case clock by its title, a step's by the step's. */
function ownerTitle(def: Definition | undefined, owner: unknown): Text {
  const o = (owner ?? {}) as Partial<TimerOwner> & Record<string, unknown>;
  if (o.kind === 'clock' && typeof o.clock === 'string') return clockTitle(def, o.clock);
  if (o.kind === 'schedule' && typeof o.schedule === 'string') return titled((def as { schedules?: Record<string, unknown> } | undefined)?.schedules?.[o.schedule], o.schedule);
  if (typeof o.state === 'string') {
    const s = def ? stateTitle(def, o.state) : both(o.state, o.state);
    return both(`${s['zh-CN']}时限`, `time limit of ${s.en}`);
  }
  return both('时限', 'time limit');
}

type Describe = (d: Detail, c: EntryTextContext) => Text | null;

const unitName = (c: EntryTextContext, path: unknown) => (typeof path === 'string' ? c.unit(path) ?? path : '');

/** A case's entries, by action. */
export const caseDescribers: Record<string, Describe> = {
  'sla.warned': (d, c) => { const o = ownerTitle(c.def, d.owner); return both(`${o['zh-CN']}即将到期，已提醒办理人`, `${o.en} nearly due: handlers reminded`); },
  'sla.breached': (d, c) => { const o = ownerTitle(c.def, d.owner); return both(`${o['zh-CN']}已超时（期限 ${when(d.dueAt)}）`, `${o.en} overdue (due ${when(d.dueAt)})`); },
  'sla.escalated': (d, c) => {
    const o = ownerTitle(c.def, d.owner);
    const n = typeof d.levels === 'number' ? d.levels : 1;
    return both(`${o['zh-CN']}超时，上提 ${n} 级至 ${unitName(c, d.orgPath)}`, `${o.en} overdue: raised ${n} level(s) to ${unitName(c, d.orgPath)}`);
  },
  'sla.supervised': (d, c) => {
    const o = ownerTitle(c.def, d.owner);
    const cc = typeof d.cc === 'string' ? unitName(c, d.cc) : '';
    return both(`${o['zh-CN']}超时，${unitName(c, d.orgPath)}督办${cc ? `，抄送 ${cc}` : ''}`, `${o.en} overdue: supervised by ${unitName(c, d.orgPath)}${cc ? `, copy to ${cc}` : ''}`);
  },
  'sla.flagged': (d, c) => { const o = ownerTitle(c.def, d.owner); const f = typeof d.flag === 'string' ? d.flag : ''; return both(`${o['zh-CN']}超时，${f}`, `${o.en} overdue: ${f}`); },
  'sla.paused': (d, c) => { const t = clockTitle(c.def, String(d.clock ?? '')); return both(`${t['zh-CN']}暂停计时`, `${t.en} paused`); },
  'sla.resumed': (d, c) => { const t = clockTitle(c.def, String(d.clock ?? '')); return both(`${t['zh-CN']}恢复计时，期限 ${when(d.dueAt)}`, `${t.en} resumed, due ${when(d.dueAt)}`); },
  'sla.extended': (d, c) => { const t = clockTitle(c.def, String(d.clock ?? '')); return both(`${t['zh-CN']}延期至 ${when(d.dueAt)}`, `${t.en} extended to ${when(d.dueAt)}`); },
  'schedule.fired': (d, c) => {
    const t = ownerTitle(c.def, { kind: 'schedule', schedule: d.schedule });
    const k = typeof d.occurrence === 'number' ? d.occurrence : undefined; // 1 for the first
    return both(`${t['zh-CN']}${k ? `（第 ${k} 次）` : ''}`, `${t.en}${k ? ` (#${k})` : ''}`);
  },
  'schedule.stopped': (d, c) => { const t = ownerTitle(c.def, { kind: 'schedule', schedule: d.schedule }); return both(`${t['zh-CN']}已停止`, `${t.en} stopped`); },
  'case.created': (d, c) => {
    const entered = stateLeaves(d.to).map((s) => (c.def ? stateTitle(c.def, s) : both(s, s)));
    return entered.length ? both(`新建，进入 ${entered.map((t) => t['zh-CN']).join('、')}`, `Created, entering ${entered.map((t) => t.en).join(', ')}`) : null;
  },
  'task.auto-decided': (d, c) => {
    const decision = typeof d.decision === 'string' ? d.decision : '';
    const title = decisionTitle(c.def, decision) ?? both(decision, decision);
    const note = (d.comment ?? undefined) as Partial<Text> | undefined;
    return both(`到时自动办理：${title['zh-CN']}${note?.['zh-CN'] ? `（${note['zh-CN']}）` : ''}`, `Decided on time-out: ${title.en}${note?.en ? ` (${note.en})` : ''}`);
  },
  'task.auto-pass': (d, c) => autoDecided(d, c, true),
  'task.auto-reject': (d, c) => autoDecided(d, c, false),
};

/** A step no one could be found for, passed or rejected by the item's rule. */
function autoDecided(d: Detail, c: EntryTextContext, pass: boolean): Text {
  const s = typeof d.state === 'string' ? (c.def ? stateTitle(c.def, d.state) : both(d.state, d.state)) : both('', '');
  return both(`${s['zh-CN']}无可办理人，按规则自动${pass ? '通过' : '退回'}`, `${s.en}: no one to act, ${pass ? 'passed' : 'rejected'} by rule`);
}

/** A decision's title: the first step of the item (nested ones too) that offers a decision of that name. */
function decisionTitle(def: Definition | undefined, decision: string): Text | undefined {
  type Node = { task?: { decisions?: Record<string, { title?: Text }> }; states?: Record<string, Node> };
  const visit = (states: Record<string, Node> | undefined): Text | undefined => {
    for (const s of Object.values(states ?? {})) {
      const t = s.task?.decisions?.[decision]?.title ?? visit(s.states);
      if (t) return t;
    }
    return undefined;
  };
  return visit((def as { states?: Record<string, Node> } | undefined)?.states);
}

/** Units these entries name (escalation targets, supervising units). */
export function caseRefs(action: string, d: Detail): string[] {
  if (action === 'sla.escalated' || action === 'sla.supervised') return [d.orgPath, d.cc].filter((x): x is string => typeof x === 'string');
  return [];
}
