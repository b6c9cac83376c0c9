/**
 * The sample county's directory for tests, read from examples/sample-county (the runtime seeds the
 * same files). Read from disk, not imported: the designer's dependency direction does not include
 * examples/, and in the browser the directory always comes from the runtime's API.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DirectoryData } from '@tongban/engine';

const file = (name: string) => fileURLToPath(new URL(`../../../examples/sample-county/${name}`, import.meta.url));

/** Orgs and users (with role assignments) of 涪江县. */
export function sampleDirectory(): DirectoryData {
  const orgs = JSON.parse(readFileSync(file('orgs.json'), 'utf8')) as DirectoryData['orgs'];
  const users = JSON.parse(readFileSync(file('users.json'), 'utf8')) as Array<DirectoryData['users'][number]>;
  return { orgs: orgs.map((o) => ({ path: o.path, name: o.name })), users: users.map((u) => ({ id: u.id, name: u.name, roles: u.roles })) };
}
