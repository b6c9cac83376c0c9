/** 视图 rows: a user's saved queue or case-list filters (at most 50 each; one name per screen). */
import type { Knex } from 'knex';
import { ConflictError } from '../errors/DomainError.ts';

/** One saved view's row. */
export interface SavedViewRow { id: string; user_id?: string; screen: string; name: string; query: string; created_at: number | string }

/** Creates the saved-view records. */
export function createSavedViews(knex: Knex, max = 50) {
  return {
    /** The user's views, by name, of one screen when asked. */
    async list(userId: string, screen?: string): Promise<SavedViewRow[]> {
      const q = knex('saved_views').where({ user_id: userId }).orderBy('name');
      if (screen) q.where({ screen });
      return (await q) as SavedViewRow[];
    },
    /** Saves a view; one of the same screen and name is replaced (its query), else a new one is added (`view.limit` past `max`). */
    async save(row: SavedViewRow & { user_id: string }): Promise<SavedViewRow> {
      const count = Number(((await knex('saved_views').where({ user_id: row.user_id }).count({ n: '*' })) as Array<{ n: number | string }>)[0]?.n ?? 0);
      const existing = (await knex('saved_views').where({ user_id: row.user_id, screen: row.screen, name: row.name }).first()) as SavedViewRow | undefined;
      if (!existing && count >= max) throw new ConflictError('view.limit', { max });
      if (existing) await knex('saved_views').where({ id: existing.id }).update({ query: row.query });
      else await knex('saved_views').insert(row);
      return existing ? { ...existing, query: row.query } : row;
    },
    /** Deletes one of the user's views; false when there was none (or it is another user's). */
    async remove(userId: string, id: string): Promise<boolean> {
      return (await knex('saved_views').where({ id, user_id: userId }).delete()) > 0;
    },
  };
}

/** The saved-view records type. */
export type SavedViews = ReturnType<typeof createSavedViews>;
