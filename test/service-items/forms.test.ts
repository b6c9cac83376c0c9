import { describe, it, expect } from 'vitest';
import { mustLoad } from './scenarioSuite.ts';
import { serviceItems } from '@tongban/definitions/service-items';
import { checkForm, codes } from './formCheck.ts';

const gi = mustLoad(serviceItems['grid-incident']);
const ec = mustLoad(serviceItems['elderly-call']);
const co = mustLoad(serviceItems.consultation);
const rf = mustLoad(serviceItems.referral);
const vt = mustLoad(serviceItems['volunteer-task']);

const report = {
  sourceChannel: 'wechat', urgency: 'general', majorClass: '01', minorClass: '0101', title: '金鱼路暴露垃圾',
  description: '金鱼路12号旁垃圾堆放约两立方米', discoveredAt: '2025-03-04T08:30:00+08:00', photosBefore: ['att-1'],
  gridCode: '510722100001001', address: '金鱼路12号1栋', location: { lat: 30.87, lng: 105.38, datum: 'CGCS2000' },
  reporter: { name: '李秀英', phone: '13912345678' },
};

describe('grid incident report form', () => {
  it('accepts a complete report', () => expect(checkForm(gi, 'report', report)).toEqual([]));

  it('rejects a phone that is not a mainland mobile number, with the field’s own zh-CN message', () => {
    const [e] = checkForm(gi, 'report', { ...report, reporter: { name: '李秀英', phone: '0816-2221234' } });
    expect(e).toMatchObject({ code: 'forms.cn-mobile', path: '/reporter/phone', text: '「报告人·联系电话」请填写11位中国大陆手机号码，如 13800138000' });
  });

  it('rejects a discovery time in the future', () => {
    const [e] = checkForm(gi, 'report', { ...report, discoveredAt: '2025-03-04T18:00:00+08:00' });
    expect(e).toMatchObject({ code: 'forms.not-future', path: '/discoveredAt', text: '「发现时间」不能晚于当前时间' });
  });

  it('rejects empty required fields', () => {
    expect(codes(checkForm(gi, 'report', { ...report, title: '', photosBefore: [] }))).toEqual([['forms.required', '/title'], ['forms.min-items', '/photosBefore']]);
  });

  it('requires the reporter and the 12345 ticket number only on the channels that have them', () => {
    const sensor = { ...report, sourceChannel: 'sensor', reporter: undefined, deviceId: 'wm-0401-017' };
    expect(checkForm(gi, 'report', sensor)).toEqual([]);
    expect(codes(checkForm(gi, 'report', { ...report, sourceChannel: 'hotline-12345' }))).toEqual([['forms.required', '/externalRef']]);
    expect(checkForm(gi, 'report', { ...report, reporter: undefined })[0]?.text).toBe('请填写「报告人」');
  });

  it('takes a device alarm without a photo, an address or a reporter, but never without the device’s location', () => {
    const device = { sourceChannel: 'sensor', deviceId: 'wm-0401-017', urgency: 'urgent', majorClass: '04', minorClass: '0401', title: '供水管道压力骤降',
      description: '管网压力传感器报警，疑似管道破裂', discoveredAt: '2025-03-04T08:30:00+08:00', gridCode: '510722100001001' };
    expect(checkForm(gi, 'report', { ...device, location: { lat: 30.87, lng: 105.38, datum: 'WGS84' } })).toEqual([]);
    const [e] = checkForm(gi, 'report', device);
    expect([e?.code, e?.path, e?.message['zh-CN'], e?.message.en]).toEqual(['forms.required', '/location', '请填写定位（设备报警须带设备登记的位置）', 'The location is required (a device alarm must carry the registered device\'s location)']);
    expect(codes(checkForm(gi, 'report', { ...device, sourceChannel: 'video-ai', deviceId: undefined, location: { lat: 30.87, lng: 105.38, datum: 'WGS84' } }))).toEqual([['forms.required', '/deviceId']]);
  });

  it('takes a 12345 order with the caller’s address and no photo or location, and names the address when it is missing', () => {
    const hotline = { ...report, sourceChannel: 'hotline-12345', externalRef: '12345-20250304-0107', photosBefore: undefined, location: undefined };
    expect(checkForm(gi, 'report', hotline)).toEqual([]);
    const [e] = checkForm(gi, 'report', { ...hotline, address: undefined });
    expect([e?.code, e?.path, e?.message['zh-CN'], e?.message.en]).toEqual(['forms.required', '/address', '请填写事发地址（12345工单填来电人反映的地址）', 'The address is required (for a 12345 ticket: the address the caller gave)']);
    expect(codes(checkForm(gi, 'report', { ...report, location: undefined }))).toEqual([['forms.required', '/location']]);
  });

  it('asks why a resident is unsatisfied only when they are', () => {
    expect(checkForm(gi, 'follow_up', { satisfaction: 'satisfied' })).toEqual([]);
    expect(codes(checkForm(gi, 'follow_up', { satisfaction: 'unsatisfied' }))).toEqual([['forms.required', '/unsatisfiedReason']]);
  });
});

