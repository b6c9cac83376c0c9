import { describe, expect, it } from 'vitest';
import { serviceItems } from '@tongban/definitions/service-items';
import { accessAt, expandDataPath, parseDataPath, piiPathsOf, schemaAtPath } from './dataPaths.ts';
import type { Definition } from './types.ts';

const data = {
  type: 'object', properties: {
    phone: { type: 'string', 'x-pii': 'phone' },
    note: { type: 'string', 'x-pii': 'none' },
    household: { type: 'object', 'x-pii': 'none', properties: {
      members: { type: 'array', 'x-pii': 'name', items: { type: 'object', properties: { name: { type: 'string', 'x-pii': 'name' }, phone: { type: 'string', 'x-pii': 'phone' } } } },
    } },
    tags: { type: 'array', 'x-pii': 'none', items: { type: 'string', 'x-pii': 'special-identity' } },
  },
};

describe('data paths (the notation shared with the runtime: `household.members[].phone`)', () => {
  it('piiPathsOf lists every tagged path, nested ones in path notation, without `none`', () => {
    expect(piiPathsOf({ data } as unknown as Definition)).toEqual([
      { path: 'phone', kind: 'phone' }, { path: 'household.members', kind: 'name' },
      { path: 'household.members[].name', kind: 'name' }, { path: 'household.members[].phone', kind: 'phone' },
      { path: 'tags[]', kind: 'special-identity' },
    ]);
  });
  it('finds the nested personal data of the five service items', () => {
    const consultation = serviceItems.consultation as Definition;
    expect(piiPathsOf(consultation)).toEqual(expect.arrayContaining([{ path: 'partyIds[].idNumber', kind: 'id-number' }, { path: 'parties[].phone', kind: 'phone' }]));
    expect(piiPathsOf(serviceItems.referral as Definition)).toEqual(expect.arrayContaining([{ path: 'patient.sex', kind: 'sex' }, { path: 'patient.age', kind: 'birth-date' }]));
  });
  it('parses, resolves and expands paths; refuses prototype keys', () => {
    expect(parseDataPath('household.members[].phone')).toEqual([{ key: 'household', each: false }, { key: 'members', each: true }, { key: 'phone', each: false }]);
    expect(parseDataPath('a.__proto__')).toBeUndefined();
    expect(parseDataPath('a..b')).toBeUndefined();
    expect(schemaAtPath(data, 'household.members[].phone')).toEqual({ type: 'string', 'x-pii': 'phone' });
    expect(schemaAtPath(data, 'household.members.phone')).toBeUndefined();
    const value = { household: { members: [{ name: '甲', phone: '13800000001' }, { name: '乙' }] } };
    expect(expandDataPath(value, 'household.members[].phone')).toEqual([{ pointer: '/household/members/0/phone', value: '13800000001' }]);
    expect(expandDataPath(value, 'household.members[]').map((x) => x.pointer)).toEqual(['/household/members/0', '/household/members/1']);
  });
  it('a leaf takes the most specific matrix entry on its path', () => {
    const m = { household: 'write', 'household.members[].phone': 'masked' } as const;
    expect(accessAt(m, 'household.members[].phone', 'read')).toBe('masked');
    expect(accessAt(m, 'household.members[].name', 'read')).toBe('write');
    expect(accessAt({}, 'note', 'read')).toBe('read');
  });
});
