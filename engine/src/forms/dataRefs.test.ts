import { describe, expect, it } from 'vitest';
import type { Definition } from '../definition/types.ts';
import { dataRefs, refKindOf } from './dataRefs.ts';

const def = {
  data: { type: 'object', properties: {
    owner: { type: 'string', 'x-widget': 'user-picker' },
    mediators: { type: 'array', items: { type: 'string' }, 'x-widget': 'user-picker' },
    proposer: { type: 'object', properties: { userId: { type: 'string' }, name: { type: 'string' } } },
    volunteerUserId: { type: 'string' },
    targetOrg: { type: 'string', pattern: '^(/\\d{6,15})+$' },
    unit: { type: 'string', 'x-widget': 'org-picker' },
    gridCode: { type: 'string', pattern: '^\\d{15}$' },
    parties: { type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, phone: { type: 'string' } } } },
    note: { type: 'string' },
  } },
} as unknown as Definition;

describe('dataRefs', () => {
  it('finds people, units and grids by widget, pattern or a …UserId name, at any depth, once each', () => {
    expect(dataRefs(def, {
      owner: 'u1', mediators: ['u2', 'u1', '', 7], proposer: { userId: 'u3', name: 'u9' }, volunteerUserId: 'u4',
      targetOrg: '/510722/510722903', unit: '/510722', gridCode: '510722100001001', parties: [{ userId: 'u5', phone: '138' }], note: 'u8',
    })).toEqual({ users: ['u1', 'u2', 'u3', 'u4', 'u5'], orgs: ['/510722/510722903', '/510722'], grids: ['510722100001001'] });
  });

  it('skips absent and mistyped values and stops at the limit', () => {
    expect(dataRefs(def, { owner: null, proposer: 'not a record', mediators: { a: 'u1' } })).toEqual({ users: [], orgs: [], grids: [] });
    expect(dataRefs(def, { mediators: ['a', 'b', 'c', 'd'] }, 2).users).toEqual(['a', 'b']);
  });

  it('says what a field points at', () => {
    expect([refKindOf({}, 'reviewerUserId'), refKindOf({}, 'userId'), refKindOf({}, 'username'), refKindOf({ 'x-widget': 'grid-picker' }, 'g')]).toEqual(['user', 'user', undefined, 'grid']);
  });
});
