import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/testDbs.ts';
import { createTestRuntime, GRID1, tinyIncident, type TestRuntime } from '../testing/testRuntime.ts';

/** The tiny incident with a resident key and a per-resident count of its falls within 90 days. */
const fallIncident = {
  ...tinyIncident, id: 'fall-incident',
  data: { ...tinyIncident.data, properties: { ...tinyIncident.data.properties,
    residentId: { type: 'string', maxLength: 40, 'x-pii': 'none' },
    kind: { type: 'string', enum: ['fall', 'sos'], 'x-pii': 'none' },
    falls: { type: 'integer', 'x-pii': 'none', readOnly: true, 'x-count': { key: 'residentId', when: { '==': [{ var: 'data.kind' }, 'fall'] }, within: 'P90D' } } } },
  forms: { ...tinyIncident.forms, report: { ...tinyIncident.forms.report, fields: [...tinyIncident.forms.report.fields, 'residentId', 'kind'] } },
};

describe.each(testDialects)('per-resident counts across cases on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.rt.definitions.publishBody(fallIncident, 'u-admin');
  }, 120_000);
  afterAll(async () => t?.close());
  const open = async (data: Record<string, unknown>) => t.api('POST', '/api/cases', { token: await t.token('grid1'), body: { definitionId: 'fall-incident', orgPath: GRID1, data: { description: '老人跌倒', ...data } } });
  const falls = async (id: string) => (JSON.parse(((await t.db.knex('cases').where({ id }).first('snapshot')) as { snapshot: string }).snapshot) as { context: { data: { falls?: number } } }).context.data.falls;

  it('counts a resident’s falls over cases (this one included); other residents, other kinds and refused intakes do not count', async () => {
    expect(await falls((await open({ residentId: 'r-1', kind: 'fall' })).body.id)).toBe(1);
    expect(await falls((await open({ residentId: 'r-2', kind: 'fall' })).body.id)).toBe(1);
    expect(await falls((await open({ residentId: 'r-1', kind: 'sos' })).body.id)).toBeUndefined();
    expect((await open({ residentId: 'r-1', kind: 'fall', reporterPhone: 'not-a-phone' })).status).toBe(422);
    expect(await falls((await open({ residentId: 'r-1', kind: 'fall' })).body.id)).toBe(2);
    const third = (await open({ residentId: 'r-1', kind: 'fall' })).body.id as string;
    expect(await falls(third)).toBe(3);
    // the reporter cannot write the count; the store holds the keyed hash, never the resident key
    expect((await open({ residentId: 'r-1', kind: 'fall', falls: 0 })).status).toBe(422);
    const rows = (await t.db.knex('care_counts').select('key_hmac', 'counter')) as Array<{ key_hmac: string; counter: string }>;
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(rows)).not.toContain('r-1');
    expect(rows[0]!.counter).toBe('fall-incident.falls');
  });

  it('counts only within the period', async () => {
    await t.db.knex('care_counts').update({ at: Date.now() - 91 * 86_400_000 });
    expect(await falls((await open({ residentId: 'r-1', kind: 'fall' })).body.id)).toBe(1);
  });
});
