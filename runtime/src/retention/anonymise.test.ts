import { describe, expect, it } from 'vitest';
import type { PiiKind } from '@tongban/engine';
import { ANONYMISED, anonymiseData, anonymiseDocument, stringsAtTaggedPaths } from './anonymise.ts';

const fields = new Map<string, PiiKind>([['reporter', 'name'], ['reporter.phone', 'phone'], ['parties[].name', 'name'], ['location', 'gps'], ['idNumber', 'id-number']]);
const sealed = (v: unknown) => typeof v === 'string' && v.startsWith('enc:v1:');

describe('anonymise', () => {
  it('replaces every leaf under a tagged path, keeps the shape and untagged values, counts what changed', () => {
    const data = { reporter: { name: '李秀英', phone: '13912345678' }, parties: [{ name: '张三', role: '申请人' }, { name: '李四', role: '被申请人' }], location: { lat: 30.87, lng: 105.38 }, title: '金鱼路垃圾' };
    expect(anonymiseData(data, fields)).toBe(6);
    expect(data).toEqual({ reporter: { name: ANONYMISED, phone: ANONYMISED }, parties: [{ name: ANONYMISED, role: '申请人' }, { name: ANONYMISED, role: '被申请人' }], location: { lat: ANONYMISED, lng: ANONYMISED }, title: '金鱼路垃圾' });
    expect(anonymiseData(data, fields)).toBe(0); // idempotent
  });

  it('in a stored document: data objects at any depth, sealed values anywhere, signatures', () => {
    const doc = { type: 'task.act', data: { reporter: { name: '王五' } }, context: { data: { idNumber: 'enc:v1:k1:abc' }, trail: [{ signature: 'data:image/png;base64,AAA', comment: '已办' }] }, echo: ['enc:v1:k1:def', 'plain'] };
    expect(anonymiseDocument(doc, fields, sealed)).toBe(4);
    expect(doc).toEqual({ type: 'task.act', data: { reporter: { name: ANONYMISED } }, context: { data: { idNumber: ANONYMISED }, trail: [{ signature: ANONYMISED, comment: '已办' }] }, echo: [ANONYMISED, 'plain'] });
  });

  it('collects the strings at tagged paths (attachment ids of an ID card scan)', () => {
    expect([...stringsAtTaggedPaths({ reporter: { name: 'a', phone: 'att-1' }, title: 'att-2' }, fields)].sort()).toEqual(['a', 'att-1']);
  });
});
