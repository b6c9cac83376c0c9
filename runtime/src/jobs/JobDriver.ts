/**
 * The jobs interface. The database is the truth for timers (`timers` rows written by the command
 * path); a driver only decides *when* to look. The embedded driver polls the table; the BullMQ driver
 * keeps one delayed Redis job per timer as its wake-up. Both run the same `TimerRunner` (which claims
 * each row before firing it), so both pass one conformance suite (`testing/driverConformance.ts`).
 */

/** A source of "now" (ms since epoch); tests pass a fake one. */
export type Clock = () => number;

/** One timer row, by its key. */
export interface TimerRef { caseId: string; timerKey: string }

/** A timer armed by a command, with its due time. */
export interface ScheduledTimer extends TimerRef { dueAt: number }

/** A jobs driver: fires due timers through the command path. */
export interface JobDriver {
  /** reconciles (fires everything overdue, re-syncs wake-ups with the table), then keeps firing timers as they fall due */
  start(): Promise<void>;
  /** stops waking up; an in-flight tick (or job) finishes first */
  stop(): Promise<void>;
  /** fires every timer due at the clock's now; resolves to how many fired */
  tick(): Promise<number>;
  /**
   * What `start` does, on demand: fires everything overdue and re-syncs the wake-ups with the
   * `timers` table (after a clock change, or a Redis that lost its data). Resolves to how many fired.
   */
  reconcile(): Promise<number>;
  /** a hint that a command armed `timer`, so the driver wakes at its due time rather than at its next poll */
  schedule(timer: ScheduledTimer): void;
  /** a hint that a command cancelled `timer` (best effort: a wake-up that still comes finds the row cancelled) */
  cancel(timer: TimerRef): void;
  /** answers when the driver's broker (Redis) does; absent for drivers without one */
  ping?(): Promise<void>;
  /** jobs in the broker by state (waiting, delayed, active, …), for the queue-depth metric */
  depths?(): Promise<Record<string, number>>;
  /** the BullMQ queue, for the operator's board (`/admin/queues`) */
  queue?(): unknown;
}
