/**
 * Finds and compiles every JSONLogic expression in a definition. The walk follows the format's
 * structure (transitions, effects, SLAs, forms, rules, schedules) and names each expression with
 * the same `ExprKeys` constructors the run code looks it up with.
 */
import type { Definition, EffectSpec, SlaSpec } from '../definition/types.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { compileLogic, logicOperators, type CompiledLogic } from '../expr/index.ts';
import { ExprKeys, type ExprKey } from './exprKeys.ts';
import { buildModel, type DefinitionModel } from './model.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
}

/** An object that is not one JSONLogic operation: a literal shape whose leaves are expressions. */
export function isInputShape(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length !== 1 || !logicOperators.includes(keys[0]!);
}

type Visit = (key: ExprKey, expr: unknown) => void;

/** Adapter and spawn inputs may nest (`{ to, params: { name: {var} } }`): every leaf is an expression. */
function visitInput(input: unknown, at: (keys: string[]) => ExprKey, visit: Visit, keys: string[] = []): void {
  if (!isPlainObject(input)) return;
  for (const [k, v] of Object.entries(input)) {
    if (isInputShape(v)) visitInput(v, at, visit, [...keys, k]);
    else visit(at([...keys, k]), v);
  }
}

function visitEffects(effects: EffectSpec[] | undefined, base: string, visit: Visit): void {
  (Array.isArray(effects) ? effects : []).forEach((e, i) => {
    const path = base + pointer(i);
    if (!isPlainObject(e)) return;
    if ('invoke' in e) visitInput(e.invoke?.input, (keys) => ExprKeys.effectInput(path, 'invoke', keys), visit);
    if ('invoke' in e && isPlainObject(e.invoke?.consent)) {
      visit(ExprKeys.invokeConsent(path, 'ref'), e.invoke.consent.ref);
      if (e.invoke.consent.subject !== undefined) visit(ExprKeys.invokeConsent(path, 'subject'), e.invoke.consent.subject);
    }
    if ('spawn' in e) visitInput(e.spawn?.input, (keys) => ExprKeys.effectInput(path, 'spawn', keys), visit);
    if ('award' in e && isPlainObject(e.award)) {
      visit(ExprKeys.award(path, 'rule'), e.award.rule);
      visit(ExprKeys.award(path, 'person'), e.award.person);
      visit(ExprKeys.award(path, 'activity'), e.award.activity);
      if (e.award.hours !== undefined) visit(ExprKeys.award(path, 'hours'), e.award.hours);
    }
  });
}

function visitSla(sla: SlaSpec | undefined, path: string, visit: Visit): void {
  if (!isPlainObject(sla)) return;
  if (sla.withinFrom !== undefined) visit(ExprKeys.withinFrom(path), sla.withinFrom);
  if (sla.clockFrom !== undefined) visit(ExprKeys.clockFrom(path), sla.clockFrom);
  if (sla.dueBy !== undefined) visit(ExprKeys.dueBy(path), sla.dueBy);
}

function visitRules(rules: unknown, base: string, visit: Visit): void {
  (Array.isArray(rules) ? rules : []).forEach((r, i) => {
    if (isPlainObject(r) && r.check !== undefined) visit(ExprKeys.rule(base + pointer(i)), r.check);
  });
}

function walk(def: Definition, model: DefinitionModel, visit: Visit): void {
  for (const t of model.transitions) {
    if (t.spec.guard !== undefined) visit(ExprKeys.guard(t), t.spec.guard);
    (Array.isArray(t.spec.refuse) ? t.spec.refuse : []).forEach((r, i) => { if (isPlainObject(r) && r.when !== undefined) visit(ExprKeys.refuse(t, i), r.when); });
    for (const [field, expr] of Object.entries(isPlainObject(t.spec.set) ? t.spec.set : {})) visit(ExprKeys.set(t, field), expr);
    if (isPlainObject(t.spec.extend) && t.spec.extend.by !== undefined) visit(ExprKeys.extendBy(t), t.spec.extend.by);
    visitEffects(t.spec.effects, t.path + '/effects', visit);
  }
  for (const s of model.states.values()) {
    visitEffects(s.spec.entry, s.path + '/entry', visit);
    visitEffects(s.spec.exit, s.path + '/exit', visit);
    for (const [field, expr] of Object.entries(isPlainObject(s.spec.subcase?.input) ? s.spec.subcase!.input : {})) visit(ExprKeys.subcaseInput(s.path, field), expr);
    visitSla(s.spec.task?.sla, s.path + '/task/sla', visit);
  }
  for (const [name, clock] of Object.entries(isPlainObject(def.clocks) ? def.clocks : {})) visitSla(clock, pointer('clocks', name), visit);
  for (const [id, form] of Object.entries(isPlainObject(def.forms) ? def.forms : {})) {
    for (const [field, expr] of Object.entries(isPlainObject(form?.visibleIf) ? form.visibleIf : {})) visit(ExprKeys.visibleIf(id, field), expr);
    visitRules(form?.rules, pointer('forms', id, 'rules'), visit);
  }
  visitRules(def.rules, pointer('rules'), visit);
  for (const [name, sch] of Object.entries(isPlainObject(def.schedules) ? def.schedules : {})) {
    if (isPlainObject(sch) && sch.anchor !== undefined) visit(ExprKeys.scheduleAnchor(name), sch.anchor);
    if (isPlainObject(sch) && sch.at !== undefined) visit(ExprKeys.scheduleAt(name), sch.at);
  }
}

/** Compiles all expressions; diagnostics carry the JSON path of the bad part. */
export function compileAllLogic(def: Definition, model: DefinitionModel = buildModel(def)): { logic: Map<ExprKey, CompiledLogic>; diagnostics: Diagnostic[] } {
  const logic = new Map<ExprKey, CompiledLogic>();
  const diagnostics: Diagnostic[] = [];
  walk(def, model, (key, expr) => {
    const r = compileLogic(expr, key);
    if (r.ok) logic.set(key, r.logic);
    else diagnostics.push(...r.diagnostics);
  });
  return { logic, diagnostics };
}
