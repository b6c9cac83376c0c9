/** Time limits (时限) and case clocks: something must happen on breach, ladders in time order, clocks that stop. */
import { parseDuration } from '../calendar/index.ts';
import type { Clock, SlaSpec } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { eachSla, subtree, type LintContext } from './context.ts';
import { leafGraph, reach } from './graph.ts';

/** A duration as [days, time ms]; undefined when the text does not parse. */
function parts(iso: string, clock: Clock): [number, number] | undefined {
  const r = parseDuration(iso);
  if (!r.ok) return undefined;
  const v = r.value;
  const days = v.years * 366 + v.months * 31 + v.weeks * (clock === 'working' ? 5 : 7) + v.days;
  return [days, ((v.hours * 60 + v.minutes) * 60 + v.seconds) * 1000];
}

const HOUR = 3_600_000;
/**
 * Day lengths to compare at. On the working clock a day is the county's office hours, which lint
 * does not know: an order is reported only if it holds for any working day of 6 to 10 hours.
 */
const DAY_LENGTHS: Record<Clock, number[]> = { natural: [24 * HOUR], urgent: [24 * HOUR], working: [6 * HOUR, 10 * HOUR] };

/** Rungs are timed independently, so order is for the reader: a rung certainly earlier than the one before is flagged. */
function ladderOrder(sla: SlaSpec, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rungs = sla.onBreach ?? [];
  for (let i = 1; i < rungs.length; i++) {
    const [prev, cur] = [rungs[i - 1]!.after ?? 'PT0S', rungs[i]!.after ?? 'PT0S'];
    const [a, b] = [parts(prev, sla.clock), parts(cur, sla.clock)];
    if (!a || !b) continue;
    const earlier = DAY_LENGTHS[sla.clock].every((day) => b[0] * day + b[1] < a[0] * day + a[1]);
    if (earlier) out.push(diag('lint.breach-ladder-order', path + pointer('onBreach', i, 'after'), { index: i + 1, after: cur, previous: prev }));
  }
  return out;
}

function breachPath(sla: SlaSpec, path: string): Diagnostic[] {
  return (sla.onBreach ?? []).length === 0 && sla.warnAt === undefined ? [diag('lint.sla-no-breach-path', path)] : [];
}

function autoDecisions(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { sla, path, task } of eachSla(c)) {
    if (!task) continue;
    (sla.onBreach ?? []).forEach((rung, i) => {
      if (rung.auto !== undefined && !Object.hasOwn(task.decisions, rung.auto)) out.push(diag('lint.auto-not-decision', path + pointer('onBreach', i, 'auto'), { auto: rung.auto }));
    });
  }
  return out;
}

function clocksThatNeverStop(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const graph = leafGraph(c);
  for (const [name, clock] of Object.entries(c.def.clocks ?? {})) {
    const starts = clock.startOn.flatMap((id) => subtree(c, id)).filter((id) => graph.has(id));
    const stops = new Set(clock.stopOn.flatMap((id) => subtree(c, id)));
    if (starts.length === 0 || stops.size === 0) continue; // unknown states: reported as unknown targets
    const reached = reach(graph, starts);
    if (![...stops].some((s) => reached.has(s))) out.push(diag('lint.clock-never-stops', pointer('clocks', name, 'stopOn'), { clock: name }));
  }
  return out;
}

/** SLAs with no breach path, ladders out of time order, auto-actions that are not decisions, clocks that never stop. */
export function checkSlas(c: LintContext): Diagnostic[] {
  const perSla = eachSla(c).flatMap(({ sla, path }) => [...breachPath(sla, path), ...ladderOrder(sla, path)]);
  return [...perSla, ...autoDecisions(c), ...checkAutoActions(c), ...clocksThatNeverStop(c)];
}

/** States that handle an event (events bubble up to ancestors). */
function handledAnywhere(c: LintContext, event: string): boolean {
  return [...c.model.states.values()].some((s) => Object.hasOwn(s.spec.on ?? {}, event));
}

/** Automatic actions the system cannot take: a clock's event nobody handles, a decision needing a person's input. */
export function checkAutoActions(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { sla, path, task } of eachSla(c)) {
    (sla.onBreach ?? []).forEach((rung, i) => {
      if (rung.auto === undefined) return;
      const at = path + pointer('onBreach', i, 'auto');
      if (!task) {
        if (!handledAnywhere(c, rung.auto)) out.push(diag('lint.auto-unhandled', at, { auto: rung.auto }));
        return;
      }
      const needs = (task.decisions[rung.auto]?.requires ?? []).filter((x) => !(x === 'comment' && rung.autoComment));
      if (needs.length) out.push(diag('lint.auto-needs-input', at, { auto: rung.auto, inputs: needs.join(', ') }));
    });
  }
  return out;
}
