import { describe, expect, it } from 'vitest';
import def from '../run/fixtures/approval.json' with { type: 'json' };
import type { Definition } from '../definition/types.ts';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { compile } from './compile.ts';

const d = def as unknown as Definition;

describe('compile', () => {
  it('caches per id@version, and recompiles when a draft changed under the same version', () => {
    const a = compile(d);
    expect(compile(structuredClone(d))).toBe(a);
    const changed = structuredClone(d);
    changed.title = { 'zh-CN': '改过', en: 'Changed' };
    expect(compile(changed)).not.toBe(a);
  });
  it('machine config is data: guards and actions are referenced by name with params', () => {
    const c = compile(d, { cache: false });
    const review = (c.machineConfig.states as Record<string, unknown>).review as { on: Record<string, Array<{ guard?: { type: string; params: unknown } }>> };
    expect(review.on['@review.approve']![0]!.guard).toEqual({ type: 'g', params: { k: '/states/review/on/approve/0/guard' } });
    expect(JSON.parse(JSON.stringify(c.machineConfig))).toEqual(c.machineConfig);
  });
  it('never uses XState `after` for time', () => {
    expect(JSON.stringify(compile(d, { cache: false }).machineConfig)).not.toContain('"after"');
  });
  it('throws a coded EngineError for invalid expressions (loadDefinition reports them first)', () => {
    const bad = structuredClone(d);
    (bad.states.review!.on!.approve as Array<{ guard: unknown }>)[0]!.guard = { nope: [] };
    try {
      compile(bad, { cache: false });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('definition.invalid-expression');
      expect((err as EngineError).diagnostics[0]!.code).toBe('expr.unknown-operator');
    }
  });
});
