/** The shape of a seed case: a simulation script (engine `SimScript`) for one service item. */
import type { LocalizedText, SimScript } from '@tongban/engine';

/** A seed case: which item, the script that drives it, and the state it must end in. */
export interface SeedCase {
  id: string;
  definition: string;
  title: LocalizedText;
  script: SimScript;
  /** the snapshot value after the script (JSON-equal) */
  state: unknown;
  /** steps the engine refuses on purpose (e.g. a third 退单) */
  refused?: Array<{ label: string; code: string }>;
}
