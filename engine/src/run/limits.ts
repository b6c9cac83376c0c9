/**
 * Bounds on one event and on one simulation, so no definition — however it loops — can make
 * `step` or `simulate` run forever or grow without end. Each bound, when hit, refuses the event
 * (or stops the simulation) with a coded diagnostic and changes nothing.
 */
export const runLimits = {
  /** state entries, exits and transitions one event may cause (a real step takes a few dozen) */
  maxHooksPerEvent: 2_000,
  /** effects one event may produce */
  maxEffectsPerEvent: 5_000,
  /** open tasks a case may hold at once (加签 with many users, a countersign of a whole county) */
  maxOpenTasks: 1_000,
  /** armed timers a case may hold at once */
  maxTimers: 2_000,
} as const;

export const simulateLimits = {
  /** events one simulation may send (timer firings included) */
  maxEvents: 10_000,
  /** effects one simulation may record */
  maxEffects: 200_000,
} as const;

/** Thrown inside a hook when an event exceeds a bound; `step` turns it into a refusal. */
export class RunLimitExceeded extends Error {
  constructor(readonly limit: keyof typeof runLimits, readonly value: number) {
    super(`run limit ${limit} exceeded (${value})`);
  }
}
