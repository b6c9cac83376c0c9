/** What every kind's import needs: the store, the caller and their scope, the codec. */
import type { Knex } from 'knex';
import type { AppAbility } from '../../authz/defineAbilities.ts';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';
import type { Actor } from '../residents/KnexResidentStore.ts';
import type { RoleAssignment } from '../../identity/KnexIdentityStore.ts';
import type { InitialPassword, ProblemList, SheetRecord } from './importReport.ts';

/**
 * The caller and the store. `assignments` are the caller's role assignments at their units: a sheet
 * of users grants roles only as the API lets this admin (inside their subtree, not above their rank).
 */
export interface ImportContext { knex: Knex; dialect: 'sqlite' | 'mysql'; codec: PiiCodec; ability: AppAbility; actor: Actor; assignments: RoleAssignment[]; orgPaths: Set<string> }

/**
 * A checked sheet, ready to write: counts, and the write itself (inside the caller's transaction).
 * A write that creates accounts answers their one-time initial passwords (shown once, never stored plain).
 */
export interface ImportPlan { created: number; updated: number; unchanged: number; write(trx: Knex.Transaction): Promise<void | InitialPassword[]>; orgPaths: string[] }

/** One kind of import: checks the records (adding problems) and plans the writes. */
export interface KindImporter { plan(records: SheetRecord[], problems: ProblemList, ctx: ImportContext): Promise<ImportPlan> }

/** Rows in chunks (SQLite allows 999 bound variables per statement on older builds; MySQL has packet limits). */
export async function insertChunks(trx: Knex.Transaction, table: string, rows: object[], size = 100): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
}
