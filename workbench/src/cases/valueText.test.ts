import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import { durationText, gridNames, valueText, type ValueNames } from './valueText.ts';

const def = {
  data: { type: 'object', properties: {
    kind: { type: 'string', enum: ['project', 'enrolment'], 'x-enumTitles': ['志愿服务项目', '志愿者报名'] },
    channels: { type: 'array', items: { type: 'string', enum: ['sms', 'app'], 'x-enumTitles': ['短信', 'APP'] } },
    owner: { type: 'string', 'x-widget': 'user-picker' },
    team: { type: 'array', items: { type: 'string' }, 'x-widget': 'user-picker' },
    unit: { type: 'string', 'x-widget': 'org-picker' },
    gridCode: { type: 'string', 'x-widget': 'grid-picker' },
    urgent: { type: 'boolean' },
    hours: { type: 'number' },
    photos: { type: 'array', items: { type: 'string' }, 'x-widget': 'camera' },
    where: { type: 'object', 'x-pii': 'gps' },
    phone: { type: 'string', format: 'cn-mobile' },
    extra: { type: 'object' },
    lead: { type: 'object', properties: { name: { type: 'string', 'x-title': { 'zh-CN': '姓名', en: 'Name' } }, phone: { type: 'string', 'x-title': { 'zh-CN': '电话', en: 'Phone' } }, userId: { type: 'string' } } },
    shifts: { type: 'array', items: { type: 'object', properties: { date: { type: 'string', 'x-title': { 'zh-CN': '日期', en: 'Date' } }, start: { type: 'string', 'x-title': { 'zh-CN': '开始', en: 'Start' } } } } },
    volunteerUserId: { type: 'string' },
    gridCode2: { type: 'string', pattern: '^\\d{15}$' },
    targetOrg: { type: 'string', pattern: '^(/\\d{6,15})+$' },
    at: { type: 'string', format: 'date-time' },
    doorRef: { type: 'string', 'x-consent': { purpose: 'door-access' } },
  } },
  forms: {},
} as unknown as Definition;

const t = (k: string, o?: Record<string, unknown>) => ({ 'value.yes': '是', 'value.no': '否', 'widget.lat': '纬度', 'widget.lng': '经度' } as Record<string, string>)[k] ?? `${k}:${JSON.stringify(o)}`;
const names: ValueNames = {
  user: (id) => ({ 'u-1': '陈丽', 'u-2': '王强' } as Record<string, string>)[id],
  org: (p) => ({ '/510722/510722100': '金鱼镇' } as Record<string, string>)[p],
  grid: (c) => ({ '510722100001001': '第一网格' } as Record<string, string>)[c],
};
const text = (key: string, v: unknown, lang: 'zh-CN' | 'en' = 'zh-CN') => valueText(def, key, v, { t, names, lang });

