import { describe, expect, it } from 'vitest';
import { dropAbsentNulls } from './absentNulls.ts';

const schema = {
  type: 'object', required: ['direction'],
  properties: {
    taskId: { type: 'string' }, direction: { type: 'string' }, note: { type: ['string', 'null'] }, any: {},
    contacts: { type: 'array', items: { type: 'object', properties: { phone: { type: 'string' } } } },
    nested: { type: 'object', properties: { ref: { type: 'string' } } },
  },
};

describe('dropAbsentNulls: a mapped null of an optional field means "not given"', () => {
  it('leaves out nulls of optional properties that do not take null, at any depth', () => {
    const input = { taskId: null, direction: 'up', contacts: [{ phone: null }, { phone: '13800000000' }], nested: { ref: null } };
    expect(dropAbsentNulls(schema, input)).toEqual({ direction: 'up', contacts: [{}, { phone: '13800000000' }], nested: {} });
  });

  it('keeps a null where the schema takes null or says nothing, and a required null (refused later by the check)', () => {
    expect(dropAbsentNulls(schema, { direction: null, note: null, any: null })).toEqual({ direction: null, note: null, any: null });
  });

  it('leaves other values and unknown properties alone', () => {
    expect(dropAbsentNulls(schema, { direction: 'down', extra: null })).toEqual({ direction: 'down', extra: null });
    expect(dropAbsentNulls(schema, null)).toBe(null);
  });
});
