/**
 * wechat-template: template messages of a WeChat official account (公众号模板消息) for notices. The
 * access token is fetched with the AppSecret and cached in the plugin store until shortly before it
 * expires; an invalid token is dropped and the call retried; errors the user caused (unsubscribed,
 * bad openid) are permanent. WeChat's event pushes (TEMPLATESENDJOBFINISH) are checked by signature
 * (sha1 of the sorted token, timestamp, nonce), timestamp window and nonce replay.
 */
import { createHash } from 'node:crypto';
import { definePlugin, defineOperation, expectOk, PermanentError, RetryableError, type OperationContext } from '@tongban/plugin-sdk';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh, hen) });

interface Config { apiBaseUrl: string; appId: string; templates: Record<string, string>; timeoutMs: number }
interface Secrets { appSecret: string; pushToken?: string }
type Ctx = OperationContext<Config, Secrets>;

/** WeChat errcodes retrying cannot fix: the user unsubscribed, a bad openid, a bad template. */
const PERMANENT = new Set([40003, 43004, 40037, 47003, 43101]);
const TOKEN_EXPIRED = new Set([40001, 42001, 40014]);

async function accessToken(ctx: Ctx, fresh = false): Promise<string> {
  const cached = await ctx.store.get<{ token: string; until: number }>('access-token');
  if (!fresh && cached && cached.until > ctx.clock.now()) return cached.token;
  const url = `${ctx.config.apiBaseUrl}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(ctx.config.appId)}&secret=${encodeURIComponent(ctx.secrets.appSecret)}`;
  const r = expectOk(await ctx.http.request(url, { timeoutMs: ctx.config.timeoutMs }), 'wechat token').json<{ access_token?: string; expires_in?: number; errcode?: number }>();
  if (!r.access_token) throw (r.errcode === 40125 || r.errcode === 40013 ? new PermanentError('wechat.bad-credentials', 'AppID 或 AppSecret 无效', { en: 'Bad AppID or AppSecret' }) : new RetryableError('wechat.token-failed', '获取 access_token 失败', { en: 'Could not get an access token', errcode: r.errcode }));
  await ctx.store.put('access-token', { token: r.access_token, until: ctx.clock.now() + Math.max(60, (r.expires_in ?? 7200) - 300) * 1000 });
  return r.access_token;
}

const send = defineOperation<{ openId: string; templateId: string; data: Record<string, string>; url?: string }, { msgid: string }, Config, Secrets>({
  title: t('发送模板消息', 'Send a template message'), description: t('向关注公众号的用户发送模板消息', 'Sends a template message to a follower of the official account'),
  input: { type: 'object', additionalProperties: false, required: ['openId', 'templateId', 'data'], properties: {
    openId: { type: 'string', pattern: '^[A-Za-z0-9_-]{10,64}$', 'x-pii': 'private', ...label('OpenID', 'OpenID', '用户在本公众号的 OpenID', 'The user’s OpenID for this account') },
    templateId: { type: 'string', ...label('模板', 'Template', '通知模板编号（按配置映射到微信模板）', 'The notice template (mapped to a WeChat template)') },
    data: { type: 'object', additionalProperties: { type: 'string', maxLength: 200 }, ...label('内容', 'Data', '模板字段', 'Template fields') },
    url: { type: 'string', pattern: '^https://', ...label('跳转链接', 'Link', '点击后打开', 'Opened on tap') } } },
  output: { type: 'object', required: ['msgid'], properties: { msgid: { type: 'string', 'x-title': t('消息编号', 'Message id') } } },
  retry: { attempts: 4, backoff: { initialMs: 3000, factor: 3, maxMs: 300_000 } },
  async run(ctx, input) {
    const templateId = ctx.config.templates[input.templateId] ?? ctx.config.templates.default;
    if (!templateId) throw new PermanentError('wechat.no-template', '未配置对应的微信模板', { en: 'No WeChat template is mapped for this notice' });
    const body = JSON.stringify({ touser: input.openId, template_id: templateId, url: input.url, data: Object.fromEntries(Object.entries(input.data).map(([k, v]) => [k, { value: v }])) });
    for (let fresh = false; ; fresh = true) {
      const token = await accessToken(ctx, fresh);
      const r = expectOk(await ctx.http.request(`${ctx.config.apiBaseUrl}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`, { method: 'POST', body, timeoutMs: ctx.config.timeoutMs, headers: { 'content-type': 'application/json' } }), 'wechat send')
        .json<{ errcode?: number; msgid?: number | string }>();
      if (!r.errcode) return { msgid: String(r.msgid) };
      if (TOKEN_EXPIRED.has(r.errcode) && !fresh) { await ctx.store.delete('access-token'); continue; }
      if (PERMANENT.has(r.errcode)) throw new PermanentError('wechat.rejected', '微信拒绝发送（用户未关注或参数无效）', { en: 'WeChat refused the message', errcode: r.errcode });
      throw new RetryableError('wechat.error', '微信暂时无法发送', { en: 'WeChat could not send now', errcode: r.errcode });
    }
  },
});

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

