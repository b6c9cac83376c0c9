/**
 * 多方案表决: a vote step between the options a data field lists. Each voter takes one of the
 * step's `choices` (the i-th votes for the i-th option); an option wins when its weight reaches the
 * threshold of the electorate (abstentions counted as the vote says) and the quorum is met; the vote
 * fails once no option can reach it. Only the tally per option is written to the case, never who
 * chose what (a secret ballot stays secret in the result).
 */
import type { TaskSpec, VoteOptions } from '../definition/types.ts';
import { decisionKind } from '../definition/decisions.ts';
import type { CaseContext, StepState } from './context.ts';

/** The tally of an option vote, as written to the result field. */
export interface VoteTally {
  options: Array<{ option: string; votes: number; weight: number }>;
  abstained: number;
  /** weight that has voted (abstentions included) */
  cast: number;
  /** the whole electorate's weight */
  electorate: number;
  quorumMet: boolean;
  /** the winning option's position (0-based) and text, or null */
  winner: number | null;
  winnerText: string | null;
  /** who took part (voted or abstained), sorted: never what they chose */
  voters: string[];
}

const fieldName = (path: string) => path.replace(/^data\./, '');

/** The options the case data lists for the vote (strings only). */
export function optionList(opts: VoteOptions, data: Record<string, unknown>): string[] {
  const v = data[fieldName(opts.field)];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The position of the option a choice votes for, or -1 when the decision is not a choice. */
export function choiceIndex(opts: VoteOptions, decision: string): number {
  return opts.choices.indexOf(decision);
}

/** Counts the step's ballots per option. */
export function tallyOptions(spec: TaskSpec, step: StepState, options: string[]): VoteTally & { total: number; decided: number } {
  const vote = spec.vote!;
  const opts = vote.options!;
  const rows = options.map((option) => ({ option, votes: 0, weight: 0 }));
  let total = 0;
  let decided = 0;
  let abstained = 0;
  let cast = 0;
  let electorate = 0;
  for (const user of step.order) {
    const w = step.weights[user] ?? 1;
    electorate += w;
    const d = step.decisions[user];
    if (d) cast += w;
    const k = d ? decisionKind(d, spec.decisions[d]) : undefined;
    if (k === 'abstain') {
      abstained += w;
      if ((vote.abstain ?? 'exclude') === 'exclude') continue;
    }
    total += w;
    if (d) decided += w;
    const i = d ? choiceIndex(opts, d) : -1;
    if (i >= 0 && rows[i]) { rows[i]!.votes += 1; rows[i]!.weight += w; }
  }
  const quorumMet = vote.quorum === undefined || (electorate > 0 && cast / electorate >= vote.quorum - 1e-9);
  const voters = step.order.filter((u) => step.decisions[u]).sort();
  return { options: rows, abstained, cast, electorate, quorumMet, winner: null, winnerText: null, voters, total, decided };
}

function passes(spec: TaskSpec, f: number, total: number): boolean {
  const vote = spec.vote!;
  return total > 0 && (vote.strict ? f / total > vote.threshold : f / total >= vote.threshold);
}

/** Writes the tally (without the internal sums) to the result field, when the vote names one. */
export function recordTally(ctx: CaseContext, opts: VoteOptions, t: VoteTally): void {
  if (!opts.result) return;
  const { options, abstained, cast, electorate, quorumMet, winner, winnerText, voters } = t;
  ctx.data = { ...ctx.data, [fieldName(opts.result)]: { options, abstained, cast, electorate, quorumMet, winner, winnerText, voters } };
}

/** Decides an option vote: `pass` when an option wins with the quorum met, `fail` once none can; else undefined. */
export function decideOptions(ctx: CaseContext, spec: TaskSpec, step: StepState): string | undefined {
  const opts = spec.vote!.options!;
  const options = optionList(opts, ctx.data);
  const t = tallyOptions(spec, step, options);
  const best = t.options.reduce((b, r, i) => (b < 0 || r.weight > t.options[b]!.weight ? i : b), -1);
  if (best >= 0 && passes(spec, t.options[best]!.weight, t.total) && t.quorumMet) {
    recordTally(ctx, opts, { ...t, winner: best, winnerText: options[best] ?? null });
    return opts.pass;
  }
  const open = t.total - t.decided;
  if (!t.options.some((r) => passes(spec, r.weight + open, t.total))) {
    recordTally(ctx, opts, t);
    return opts.fail;
  }
  return undefined;
}

/** The tally recorded when the deadline ends an option vote (no winner: it did not reach the threshold). */
export function closeOptions(ctx: CaseContext, spec: TaskSpec, step: StepState | undefined): void {
  const opts = spec.vote?.options;
  if (!opts || !step) return;
  recordTally(ctx, opts, tallyOptions(spec, step, optionList(opts, ctx.data)));
}
