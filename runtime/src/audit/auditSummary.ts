/**
 * An audited step in words, from its item's definition: the decision by its title and the states the
 * case left and entered by theirs (受理：受理 → 乡镇审核), so an auditor reads what happened without
 * the ids the entry was chained with. The entry itself stays as it was hashed.
 */
import type { Definition } from '@tongban/engine';
import { stateSpecAt, stateTitle } from '../deadlines/caseDeadline.ts';

type Text = { 'zh-CN': string; en: string };

/** The leaf state ids of an XState state value (`{ handling: { lead: 'signed' } }` → `handling.lead.signed`). */
export function stateLeaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => stateLeaves(v, `${prefix}${k}.`));
}

/** The summary of an entry's detail, or null when it records no step (no `from` and `to`). */
export function auditSummary(def: Definition, detail: Record<string, unknown>): Text | null {
  if (detail.from === undefined || detail.to === undefined) return null;
  const from = stateLeaves(detail.from);
  const to = stateLeaves(detail.to);
  const left = from.filter((x) => !to.includes(x));
  const entered = to.filter((x) => !from.includes(x));
  const decision = typeof detail.decision === 'string' ? from.map((s) => stateSpecAt(def, s)?.task?.decisions?.[detail.decision as string]?.title).find(Boolean) : undefined;
  const titles = (ids: string[], lang: 'zh-CN' | 'en') => ids.map((id) => stateTitle(def, id)[lang]).join(lang === 'en' ? ', ' : '、');
  const say = (lang: 'zh-CN' | 'en') => {
    const move = entered.length ? `${titles(left.length ? left : from, lang)} → ${titles(entered, lang)}` : `${titles(from, lang)}${lang === 'en' ? ' (state unchanged)' : '（状态不变）'}`;
    return decision ? `${decision[lang]}${lang === 'en' ? ': ' : '：'}${move}` : move;
  };
  return { 'zh-CN': say('zh-CN'), en: say('en') };
}