export default definePlugin<Config, Secrets>({
  id: 'wechat-template', version: '1.0.0', sdk: '^1',
  title: t('微信模板消息', 'WeChat template messages'), description: t('经公众号向关注用户发送通知', 'Notices to followers of the official account'),
  config: { version: 1, schema: { type: 'object', additionalProperties: false, required: ['apiBaseUrl', 'appId'], properties: {
    apiBaseUrl: { type: 'string', pattern: '^https?://', ...label('接口地址', 'API base URL', '微信接口地址，如 https://api.weixin.qq.com；未配置时消息暂存', 'e.g. https://api.weixin.qq.com; until set, messages are parked') },
    appId: { type: 'string', pattern: '^wx[0-9a-f]{16}$', ...label('AppID', 'AppID', '公众号 AppID', 'The official account’s AppID') },
    templates: { type: 'object', default: {}, additionalProperties: { type: 'string' }, ...label('模板对照', 'Template map', '通知模板 → 微信模板编号（default 兜底）', 'Notice template → WeChat template id (default as fallback)') },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 30_000, default: 8000, ...label('超时（毫秒）', 'Timeout (ms)', '等待微信应答', 'How long to wait') } } },
    secrets: { type: 'object', additionalProperties: false, required: ['appSecret'], properties: {
      appSecret: { type: 'string', minLength: 16, ...label('AppSecret', 'AppSecret', '公众号密钥', 'The account secret') },
      pushToken: { type: 'string', minLength: 3, ...label('消息推送 Token', 'Push token', '服务器配置中的 Token，用于验签', 'The server config token, for push signatures') } } } },
  operations: { send },
  routes: [{ method: 'POST', path: '/events', async handler(req, ctx) {
    const q = (k: string) => String(Array.isArray(req.query[k]) ? req.query[k]![0] : req.query[k] ?? '');
    const [signature, timestamp, nonce] = [q('signature'), q('timestamp'), q('nonce')];
    if (!ctx.secrets.pushToken || sha1([ctx.secrets.pushToken, timestamp, nonce].sort().join('')) !== signature) return { status: 401, body: 'bad signature' };
    if (Math.abs(ctx.clock.now() / 1000 - Number(timestamp)) > 300) return { status: 401, body: 'stale' };
    if (await ctx.store.get(`nonce:${nonce}`)) return { status: 401, body: 'replayed' };
    await ctx.store.put(`nonce:${nonce}`, { at: ctx.clock.now() });
    const m = /<MsgID>(\d+)<\/MsgID>[\s\S]*<Status><!\[CDATA\[([^\]]+)\]\]><\/Status>/.exec(req.body.toString('utf8'));
    if (m) await ctx.store.put(`status:${m[1]}`, { status: m[2], at: ctx.clock.now() });
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'success' };
  } }],
});
