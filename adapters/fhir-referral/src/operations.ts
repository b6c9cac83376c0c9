/**
 * Outbound: `create-task` (an up-referral: Task with its ServiceRequest contained; health data only
 * with a consent reference) and `update-task` (our side's status moves). Both keep our copy, which
 * hospitals read at GET /Task; with `hospitalBaseUrl` set they are also PUT to the hospital's server
 * (client-assigned ids, so a retried call changes nothing).
 */
import { createHash } from 'node:crypto';
import { defineOperation, expectOk, PermanentError, type OperationContext } from '@tongban/plugin-sdk';
import { iso8, taskStore, type StoredTask } from './fhirStore.ts';
import { MOVES, SYSTEMS } from './mapTask.ts';
import type { FhirConfig, FhirSecrets } from './settings.ts';
import { validateFhir } from './validateFhir.ts';

type Ctx = OperationContext<FhirConfig, FhirSecrets>;
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

async function push(ctx: Ctx, resource: Record<string, any>): Promise<void> {
  if (!ctx.config.hospitalBaseUrl) return;
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };
  if (ctx.secrets.outboundToken) headers.authorization = `Bearer ${ctx.secrets.outboundToken}`;
  expectOk(await ctx.http.request(`${ctx.config.hospitalBaseUrl.replace(/\/$/, '')}/Task/${resource.id}`, { method: 'PUT', headers, body: JSON.stringify(resource), timeoutMs: ctx.config.timeoutMs }), 'fhir put Task');
}

function orgRef(ctx: Ctx, orgPath: string): { reference: string; display: string } {
  const o = ctx.config.organizations.find((x) => x.orgPath === orgPath);
  if (!o) throw new PermanentError('fhir.unknown-organization', '机构未在对照表中配置', { en: 'The organization is not in the mapping' });
  return { reference: o.reference, display: o.name };
}

export const createTask = defineOperation<{ taskId?: string; direction: string; priority: string; service: string; owner: string; requester: string; diagnosisCode?: string; consentRef?: string; caseId: string }, { id: string }, FhirConfig, FhirSecrets>({
  title: t('发起转诊（FHIR Task）', 'Create a referral Task'), description: t('向医院发起转诊；健康信息须有单独同意编号', 'Sends a referral; health data only with a separate-consent reference'),
  input: { type: 'object', additionalProperties: false, required: ['direction', 'priority', 'service', 'owner', 'requester', 'caseId'], properties: {
    taskId: f('已有 Task', 'Existing Task', { type: 'string', maxLength: 64 }),
    direction: f('方向', 'Direction', { type: 'string', enum: ['up', 'down'] }), priority: f('紧急程度', 'Priority', { type: 'string', enum: ['routine', 'urgent', 'asap', 'stat'] }),
    service: f('服务', 'Service', { type: 'string' }), owner: f('接收机构', 'Owner', { type: 'string' }), requester: f('转出机构', 'Requester', { type: 'string' }),
    diagnosisCode: f('诊断', 'Diagnosis', { type: 'string', 'x-pii': 'health' }), consentRef: f('单独同意', 'Consent', { type: 'string' }), caseId: f('案件', 'Case', { type: 'string' }) } },
  output: { type: 'object', required: ['id'], properties: { id: { type: 'string', 'x-title': t('Task 编号', 'Task id') } } },
  retry: { attempts: 5, backoff: { initialMs: 5000, factor: 2, maxMs: 600_000 } },
  async run(ctx, input) {
    const store = taskStore(ctx.store);
    // a referral the hospital sent us already has its Task (the case knows its id; the store may learn it a moment later)
    const existing = input.taskId ?? (await store.byCase(input.caseId));
    if (existing) return { id: existing };
    if (!input.consentRef) throw new PermanentError('fhir.no-consent', '缺少患者单独同意，不能向医院提供健康信息', { en: 'No separate consent: health data may not go to the hospital' });
    const id = `tb-${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 20)}`;
    const now = iso8(ctx.clock.now());
    const owner = orgRef(ctx, input.owner);
    const requester = orgRef(ctx, input.requester);
    const resource = {
      resourceType: 'Task', id, meta: { versionId: '1', lastUpdated: now }, status: 'requested', intent: 'order', priority: input.priority,
      code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] }, focus: { reference: '#sr' }, authoredOn: now, lastModified: now, requester, owner,
      contained: [{ resourceType: 'ServiceRequest', id: 'sr', status: 'active', intent: 'order', priority: input.priority, subject: { display: '见转诊单 (see the referral slip)' },
        code: { coding: [{ system: SYSTEMS.service, code: input.service }], text: input.direction === 'up' ? '上转' : '下转' }, authoredOn: now, requester, performer: [owner],
        ...(input.diagnosisCode ? { reasonCode: [{ coding: [{ system: SYSTEMS.icd10, code: input.diagnosisCode }] }] } : {}),
        supportingInfo: [{ reference: `Consent/${input.consentRef}` }] }],
      businessStatus: { text: `通办案件 ${input.caseId}` },
    };
    const issues = validateFhir(resource);
    if (issues.length) throw new PermanentError('fhir.invalid-resource', '生成的资源不符合 FHIR R4', { en: 'The built resource is not valid FHIR R4', issues });
    await push(ctx, resource);
    await store.put(id, { resource, version: 1, caseId: input.caseId, origin: 'tongban' });
    return { id };
  },
});

