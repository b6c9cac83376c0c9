/** Message templates: every reference resolves, every text parses, and reads only what rendering provides. */
import { diag } from '../diagnostics/catalog.ts';
import { pointer, type Diagnostic } from '../diagnostics/Diagnostic.ts';
import { checkTemplate, templateVars } from '../template/index.ts';
import { eachEffect, eachSla, knownDataKeys, type LintContext } from './context.ts';

/** Templates the runtime ships (urge and copy notices, SLA warning, escalation notice). */
export const BUILT_IN_TEMPLATES: ReadonlySet<string> = new Set(['urge', 'copy', 'sla-warning', 'escalated']);

/** Roots of the render context the runtime provides for notifications. */
const VAR_ROOTS: ReadonlySet<string> = new Set(['case', 'data', 'org', 'task', 'sla']);
/** Single values the engine puts in a notice's vars (see run/ops.ts, run/sla.ts, run/prepare-system.ts). */
const VAR_NAMES: ReadonlySet<string> = new Set(['caseId', 'dueAt', 'escalation', 'by', 'taskId']);

function references(c: LintContext): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  for (const { effect, path } of eachEffect(c)) if ('notify' in effect) refs.push([effect.notify.template, path + '/notify/template']);
  for (const { sla, path } of eachSla(c)) {
    if (sla.warnTemplate !== undefined) refs.push([sla.warnTemplate, path + '/warnTemplate']);
    (sla.onBreach ?? []).forEach((rung, i) => {
      const at = path + pointer('onBreach', i);
      if (rung.remind) refs.push([rung.remind.template, at + '/remind/template']);
      if (rung.escalate?.template !== undefined) refs.push([rung.escalate.template, at + '/escalate/template']);
      if (rung.supervise) refs.push([rung.supervise.template, at + '/supervise/template']);
      if (rung.supervise?.cc?.template) refs.push([rung.supervise.cc.template, at + '/supervise/cc/template']);
    });
  }
  return refs;
}

function varProblem(known: Set<string>, v: string, path: string): Diagnostic | undefined {
  const [root, field] = v.split(/[.[]/);
  if (VAR_NAMES.has(v) || (root === 'data' && field === undefined)) return undefined;
  if (!VAR_ROOTS.has(root ?? '')) return diag('lint.template-unknown-var', path, { var: v });
  // data fields can be checked against the data schema; the other roots are the runtime's
  return root === 'data' && !known.has(field ?? '') ? diag('lint.template-unknown-var', path, { var: v }) : undefined;
}

function texts(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = knownDataKeys(c);
  for (const [id, text] of Object.entries(c.def.templates ?? {})) {
    for (const lang of ['zh-CN', 'en'] as const) {
      const source = text[lang];
      if (typeof source !== 'string') continue;
      const path = pointer('templates', id, lang);
      const problems = checkTemplate(source, path);
      out.push(...problems);
      if (problems.length === 0) for (const v of templateVars(source)) {
        const d = varProblem(known, v, path);
        if (d) out.push(d);
      }
    }
  }
  return out;
}

/** Unknown template ids (built-ins allowed), template syntax (`template.*` codes), reads of unknown vars. */
export function checkTemplates(c: LintContext): Diagnostic[] {
  const defined = c.def.templates ?? {};
  const unknown = references(c)
    .filter(([id]) => !Object.hasOwn(defined, id) && !BUILT_IN_TEMPLATES.has(id))
    .map(([template, path]) => diag('lint.unknown-template', path, { template }));
  return [...unknown, ...texts(c)];
}
