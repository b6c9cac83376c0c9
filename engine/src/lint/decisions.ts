/** Human-step decisions and the events a state waits for: each must lead somewhere and have a sender. */
import { asList, initiatorTargets, isInitiatorStep } from '../compile/model.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { decisionKind } from '../definition/decisions.ts';
import { eachEffect, eachSla, eachTask, handlesEvent, type LintContext } from './context.ts';

/** Modes where an abstention never decides the step by itself (it is only counted). */
const AGGREGATE = new Set(['all', 'any', 'vote']);

function decisionProblems(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { state, task, path } of eachTask(c)) {
    for (const [name, d] of Object.entries(task.decisions)) {
      const kind = decisionKind(name, d);
      const at = path + pointer('decisions', name);
      // the runtime follows `to` for reject/return decisions only; any other kind leaves by its event
      const jumps = d.to !== undefined && (kind === 'reject' || kind === 'return');
      if (d.to !== undefined && !jumps) out.push(diag('lint.decision-to-ignored', at + '/to', { decision: name, kind }));
      if (jumps || handlesEvent(c, state.id, name)) continue;
      if (kind === 'abstain' && AGGREGATE.has(task.mode ?? 'single')) continue;
      // a ballot for an option is counted; the vote leaves by its pass or fail decision
      if (task.mode === 'vote' && task.vote?.options?.choices.includes(name)) continue;
      out.push(diag('lint.decision-goes-nowhere', at, { decision: name }));
    }
  }
  return out;
}

/** Events the system raises by itself: adapter results, wait timeouts, SLA auto-actions, sub-case joins. */
export function systemEvents(c: LintContext): Set<string> {
  const events = new Set<string>(['subcase.done']);
  for (const { effect } of eachEffect(c)) {
    if ('invoke' in effect) for (const e of [effect.invoke.onSuccess, effect.invoke.onFailure]) if (e) events.add(e);
  }
  for (const s of c.model.states.values()) if (s.spec.wait?.timeout) events.add(s.spec.wait.timeout.event);
  for (const { sla } of eachSla(c)) for (const rung of sla.onBreach ?? []) if (rung.auto) events.add(rung.auto);
  for (const sch of Object.values(c.def.schedules ?? {})) events.add(sch.event);
  return events;
}

function eventsWithoutSender(c: LintContext): Diagnostic[] {
  const system = systemEvents(c);
  const out: Diagnostic[] = [];
  for (const { state, task } of eachTask(c)) {
    for (const [event, value] of Object.entries(state.spec.on ?? {})) {
      if (Object.hasOwn(task.decisions, event) || system.has(event)) continue;
      if (asList(value).some((t) => (t.roles ?? []).length > 0)) continue;
      out.push(diag('lint.event-no-sender', state.path + pointer('on', event), { event }));
    }
  }
  return out;
}

function waitsNobodyEnds(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, sch] of Object.entries(c.def.schedules ?? {})) {
    if (![...c.model.states.values()].some((s) => Object.hasOwn(s.spec.on ?? {}, sch.event))) out.push(diag('lint.schedule-unhandled', pointer('schedules', name, 'event'), { event: sch.event }));
  }
  for (const s of c.model.states.values()) {
    const timeout = s.spec.wait?.timeout;
    if (timeout && !handlesEvent(c, s.id, timeout.event)) out.push(diag('lint.timeout-unhandled', s.path + '/wait/timeout/event', { event: timeout.event }));
    if (s.spec.subcase && !s.spec.subcase.onDone && !handlesEvent(c, s.id, 'subcase.done')) out.push(diag('lint.subcase-unhandled', s.path + '/subcase', { state: s.id }));
  }
  return out;
}

/** Decisions that go nowhere, `to` on decisions that ignore it, events with no sender, waits with no continuation, misnamed reject-backs. */
export function checkDecisions(c: LintContext): Diagnostic[] {
  return [...decisionProblems(c), ...eventsWithoutSender(c), ...waitsNobodyEnds(c), ...checkRejectTargets(c)];
}

/** Words that say a decision goes back to the person who started the case. */
const INITIATOR_WORDS = /initiator|applicant|reporter|发起人|申请人|申报人|上报人|报告人/i;

/**
 * Reject-backs whose target is not what they say: `to: initiator` that lands on a step someone else
 * holds (the item has no step assigned to the initiator), and decisions named for the initiator that
 * go to a step the initiator does not hold.
 */
export function checkRejectTargets(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const targets = initiatorTargets(c.model, c.def.initial);
  const own = targets.filter((s) => isInitiatorStep(c.model, s));
  for (const { task, path } of eachTask(c)) {
    for (const [name, d] of Object.entries(task.decisions)) {
      if (d.to === undefined) continue;
      const at = path + pointer('decisions', name, 'to');
      if (d.to === 'initiator') {
        if (own.length === 0) out.push(diag('lint.reject-not-to-initiator', at, { decision: name, target: targets.join('、') }));
      } else if ((INITIATOR_WORDS.test(name) || INITIATOR_WORDS.test(d.title['zh-CN']) || INITIATOR_WORDS.test(d.title.en)) && !(d.to !== 'previous' && isInitiatorStep(c.model, d.to))) {
        out.push(diag('lint.reject-not-to-initiator', at, { decision: name, target: d.to }));
      }
    }
  }
  return out;
}
