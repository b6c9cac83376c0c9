/**
 * Renders a notice for one recipient: the definition's Handlebars template in the recipient's
 * language (zh-CN default), over the case data as that recipient may see it (masked or hidden per
 * `x-pii` and their role and step), never over the full data. A template that fails to render gives
 * a plain fallback text that carries no data, so a notice is never lost for a bad template.
 */
import { renderTemplate, type Definition, type LocalizedText, type PiiKind } from '@tongban/engine';
import { viewData, type Viewer } from '../../pii/viewPolicy.ts';
import { builtInTemplates } from './builtInTemplates.ts';

/** The case facts a template may read besides its data. */
export interface NoticeCase { id: string; ref: string; state: string; orgPath: string; orgName: string }

/** The rendered text, and whether the template had to fall back. */
export interface RenderedNotice { text: string; fallback: boolean }

/** Renders `template` for `viewer` in `locale`. */
export function renderNotice(def: Definition, fields: Map<string, PiiKind>, template: string, vars: Record<string, unknown>, c: NoticeCase, viewer: Viewer, locale: 'zh-CN' | 'en'): RenderedNotice {
  const source: LocalizedText | undefined = def.templates?.[template] ?? builtInTemplates[template];
  const data = viewData(fields, (vars.data ?? {}) as Record<string, unknown>, viewer).data;
  // templates say "案件{{caseId}}": people read the case code (一案一码), not the internal uuid
  const context = { ...vars, caseId: c.ref, data, case: { id: c.id, ref: c.ref, state: c.state }, org: { name: c.orgName, path: c.orgPath } };
  const text = source?.[locale] ?? source?.['zh-CN'];
  if (text !== undefined) {
    const r = renderTemplate(text, context, locale);
    if (r.ok) return { text: r.text, fallback: false };
  }
  const title = def.title[locale] ?? def.title['zh-CN'];
  return { text: locale === 'en' ? `[${title}] Case ${c.ref} has an update.` : `【${title}】案件${c.ref}有新的动态，请登录查看。`, fallback: true };
}
