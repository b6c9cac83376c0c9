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

  it('requires every key, none of them a development key, in production (issue 7.2)', () => {
    const problems = (env: Record<string, string>) => {
      try { loadConfig(env); return []; } catch (err) { return (err as ConfigError).problems; }
    };
    const missing = problems({ NODE_ENV: 'production' }).join('\n');
    for (const name of ['TONGBAN_PII_KEY', 'TONGBAN_HMAC_KEY', 'TONGBAN_TOKEN_SECRET', 'TONGBAN_AUDIT_KEY']) expect(missing).toContain(name);
    const own = (n: number) => Buffer.alloc(32, n).toString('base64');
    const keys = { TONGBAN_PII_KEY: own(1), TONGBAN_HMAC_KEY: own(2), TONGBAN_TOKEN_SECRET: own(3), TONGBAN_AUDIT_KEY: own(4) };
    expect(problems({ NODE_ENV: 'production', ...keys })).toEqual([]);
    const devHmac = loadConfig({}).hmacKey.toString('base64');
    expect(problems({ NODE_ENV: 'production', ...keys, TONGBAN_HMAC_KEY: devHmac }).join('\n')).toMatch(/TONGBAN_HMAC_KEY .*development key/);
  });

  it('never seeds the demo county in production unless asked explicitly', () => {
    const own = (n: number) => Buffer.alloc(32, n).toString('base64');
    const prod = { NODE_ENV: 'production', TONGBAN_PII_KEY: own(1), TONGBAN_HMAC_KEY: own(2), TONGBAN_TOKEN_SECRET: own(3), TONGBAN_AUDIT_KEY: own(4) };
    expect(loadConfig(prod).seedOnStart).toBe(false);
    expect(loadConfig({ ...prod, TONGBAN_SEED: 'true' }).seedOnStart).toBe(true);
    expect(loadConfig({}).seedOnStart).toBe(true);
    expect(loadConfig({ TONGBAN_SEED: 'false' }).seedOnStart).toBe(false);
  });

  it('takes a trust-proxy setting for the client address behind a reverse proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TONGBAN_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ TONGBAN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(() => loadConfig({ TONGBAN_TRUST_PROXY: 'a;b' })).toThrow(/TONGBAN_TRUST_PROXY/);
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

  it('reads the process role and the metrics exposure; metrics are never open by default in production', () => {
    expect(loadConfig({})).toMatchObject({ role: 'all', metricsOpen: true, metricsPort: undefined, metricsToken: undefined, drainMs: 10_000, leaseMs: 60_000 });
    expect(loadConfig({ TONGBAN_ROLE: 'worker', TONGBAN_METRICS_PORT: '9464' })).toMatchObject({ role: 'worker', metricsPort: 9464, metricsOpen: false });
    const keys = Object.fromEntries(['PII', 'HMAC', 'TOKEN_SECRET', 'AUDIT'].map((k, i) => [`TONGBAN_${k === 'TOKEN_SECRET' ? k : k + '_KEY'}`, Buffer.alloc(32, i + 7).toString('base64')]));
    expect(loadConfig({ NODE_ENV: 'production', ...keys }).metricsOpen).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ...keys, TONGBAN_METRICS_TOKEN: 'a-long-scrape-token-1234' })).toMatchObject({ metricsOpen: false, metricsToken: 'a-long-scrape-token-1234' });
    const problems = (env: Record<string, string>) => {
      try { loadConfig(env); return ''; } catch (err) { return (err as ConfigError).problems.join('\n'); }
    };
    expect(problems({ TONGBAN_ROLE: 'boss' })).toMatch(/^TONGBAN_ROLE="boss" 无效 \(must be all\|server\|worker\)$/);
    expect(problems({ TONGBAN_METRICS_TOKEN: 'short' })).toMatch(/TONGBAN_METRICS_TOKEN .*16–200/);
    expect(problems({ TONGBAN_DRAIN_MS: '-1' })).toMatch(/TONGBAN_DRAIN_MS/);
  });
});
