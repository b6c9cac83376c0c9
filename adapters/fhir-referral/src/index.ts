/**
 * fhir-referral: two-way referrals over FHIR R4 Task + ServiceRequest (interfaces.md §3). Hospitals
 * POST, PUT, read and search Tasks at `/ext/fhir-referral`; a new Task opens a referral case and a
 * status move advances it (trigger `fhir-referral.task-updated`); the case's own decisions go back
 * through `create-task` / `update-task`, to our copy and, when configured, to the hospital's server.
 */
import { definePlugin } from '@tongban/plugin-sdk';
import { fhirRoutes } from './fhirRoutes.ts';
import { createTask, updateTask } from './operations.ts';
import { configSchema, secretsSchema, type FhirConfig, type FhirSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

export default definePlugin<FhirConfig, FhirSecrets>({
  id: 'fhir-referral', version: '1.0.0', sdk: '^1',
  title: t('双向转诊（FHIR）', 'Two-way referral (FHIR)'),
  description: t('FHIR R4 Task + ServiceRequest：医院发起下转、状态回写，我方发起上转', 'FHIR R4 Task + ServiceRequest: hospital down-referrals and status, our up-referrals'),
  config: { version: 1, schema: configSchema, secrets: secretsSchema },
  operations: { 'create-task': createTask, 'update-task': updateTask },
  triggers: {
    'task-updated': {
      title: t('医院转诊单', 'Hospital Task'), description: t('医院新建的 Task 开启转诊案件；状态变更推进案件', 'A new hospital Task opens a referral; a status move advances it'),
      payload: { type: 'object', properties: {
        patient: f('患者', 'Patient', { type: 'object', 'x-pii': 'name' }), patientIdNumber: f('身份证号', 'ID number', { type: 'string', 'x-pii': 'id-number' }),
        diagnosisCode: f('诊断', 'Diagnosis', { type: 'string', 'x-pii': 'health' }), summary: f('摘要', 'Summary', { type: 'string', 'x-pii': 'health' }),
        chiefComplaint: f('主诉', 'Complaint', { type: 'string', 'x-pii': 'health' }), diagnosisText: f('诊断名称', 'Diagnosis text', { type: 'string', 'x-pii': 'health' }),
        dischargeDiagnosis: f('出院诊断', 'Discharge diagnosis', { type: 'string', 'x-pii': 'health' }), rehabPlan: f('康复计划', 'Rehab plan', { type: 'string', 'x-pii': 'health' }) } },
    },
  },
  routes: fhirRoutes,
});
