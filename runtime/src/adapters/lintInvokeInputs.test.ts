import { describe, expect, it } from 'vitest';
import { lintInvokeInputs } from './lintInvokeInputs.ts';

const schemas = new Map([['sms-gateway.send', {
  type: 'object', required: ['to', 'templateId'], additionalProperties: false,
  properties: { to: { type: 'string', pattern: '^1[3-9][0-9]{9}$' }, templateId: { type: 'string' }, priority: { type: 'integer', maximum: 3 } },
}]]);

describe('lintInvokeInputs', () => {
  it('reports unknown keys, missing required keys and constants the schema refuses, with JSON Pointers; logic passes', () => {
    const def = { states: { a: { entry: [{ invoke: { operation: 'sms-gateway.send', input: { to: { var: 'data.phone' }, templatId: 'x', priority: 9 } } }] },
      b: { on: { go: { effects: [{ invoke: { operation: 'sms-gateway.send', input: { to: '13812345678', templateId: 'ok' } } }, { invoke: { operation: 'other.op', input: { z: 1 } } }] } } } } };
    expect(lintInvokeInputs(def, schemas).map((d) => [d.code, d.path, d.message.en])).toEqual([
      ['lint.operation-input-mismatch', '/states/a/entry/0/invoke/input/templatId', 'Input of "sms-gateway.send": does not take "templatId"'],
      ['lint.operation-input-mismatch', '/states/a/entry/0/invoke/input/priority', 'Input of "sms-gateway.send": "priority" does not match its schema: must be <= 3'],
      ['lint.operation-input-mismatch', '/states/a/entry/0/invoke/input', 'Input of "sms-gateway.send": misses the required "templateId"'],
    ]);
  });
});
