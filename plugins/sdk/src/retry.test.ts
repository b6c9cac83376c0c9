import { describe, expect, it } from 'vitest';
import { isoDurationMs, migrateConfig, retryDelay, tightenRetry } from './index.ts';

describe('retry policy', () => {
  const plugin = { attempts: 5, backoff: { initialMs: 1000, factor: 2, maxMs: 10_000 } };
  it('a definition may lower attempts and slow the backoff, never the opposite', () => {
    expect(tightenRetry(plugin, { max: 2, backoff: 'PT30S' })).toEqual({ attempts: 3, backoff: { initialMs: 30_000, factor: 2, maxMs: 30_000 } });
    expect(tightenRetry(plugin, { max: 50, backoff: 'PT0.1S' })).toEqual(plugin);
  });
  it('backs off exponentially up to the cap, with bounded jitter', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(plugin, n))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(retryDelay(plugin, 1, 0)).toBe(800);
    expect(retryDelay(plugin, 1, 0.999)).toBe(1200);
  });
  it('parses ISO durations and refuses junk', () => {
    expect([isoDurationMs('PT1M'), isoDurationMs('P1DT2H'), isoDurationMs('PT0.5S'), isoDurationMs('P'), isoDurationMs('1m')]).toEqual([60_000, 93_600_000, 500, undefined, undefined]);
  });
});

describe('config migrations', () => {
  const spec = { version: 3, schema: {}, migrate: { 1: (o: any) => ({ ...o, config: { ...o.config, b: 1 } }), 2: (o: any) => ({ ...o, config: { ...o.config, c: 2 } }) } };
  it('runs each step from the stored version, and refuses a newer or unbridgeable one', () => {
    expect(migrateConfig(spec, { version: 1, config: { a: 0 }, secrets: {} })).toEqual({ stored: { version: 3, config: { a: 0, b: 1, c: 2 }, secrets: {} }, applied: [1, 2] });
    expect(() => migrateConfig(spec, { version: 4, config: {}, secrets: {} })).toThrow(expect.objectContaining({ code: 'config.version-newer' }));
    expect(() => migrateConfig({ ...spec, migrate: { 2: spec.migrate[2] } }, { version: 1, config: {}, secrets: {} })).toThrow(expect.objectContaining({ code: 'config.migration-missing' }));
  });
});
