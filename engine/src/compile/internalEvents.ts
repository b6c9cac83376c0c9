/**
 * The events the engine sends through XState, as typed values with constructors. A definition's
 * own events keep their names; a step's outcome, a reject-back jump and pure bookkeeping are
 * engine-made. `xstateType` is the one place that turns a value into XState's string event type
 * (the compiled machine listens on the same strings), so nothing ever parses a prefix.
 */

/** An event the engine sends into the machine. */
export type MachineEventRef =
  /** an event the definition names in `on` (a device alarm, a citizen reply, an adapter result, a timeout) */
  | { kind: 'event'; name: string }
  /** the outcome of a human step: scoped to its state, so a decision in one parallel region never moves another */
  | { kind: 'decision'; state: string; decision: string }
  /** a jump the definition does not draw as a transition: reject back, withdraw (撤回), resubmit to the rejecter */
  | { kind: 'goto'; state: string }
  /** a sub-case join reached, with the outcome that decides where the parent goes */
  | { kind: 'subcase'; state: string; outcome: string }
  /** only the case context changed (a vote counted, a task claimed): no transition */
  | { kind: 'bookkeeping' };

/** Constructors, so a typo in an engine event does not compile. */
export const MachineEvents = {
  event: (name: string): MachineEventRef => ({ kind: 'event', name }),
  decision: (state: string, decision: string): MachineEventRef => ({ kind: 'decision', state, decision }),
  goto: (state: string): MachineEventRef => ({ kind: 'goto', state }),
  subcase: (state: string, outcome: string): MachineEventRef => ({ kind: 'subcase', state, outcome }),
  bookkeeping: { kind: 'bookkeeping' } as MachineEventRef,
} as const;

/**
 * The XState event type of an engine event. Engine-made types start with `$` or `@`, which a
 * definition's event names cannot (the schema requires a lowercase letter first) and `step`
 * refuses from outside, so the two vocabularies cannot collide.
 */
export function xstateType(e: MachineEventRef): string {
  switch (e.kind) {
    case 'event': return e.name;
    case 'decision': return `@${e.state}.${e.decision}`;
    case 'goto': return `$goto.${e.state}`;
    case 'subcase': return `$subcase.${e.state}.${e.outcome}`;
    case 'bookkeeping': return '$ctx';
  }
}

/** A readable label for traces and audit (`task.approve`, `goto draft`): display only, never parsed. */
export function describeEvent(e: MachineEventRef): string {
  switch (e.kind) {
    case 'event': return e.name;
    case 'decision': return `${e.state}: ${e.decision}`;
    case 'goto': return `goto ${e.state}`;
    case 'subcase': return `subcase ${e.outcome}`;
    case 'bookkeeping': return 'bookkeeping';
  }
}