describe('valueText', () => {
  it('shows options by title, people and units by name, flags as 是/否', () => {
    expect(text('kind', 'enrolment')).toBe('志愿者报名');
    expect(text('channels', ['sms', 'app'])).toBe('短信、APP');
    expect(text('owner', 'u-1')).toBe('陈丽');
    expect(text('team', ['u-2', 'u-1'])).toBe('王强、陈丽');
    expect(text('unit', '/510722/510722100')).toBe('金鱼镇');
    expect(text('gridCode', '510722100001001')).toBe('第一网格');
    expect([text('urgent', true), text('urgent', false)]).toEqual(['是', '否']);
    expect(text('hours', 2.5)).toBe('2.5');
    expect(text('checkInAt', 1796141921720)).toBe(dayjs(1796141921720).format('YYYY-MM-DD HH:mm'));
    expect(text('countAt', 12)).toBe('12');
  });

  it('shows "—" for nothing filled in, and what it cannot name as it came', () => {
    for (const v of [null, undefined, '', []]) expect(text('hours', v)).toBe('—');
    expect(text('kind', 'retired-option')).toBe('retired-option');
    expect(text('owner', 'u-unknown')).toBe('u-unknown');
    expect(text('team', ['u-1', 'u-unknown'])).toBe('陈丽、u-unknown');
    expect(text('phone', '138****1234')).toBe('138****1234'); // masked personal data stays masked
    expect(text('notInSchema', 'x')).toBe('x');
    expect(text('extra', { a: 1 })).toBe('a：1');
    expect(text('extra', { a: null })).toBe('—');
    expect(text('at', 'not a time')).toBe('not a time');
  });

  it('spells out a record and a list of records by their fields, and names what ids and codes point to', () => {
    expect(text('lead', { name: '何*华', phone: '138****0003', userId: 'u-1' })).toBe('姓名：何*华，电话：138****0003，userId：陈丽');
    expect(text('lead', { name: '何*华', phone: '' }, 'en')).toBe('Name: 何*华');
    expect(text('team', ['u-2', 'u-1'], 'en')).toBe('王强, 陈丽');
    expect(text('shifts', [{ date: '2026-12-08', start: '11:00' }, { date: '2026-12-15', start: '09:00' }])).toBe('日期：2026-12-08，开始：11:00；日期：2026-12-15，开始：09:00');
    expect(text('volunteerUserId', 'u-2')).toBe('王强');
    expect(text('gridCode2', '510722100001001')).toBe('第一网格');
    expect(text('targetOrg', '/510722/510722100')).toBe('金鱼镇');
    expect(text('at', '2026-12-02T00:18:10+08:00')).toBe(dayjs('2026-12-02T00:18:10+08:00').format('YYYY-MM-DD HH:mm'));
  });

  it('counts attachments and spells out a point', () => {
    expect(text('photos', ['a', 'b'])).toBe('case.attachmentCount:{"count":2}');
    expect(text('where', { lat: 31.2, lng: 104.7 })).toBe('纬度 31.2，经度 104.7');
    // a record with a position among its fields is a record (a responder not yet checked in: no position, still named)
    expect(text('extra', { userId: 'u-1', lat: null, lng: null })).toBe('userId：陈丽');
    expect(text('where', { lat: null, lng: null })).toBe('—');
  });

  it('shows a consent record by how it stands, not by its id; without the standing, the id', () => {
    const day = (ms: number) => dayjs(ms).format('YYYY-MM-DD');
    const g = Date.UTC(2025, 2, 4, 4), w = Date.UTC(2025, 5, 1, 4);
    const withConsent = (status: 'active' | 'withdrawn' | 'expired' | 'not-found' | 'purpose-mismatch', expiresAt: number | null = null, withdrawnAt: number | null = null) =>
      valueText(def, 'doorRef', 'cs-1', { t, names, lang: 'zh-CN', consents: { doorRef: { ref: 'cs-1', status, grantedAt: g, expiresAt, withdrawnAt } } });
    expect(withConsent('active')).toBe(`consent.active:${JSON.stringify({ granted: day(g) })}`);
    expect(withConsent('active', w)).toBe(`consent.activeUntil:${JSON.stringify({ granted: day(g), expires: day(w) })}`);
    expect(withConsent('withdrawn', null, w)).toBe(`consent.withdrawn:${JSON.stringify({ at: day(w) })}`);
    expect(withConsent('expired', w)).toBe(`consent.expired:${JSON.stringify({ at: day(w) })}`);
    expect(withConsent('not-found')).toBe(`consent.not-found:${JSON.stringify({ ref: 'cs-1' })}`);
    expect(withConsent('purpose-mismatch')).toContain('consent.purpose-mismatch');
    // the standing of another value (the field was edited since) is not shown for this one
    expect(valueText(def, 'doorRef', 'cs-2', { t, names, lang: 'zh-CN', consents: { doorRef: { ref: 'cs-1', status: 'active', grantedAt: g, expiresAt: null, withdrawnAt: null } } })).toBe('cs-2');
    expect(text('doorRef', 'cs-1')).toBe('cs-1');
  });

  it('says time limits in words and titles the entries of a table keyed by code', () => {
    expect(durationText('PT4H', 'zh-CN')).toBe('4小时');
    expect(durationText('P15D', 'zh-CN')).toBe('15天');
    expect(durationText('P1DT2H30M', 'zh-CN')).toBe('1天2小时30分钟');
    expect(durationText('PT90M', 'en')).toBe('90 min');
    for (const notOne of ['P', 'PT', 'P1DT', '4H', 'PT4h', 'P1.5D']) expect(durationText(notOne, 'zh-CN'), notOne).toBeUndefined();
    const table = { type: 'object', properties: { handling: { type: 'object', 'x-title': { 'zh-CN': '处置时限', en: 'Handling' },
      additionalProperties: { type: 'object', properties: { general: { type: 'string', 'x-title': { 'zh-CN': '一般', en: 'General' } }, urgent: { type: 'string', 'x-title': { 'zh-CN': '紧急', en: 'Urgent' } } } } } } };
    const withTable = { ...def, data: { type: 'object', properties: { limits: table } } } as unknown as Definition;
    expect(valueText(withTable, 'limits', { handling: { '0101': { general: 'PT4H', urgent: 'PT2H' } } }, { t, names, lang: 'zh-CN' })).toBe('处置时限：0101：一般：4小时，紧急：2小时');
  });

  it('finds grids by the last segment of their path, and only grids', () => {
    const m = gridNames(new Map([['/510722', '县'], ['/510722/510722100/510722100001', '社区'], ['/510722/510722100/510722100001/510722100001001', '第一网格']]));
    expect([...m]).toEqual([['510722100001001', '第一网格']]);
  });
});