describe('elderly call intake form', () => {
  const call = {
    eventType: 'sos', occurredAt: '2025-03-04T09:50:00+08:00', elder: { name: '吕桂兰' }, gridCode: '510722100001001',
    emergencyContacts: [{ name: '王敏', phone: '18628102947', relation: '儿子' }],
  };
  it('accepts a logged call', () => expect(checkForm(ec, 'call_intake', call)).toEqual([]));
  it('rejects a bad emergency-contact phone and an alarm time in the future', () => {
    const errors = checkForm(ec, 'call_intake', { ...call, occurredAt: '2025-03-05T09:00:00+08:00', emergencyContacts: [{ name: '王敏', phone: '1862810294' }] });
    expect(codes(errors)).toEqual([['forms.not-future', '/occurredAt'], ['forms.cn-mobile', '/emergencyContacts/0/phone']]);
    expect(errors[1]?.text).toContain('「紧急联系人（第1项）·电话」');
  });
  it('requires the service type for a green-button request only', () => {
    expect(codes(checkForm(ec, 'call_intake', { ...call, eventType: 'service_request' }))).toEqual([['forms.required', '/serviceType']]);
  });
});

describe('consultation forms', () => {
  const mediation = {
    track: 'mediation', gridCode: '510722100001001', disputeType: 'neighbour', riskLevel: 'low', facts: '楼上夜间装修噪音影响休息',
    parties: [{ name: '张建华', phone: '13812340001' }, { name: '刘海燕', phone: '13812340002' }],
  };
  it('accepts a mediation registration without any ID number', () => expect(checkForm(co, 'start', mediation)).toEqual([]));
  it('rejects a single party and a bad phone', () => {
    expect(codes(checkForm(co, 'start', { ...mediation, parties: [{ name: '张建华', phone: '12345' }] }))).toEqual([
      ['forms.min-items', '/parties'], ['forms.cn-mobile', '/parties/0/phone'],
    ]);
  });
  it('needs the parties’ ID numbers, with valid checksums, only for a written agreement', () => {
    const agreement = { agreement: '双方约定每日22:00后不得施工', performanceDue: '2025-04-30', partySignatures: [{ name: '张建华', signature: 'sig-a' }] };
    expect(checkForm(co, 'agreement', agreement)).toEqual([]);
    expect(codes(checkForm(co, 'agreement', { ...agreement, writtenAgreement: true }))).toEqual([['forms.required', '/partyIds']]);
    const [e] = checkForm(co, 'agreement', { ...agreement, writtenAgreement: true, partyIds: [{ name: '张建华', idNumber: '110105194912310021' }] });
    expect(e).toMatchObject({ code: 'forms.cn-id-number.checksum', path: '/partyIds/0/idNumber' });
  });
  it('rejects a meeting date in the past', () => {
    const [e] = checkForm(co, 'notice', { participants: ['a', 'b', 'c'], meetingDate: '2025-03-01', meetingPlace: '议事厅', options: ['方案一'] });
    expect(e).toMatchObject({ code: 'forms.not-past', path: '/meetingDate', text: '「议事会日期」不能早于当前时间' });
  });
});

