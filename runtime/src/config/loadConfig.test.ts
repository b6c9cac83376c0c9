import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './loadConfig.ts';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.piiKey.length).toBe(32);
  });

  it('lists every bad value with a clear message', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'postgres://x/y', TONGBAN_PII_KEY: 'short', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('TONGBAN_PII_KEY');
      expect(problems).toContain('LOG_LEVEL');
    }
  });

  it('requires real keys in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TONGBAN_PII_KEY/);
  });

  it('selects the jobs driver: embedded by default, bullmq with a valid REDIS_URL', () => {
    expect(loadConfig({})).toMatchObject({ jobs: 'embedded', redisUrl: undefined, jobsQueue: 'tongban-timers' });
    expect(loadConfig({ TONGBAN_JOBS: 'off' }).jobs).toBe('off');
    expect(loadConfig({ TONGBAN_JOBS: 'bullmq', REDIS_URL: 'redis://:secret@10.0.0.5:6380/2', TONGBAN_JOBS_QUEUE: 'county-a.timers' }))
      .toMatchObject({ jobs: 'bullmq', redisUrl: 'redis://:secret@10.0.0.5:6380/2', jobsQueue: 'county-a.timers' });
  });

  it('explains bad jobs settings', () => {
    const problems = (env: Record<string, string>) => {
      try { loadConfig(env); return ''; } catch (err) { return (err as ConfigError).problems.join('\n'); }
    };
    expect(problems({ TONGBAN_JOBS: 'bullmq' })).toMatch(/REDIS_URL .*required when TONGBAN_JOBS=bullmq/);
    expect(problems({ TONGBAN_JOBS: 'bullmq', REDIS_URL: 'http://127.0.0.1:6379' })).toMatch(/REDIS_URL .*must be redis:\/\//);
    expect(problems({ TONGBAN_JOBS: 'bullmq', REDIS_URL: 'redis://127.0.0.1:6379/x' })).toMatch(/REDIS_URL/);
    expect(problems({ TONGBAN_JOBS: 'redis' })).toMatch(/TONGBAN_JOBS="redis" .*embedded\|bullmq\|off/);
    expect(problems({ TONGBAN_JOBS_QUEUE: 'a:b' })).toMatch(/TONGBAN_JOBS_QUEUE="a:b"/);
  });
});
