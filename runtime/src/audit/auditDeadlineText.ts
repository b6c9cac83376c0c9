/**
 * A case's deadline and schedule entries in words (sla.warned, sla.breached, sla.escalated …,
 * schedule.fired, an automatic pass or reject): the time limit by its title from the case's
 * definition (处置时限, or the step it belongs to), instants in Beijing time, units by name.
 */
import type { Definition, TimerOwner } from '@tongban/engine';
import { stateTitle } from '../deadlines/caseDeadline.ts';
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

/** Deadline and schedule entries, by action. */
export const deadlineDescribers: Record<string, Describe> = {
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
  'task.auto-pass': (d, c) => autoDecided(d, c, true),
  'task.auto-reject': (d, c) => autoDecided(d, c, false),
};

/** A step no one could be found for, passed or rejected by the item's rule. */
function autoDecided(d: Detail, c: EntryTextContext, pass: boolean): Text {
  const s = typeof d.state === 'string' ? (c.def ? stateTitle(c.def, d.state) : both(d.state, d.state)) : both('', '');
  return both(`${s['zh-CN']}无可办理人，按规则自动${pass ? '通过' : '退回'}`, `${s.en}: no one to act, ${pass ? 'passed' : 'rejected'} by rule`);
}

/** Units these entries name (escalation targets, supervising units). */
export function deadlineRefs(action: string, d: Detail): string[] {
  if (action === 'sla.escalated' || action === 'sla.supervised') return [d.orgPath, d.cc].filter((x): x is string => typeof x === 'string');
  return [];
}