describe('referral request form', () => {
  const req = {
    direction: 'up', urgency: 'routine', requestedService: 'outpatient', preferredDate: '2025-03-06',
    patient: { name: '吕桂兰', sex: 'female', age: 76, phone: '17728095028', insuranceType: 'urban-rural-resident' },
    patientIdNumber: '510722194805013963', referringOrg: '/510722/510722100/510722100902', referringClinician: '赵医生',
    targetOrg: '/510722/510722903', targetDepartment: '心内科', diagnosisCode: 'I20.9', diagnosisText: '心绞痛',
    chiefComplaint: '反复胸闷一周', summary: '高血压十年，近一周活动后胸闷', criteriaMatched: ['beyond-capacity'], consentRef: 'CONSENT-2025-0031',
  };
  it('accepts a complete up-referral', () => expect(checkForm(rf, 'request', req)).toEqual([]));
  it('rejects an ID number with a bad checksum and a patient phone that is not a mobile', () => {
    const errors = checkForm(rf, 'request', { ...req, patientIdNumber: '510722194805013964', patient: { ...req.patient, phone: '08162221234' } });
    expect(codes(errors)).toEqual([['forms.cn-mobile', '/patient/phone'], ['forms.cn-id-number.checksum', '/patientIdNumber']]);
    expect(errors[1]?.text).toBe('「患者身份证号码」校验码不正确，请核对身份证号码是否抄错');
  });
  it('rejects a preferred date in the past, a bad ICD-10 code and a missing consent', () => {
    expect(codes(checkForm(rf, 'request', { ...req, preferredDate: '2025-03-01', diagnosisCode: 'chest pain', consentRef: '' }))).toEqual([
      ['forms.required', '/consentRef'], ['forms.not-past', '/preferredDate'], ['forms.pattern', '/diagnosisCode'],
    ]);
  });
  it('requires the down-referral plan only for a down-referral', () => {
    const down = { ...req, direction: 'down', criteriaMatched: undefined };
    expect(codes(checkForm(rf, 'request', down)).map(([c, p]) => `${c} ${p}`)).toEqual([
      'forms.required /dischargeDiagnosis', 'forms.required /rehabPlan', 'forms.required /revisitDate',
    ]);
  });
});

describe('volunteer enrolment form', () => {
  const enrol = {
    kind: 'enrolment', projectRef: 'VT-2025-001', gridCode: '510722100001001', name: '萧琳', sex: 'female', birthDate: '1985-06-15',
    idType: 'resident-id', idNumber: '510722198506151221', phone: '13912345670',
  };
  it('accepts an adult volunteer', () => expect(checkForm(vt, 'enrol', enrol)).toEqual([]));
  it('checks the ID number checksum only for a resident ID card', () => {
    expect(codes(checkForm(vt, 'enrol', { ...enrol, idNumber: '510722198506151222' }))).toEqual([['forms.cn-id-number.checksum', '/idNumber']]);
    expect(checkForm(vt, 'enrol', { ...enrol, idType: 'passport', idNumber: 'E12345678' })).toEqual([]);
  });
  it('rejects a birth date in the future', () => {
    expect(codes(checkForm(vt, 'enrol', { ...enrol, birthDate: '2030-01-01' }))).toEqual([['forms.not-future', '/birthDate']]);
  });
  it('opens an enrolment with the project only: identity comes in the volunteer’s own profile step (enrol form), not at intake', () => {
    const opened = { kind: 'enrolment', projectRef: 'VT-2025-001', gridCode: '510722100001001', volunteerUserId: 'u-1', shiftHours: 2 };
    expect(checkForm(vt, 'intake', opened)).toEqual([]);
    expect(codes(checkForm(vt, 'intake', { ...opened, projectRef: undefined }))).toEqual([['forms.required', '/projectRef']]);
  });
  it('asks a project at case creation for its project fields, not for an enrolment’s', () => {
    expect(codes(checkForm(vt, 'intake', { kind: 'project', gridCode: '510722100001001' })).map(([c, p]) => `${c} ${p}`)).toEqual([
      'forms.required /projectName', 'forms.required /category', 'forms.required /organiserOrg', 'forms.required /leader', 'forms.required /location',
      'forms.required /startDate', 'forms.required /endDate', 'forms.required /shifts', 'forms.required /headcount', 'forms.required /requirements',
      'forms.required /recruitmentDeadline',
    ]);
  });
  it('needs a consenting guardian for a minor', () => {
    expect(codes(checkForm(vt, 'enrol', { ...enrol, isMinor: true }))).toEqual([['forms.required', '/guardian']]);
    const [e] = checkForm(vt, 'enrol', { ...enrol, isMinor: true, guardian: { name: '萧建华', phone: '13912345671', consent: false } });
    expect(e).toMatchObject({ path: '/guardian/consent', text: '须取得监护人同意' });
  });
});
