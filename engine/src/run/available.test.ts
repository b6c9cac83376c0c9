import { describe, expect, it } from 'vitest';
import def from './fixtures/approval.json' with { type: 'json' };
import { compile } from '../compile/compile.ts';
import type { Definition } from '../definition/types.ts';
import { availableActions } from './available.ts';
import { start, step } from './step.ts';
import { act, actor, grid, testOptions } from '../testing/testkit.ts';

const c = compile(def as unknown as Definition);
const opts = testOptions();
const t0 = Date.UTC(2026, 2, 2, 1, 0);

describe('availableActions', () => {
  it('lists the holder decisions and operations, withdraw for the submitter, nothing for others', () => {
    const s0 = start(c, { caseId: 'a', orgPath: grid, data: {}, meta: { at: t0, id: 's', actor: actor('gw1') } }, opts).snapshot;
    expect(availableActions(c, s0, actor('gw1')).map((a) => `${a.kind}:${a.name}`)).toEqual(['decision:submit']);
    expect(availableActions(c, s0, actor('co1'))).toEqual([]);
    const draftTask = Object.keys(s0.context.tasks)[0]!;
    const s1 = step(c, s0, act(draftTask, 'submit', 'gw1', t0 + 1, { data: { amount: 5 } }), opts).snapshot;
    expect(availableActions(c, s1, actor('gw1')).map((a) => `${a.kind}:${a.name}`)).toEqual(['withdraw:withdraw']);
    const co1 = availableActions(c, s1, actor('co1'));
    expect(co1.map((a) => `${a.kind}:${a.name}`)).toEqual(['decision:approve', 'decision:reject', 'operation:transfer', 'operation:delegate', 'operation:addSigner', 'operation:removeSigner']);
    expect(co1.find((a) => a.name === 'reject')!.requires).toEqual(['comment']);
  });
});
