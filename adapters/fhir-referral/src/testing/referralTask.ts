/** A complete down-referral Task as a hospital system sends it (ServiceRequest and Patient contained). */
import { ID_SYSTEM, SYSTEMS } from '../mapTask.ts';

/** The Task; `id` is the hospital's own. */
export function referralTask(id = 't-1', at = '2025-03-04T09:12:00+08:00', consent = 'CONSENT-2025-0042'): Record<string, any> {
  return {
    resourceType: 'Task', id, status: 'requested', intent: 'order', priority: 'routine',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: '#sr' }, for: { reference: '#p' }, authoredOn: at, lastModified: at,
    requester: { reference: 'Organization/county-hospital' }, owner: { reference: 'Organization/station-100' },
    description: '冠心病稳定期出院，转回社区随访，按时服药，监测血压',
    input: [
      { type: { text: 'dischargeDiagnosis' }, valueString: '冠状动脉粥样硬化性心脏病' },
      { type: { text: 'rehabPlan' }, valueString: '每周随访一次血压，三个月后复查心电图' },
      { type: { text: 'revisitDate' }, valueDate: '2099-06-01' },
    ],
    contained: [
      { resourceType: 'Patient', id: 'p', name: [{ text: '吕桂兰' }], gender: 'female', birthDate: '1948-05-01', telecom: [{ system: 'phone', value: '17728095028' }],
        identifier: [{ system: ID_SYSTEM, value: '510722194805013963' }], extension: [{ url: SYSTEMS.insurance, valueCode: 'urban-rural-resident' }] },
      { resourceType: 'ServiceRequest', id: 'sr', status: 'active', intent: 'order', priority: 'routine', subject: { reference: '#p' },
        code: { coding: [{ system: SYSTEMS.service, code: 'follow-up' }], text: '下转 社区随访' }, occurrenceDateTime: '2099-05-01T09:00:00+08:00',
        requester: { display: '钱医生' }, performer: [{ display: '全科' }], reasonCode: [{ coding: [{ system: SYSTEMS.icd10, code: 'I25.1' }], text: '冠心病' }],
        note: [{ text: '出院后胸闷已缓解' }], supportingInfo: [{ reference: `Consent/${consent}` }] },
    ],
  };
}

/** The org mapping both sides agree on (the sample county's hospital and a township health centre). */
export const organizations = [
  { reference: 'Organization/county-hospital', orgPath: '/510722/510722903', name: '县人民医院' },
  { reference: 'Organization/station-100', orgPath: '/510722/510722100/510722100902', name: '太和镇卫生院' },
];
