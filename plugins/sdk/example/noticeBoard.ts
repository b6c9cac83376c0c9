/**
 * A complete small plugin, as an integrator writes it: posts a community notice to a village
 * notice-board service over HTTP (HMAC-signed), and turns the board's "resident replied" callback
 * into a trigger that advances the case. The SDK README walks through this file.
 */
import { createHmac } from 'node:crypto';
import { definePlugin, defineOperation, expectOk, PermanentError } from '@tongban/plugin-sdk';

interface Config { baseUrl: string; boardId: string }
interface Secrets { signingKey: string }

const sign = (key: string, body: string) => createHmac('sha256', key).update(body).digest('hex');

const post = defineOperation<{ title: string; text: string; phone?: string; caseId: string }, { noticeId: string }, Config, Secrets>({
  title: { 'zh-CN': '发布公告', en: 'Post a notice' },
  description: { 'zh-CN': '在村务公告屏上发布一条公告', en: 'Posts a notice on the village notice board' },
  input: {
    type: 'object', additionalProperties: false, required: ['title', 'text', 'caseId'],
    properties: {
      title: { type: 'string', maxLength: 40, 'x-title': { 'zh-CN': '标题', en: 'Title' }, 'x-help': { 'zh-CN': '不超过 40 字', en: 'At most 40 characters' } },
      text: { type: 'string', maxLength: 500, 'x-title': { 'zh-CN': '正文', en: 'Text' }, 'x-help': { 'zh-CN': '不得含个人信息', en: 'No personal data' } },
      phone: { type: 'string', 'x-pii': 'phone', 'x-title': { 'zh-CN': '联系电话', en: 'Contact phone' }, 'x-help': { 'zh-CN': '回复短信发往此号码', en: 'Replies go to this number' } },
      caseId: { type: 'string', 'x-title': { 'zh-CN': '案件', en: 'Case' }, 'x-help': { 'zh-CN': '回复时据此找回案件', en: 'Used to find the case on reply' } },
    },
  },
  output: { type: 'object', required: ['noticeId'], properties: { noticeId: { type: 'string', 'x-title': { 'zh-CN': '公告编号', en: 'Notice id' } } } },
  retry: { attempts: 4, backoff: { initialMs: 2000, factor: 3, maxMs: 60_000 } },
  timeoutMs: 10_000,
  async run(ctx, input) {
    const body = JSON.stringify({ board: ctx.config.boardId, title: input.title, text: input.text, phone: input.phone });
    const res = expectOk(await ctx.http.request(`${ctx.config.baseUrl}/notices`, {
      method: 'POST', body,
      // the board does the notice once per key, so a retried call is harmless
      headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey, 'x-signature': sign(ctx.secrets.signingKey, body) },
    }), 'post notice');
    const { id } = res.json<{ id?: string }>();
    if (typeof id !== 'string') throw new PermanentError('notice-board.bad-answer', '公告屏返回的数据无法识别', { en: 'The board answered without a notice id' });
    await ctx.store.put(`notice:${id}`, { caseId: input.caseId });
    ctx.logger.info({ noticeId: id, phone: input.phone }, 'notice posted'); // the phone is redacted by the logger
    return { noticeId: id };
  },
});

export default definePlugin<Config, Secrets>({
  id: 'notice-board', version: '2.0.0', sdk: '^1',
  title: { 'zh-CN': '村务公告屏', en: 'Village notice board' },
  description: { 'zh-CN': '发布公告并接收居民回复', en: 'Posts notices and receives residents’ replies' },
  config: {
    version: 2,
    schema: {
      type: 'object', additionalProperties: false, required: ['baseUrl', 'boardId'],
      properties: {
        baseUrl: { type: 'string', format: 'uri', 'x-title': { 'zh-CN': '服务地址', en: 'Service URL' }, 'x-help': { 'zh-CN': '公告屏平台的接口地址', en: 'The board platform’s API base URL' } },
        boardId: { type: 'string', 'x-title': { 'zh-CN': '公告屏编号', en: 'Board id' }, 'x-help': { 'zh-CN': '平台分配的编号', en: 'Assigned by the platform' } },
      },
    },
    secrets: {
      type: 'object', additionalProperties: false, required: ['signingKey'],
      properties: { signingKey: { type: 'string', minLength: 16, 'x-title': { 'zh-CN': '签名密钥', en: 'Signing key' }, 'x-help': { 'zh-CN': '用于请求签名与回调验签', en: 'Signs requests and checks callbacks' } } },
    },
    // version 1 called the board `screen` and kept the key in plain config
    migrate: { 1: ({ config, secrets }) => ({ config: { baseUrl: config.baseUrl, boardId: config.screen }, secrets: { ...secrets, signingKey: config.key } }) },
  },
  operations: { post },
  triggers: {
    reply: {
      title: { 'zh-CN': '居民回复', en: 'Resident replied' },
      description: { 'zh-CN': '居民在公告屏上回复后推进案件', en: 'Advances the case when a resident replies on the board' },
      payload: { type: 'object', additionalProperties: false, required: ['replyText'], properties: { replyText: { type: 'string', maxLength: 500, 'x-pii': 'private', 'x-title': { 'zh-CN': '回复内容', en: 'Reply' }, 'x-help': { 'zh-CN': '居民的原话', en: 'The resident’s words' } } } },
    },
  },
  routes: [{
    method: 'POST', path: '/replies',
    async handler(req, ctx) {
      if (req.headers['x-signature'] !== sign(ctx.secrets.signingKey, req.body.toString())) return { status: 401, body: { error: 'bad signature' } };
      const { replyId, noticeId, text } = JSON.parse(req.body.toString()) as { replyId: string; noticeId: string; text: string };
      const notice = await ctx.store.get<{ caseId: string }>(`notice:${noticeId}`);
      if (!notice) return { status: 404, body: { error: 'unknown notice' } };
      const r = await ctx.emit('reply', { eventId: replyId, data: { replyText: text }, advance: { caseId: notice.caseId, event: 'resident.replied' } });
      return { status: r.status === 'rejected' ? 422 : 202, body: { status: r.status } };
    },
  }],
});
