/**
 * Counts per resident across cases (`x-count` data fields, e.g. an elder's falls): at intake the
 * runtime counts earlier cases of the same item for the same resident within the period that
 * matched the field's condition, and hands the total (this case included) to the engine as a
 * derived value, so a guard can open a care-plan review past the county's threshold. Rows hold
 * the keyed hash of the resident key, never the key.
 */
import type { Knex } from 'knex';
import { compileLogic, parseDuration, truthy, type CompiledLogic, type Definition } from '@tongban/engine';
import type { PiiCodec } from '../pii/createPiiCodec.ts';

interface CountSpec { field: string; key: string; when?: CompiledLogic; withinMs: number }

const cache = new WeakMap<object, CountSpec[]>();

function readPath(data: unknown, path: string): unknown {
  let cur = data;
  for (const k of path.replace(/^data\./, '').split('.')) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The `x-count` fields of a definition, compiled once per loaded definition. */
function specsOf(def: Definition): CountSpec[] {
  const hit = cache.get(def);
  if (hit) return hit;
  const specs: CountSpec[] = [];
  for (const [field, schema] of Object.entries((def.data.properties ?? {}) as Record<string, { 'x-count'?: { key: string; when?: unknown; within: string } }>)) {
    const x = schema['x-count'];
    if (!x) continue;
    const d = parseDuration(x.within);
    if (!d.ok) continue; // the schema and lint refuse such a definition before it is published
    const v = d.value;
    const days = v.years * 366 + v.months * 31 + v.weeks * 7 + v.days + v.hours / 24 + v.minutes / 1440 + v.seconds / 86_400;
    const when = x.when === undefined ? undefined : compileLogic(x.when, `/data/properties/${field}/x-count/when`);
    specs.push({ field, key: x.key, when: when?.ok ? when.logic : undefined, withinMs: days * 86_400_000 });
  }
  cache.set(def, specs);
  return specs;
}

/** What one intake counts: the derived values for the engine and the rows to record with the case. */
export interface ResidentCounts { derived: Record<string, number>; rows: Array<{ counter: string; key_hmac: string; at: number }> }

/** Counts and records per-resident totals for the `x-count` fields of a definition. */
export function createResidentCounts(knex: Knex, codec: PiiCodec) {
  return {
    /** Totals for a new case's data (earlier matching cases within the period, plus this one). */
    async count(def: Definition, data: Record<string, unknown>, now: number): Promise<ResidentCounts | undefined> {
      const specs = specsOf(def);
      if (!specs.length) return undefined;
      const out: ResidentCounts = { derived: {}, rows: [] };
      for (const s of specs) {
        const key = readPath(data, s.key);
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        if (s.when) {
          const r = s.when.evaluateSafe({ data });
          if (!r.ok || !truthy(r.value)) continue;
        }
        const counter = `${def.id}.${s.field}`;
        const keyHmac = codec.hmac(String(key));
        const row = (await knex('care_counts').where({ counter, key_hmac: keyHmac }).where('at', '>', now - s.withinMs).count({ n: '*' }).first()) as { n: number | string } | undefined;
        out.derived[s.field] = Number(row?.n ?? 0) + 1;
        out.rows.push({ counter, key_hmac: keyHmac, at: now });
      }
      return out.rows.length ? out : undefined;
    },
    /** Records the counted case in the command's transaction (so a refused intake counts nothing). */
    async record(trx: Knex.Transaction, caseId: string, counts: ResidentCounts | undefined): Promise<void> {
      if (counts?.rows.length) await trx('care_counts').insert(counts.rows.map((r) => ({ ...r, case_id: caseId })));
    },
  };
}

/** The per-resident counter service. */
export type ResidentCountService = ReturnType<typeof createResidentCounts>;
