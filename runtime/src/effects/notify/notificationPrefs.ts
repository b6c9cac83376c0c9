/**
 * Per-user notification preferences: language, whether SMS and WeChat may be used for what is not
 * urgent, quiet hours (Beijing time), and the contact points (sealed like personal data).
 */
import type { Knex } from 'knex';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';

/** A user's preferences (defaults when they saved none). */
export interface NotificationPrefs { userId: string; locale: 'zh-CN' | 'en'; sms: boolean; wechat: boolean; quietHours?: { start: string; end: string }; phone?: string; wechatOpenId?: string }

/** Quiet hours for residents reached by SMS (they set none): no non-urgent texts at night. */
export const RESIDENT_QUIET = { start: '21:30', end: '07:30' };

const defaults = (userId: string): NotificationPrefs => ({ userId, locale: 'zh-CN', sms: true, wechat: true });

/** A stored preferences row. */
export interface PrefsRow { user_id: string; locale: string; sms: number | boolean; wechat: number | boolean; quiet_start: string | null; quiet_end: string | null; phone: string | null; wechat_openid: string | null }

/** The query for many users' preferences (rows for `prefsFrom`). */
export const prefsQuery = (knex: Knex, userIds: string[]) => knex('notification_prefs').whereIn('user_id', userIds);

/** Reads many users' preferences in one query. */
export async function prefsOf(knex: Knex, codec: PiiCodec, userIds: string[]): Promise<Map<string, NotificationPrefs>> {
  return prefsFrom(codec, userIds, userIds.length ? ((await prefsQuery(knex, userIds)) as PrefsRow[]) : []);
}

/** The users' preferences from their stored rows (defaults for those who saved none). */
export function prefsFrom(codec: PiiCodec, userIds: string[], rows: PrefsRow[]): Map<string, NotificationPrefs> {
  const out = new Map(userIds.map((u) => [u, defaults(u)]));
  for (const r of rows) {
    out.set(r.user_id, {
      userId: r.user_id, locale: r.locale === 'en' ? 'en' : 'zh-CN', sms: !!r.sms, wechat: !!r.wechat,
      quietHours: r.quiet_start && r.quiet_end ? { start: r.quiet_start, end: r.quiet_end } : undefined,
      phone: r.phone ? codec.decrypt(r.phone) : undefined, wechatOpenId: r.wechat_openid ? codec.decrypt(r.wechat_openid) : undefined,
    });
  }
  return out;
}

/** Saves a user's preferences. */
export async function savePrefs(knex: Knex, codec: PiiCodec, p: NotificationPrefs): Promise<void> {
  const row = {
    user_id: p.userId, locale: p.locale, sms: p.sms, wechat: p.wechat, quiet_start: p.quietHours?.start ?? null, quiet_end: p.quietHours?.end ?? null,
    phone: p.phone ? codec.encrypt(p.phone) : null, wechat_openid: p.wechatOpenId ? codec.encrypt(p.wechatOpenId) : null, updated_at: Date.now(),
  };
  await knex('notification_prefs').insert(row).onConflict('user_id').merge();
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When a non-urgent message may go: `now`, or the end of the quiet window it falls in (Beijing time, UTC+8). */
export function afterQuietHours(now: number, quiet: { start: string; end: string } | undefined): number {
  if (!quiet) return now;
  const local = new Date(now + 8 * 3600_000);
  const m = local.getUTCHours() * 60 + local.getUTCMinutes();
  const [s, e] = [minutes(quiet.start), minutes(quiet.end)];
  const inside = s <= e ? m >= s && m < e : m >= s || m < e;
  if (!inside) return now;
  const wait = ((e - m + 1440) % 1440) * 60_000 - local.getUTCSeconds() * 1000 - local.getUTCMilliseconds();
  return now + wait;
}
