/**
 * webhook: posts case events to named targets (JSON, `x-tongban-signature: t=…,v1=HMAC-SHA256`,
 * `idempotency-key`), and accepts signed inbound events at `/ext/webhook/in` that start or advance
 * cases. A signature is accepted once within five minutes: replays and stale ones answer 401.
 */
import { definePlugin, defineOperation, expectOk, PermanentError, pruneReplays, signBody, verifySigned } from '@tongban/plugin-sdk';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh, hen) });

interface Config { targets: Array<{ name: string; url: string }>; timeoutMs: number }
interface Secrets { signingSecret?: string; inboundSecret?: string }

const post = defineOperation<{ target: string; event: string; payload?: Record<string, unknown> }, { status: number }, Config, Secrets>({
  title: t('推送事件', 'Post an event'), description: t('向已登记的目标地址推送签名的 JSON 事件', 'Posts a signed JSON event to a registered target'),
  input: { type: 'object', additionalProperties: false, required: ['target', 'event'], properties: {
    target: { type: 'string', ...label('目标', 'Target', '已登记目标的名称', 'A registered target’s name') },
    event: { type: 'string', pattern: '^[a-z][a-z0-9._-]{0,63}$', ...label('事件', 'Event', '事件名，如 case.closed', 'Event name, e.g. case.closed') },
    payload: { type: 'object', maxProperties: 100, ...label('内容', 'Payload', '不得含未脱敏的个人信息', 'No unmasked personal data') } } },
  output: { type: 'object', required: ['status'], properties: { status: { type: 'integer', 'x-title': t('状态码', 'Status') } } },
  retry: { attempts: 5, backoff: { initialMs: 2000, factor: 3, maxMs: 600_000 } },
  async run(ctx, input) {
    const target = ctx.config.targets.find((x) => x.name === input.target);
    if (!target) throw new PermanentError('webhook.unknown-target', '目标未登记', { en: 'No such target' });
    if (!ctx.secrets.signingSecret) throw new PermanentError('webhook.no-secret', '未配置签名密钥，不发送未签名的推送', { en: 'No signing secret: unsigned posts are not sent' });
    const body = JSON.stringify({ id: ctx.idempotencyKey, event: input.event, caseId: ctx.caseId, at: new Date(ctx.clock.now()).toISOString(), payload: input.payload ?? {} });
    const res = expectOk(await ctx.http.request(target.url, { method: 'POST', body, timeoutMs: ctx.config.timeoutMs,
      headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey, 'x-tongban-event': input.event, 'x-tongban-signature': signBody(ctx.secrets.signingSecret, body, ctx.clock.now()) } }), 'webhook');
    return { status: res.status };
  },
});

export default definePlugin<Config, Secrets>({
  id: 'webhook', version: '1.0.0', sdk: '^1',
  title: t('通用推送（Webhook）', 'Webhooks'), description: t('签名的出站推送与入站事件', 'Signed outbound posts and inbound events'),
  config: { version: 1, schema: { type: 'object', additionalProperties: false, properties: {
    targets: { type: 'array', default: [], ...label('目标地址', 'Targets', '名称与地址', 'Names and URLs'), items: { type: 'object', required: ['name', 'url'], properties: {
      name: { type: 'string', ...label('名称', 'Name', '定义中引用的名称', 'The name definitions use') }, url: { type: 'string', pattern: '^https?://', ...label('地址', 'URL', '接收推送的地址', 'Where posts go') } } } },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 60_000, default: 10_000, ...label('超时（毫秒）', 'Timeout (ms)', '等待对方应答', 'How long to wait') } } },
    secrets: { type: 'object', additionalProperties: false, properties: {
      signingSecret: { type: 'string', minLength: 16, ...label('出站签名密钥', 'Outbound signing secret', '对方用来验签', 'The receiver checks with it') },
      inboundSecret: { type: 'string', minLength: 16, ...label('入站验签密钥', 'Inbound secret', '入站事件须用它签名', 'Inbound events must be signed with it') } } } },
  operations: { post },
  triggers: { event: { title: t('入站事件', 'Inbound event'), description: t('签名的外部事件开启或推进案件', 'A signed outside event starts or advances a case'), payload: { type: 'object', maxProperties: 100 } } },
  routes: [{ method: 'POST', path: '/in', async handler(req, ctx) {
    if (!ctx.secrets.inboundSecret) return { status: 503, body: { error: { code: 'webhook.inbound-disabled' } } };
    const sig = await verifySigned({ secret: ctx.secrets.inboundSecret, header: req.headers['x-tongban-signature'], body: req.body, clock: ctx.clock, store: ctx.store });
    if (!sig.ok) { ctx.logger.warn({ code: sig.problem }, 'inbound webhook refused'); return { status: 401, body: { error: { code: sig.problem } } }; }
    let e: { id?: unknown; caseId?: unknown; event?: unknown; orgPath?: unknown; definition?: unknown; data?: unknown };
    try { e = JSON.parse(req.body.toString('utf8')) as typeof e; } catch { return { status: 400, body: { error: { code: 'webhook.malformed' } } }; }
    const data = (e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? e.data : {}) as Record<string, unknown>;
    const target = typeof e.caseId === 'string' ? { advance: { caseId: e.caseId, event: String(e.event ?? '') } } : { start: { orgPath: String(e.orgPath ?? ''), definition: typeof e.definition === 'string' ? e.definition : undefined } };
    try {
      const r = await ctx.emit('event', { eventId: String(e.id ?? ''), source: 'external', data, ...target });
      return { status: r.status === 'rejected' ? 422 : 202, body: r };
    } catch (err) {
      return { status: 400, body: { error: { code: (err as { code?: string }).code ?? 'webhook.invalid', details: (err as { details?: unknown }).details } } };
    } finally {
      if (Math.random() < 0.01) await pruneReplays(ctx.store, ctx.clock);
    }
  } }],
});
