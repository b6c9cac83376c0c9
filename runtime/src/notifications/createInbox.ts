/** A user's inbox (通知, 抄送 with read state, 催办): their own rows only. */
import type { Knex } from 'knex';

/** One inbox item. */
export interface InboxItem { id: number; kind: string; caseId: string | null; taskId: string | null; title: string; read: boolean; createdAt: number }

/** Creates the inbox service. */
export function createInbox(knex: Knex) {
  return {
    /** The user's notifications, newest first, keyset-paged by id. */
    async list(userId: string, q: { kind?: string; unread?: boolean; cursor?: number; limit: number }): Promise<{ items: InboxItem[]; nextCursor: number | null }> {
      const query = knex('notifications').where({ user_id: userId }).orderBy('id', 'desc').limit(q.limit);
      if (q.kind) query.where({ kind: q.kind });
      if (q.unread) query.whereNull('read_at');
      if (q.cursor) query.where('id', '<', q.cursor);
      const rows = (await query) as Array<Record<string, unknown>>;
      const items = rows.map((r) => ({ id: Number(r.id), kind: String(r.kind), caseId: (r.case_id as string | null) ?? null, taskId: (r.task_id as string | null) ?? null, title: String(r.title), read: r.read_at !== null, createdAt: Number(r.created_at) }));
      return { items, nextCursor: items.length === q.limit ? items[items.length - 1]!.id : null };
    },
    /** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
    async markRead(userId: string, id: number): Promise<boolean> {
      return (await knex('notifications').where({ id, user_id: userId }).update({ read_at: Date.now() })) > 0;
    },
  };
}

/** The inbox service type. */
export type Inbox = ReturnType<typeof createInbox>;
