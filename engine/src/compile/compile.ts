/**
 * Compiles a definition (cached per id@version): its state model, its compiled expressions, the
 * jumps reject-back and withdraw may take, and the XState machine config as data. Running a case
 * is run/'s business: this module knows nothing of it. XState `after` is never used: durable time
 * is timer effects.
 */
import type { Definition } from '../definition/types.ts';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { hasErrors } from '../diagnostics/catalog.ts';
import type { CompiledLogic } from '../expr/index.ts';
import type { ExprKey } from './exprKeys.ts';
import { compileAllLogic } from './logic.ts';
import { machineConfig } from './machineConfig.ts';
import { buildModel, gotoTargets, initiatorSteps, initiatorTargets, type DefinitionModel, type TransitionInfo } from './model.ts';

export interface CompiledDefinition {
  key: string;
  definition: Definition;
  model: DefinitionModel;
  logic: Map<ExprKey, CompiledLogic>;
  /** per human state: the states a reject-back / withdraw / resubmit can jump to */
  gotoTargets: Map<string, string[]>;
  /** the human steps a case can meet first (the initiator's own first step, when the item has no correction step) */
  initiatorSteps: string[];
  /** where "to the initiator" leads: the steps assigned to the initiator, else `initiatorSteps` */
  initiatorTargets: string[];
  /** states named by a case clock or schedule (start, stop or pause) */
  clockStates: Set<string>;
  transitionsByPath: Map<string, TransitionInfo>;
  /** the XState machine config: data, with guards and actions referenced by name (see run/machine.ts) */
  machineConfig: Record<string, unknown>;
}

/** The compiled expression at `key`; a missing one is the engine's own bug (compile and run disagree), never the user's. */
export function expression(c: Pick<CompiledDefinition, 'logic' | 'key'>, key: ExprKey): CompiledLogic {
  const logic = c.logic.get(key);
  if (!logic) throw new EngineError('internal.missing-expression', `no compiled expression at ${key} in ${c.key}`);
  return logic;
}

const cache = new Map<string, CompiledDefinition>();

/** Compiles (or returns the cached) definition; invalid expressions throw EngineError. */
export function compile(def: Definition, opts: { cache?: boolean } = {}): CompiledDefinition {
  const key = `${def.id}@${def.version}`;
  const hit = opts.cache === false ? undefined : cache.get(key);
  // published versions are immutable, but a draft may be edited under the same id@version
  if (hit && (hit.definition === def || JSON.stringify(hit.definition) === JSON.stringify(def))) return hit;
  const model = buildModel(def);
  const { logic, diagnostics } = compileAllLogic(def, model);
  if (hasErrors(diagnostics)) throw new EngineError('definition.invalid-expression', 'definition has invalid expressions', diagnostics);
  const clockStates = new Set([...Object.values(def.clocks ?? {}), ...Object.values(def.schedules ?? {})].flatMap((k) => [...k.startOn, ...k.stopOn, ...(('pauseIn' in k ? k.pauseIn : undefined) ?? [])]));
  const transitionsByPath = new Map(model.transitions.map((t) => [t.path, t]));
  const targets = gotoTargets(def, model);
  const c: CompiledDefinition = {
    key, definition: def, model, logic, gotoTargets: targets, initiatorSteps: initiatorSteps(model, def.initial), initiatorTargets: initiatorTargets(model, def.initial), clockStates, transitionsByPath,
    machineConfig: machineConfig({ key, initial: def.initial, model, gotoTargets: targets, clockStates }),
  };
  if (opts.cache !== false) cache.set(key, c);
  return c;
}
