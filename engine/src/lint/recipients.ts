/** Notice recipients: a field of user ids must hold user ids, a phone field must hold a phone number. */
import type { JsonSchema } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { eachEffect, type LintContext } from './context.ts';

/** The schema of a data field named by a dotted path (`reporter.phone`, an optional leading `data.`). */
export function fieldSchema(c: LintContext, path: string): JsonSchema | undefined {
  let cur: JsonSchema | undefined = c.def.data as JsonSchema;
  for (const seg of (path.startsWith('data.') ? path.slice(5) : path).split('.')) {
    // `contacts[].phone`: every element of a list (a notice to each emergency contact)
    const list = seg.endsWith('[]');
    const key = list ? seg.slice(0, -2) : seg;
    const props = cur?.properties as Record<string, JsonSchema> | undefined;
    cur = props && Object.hasOwn(props, key) ? props[key] : undefined;
    if (cur && list) cur = cur.items as JsonSchema | undefined;
    if (!cur) return undefined;
  }
  return cur;
}

const isPhone = (s: JsonSchema | undefined) => s?.['x-pii'] === 'phone' || s?.format === 'cn-mobile';

/** `to.field` naming a phone number (or other personal data) instead of user ids; `to.phoneField` naming no phone. */
export function checkRecipients(c: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { effect, path } of eachEffect(c)) {
    if (!('notify' in effect)) continue;
    const to = effect.notify.to;
    if (to.field && !to.role) {
      const s = fieldSchema(c, to.field);
      const kind = s?.['x-pii'];
      if (s && (isPhone(s) || (kind !== undefined && kind !== 'none'))) {
        out.push(diag('lint.notify-field-not-user', path + '/notify/to/field', { field: to.field, kind: { 'zh-CN': isPhone(s) ? '手机号码' : `个人信息（${String(kind)}）`, en: isPhone(s) ? 'phone number' : `personal data (${String(kind)})` } }));
      }
    }
    if (to.phoneField) {
      const s = fieldSchema(c, to.phoneField);
      if (!s) out.push(diag('lint.unknown-field', path + '/notify/to/phoneField', { field: to.phoneField }));
      else if (!isPhone(s)) out.push(diag('lint.phone-field-not-phone', path + '/notify/to/phoneField', { field: to.phoneField }));
    }
  }
  return out;
}
