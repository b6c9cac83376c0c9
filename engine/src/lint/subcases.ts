/**
 * Sub-cases and spawns: the child item must exist, what the parent sends must be what the child's
 * intake takes (no unknown fields, every required intake field), and the outcomes a parent routes
 * on (`subcase.onDone`) must be outcomes the child can end with.
 */
import { buildModel } from '../compile/model.ts';
import type { Definition, Logic } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { compileLogic, truthy } from '../expr/index.ts';
import { eachEffect, type LintContext } from './context.ts';

interface ChildRef { definition: string; input?: Record<string, Logic>; path: string; onDone?: string[] }

function childRefs(c: LintContext): ChildRef[] {
  const refs: ChildRef[] = eachEffect(c).flatMap(({ effect, path }) => ('spawn' in effect ? [{ definition: effect.spawn.definition, input: effect.spawn.input, path: path + '/spawn' }] : []));
  for (const s of c.model.states.values()) {
    if (s.spec.subcase) refs.push({ definition: s.spec.subcase.definition, input: s.spec.subcase.input, path: s.path + '/subcase', onDone: Object.keys(s.spec.subcase.onDone ?? {}) });
  }
  return refs;
}

/** The outcomes a child item can end with: its top-level final states' `outcome` (or id). */
export function outcomesOf(child: Definition): string[] {
  return [...buildModel(child).states.values()].filter((s) => s.kind === 'final' && !s.parent).map((s) => s.spec.outcome ?? s.id);
}

const isLiteral = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Whether a required intake field is shown for this input: its `visibleIf` evaluated over the
 * literal inputs (`track: "points"`). Undefined when it reads an input computed at run time.
 */
function shown(visibleIf: Logic | undefined, input: Record<string, Logic>): boolean | undefined {
  if (visibleIf === undefined) return true;
  const compiled = compileLogic(visibleIf, '');
  if (!compiled.ok) return undefined;
  const reads = compiled.logic.vars.map((v) => v.replace(/^data\./, '').split('.')[0]!);
  if (reads.some((k) => Object.hasOwn(input, k) && !isLiteral(input[k]))) return undefined;
  const data = Object.fromEntries(Object.entries(input).filter(([, v]) => isLiteral(v)));
  return truthy(compiled.logic.evaluate({ data }));
}

function inputProblems(ref: ChildRef, child: Definition): Diagnostic[] {
  const out: Diagnostic[] = [];
  const props = (child.data?.properties ?? {}) as Record<string, unknown>;
  const input = ref.input ?? {};
  for (const k of Object.keys(input)) if (!Object.hasOwn(props, k)) out.push(diag('lint.spawn-input-unknown-field', ref.path + pointer('input', k), { field: k, definition: child.id }));
  const intake = child.intake ? child.forms?.[child.intake.form] : undefined;
  for (const k of intake?.required ?? []) {
    if (Object.hasOwn(input, k) || shown(intake?.visibleIf?.[k], input) !== true) continue;
    out.push(diag('lint.spawn-input-missing', ref.path + '/input', { field: k, definition: child.id }));
  }
  return out;
}

function outcomeProblems(ref: ChildRef, child: Definition): Diagnostic[] {
  if (!ref.onDone?.length) return [];
  const known = outcomesOf(child);
  const out = ref.onDone.filter((o) => o !== '*' && !known.includes(o)).map((o) => diag('lint.subcase-unknown-outcome', ref.path + pointer('onDone', o), { outcome: o, definition: child.id, known: known.join(', ') }));
  const unhandled = known.filter((o) => !ref.onDone!.includes(o));
  if (!ref.onDone.includes('*') && unhandled.length) out.push(diag('lint.subcase-outcome-unhandled', ref.path + '/onDone', { outcomes: unhandled.join(', '), definition: child.id }));
  return out;
}

/** Unknown child items; spawn/sub-case inputs against the child's intake; `onDone` outcomes against the child's finals. */
export function checkSubcases(c: LintContext): Diagnostic[] {
  const bodies = new Map((c.opts.definitions ?? []).map((d) => [d.id, d]));
  bodies.set(c.def.id, c.def);
  const known = c.opts.knownDefinitions || c.opts.definitions ? new Set([...(c.opts.knownDefinitions ?? []), ...bodies.keys()]) : undefined;
  const out: Diagnostic[] = [];
  for (const ref of childRefs(c)) {
    // a definition may start cases of its own item even before it is first published
    if (known && !known.has(ref.definition)) { out.push(diag('lint.unknown-definition', ref.path + '/definition', { definition: ref.definition })); continue; }
    const child = bodies.get(ref.definition);
    if (child) out.push(...inputProblems(ref, child), ...outcomeProblems(ref, child));
  }
  return out;
}
