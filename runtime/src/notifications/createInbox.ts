/** A user's inbox (通知, 抄送 with read state, 催办) and notification preferences: their own rows only. */
import type { Knex } from 'knex';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { prefsOf, savePrefs, type NotificationPrefs } from '../effects/notify/notificationPrefs.ts';

/** One inbox item. */
export interface InboxItem { id: number; kind: string; caseId: string | null; taskId: string | null; title: string; read: boolean; createdAt: number }

/** Creates the inbox service. */
export function createInbox(knex: Knex, codec: PiiCodec) {
  return {
    /** Unread notifications per kind (`notify`, `cc`, `urge`). */
    async unreadCounts(userId: string): Promise<Record<string, number>> {
      const rows = (await knex('notifications').where({ user_id: userId }).whereNull('read_at').select('kind').count({ n: '*' }).groupBy('kind')) as Array<{ kind: string; n: number | string }>;
      return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    },
    /** The user's notification preferences (defaults when never saved; contact points opened). */
    async preferences(userId: string): Promise<NotificationPrefs> {
      return (await prefsOf(knex, codec, [userId])).get(userId)!;
    },
    /** Saves the user's preferences (contact points sealed at rest). */
    savePreferences: (p: NotificationPrefs): Promise<void> => savePrefs(knex, codec, p),
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
