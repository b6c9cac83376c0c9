/** Task modes (单签/会签/或签/依次/票签) and approval chains (逐级审批) whose settings cannot work as written. */
import { OrgLevels, type DecisionKind, type TaskSpec } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { decisionKind } from '../definition/decisions.ts';
import { eachTask, handlesEvent, type LintContext } from './context.ts';

function kinds(task: TaskSpec): Array<[string, DecisionKind]> {
  return Object.entries(task.decisions).map(([name, d]) => [name, decisionKind(name, d)]);
}

function vote(c: LintContext, stateId: string, task: TaskSpec, path: string): Diagnostic[] {
  if (task.mode !== 'vote' || !task.vote) return [];
  const out: Diagnostic[] = [];
  const { threshold, strict } = task.vote;
  if (strict && threshold >= 1) out.push(diag('lint.vote-impossible', path + '/vote/threshold'));
  if (!strict && threshold <= 0) out.push(diag('lint.vote-trivial', path + '/vote/threshold'));
  // the result is reported as the first approve or reject decision; without one the vote cannot end cleanly
  const have = new Set(kinds(task).map(([, k]) => k));
  for (const kind of ['approve', 'reject'] as const) if (!have.has(kind)) out.push(diag('lint.vote-missing-kind', path + '/decisions', { kind }));
  return [...out, ...voteOptions(c, stateId, task, path)];
}

/** A vote between options: its field is an array in the data, its choices are approve decisions, pass and fail lead somewhere. */
function voteOptions(c: LintContext, stateId: string, task: TaskSpec, path: string): Diagnostic[] {
  const opts = task.vote?.options;
  if (!opts) return [];
  const out: Diagnostic[] = [];
  const at = path + '/vote/options';
  const props = (c.def.data.properties ?? {}) as Record<string, { type?: unknown; maxItems?: number } | undefined>;
  const field = props[opts.field.replace(/^data\./, '')];
  if (field?.type !== 'array') out.push(diag('lint.vote-options-field', at + '/field', { field: opts.field }));
  else if (field.maxItems === undefined || field.maxItems > opts.choices.length) out.push(diag('lint.vote-options-short', at + '/choices', { field: opts.field, choices: opts.choices.length }));
  opts.choices.forEach((name, i) => {
    if (decisionKind(name, task.decisions[name]) !== 'approve' || !task.decisions[name]) out.push(diag('lint.vote-choice-kind', `${at}/choices/${i}`, { decision: name }));
  });
  for (const key of ['pass', 'fail'] as const) {
    const d = task.decisions[opts[key]];
    // a reject or return decision with `to` jumps back; any other leaves by the step's transition of that name
    const jumps = d?.to !== undefined && ['reject', 'return'].includes(decisionKind(opts[key], d));
    if (!d || !(jumps || handlesEvent(c, stateId, opts[key]))) out.push(diag('lint.vote-options-outcome', `${at}/${key}`, { decision: opts[key] }));
  }
  return out;
}

/** Aggregating modes pass on an approve-kind outcome, which must lead somewhere. */
function approvePath(c: LintContext, stateId: string, task: TaskSpec, path: string): Diagnostic[] {
  const mode = task.mode ?? 'single';
  if (mode !== 'all' && mode !== 'any' && mode !== 'vote') return [];
  const ok = kinds(task).some(([name, k]) => k === 'approve' && handlesEvent(c, stateId, name));
  return ok ? [] : [diag('lint.mode-needs-approve', path + '/decisions', { mode })];
}

function ignoredOptions(task: TaskSpec, path: string): Diagnostic[] {
  const actual = task.mode ?? 'single';
  const options: Array<[keyof TaskSpec, string]> = [['passRatio', 'all'], ['firstRejectDecides', 'any'], ['vote', 'vote']];
  return options
    .filter(([option, mode]) => task[option] !== undefined && actual !== mode)
    .map(([option, mode]) => diag('lint.mode-option-ignored', path + '/' + option, { option, mode, actual }));
}

function chain(task: TaskSpec, path: string): Diagnostic[] {
  if (!('chain' in task.assignee)) return [];
  const { from, to } = task.assignee.chain;
  const out: Diagnostic[] = [];
  // OrgLevels runs county → grid; a chain climbs, so `from` must be at or below `to`
  if (OrgLevels.indexOf(from) < OrgLevels.indexOf(to)) out.push(diag('lint.chain-inverted', path + '/assignee/chain', { from, to }));
  const mode = task.mode ?? 'single';
  if (mode !== 'sequence') out.push(diag('lint.chain-mode', path + (task.mode ? '/mode' : '/assignee/chain'), { mode }));
  return out;
}

/** Vote thresholds, approve paths of aggregating modes, options the mode ignores, approval chains. */
export function checkModes(c: LintContext): Diagnostic[] {
  return eachTask(c).flatMap(({ state, task, path }) => [...vote(c, state.id, task, path), ...approvePath(c, state.id, task, path), ...ignoredOptions(task, path), ...chain(task, path)]);
}
