/**
 * The sample county's separate consents (examples/sample-county/consents.json) in the consent
 * registry, before the seed cases that name them: a referral's consentRef and an elder's door,
 * sensor and provider consents. Idempotent by id; recorded (and audited) as the seed.
 */
import { residents, sampleConsents } from '@tongban/examples';
import type { KnexConsentStore } from '../consents/KnexConsentStore.ts';

/** Records each sample consent once; returns report lines. */
export async function seedConsents(store: KnexConsentStore, now = Date.now()): Promise<string[]> {
  const lines: string[] = [];
  for (const c of sampleConsents) {
    if (await store.exists(c.id)) continue;
    const r = residents.find((x) => x.id === c.residentId);
    if (!r?.idNumber) { lines.push(`示例同意未载入 sample consent skipped: ${c.id} (resident ${c.residentId} has no ID number)`); continue; }
    await store.record({ id: c.id, subjectName: r.name, subjectIdNumber: r.idNumber, orgPath: c.orgPath, purpose: c.purpose, dataCategories: c.dataCategories, recipients: c.recipients, evidence: c.evidence, grantedAt: now },
      { id: 'system:seed', roles: [] }, now);
    lines.push(`示例同意 sample consent: ${c.id} ${c.purpose}`);
  }
  return lines;
}
