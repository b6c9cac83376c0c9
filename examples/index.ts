/**
 * The sample county 涪江县 (code 510722, fictional): org tree, users, residents, devices and seed
 * cases as typed data, plus `directoryData()` for the engine and the scenario harness: `runScenario`
 * drives a scripted case through the engine's `simulate`, `coverageGaps` says what no scenario reached.
 * Every demo user's password is `Tongban@2025` (see sample-county/README.md); never use it in production.
 */
import orgsJson from './sample-county/orgs.json' with { type: 'json' };
import usersJson from './sample-county/users.json' with { type: 'json' };
import residentsJson from './sample-county/residents.json' with { type: 'json' };
import devicesJson from './sample-county/devices.json' with { type: 'json' };
import seedCasesJson from './sample-county/seed-cases.json' with { type: 'json' };
import consentsJson from './sample-county/consents.json' with { type: 'json' };
import adaptersJson from './sample-county/adapters.json' with { type: 'json' };
import rewardsJson from './sample-county/rewards.json' with { type: 'json' };
import type { DirectoryData } from '@tongban/engine';
import type { SeedCase } from './seed.ts';

export type { SeedCase } from './seed.ts';
export type { Scenario, ScenarioFile, ExpectedEffect } from './scenarios/types.ts';
export { runScenario, sampleOptions, activeIds, type ScenarioRun } from './scenarios/runScenario.ts';
export { coverageGaps, type CoverageGaps } from './scenarios/coverage.ts';

/** An org unit: `unit` is a 站所 or county department (code = parent code + 9xx, a local convention). */
export interface Org { path: string; code: string; name: string; level: 'county' | 'township' | 'community' | 'grid' | 'unit' }
/** A demo user with role assignments at org units. */
export interface User { id: string; name: string; username: string; password: string; roles: Array<{ role: string; orgPath: string }>; residentId?: string }
/** A fictional resident (valid-checksum ID number, mainland mobile). */
export interface Resident {
  id: string; name: string; sex: 'male' | 'female'; idNumber: string; birthDate: string; phone: string; gridPath: string; address: string;
  elder?: boolean; livingStatus?: string[]; emergencyContacts?: Array<{ name: string; phone: string; relation: string }>; userId?: string;
}
/** A care device bound to a resident. */
export interface Device {
  id: string; type: string; gridPath: string; topic: string;
  /** the resident a care device serves; a grid sensor serves none and names its site instead */
  residentId?: string; site?: { lat: number; lng: number; datum: 'CGCS2000' | 'WGS84'; place?: string; buildingId?: string };
}

/** The documented demo password of every sample user. */
export const demoPassword = 'Tongban@2025';
export const orgs = orgsJson as Org[];
export const users = usersJson as User[];
export const residents = residentsJson as Resident[];
export const devices = devicesJson as Device[];
export const seedCases = seedCasesJson as unknown as SeedCase[];
/** A sample resident's separate consent (单独同意), loaded into the consent registry before the seed cases that name it. */
export interface SampleConsent { id: string; residentId: string; orgPath: string; purpose: 'sensor-monitoring' | 'share-provider' | 'share-hospital' | 'door-access'; dataCategories: string[]; recipients: string[]; evidence: string }
export const sampleConsents = consentsJson as SampleConsent[];
/** Rewards in the sample communities' and a township's points catalogues (积分兑换), so 积分管理 and 我的积分 show some. */
export interface SampleReward { orgPath: string; name: { 'zh-CN': string; en: string }; cost: number; stock: number | null }
export const sampleRewards = rewardsJson as SampleReward[];
/** The adapters the sample county runs (`npm start` loads them) and their local-safe settings. */
export const sampleAdapters = adaptersJson as { modules: string[]; settings: Record<string, { config: Record<string, unknown>; secrets?: Record<string, unknown> }> };

/** The org tree and role assignments in the engine's `DirectoryData` shape. */
export function directoryData(): DirectoryData {
  return {
    orgs: orgs.map((o) => ({ path: o.path, name: o.name })),
    users: users.map((u) => ({ id: u.id, name: u.name, roles: u.roles })),
  };
}
