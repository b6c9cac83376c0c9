import { describe, it, expect } from 'vitest';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import schema from '@tongban/definitions/calendars/calendar.schema.json' with { type: 'json' };
import { countyCalendars, nationalYears } from '@tongban/definitions/calendars';
import { validateNationalYear, validateNationalYears } from './validateNationalYear.ts';
import { parseLocalDate, weekdayOf } from './localDate.ts';
import type { NationalYear } from './types.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true, formats: { uri: fullFormats.uri } });
const validateYear = ajv.compile(schema);
const validateCounty = ajv.compile({ $ref: 'urn:tongban:schema:calendar#/$defs/countyCalendarConfig' });
const findings = (data: unknown) => validateNationalYear(data).map((d) => `${d.severity} ${d.code}@${d.path}`);
const days = (y: NationalYear) => y.holidays.reduce((n, h) => n + (parseLocalDate(h.to) ?? 0) - (parseLocalDate(h.from) ?? 0) + 1, 0);
const base2026 = nationalYears[1] as NationalYear;
const with2026 = (patch: Partial<NationalYear>) => ({ ...base2026, ...patch });

describe('shipped calendar data', () => {
  it('validates against the JSON Schema', () => {
    for (const year of nationalYears) expect(validateYear(year), ajv.errorsText(validateYear.errors)).toBe(true);
    for (const county of countyCalendars) expect(validateCounty(county), `${county.id}: ${ajv.errorsText(validateCounty.errors)}`).toBe(true);
    expect(new Set(countyCalendars.map((c) => c.id)).size).toBe(countyCalendars.length);
  });

  it('has no semantic findings, and every make-up workday is a weekend', () => {
    expect(validateNationalYears(nationalYears)).toEqual([]);
    for (const y of nationalYears) {
      for (const m of y.makeUpWorkdays) expect([0, 6]).toContain(weekdayOf(parseLocalDate(m.date) ?? NaN));
    }
  });

  it('cites its State Council notice', () => {
    expect(nationalYears.map((y) => [y.year, y.source.published])).toEqual([[2025, '2024-11-12'], [2026, '2025-11-04']]);
    expect((nationalYears[0] as NationalYear).source.number).toBe('国办发明电〔2024〕12号');
  });

  it('matches the day counts of the notices (2025: 28 days off, 2026: 33)', () => {
    expect(nationalYears.map((y) => [days(y), y.makeUpWorkdays.length])).toEqual([[28, 5], [33, 6]]);
  });

  it('schema refuses malformed files with the exact errors', () => {
    const bad = { ...base2026, year: '2026', extra: 1, makeUpWorkdays: [{ date: '2026-2-14' }] };
    expect(validateYear(bad)).toBe(false);
    expect(validateYear.errors?.map((e: ErrorObject) => `${e.instancePath} ${e.keyword}`).sort()).toEqual([
      ' additionalProperties',
      '/makeUpWorkdays/0/date pattern',
      '/year type',
    ]);
  });
});

describe('validateNationalYear', () => {
  it.each([
    ['a make-up weekday', with2026({ makeUpWorkdays: [{ date: '2026-03-02' }] }), ['warning calendar.makeup-not-weekend@/makeUpWorkdays/0']],
    ['a make-up day inside a holiday', with2026({ makeUpWorkdays: [{ date: '2026-02-15' }] }), ['error calendar.makeup-in-holiday@/makeUpWorkdays/0']],
    ['a reversed range', with2026({ holidays: [{ name: { 'zh-CN': '春节', en: 'x' }, from: '2026-02-23', to: '2026-02-15' }] }), ['error calendar.bad-range@/holidays/0']],
    ['a typo making a holiday span months', with2026({ holidays: [{ name: { 'zh-CN': '春节', en: 'x' }, from: '2026-02-15', to: '2026-12-23' }] }), ['error calendar.holiday-too-long@/holidays/0']],
    ['a date in another year', with2026({ holidays: [{ name: { 'zh-CN': '元旦', en: 'x' }, from: '2025-12-31', to: '2026-01-01' }] }), ['warning calendar.date-outside-year@/holidays/0/from']],
    ['an impossible date', with2026({ makeUpWorkdays: [{ date: '2026-02-30' }] }), ['error calendar.bad-date@/makeUpWorkdays/0/date']],
    ['a missing name', with2026({ holidays: [{ from: '2026-02-15', to: '2026-02-16' } as NationalYear['holidays'][0]] }), ['error calendar.missing-field@/holidays/0/name']],
    ['a missing source', { ...base2026, source: undefined }, ['error calendar.missing-field@/source']],
    ['a bad year', { ...base2026, year: 26 }, ['error calendar.bad-year@/year']],
    ['no lists', { year: 2027, source: { title: 't', published: '2026-11-01' } }, ['error calendar.missing-field@/holidays', 'error calendar.missing-field@/makeUpWorkdays']],
  ])('reports %s', (_name, data, expected) => {
    expect(findings(data)).toEqual(expected);
  });

  it('refuses the same year twice', () => {
    expect(validateNationalYears([base2026, base2026]).map((d) => `${d.code}@${d.path}`)).toEqual(['calendar.duplicate-year@/1/year']);
  });
});
