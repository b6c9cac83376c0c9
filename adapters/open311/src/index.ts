/**
 * open311: the GeoReport v2 API (frozen spec, interfaces.md §4) at `/ext/open311/…` — discovery,
 * services, service definitions, POST and GET requests, tokens; `.json` and `.xml`. A report opens a
 * grid-incident case through the trigger `open311.request-created`; the case reports its closure back
 * through `open311.status-update`. Reporter details are never echoed.
 */
import { definePlugin, defineOperation, PermanentError, type InboundRequest, type PluginContext } from '@tongban/plugin-sdk';
import { answer, failure, formatOf } from './format.ts';
import { getRequests, postRequest, type StoredRequest } from './requests.ts';
import { configSchema, secretsSchema, type Open311Config, type Open311Secrets } from './settings.ts';

type Ctx = PluginContext<Open311Config, Open311Secrets>;
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

function route(req: InboundRequest, ctx: Ctx) {
  const { fmt, base } = formatOf(req.path);
  if (!fmt) return failure(undefined, 404, '路径须以 .json 或 .xml 结尾 (paths end in .json or .xml)');
  const parts = base.split('/').filter(Boolean);
  if (req.method === 'GET' && base === '/discovery') {
    return answer(fmt, 'discovery', 'discovery', [{ changeset: '2025-01-01T00:00:00+08:00', contact: ctx.config.contact, key_service: '向县综治中心申请 API 密钥 (ask the county centre for an API key)',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: '/ext/open311', changeset: '2025-01-01T00:00:00+08:00', type: 'production', formats: ['application/json', 'text/xml'] }] }]);
  }
  if (req.method === 'GET' && parts[0] === 'services' && parts.length === 1) {
    return answer(fmt, 'services', 'service', ctx.config.services.map((s) => ({ service_code: s.code, service_name: s.name, description: s.description, metadata: false, type: 'realtime', keywords: s.keywords ?? '', group: s.group })));
  }
  if (req.method === 'GET' && parts[0] === 'services' && parts.length === 2) {
    // our services have no extra attributes (metadata=false): a definition lists none
    const s = ctx.config.services.find((x) => x.code === parts[1]);
    return s ? answer(fmt, 'service_definition', 'service_definition', [{ service_code: s.code, attributes: [] }]) : failure(fmt, 404, 'service_code 不存在 (not found)');
  }
  if (req.method === 'POST' && base === '/requests') return postRequest(req, ctx, fmt);
  if (req.method === 'GET' && parts[0] === 'requests') return getRequests(req, ctx, fmt, parts[1]);
  if (req.method === 'GET' && parts[0] === 'tokens') return failure(fmt, 404, '本系统为实时受理，无批处理令牌 (realtime services: no tokens)');
  return failure(fmt, 404, '接口不存在 (no such endpoint)');
}

const statusUpdate = defineOperation<{ serviceRequestId?: string; status: 'open' | 'closed'; statusNotes?: string }, { updated: boolean }, Open311Config, Open311Secrets>({
  title: t('回写办理状态', 'Update request status'), description: t('把案件的办理状态回写给公众查询接口', 'Publishes the case’s status to the public request'),
  input: { type: 'object', additionalProperties: false, required: ['status'], properties: {
    serviceRequestId: f('请求编号', 'Request id', { type: 'string', maxLength: 64 }), status: f('状态', 'Status', { type: 'string', enum: ['open', 'closed'] }),
    statusNotes: f('办理说明', 'Status notes', { type: 'string', maxLength: 1000 }) } },
  output: { type: 'object', required: ['updated'], properties: { updated: { type: 'boolean', 'x-title': t('已更新', 'Updated') } } },
  async run(ctx, input) {
    const id = input.serviceRequestId ?? (ctx.caseId ? await ctx.store.get<string>(`case:${ctx.caseId}`) : undefined);
    const r = id ? await ctx.store.get<StoredRequest>(`req:${id}`) : undefined;
    if (!r) throw new PermanentError('open311.unknown-request', '没有对应的公众请求', { en: 'No public request for this case' });
    await ctx.store.put(`req:${r.id}`, { ...r, status: input.status, status_notes: (input.statusNotes ?? '').slice(0, 1000), updated: ctx.clock.now() });
    return { updated: true };
  },
});

const reportPayload = { type: 'object', required: ['sourceChannel', 'minorClass', 'title', 'description', 'gridCode', 'address', 'location', 'reporter'], properties: {
  sourceChannel: f('来源', 'Source', { type: 'string' }), urgency: f('紧急程度', 'Urgency', { type: 'string' }), majorClass: f('大类', 'Major class', { type: 'string' }),
  minorClass: f('小类', 'Minor class', { type: 'string' }), title: f('标题', 'Title', { type: 'string' }), description: f('描述', 'Description', { type: 'string' }),
  discoveredAt: f('发现时间', 'Discovered at', { type: 'string' }), photosBefore: f('照片', 'Photos', { type: 'array' }), gridCode: f('网格', 'Grid', { type: 'string' }),
  address: f('地址', 'Address', { type: 'string', 'x-pii': 'address' }), location: f('定位', 'Location', { type: 'object', 'x-pii': 'gps' }),
  reporter: f('报告人', 'Reporter', { type: 'object', 'x-pii': 'name' }) } };

export default definePlugin<Open311Config, Open311Secrets>({
  id: 'open311', version: '1.0.0', sdk: '^1',
  title: t('公众上报（Open311）', 'Public reporting (Open311)'),
  description: t('GeoReport v2 接口：公众上报开启网格事件，查询办理状态', 'GeoReport v2: public reports open grid incidents; status queries'),
  config: { version: 1, schema: configSchema, secrets: secretsSchema },
  operations: { 'status-update': statusUpdate },
  triggers: { 'request-created': { title: t('公众上报', 'Public report'), description: t('一条 Open311 请求开启网格事件', 'An Open311 request opens a grid incident'), payload: reportPayload } },
  routes: [
    { method: 'GET', path: '/*', handler: async (req, ctx) => route(req, ctx) },
    { method: 'POST', path: '/*', handler: async (req, ctx) => route(req, ctx) },
  ],
});
