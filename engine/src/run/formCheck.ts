/**
 * Server-side form validation inside the engine: a task's form (and the intake form) is checked
 * against its JSON Schema with the county-office rules (ID checksum, mainland mobile, no future
 * dates for things that already happened, ...), skipping fields hidden by `visibleIf`. `now` is
 * the event time: the engine never reads the clock.
 */
import { expression, type CompiledDefinition } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { EventMeta } from './types.ts';
import { truthy } from '../expr/index.ts';
import { formSchemaOf, validateFormData } from '../forms/index.ts';
import type { CaseContext } from './context.ts';
import { logicView, type ViewEvent } from './view.ts';
import { checkRules } from './rules.ts';

const optional = new WeakMap<object, object>();

/** The same schema without `required` (a rejection or a draft may leave fields empty). */
function withoutRequired(schema: object): object {
  let s = optional.get(schema);
  if (!s) optional.set(schema, (s = { ...schema, required: [] }));
  return s;
}

/** The form's fields hidden for this data, by its `visibleIf` expressions (compiled at load). */
export function hiddenOf(c: CompiledDefinition, formId: string, ctx: CaseContext, p: ViewEvent | undefined): string[] {
  const form = c.definition.forms?.[formId];
  if (!form?.visibleIf) return [];
  const view = logicView(ctx, p);
  return Object.keys(form.visibleIf).filter((field) => !truthy(expression(c, ExprKeys.visibleIf(formId, field)).evaluate(view)));
}

/** Validates `data` (already merged into the case data) against a form; `complete` also checks required fields. */
export function checkForm(c: CompiledDefinition, formId: string, ctx: CaseContext, p: ViewEvent | undefined, complete: boolean, at: number): Diagnostic[] {
  const hidden = hiddenOf(c, formId, ctx, p);
  const { schema, diagnostics } = formSchemaOf(c.definition, formId, { hidden });
  if (diagnostics.length) return diagnostics;
  const errors = validateFormData(complete ? schema : withoutRequired(schema), ctx.data, { now: at });
  const shaped = errors.map(({ text: _text, ...d }) => ({ ...d, path: '/data' + d.path }));
  // cross-field rules run on data whose fields are each well-formed
  return shaped.length ? shaped : checkRules(c, formId, ctx.data, p);
}

/**
 * Checks case-creation data against the intake form: who may create, unknown fields, the form rules.
 * A case a parent case spawns (`spawned`) is opened by the system: no role is asked for, the form is.
 */
export function checkIntake(c: CompiledDefinition, data: Record<string, unknown>, meta: EventMeta, opts: { spawned?: boolean } = {}): Diagnostic[] {
  const intake = c.definition.intake;
  const props = (c.definition.data.properties ?? {}) as Record<string, unknown>;
  const out: Diagnostic[] = Object.keys(data).filter((k) => !Object.hasOwn(props, k)).map((k) => diag('run.unknown-field', '/data/' + k, { field: k }));
  if (!intake || out.length) return out;
  const fields = c.definition.forms?.[intake.form]?.fields ?? [];
  const foreign = meta.actor ? Object.keys(data).filter((k) => !fields.includes(k)) : [];
  if (foreign.length) return foreign.map((k) => diag('run.field-not-writable', '/data/' + k, { field: k }));
  // a device or an external system may open a case when the item declares the trigger it comes through
  const byTrigger = opts.spawned || (!meta.actor && meta.source !== undefined && meta.source !== 'user' && (c.definition.adapters?.triggers?.length ?? 0) > 0);
  if (!byTrigger && !intake.roles.some((r) => meta.actor?.roles.includes(r))) return [diag('run.role-not-allowed', '/meta/actor', { action: 'case.create' })];
  const ctx = { data, caseId: '', orgPath: meta.actor?.orgPath ?? '', initiator: { userId: meta.actor?.userId ?? 'system', orgPath: meta.actor?.orgPath ?? '' }, escalation: 0, flags: [] } as unknown as CaseContext;
  return checkForm(c, intake.form, ctx, { meta, actor: meta.actor, data }, true, meta.at);
}

const fieldSchemas = new WeakMap<object, Map<string, object>>();

/** Data sent with a plain event (a device reading, a citizen's reply) meets the same field rules as a form. */
export function checkEventData(c: CompiledDefinition, data: Record<string, unknown>, at: number): Diagnostic[] {
  const keys = Object.keys(data).sort();
  let byKeys = fieldSchemas.get(c.definition);
  if (!byKeys) fieldSchemas.set(c.definition, (byKeys = new Map()));
  let schema = byKeys.get(keys.join(','));
  if (!schema) {
    const props = (c.definition.data.properties ?? {}) as Record<string, object>;
    schema = { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, props[k] ?? {}])) };
    byKeys.set(keys.join(','), schema);
  }
  return validateFormData(schema, data, { now: at }).map(({ text: _text, ...d }) => ({ ...d, path: '/data' + d.path }));
}
