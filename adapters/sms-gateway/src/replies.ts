/**
 * Replies (上行短信): signed callbacks from the carrier with the sender, the text and the extension it was
 * sent to. A reply reaches its case only by the reply code of the text it answers (see replyCodes.ts) and
 * only from the number that text went to; it then sends the event its word names, as `external`. What
 * cannot be used is logged by code, never with the number or the words: no or an unknown code, another
 * sender — ignored (a stranger gets no text from us); a late reply, an unknown word, or a case that already
 * moved on (someone else accepted first, a volunteer no longer on the roster) — answered with one short text.
 * A text to a registered user (a volunteer's shift reminder) names them in the code's ticket; their reply
 * brings `replier` (the user id) to the event.
 */
import { verifySigned, type PluginContext, type RouteSpec } from '@tongban/plugin-sdk';
import { carrierSend, underCap } from './carrier.ts';
import { codeOf, phoneHash, replyWord, type ReplyTicket } from './replyCodes.ts';
import type { SmsConfig, SmsSecrets } from './settings.ts';

type Ctx = PluginContext<SmsConfig, SmsSecrets>;

/** One reply as the carrier posts it (Aliyun SmsUp: phone_number, content, dest_code, sequence_id, send_time). */
interface Reply { PhoneNumber?: unknown; Content?: unknown; DestCode?: unknown; SequenceId?: unknown; SendTime?: unknown }

/** What became of a reply. */
export type ReplyOutcome = 'advanced' | 'duplicate' | 'malformed' | 'sms.reply-no-code' | 'sms.reply-unknown-code' | 'sms.reply-wrong-sender' | 'sms.reply-expired' | 'sms.reply-unrecognised' | 'sms.reply-too-late';

/** Answers to a resident named by phone (a family member answering an alarm). */
const answers = {
  'sms.reply-expired': '【提醒】您回复的求助已超过回复时限，无需再回复；如需帮助请拨打服务中心电话。',
  'sms.reply-too-late': '【提醒】该求助已有人接单或已处理，谢谢您的关心。',
} as const;
/** Answers to a registered user (a volunteer answering a shift reminder). */
const userAnswers = {
  'sms.reply-expired': '【提醒】您的回复已超过回复时限，未予处理；如有变动请直接联系组织者。',
  'sms.reply-too-late': '【提醒】该事项已有变化（如项目已取消或您已不在名单中），您的回复未予处理；如有疑问请联系组织者。',
} as const;

async function answer(ctx: Ctx, to: string, seq: string, text: string): Promise<void> {
  // one answer per reply (the reply's sequence id is the OutId), within the number's hourly cap
  if (!(await underCap(ctx, to))) return;
  await carrierSend(ctx, { to, templateId: 'reply_answer', templateParam: { text }, outId: `reply-answer:${seq}` }).catch((err: unknown) => {
    ctx.logger.warn({ code: (err as { code?: string }).code ?? 'sms.answer-failed' }, 'answer to a reply not sent');
  });
}

/** Handles one reply. */
async function handle(ctx: Ctx, r: Reply): Promise<ReplyOutcome> {
  if (typeof r.PhoneNumber !== 'string' || typeof r.Content !== 'string' || typeof r.SequenceId !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(r.SequenceId) || r.Content.length > 500) return 'malformed';
  const from = r.PhoneNumber.replace(/^\+?86(?=1\d{10}$)/, '');
  if (!/^1[3-9]\d{9}$/.test(from)) return 'malformed';
  const code = codeOf(r.DestCode, r.Content);
  if (!code) return 'sms.reply-no-code';
  const t = await ctx.store.get<ReplyTicket>(`reply:${code}`);
  if (!t) return 'sms.reply-unknown-code';
  if (t.phoneHash !== phoneHash(ctx.secrets.signingSecret, from)) return 'sms.reply-wrong-sender';
  const said = t.replier ? userAnswers : answers;
  if (ctx.clock.now() > t.expiresAt) { await answer(ctx, from, r.SequenceId, said['sms.reply-expired']); return 'sms.reply-expired'; }
  const word = replyWord(r.Content, code, Object.keys(t.replies));
  if (!word) {
    await answer(ctx, from, r.SequenceId, `【提醒】未能识别您的回复，请回复：${Object.keys(t.replies).map((k) => `“${k}”`).join('或')}。`);
    return 'sms.reply-unrecognised';
  }
  // a registered user's reply carries who they are (from the code, never from the number)
  const out = await ctx.emit('reply', { eventId: `reply-${r.SequenceId}`, source: 'external', data: t.replier ? { replier: t.replier } : {}, advance: { caseId: t.caseId, event: t.replies[word]!, comment: `短信回复“${word}”` } });
  if (out.status === 'rejected') {
    ctx.logger.info({ code: 'sms.reply-too-late', reason: out.reason?.code }, 'reply refused by the case');
    await answer(ctx, from, r.SequenceId, said['sms.reply-too-late']);
    return 'sms.reply-too-late';
  }
  return out.status === 'duplicate' ? 'duplicate' : 'advanced';
}

export const replies: RouteSpec<SmsConfig, SmsSecrets> = {
  method: 'POST', path: '/replies',
  async handler(req, ctx) {
    const sig = await verifySigned({ secret: ctx.secrets.signingSecret, header: req.headers['x-signature'], body: req.body, clock: ctx.clock, store: ctx.store });
    if (!sig.ok) { ctx.logger.warn({ code: sig.problem }, 'reply refused'); return { status: 401, body: { error: { code: sig.problem } } }; }
    let list: Reply[];
    try {
      const parsed = JSON.parse(req.body.toString('utf8')) as unknown;
      list = (Array.isArray(parsed) ? parsed : [parsed]) as Reply[];
    } catch { return { status: 400, body: { error: { code: 'reply.malformed' } } }; }
    const results: ReplyOutcome[] = [];
    for (const r of list.slice(0, 100)) {
      const out = await handle(ctx, r ?? {});
      if (out.startsWith('sms.')) ctx.logger.info({ code: out }, 'reply not sent to a case');
      results.push(out);
    }
    return { status: 200, body: { results } };
  },
};
