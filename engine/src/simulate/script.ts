/** The simulation script format: a case to start and a list of steps (acts, events, clock advances). */
export interface SimActor {
  userId: string;
  roles?: string[];
  orgPath?: string;
}

export type SimStep =
  /** a handler acts on an open task of `state` (or the task id); `by` is a user id */
  | { act: string; by: string; state?: string; task?: string; data?: Record<string, unknown>; comment?: string; signature?: string; attachments?: string[]; users?: string[]; position?: 'before' | 'after'; at?: string }
  /** a plain event (device alarm, citizen reply, role command) */
  | { event: string; by?: string; source?: 'user' | 'system' | 'device' | 'external'; data?: Record<string, unknown>; comment?: string; at?: string }
  /** the clock moves on; every timer due by then fires, in order */
  | { advance: string }
  /** an adapter answers the oldest open request of `operation` */
  | { adapter: string; ok: boolean; output?: Record<string, unknown>; at?: string }
  /** a sub-case completes with an outcome */
  | { subcase: string; outcome: string; at?: string }
  /** assert the current state (value, as JSON) */
  | { expect: unknown };

export interface SimScript {
  /**
   * `by` a user id; or no `by` and a `source` (device / external / system) for a case opened by a trigger.
   * `spawned`: the case is a sub-case another case's `spawn` opens (as `by`, the user whose act spawned it):
   * its intake is checked as the engine checks a spawn's input, not as a user's form.
   */
  case: { id?: string; orgPath: string; data?: Record<string, unknown>; by?: string; source?: 'device' | 'external' | 'system'; at: string; spawned?: boolean;
    /** values the runtime would derive for `x-count` fields (a resident's earlier falls) */
    derived?: Record<string, unknown> };
  steps: SimStep[];
}
