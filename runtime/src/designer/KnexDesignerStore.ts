/**
 * Drafts being edited in the designer and the scenarios saved with a definition. A save names the
 * revision it was based on; a conditional update (or a first insert racing on the primary key)
 * makes exactly one of two concurrent saves win, and the other gets `designer.draft-conflict` with
 * who saved and when — never a silent overwrite.
 */
import type { Knex } from 'knex';
import { ConflictError } from '../errors/DomainError.ts';

export interface DraftRecord { id: string; revision: number; definition: Record<string, unknown>; updatedBy: string; updatedByName: string; updatedAt: number }
export interface ScenarioRecord { name: string; script: unknown; expect: { state: unknown; status: string }; savedBy?: string; savedAt?: number }

interface DraftRow { id: string; revision: number | string; body: string; updated_by: string; updated_at: number | string }

export class KnexDesignerStore {
  constructor(private readonly knex: Knex) {}

  private async userName(id: string): Promise<string> {
    const u = (await this.knex('users').where({ id }).first('name')) as { name?: string } | undefined;
    return u?.name ?? id;
  }

  private async record(row: DraftRow): Promise<DraftRecord> {
    return { id: row.id, revision: Number(row.revision), definition: JSON.parse(row.body) as Record<string, unknown>, updatedBy: row.updated_by, updatedByName: await this.userName(row.updated_by), updatedAt: Number(row.updated_at) };
  }

  async getDraft(id: string): Promise<DraftRecord | undefined> {
    const row = (await this.knex('designer_drafts').where({ id }).first()) as DraftRow | undefined;
    return row ? this.record(row) : undefined;
  }

  /** Saves when `baseRevision` is the current revision (0: there is no draft yet); else throws the conflict. */
  async saveDraft(id: string, definition: object, baseRevision: number, userId: string, now = Date.now()): Promise<{ revision: number; updatedAt: number }> {
    const body = JSON.stringify(definition);
    const revision = baseRevision + 1;
    let won: boolean;
    if (baseRevision === 0) {
      try {
        await this.knex('designer_drafts').insert({ id, revision, body, updated_by: userId, updated_at: now });
        won = true;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        won = false;
      }
    } else {
      won = (await this.knex('designer_drafts').where({ id, revision: baseRevision }).update({ revision, body, updated_by: userId, updated_at: now })) === 1;
    }
    if (!won) await this.conflict(id);
    return { revision, updatedAt: now };
  }

  private async conflict(id: string): Promise<never> {
    const current = await this.getDraft(id);
    throw new ConflictError('designer.draft-conflict', current
      ? { revision: current.revision, updatedBy: current.updatedBy, updatedByName: current.updatedByName, updatedAt: current.updatedAt }
      : { revision: 0, updatedBy: '', updatedByName: '', updatedAt: 0 });
  }

  /** Removes the working draft once it is published, if it is still the revision published. */
  async dropDraft(id: string, revision: number): Promise<void> {
    await this.knex('designer_drafts').where({ id, revision }).delete();
  }

  async scenarios(definitionId: string): Promise<ScenarioRecord[]> {
    const row = (await this.knex('definition_scenarios').where({ definition_id: definitionId }).first('body')) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as ScenarioRecord[]) : [];
  }

  async saveScenarios(definitionId: string, items: ScenarioRecord[], userId: string, now = Date.now()): Promise<void> {
    const body = JSON.stringify(items);
    const updated = await this.knex('definition_scenarios').where({ definition_id: definitionId }).update({ body, updated_by: userId, updated_at: now });
    if (updated === 0) {
      try {
        await this.knex('definition_scenarios').insert({ definition_id: definitionId, body, updated_by: userId, updated_at: now });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        await this.knex('definition_scenarios').where({ definition_id: definitionId }).update({ body, updated_by: userId, updated_at: now });
      }
    }
  }
}

/** A primary-key clash on SQLite or MySQL/MariaDB. */
function isDuplicate(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; message?: string };
  return e.code === 'ER_DUP_ENTRY' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed|Duplicate entry/.test(e.message ?? '');
}
