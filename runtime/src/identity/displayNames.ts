/**
 * A user's name as a screen shows it to anyone who may read the record it sits on (a case page, the
 * audit log): a colleague's (any staff role, now or before) in full — it is how work is signed — and
 * anyone else's (a resident, volunteer or provider) masked like any name in case data (张*), since
 * it is personal data (shared/domain/personal-data.md §2).
 */
import type { Knex } from 'knex';
import { maskValue } from '@tongban/engine';
import { nonStaffRoles } from '../authz/defineAbilities.ts';

/** Names by user id; ids that name no user are left out. */
export async function displayNames(knex: Knex, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const [users, staff] = await Promise.all([
    knex('users').whereIn('id', ids).select('id', 'name') as Promise<Array<{ id: string; name: string }>>,
    knex('role_assignments').whereIn('user_id', ids).whereNotIn('role', nonStaffRoles).distinct('user_id').pluck('user_id') as Promise<string[]>,
  ]);
  const isStaff = new Set(staff);
  return new Map(users.map((u) => [u.id, isStaff.has(u.id) ? u.name : String(maskValue('name', u.name))]));
}
