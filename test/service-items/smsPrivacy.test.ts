/**
 * Texts that leave the system by SMS never carry a condition (personal-data.md §5: "no diagnosis in
 * SMS"; service-items.md §6: the appointment SMS never names a diagnosis). A department name gives
 * the condition away (心内科), so it counts as one here.
 */
import { describe, expect, it } from 'vitest';
import { serviceItems } from '@tongban/definitions/service-items';

type Json = Record<string, unknown>;
/** Fields that reveal a condition though their personal-data kind is not `health`. */
const conditionRevealing = new Set(['targetDepartment', 'criteriaMatched', 'triageClass']);
const sensitiveKinds = new Set(['health', 'special-identity', 'biometric', 'id-number', 'private']);

/** Template ids a definition sends by SMS: notices on the sms channel and `sms-gateway.send` calls. */
function smsTemplates(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => smsTemplates(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    const notify = o.notify as Json | undefined;
    if (notify && notify.channel === 'sms' && typeof notify.template === 'string') out.add(notify.template);
    const invoke = o.invoke as Json | undefined;
    if (invoke && invoke.operation === 'sms-gateway.send' && typeof (invoke.input as Json | undefined)?.templateId === 'string') out.add((invoke.input as Json).templateId as string);
    Object.values(o).forEach((v) => smsTemplates(v, out));
  }
  return out;
}

describe.each(['elderly-call', 'referral'])('SMS texts of %s', (id) => {
  const def = serviceItems[id] as Json;
  const props = (def.data as Json).properties as Record<string, { 'x-pii'?: string }>;
  const templates = def.templates as Record<string, Record<string, string>>;
  it('name no condition, department or sensitive field', () => {
    const used = [...smsTemplates(def.states)];
    expect(used.length).toBeGreaterThan(0);
    for (const t of used) {
      for (const text of Object.values(templates[t] ?? {})) {
        const fields = [...text.matchAll(/data\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
        const bad = fields.filter((f) => conditionRevealing.has(f) || sensitiveKinds.has(props[f]?.['x-pii'] ?? 'none'));
        expect(bad, `${id} template ${t}: ${text}`).toEqual([]);
      }
    }
  });
  it('sends no health field to the SMS gateway as a parameter', () => {
    const calls: Json[] = [];
    const walk = (n: unknown) => { if (Array.isArray(n)) n.forEach(walk); else if (n && typeof n === 'object') { const o = n as Json; if ((o.invoke as Json | undefined)?.operation === 'sms-gateway.send') calls.push(o.invoke as Json); Object.values(o).forEach(walk); } };
    walk(def.states);
    for (const c of calls) {
      const refs = JSON.stringify(c.input).match(/data\.[A-Za-z0-9_]+/g) ?? [];
      const bad = refs.map((r) => r.slice(5)).filter((f) => f !== 'emergencyContacts' && f !== 'patient' && (conditionRevealing.has(f) || sensitiveKinds.has(props[f]?.['x-pii'] ?? 'none')));
      expect(bad).toEqual([]);
    }
  });
});
