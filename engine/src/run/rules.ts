/**
 * Cross-field rules (跨字段校验): `forms.<id>.rules` and the definition's data `rules`, each a
 * JSONLogic `check` over the case data that must hold, with its own zh-CN/en message on the fields
 * it names. The server checks them on every write; a form UI calls `checkRules` with what the user
 * typed and shows the same messages before submitting. A rule whose fields are not all filled in
 * is not checked yet (being filled in is `required`'s business).
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import { expression } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import type { DataRule } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { truthy } from '../expr/index.ts';
import type { CaseContext } from './context.ts';
import { logicView, readPath, type ViewEvent } from './view.ts';

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function check(c: CompiledDefinition, rules: DataRule[] | undefined, base: string, ctx: Pick<CaseContext, 'data'>, p: ViewEvent | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const view = logicView(ctx as CaseContext, p);
  (rules ?? []).forEach((rule, i) => {
    if (rule.fields.some((f) => empty(readPath(ctx.data, f.replace(/^data\./, ''))))) return;
    if (truthy(expression(c, ExprKeys.rule(base + pointer(i))).evaluate(view))) return;
    const field = rule.fields[0]!.replace(/^data\./, '');
    out.push(diag('forms.rule', '/data' + pointer(...field.split('.')), { message: rule.message, fields: rule.fields, rule: base + pointer(i) }));
  });
  return out;
}

/**
 * The cross-field rules `data` breaks: the definition's data rules, plus the rules of `formId` when
 * given. Pure; for the server and for form UIs (pass the data as it would be saved).
 */
export function checkRules(c: CompiledDefinition, formId: string | undefined, data: Record<string, unknown>, p?: ViewEvent): Diagnostic[] {
  const ctx = { data } as Pick<CaseContext, 'data'>;
  const form = formId ? c.definition.forms?.[formId] : undefined;
  return [...check(c, c.definition.rules, '/rules', ctx, p), ...(form ? check(c, form.rules, pointer('forms', formId!, 'rules'), ctx, p) : [])];
}
