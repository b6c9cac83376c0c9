/** Server state of the inbox: query keys, unread counts, pages by kind. */
import { api, unwrap } from '../api/client.ts';

/** Query keys of the inbox. */
export const inboxKeys = { all: ['inbox'] as const, counts: () => ['inbox', 'counts'] as const, list: (kind: string) => ['inbox', 'list', kind] as const };

/** Unread counts by kind. */
export const fetchInboxCounts = () => unwrap(api.GET('/api/notifications/counts'));
