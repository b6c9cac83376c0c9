/**
 * Reply codes: a text that takes replies ("1" accept, "2" decline, a keyword) gets a six-digit code, sent
 * as the extension the reply comes back to (`SmsUpExtendCode`) and printed in the text for carriers
 * that drop it. The code — never the phone alone — names the case; the sender must be the number the
 * text went to (compared by a keyed hash: no number is stored in clear). A code stays reserved for a
 * week after its window, so a late reply is told it is late rather than taken for someone else's.
 */
import { createHmac, randomInt } from 'node:crypto';
import { RetryableError, type BaseContext } from '@tongban/plugin-sdk';
import type { SmsConfig, SmsSecrets } from './settings.ts';

type Ctx = BaseContext<SmsConfig, SmsSecrets>;

/**
 * What a code stands for. `replier` is the user the text went to when it went to a registered user (a volunteer
 * reminded of a shift): the case learns who replied from the code, never from the number.
 */
export interface ReplyTicket { caseId: string; phoneHash: string; replies: Record<string, string>; expiresAt: number; replier?: string }

/** How long after its window a code is kept (and not reissued). */
export const RESERVED_MS = 7 * 86_400_000;

/** The keyed hash of a mainland mobile (`+86`/`86` prefixes dropped). */
export function phoneHash(secret: string, phone: string): string {
  return createHmac('sha256', secret).update(`phone:${phone.replace(/^\+?86(?=1\d{10}$)/, '')}`).digest('hex').slice(0, 32);
}

/** The code for one send (the same for every attempt of one call). */
export async function issueReplyCode(ctx: Ctx, idempotencyKey: string, t: Omit<ReplyTicket, 'phoneHash'> & { to: string }): Promise<string> {
  const prior = await ctx.store.get<string>(`replykey:${idempotencyKey}`);
  if (prior) return prior;
  const now = ctx.clock.now();
  for (let i = 0; i < 20; i++) {
    const code = String(randomInt(100_000, 1_000_000));
    const held = await ctx.store.get<ReplyTicket>(`reply:${code}`);
    if (held && held.expiresAt + RESERVED_MS > now) continue;
    await ctx.store.put(`reply:${code}`, { caseId: t.caseId, phoneHash: phoneHash(ctx.secrets.signingSecret, t.to), replies: t.replies, expiresAt: t.expiresAt, ...(t.replier ? { replier: t.replier } : {}) } satisfies ReplyTicket);
    await ctx.store.put(`replykey:${idempotencyKey}`, code);
    return code;
  }
  throw new RetryableError('sms.no-reply-code', '暂无可用的回复编号', { en: 'No free reply code now' });
}

/** The reply word a text's content holds: an exact key, else the one key it contains (`好的1`); undefined when none or several. */
export function replyWord(content: string, code: string | undefined, keys: string[]): string | undefined {
  const plain = content.normalize('NFKC').replace(code ?? '\u0000', '').replace(/[\s\p{P}\p{S}]/gu, '').toUpperCase();
  const upper = keys.map((k) => [k, k.toUpperCase()] as const);
  const exact = upper.find(([, u]) => u === plain);
  if (exact) return exact[0];
  const inside = upper.filter(([, u]) => plain.includes(u));
  return inside.length === 1 ? inside[0]![0] : undefined;
}

/** The code a reply carries: the extension it was sent to, else six digits in its text. */
export function codeOf(destCode: unknown, content: string): string | undefined {
  if (typeof destCode === 'string' && /^\d{6}$/.test(destCode)) return destCode;
  return /(?:^|\D)(\d{6})(?:\D|$)/.exec(content.normalize('NFKC'))?.[1];
}
