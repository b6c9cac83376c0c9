/**
 * Everything `tongban seed` and `npm start` load: the county, the service items, then the sample
 * seed cases through the runtime's command path (idempotent at every part).
 */
import { seedCases } from '@tongban/examples';
import type { Runtime } from '../createRuntime.ts';
import { loadSampleCounty } from './loadSampleCounty.ts';
import { loadSeedCases } from './seedCases.ts';
import { seedAdapterSettings } from './seedAdapters.ts';
import { seedRegistry } from '../registry/seedRegistry.ts';
import { seedConsents } from './seedConsents.ts';
import { seedRewards } from './seedRewards.ts';
import { seedingCommands, seedingTimers } from './seedingCommands.ts';

/** Seeds the runtime's store; returns the report lines. */
export async function seedRuntime(rt: Runtime, opts: { cases?: boolean } = {}): Promise<string[]> {
  const county = await loadSampleCounty(rt.db.knex, rt.definitions);
  // the registry before the adapters: their device bindings are read from it
  const lines = [...county, await seedRegistry(rt.db.knex, rt.codec), ...(await seedAdapterSettings(rt))];
  // New users and org units: the engine's directory must see them before the cases are assigned.
  rt.runOptions.invalidate();
  // Seed cases name sample-county users; on the tiny fallback county they cannot run.
  if (opts.cases === false || !lines[0]?.includes('sample-county')) return lines;
  const { db, identity, runOptions, definitions } = rt;
  // seeded history: its adapter calls are settled as `seeded`, never sent (seedingCommands.ts)
  const commands = seedingCommands(rt.commands);
  const timers = seedingTimers(db.knex, rt.commands, rt.logger);
  // consents first: seed cases name them (a referral's consentRef, an elder's door access)
  const consentLines = [...(await seedConsents(rt.consents)), ...(await seedRewards(rt.db))];
  return [...lines, ...consentLines, ...(await loadSeedCases({ knex: db.knex, commands, identity, runOptions, timers, definitions }, seedCases))];
}
