/**
 * The jobs interface. The database is the truth for timers (`timers` rows written by the command
 * path); a driver only decides *when* to look. The embedded driver polls; a BullMQ driver would add
 * Redis wake-ups. Both run the same `TimerRunner`, so both pass one conformance suite.
 */

/** A source of "now" (ms since epoch); tests pass a fake one. */
export type Clock = () => number;

/** A jobs driver: fires due timers through the command path. */
export interface JobDriver {
  /** reconciles (fires everything overdue), then keeps firing timers as they fall due */
  start(): Promise<void>;
  /** stops waking up; an in-flight tick finishes first */
  stop(): Promise<void>;
  /** fires every timer due at the clock's now; resolves to how many fired */
  tick(): Promise<number>;
  /** a hint that a timer falls due at `wakeAt`, so the driver wakes then rather than at its next poll */
  schedule(wakeAt: number): void;
}
