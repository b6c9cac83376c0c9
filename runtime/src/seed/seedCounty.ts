/** Loads a county's org tree and users into the store (idempotent: re-seeding replaces). */
import type { Knex } from 'knex';
import { hashPassword } from '../identity/passwords.ts';
import { KnexIdentityStore } from '../identity/KnexIdentityStore.ts';
import { normaliseCounty, type CountyData } from './countyData.ts';

/** Seeds orgs and users; returns how many of each were written. */
export async function seedCounty(knex: Knex, data: CountyData): Promise<{ orgs: number; users: number }> {
  const county = normaliseCounty(data);
  const store = new KnexIdentityStore(knex);
  await store.upsertOrgs(county.orgs);
  // Demo users share a password; hashing once per distinct password keeps seeding fast.
  const hashes = new Map<string, Promise<string>>();
  for (const u of county.users) {
    if (!hashes.has(u.password)) hashes.set(u.password, hashPassword(u.password));
    const passwordHash = await hashes.get(u.password)!;
    await store.upsertUser({ ...u, passwordHash });
  }
  return { orgs: county.orgs.length, users: county.users.length };
}
