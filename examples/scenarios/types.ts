/** Scenario fixtures: an engine simulation script plus what must come out of it. */
import type { LocalizedText, SimScript } from '@tongban/engine';

/** An effect that must appear somewhere in the run (fields compared when given). */
export interface ExpectedEffect {
  kind: string;
  template?: string;
  operation?: string;
  action?: string;
  state?: string;
}

/** One scenario: a script, the final snapshot value, and expected effects, refusals and data. */
export interface Scenario {
  name: string;
  title: LocalizedText;
  script: SimScript;
  /** the final snapshot value (JSON-equal) */
  final: unknown;
  outcome?: string;
  effects?: ExpectedEffect[];
  /** steps the engine must refuse, by record label (`<user> <act>` or the event type) and diagnostic code (or a refusal rule's own code) */
  refused?: Array<{ label: string; code: string }>;
  /** a subset of the final case data */
  data?: Record<string, unknown>;
  flags?: string[];
}

/** All scenarios of one service item. */
export interface ScenarioFile {
  definition: string;
  scenarios: Scenario[];
}
