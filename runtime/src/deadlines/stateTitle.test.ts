import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import { stateSpecAt, stateTitle } from './caseDeadline.ts';

const elderlyCall = JSON.parse(readFileSync(new URL('../../../definitions/service-items/elderly-call.json', import.meta.url), 'utf8')) as Definition;

describe('state titles', () => {
  it('finds a nested state by its path and by its own name, as a step’s trail records it', () => {
    expect(stateTitle(elderlyCall, 'care.answering')).toEqual({ 'zh-CN': '接警', en: 'Answer the alarm' });
    expect(stateTitle(elderlyCall, 'answering')).toEqual({ 'zh-CN': '接警', en: 'Answer the alarm' });
    expect(stateSpecAt(elderlyCall, 'triage')?.task?.decisions?.dispatch?.title).toEqual({ 'zh-CN': '派单响应', en: 'Dispatch responders' });
    expect(stateTitle(elderlyCall, 'no_such_state')).toEqual({ 'zh-CN': 'no_such_state', en: 'no_such_state' });
  });
});