export const updateTask = defineOperation<{ taskId: string; status: string; statusReason?: string }, { status: string; version: number }, FhirConfig, FhirSecrets>({
  title: t('更新转诊状态', 'Update a referral Task'), description: t('把案件的决定（接收、拒收、到诊、完成…）写回 Task', 'Writes the case’s decision (accepted, rejected, in progress, completed…) to the Task'),
  input: { type: 'object', additionalProperties: false, required: ['taskId', 'status'], properties: {
    taskId: f('Task 编号', 'Task id', { type: 'string', maxLength: 64 }), status: f('状态', 'Status', { type: 'string', enum: ['received', 'accepted', 'rejected', 'in-progress', 'on-hold', 'completed', 'failed', 'cancelled', 'entered-in-error'] }),
    statusReason: f('原因', 'Reason', { type: 'string', maxLength: 500 }) } },
  output: { type: 'object', required: ['status', 'version'], properties: { status: { type: 'string', 'x-title': t('状态', 'Status') }, version: { type: 'integer', 'x-title': t('版本', 'Version') } } },
  retry: { attempts: 5, backoff: { initialMs: 5000, factor: 2, maxMs: 600_000 } },
  async run(ctx, input) {
    const store = taskStore(ctx.store);
    const cur = await store.get(input.taskId);
    if (!cur) throw new PermanentError('fhir.unknown-task', '没有该 Task', { en: 'No such Task' });
    if (cur.resource.status === input.status) return { status: input.status, version: cur.version }; // a retried call
    if (!(MOVES[cur.resource.status] ?? []).includes(input.status)) throw new PermanentError('fhir.invalid-transition', `不允许的状态变更 ${cur.resource.status} → ${input.status}`, { en: 'TaskStatus move not allowed' });
    const now = iso8(ctx.clock.now());
    const resource = { ...cur.resource, status: input.status, lastModified: now, meta: { versionId: String(cur.version + 1), lastUpdated: now },
      ...(input.statusReason ? { statusReason: { text: input.statusReason } } : {}), ...(input.status === 'failed' && input.statusReason ? { businessStatus: { text: input.statusReason } } : {}) };
    await push(ctx, resource);
    const next: StoredTask = { ...cur, resource, version: cur.version + 1 };
    await store.put(input.taskId, next);
    return { status: input.status, version: next.version };
  },
});
