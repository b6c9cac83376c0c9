/** What preparing an event yields: the engine event to send through XState, on a working copy of the context. */
import type { MachineEventRef } from '../compile/internalEvents.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { CaseContext } from './context.ts';
import type { Effect } from './types.ts';

export type Prepared =
  | {
      ok: true;
      event: MachineEventRef;
      ctx: CaseContext;
      effects: Effect[];
      /** task ids this event completes (leaving their state does not cancel them) */
      done: string[];
      /** facts for the event's one audit record (who was transferred to, which request answered, ...) */
      audit?: Record<string, unknown>;
      /**
       * True when the event carries an action the system takes by itself (a breach auto-action, a
       * wait timeout): if XState does not take it (no state handles it, a guard says no), `step`
       * prepares the event again without it — the rest of the breach handling still counts — and warns.
       */
      automatic?: boolean;
      /** warnings about an accepted event (an automatic action that could not be taken, ...) */
      warnings?: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/** A refusal with one diagnostic. */
export const refused = (d: Diagnostic): Prepared => ({ ok: false, diagnostics: [d] });
