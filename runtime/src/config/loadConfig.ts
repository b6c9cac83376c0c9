/**
 * Runtime configuration from the environment (and an optional JSON file named by
 * TONGBAN_CONFIG), validated at start so a bad value fails with one clear line per problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { MysqlUrlError, parseMysqlUrl } from '../store/mysqlUrl.ts';

/** Validated runtime configuration. */
export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  /** mysql://… when set; otherwise the embedded SQLite file under dataDir */
  databaseUrl?: string;
  /** AES-256-GCM key for ID numbers at rest (32 bytes) */
  piiKey: Buffer;
  /** older keys still accepted for decryption (until `tongban rotate-key` re-encrypts) */
  piiOldKeys: Buffer[];
  /** HMAC key for lookups of encrypted values */
  hmacKey: Buffer;
  /** HMAC key signing access tokens */
  tokenSecret: Buffer;
  tokenTtlSeconds: number;
  bodyLimitBytes: number;
  attachmentMaxBytes: number;
  logLevel: string;
  seedOnStart: boolean;
  /** how timers fire: `embedded` (DB-polled, one node), `bullmq` (Redis wake-ups, scale-out), `off` (another process fires them) */
  jobs: JobsMode;
  /** redis://… for `jobs: 'bullmq'` */
  redisUrl?: string;
  /** the BullMQ queue shared by every runtime of a deployment */
  jobsQueue: string;
  /** the ID-card reader bridge on the worker's own machine (http://127.0.0.1:port/…), offered to the workbench; unset: no 读取身份证 button */
  idCardBridgeUrl?: string;
  /** the workbench's production build served at `/` (default: workbench/dist of this repository) */
  workbenchDir?: string;
  /** Express `trust proxy` (`TONGBAN_TRUST_PROXY`): behind a reverse proxy, whose X-Forwarded-For names the client (login back-off is per address) */
  trustProxy: boolean | number | string;
  /** HMAC key signing audit checkpoints (32 bytes) */
  auditKey: Buffer;
  /** where signed audit checkpoints are appended: a second place beside the database, read by `tongban audit verify` */
  auditCheckpointFile: string;
  /** how often a signed checkpoint of the audit head is written (ms) */
  auditCheckpointMs: number;
  /** `TONGBAN_RETENTION_EVERY_MS`: how often the process that fires timers runs the retention job (default daily; 0 = never) */
  retentionEveryMs: number;
  /** total attachment bytes one case may hold */
  attachmentCaseQuotaBytes: number;
  /** adapter modules to load (package names or paths), `TONGBAN_ADAPTERS` comma-separated; undefined when unset */
  adapters?: string[];
  /** `TONGBAN_ADAPTER_ISOLATION`: `worker` (default: each adapter in its own thread) or `inline` (the server's thread) */
  adapterIsolation: 'worker' | 'inline';
  /** `TONGBAN_WORKER_MOVE_TASKS`: when an admin moves a worker to another unit, their open tasks `stay` with them or `return-to-group` (default); a move may override it */
  workerMoveTasks: 'stay' | 'return-to-group';
  /** OIDC sign-in (`TONGBAN_OIDC_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`, `_REDIRECT_URI`, `_PROVIDER`); unset: password login only */
  oidc?: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; provider: string };
  /** `TONGBAN_ROLE` (or `tongban start --role`): `all` (default), `server` (HTTP; timer wake-ups as hints only), `worker` (timers, outbox, adapters; no API) */
  role: ProcessRole;
  /** `TONGBAN_METRICS_PORT`: serve /metrics (and /healthz, /readyz) on this port instead of the public one; unset: none */
  metricsPort?: number;
  /** `TONGBAN_METRICS_TOKEN`: /metrics on the public port answers only `Authorization: Bearer <token>` */
  metricsToken?: string;
  /** /metrics on the public port without a token: only outside production, and only when neither of the above is set */
  metricsOpen: boolean;
  /** `TONGBAN_JOBS_POLL_MS`: the embedded driver's poll of the timers table */
  jobsPollMs: number;
  /** `TONGBAN_EFFECTS_POLL_MS`: the worker's poll of the outbox: at most this long between a commit and its notices and adapter calls */
  effectsPollMs: number;
  /** `TONGBAN_JOBS_SWEEP_MS`: the BullMQ driver's safety sweep (fires overdue rows whose wake-up was lost) */
  jobsSweepMs: number;
  /** `TONGBAN_LEASE_MS`: how long a claimed timer or outbox row stays with its process; after a crash, others take it over once it ends */
  leaseMs: number;
  /** `TONGBAN_DRAIN_MS`: how long SIGTERM waits for in-flight requests and jobs before closing their connections */
  drainMs: number;
}

/** What a process does (`TONGBAN_ROLE`). */
export type ProcessRole = 'all' | 'server' | 'worker';
const processRoles: ProcessRole[] = ['all', 'server', 'worker'];

/** The jobs drivers a deployment can select (`TONGBAN_JOBS`). */
export type JobsMode = 'embedded' | 'bullmq' | 'off';
const jobsModes: JobsMode[] = ['embedded', 'bullmq', 'off'];

/** A configuration problem, one per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('配置无效 Invalid configuration:\n' + problems.map((p) => '  - ' + p).join('\n'));
  }
}

type Env = Record<string, string | undefined>;

// Development-only keys, derived from a fixed phrase: a deployment sets its own (checked below).
const devKey = (label: string): string => createHash('sha256').update('tongban-dev-' + label).digest('base64');

function readFileConfig(env: Env): Env {
  const file = env.TONGBAN_CONFIG;
  if (!file) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

function int(problems: string[], name: string, raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}="${raw}" 须为 ${min}–${max} 的整数 (must be an integer from ${min} to ${max})`);
    return def;
  }
  return n;
}

function key(problems: string[], name: string, raw: string | undefined, def: string): Buffer {
  const value = raw || def;
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== 32) problems.push(`${name} 须为 32 字节的 base64 (must be 32 bytes, base64-encoded)`);
  return buf;
}

function dbUrl(problems: string[], raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    parseMysqlUrl(raw);
    return raw;
  } catch (err) {
    problems.push(err instanceof MysqlUrlError ? err.problem : String(err));
    return undefined;
  }
}

function bridgeUrl(problems: string[], raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    // the reader sits on the worker's own device: only a loopback address is allowed
    if (!['http:', 'https:'].includes(u.protocol) || !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error('host');
    return u.href;
  } catch {
    problems.push('TONGBAN_IDCARD_BRIDGE 须为本机地址 http://127.0.0.1:端口/路径 (must be a loopback URL such as http://127.0.0.1:18080/read)');
    return undefined;
  }
}

function redisUrl(problems: string[], raw: string | undefined, required: boolean): string | undefined {
  if (!raw) {
    if (required) problems.push('REDIS_URL 在 TONGBAN_JOBS=bullmq 时必填 (required when TONGBAN_JOBS=bullmq), e.g. redis://127.0.0.1:6379');
    return undefined;
  }
  try {
    const u = new URL(raw);
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error('protocol');
    if (!u.hostname) throw new Error('host');
    if (u.port && !(Number(u.port) > 0 && Number(u.port) < 65536)) throw new Error('port');
    const db = u.pathname.replace(/^\//, '');
    if (db && !/^\d{1,2}$/.test(db)) throw new Error('db');
    return raw;
  } catch {
    problems.push('REDIS_URL 须为 redis://[user:pass@]host:port[/db] 或 rediss://… (must be redis://[user:pass@]host:port[/db] or rediss://…)');
    return undefined;
  }
}

/** Keys a production deployment must set itself (env name, development-key label). */
const productionKeys: Array<[string, string]> = [['TONGBAN_PII_KEY', 'pii'], ['TONGBAN_HMAC_KEY', 'hmac'], ['TONGBAN_TOKEN_SECRET', 'token'], ['TONGBAN_AUDIT_KEY', 'audit']];

function trustProxy(problems: string[], raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  if (/^[\w.:/, -]{1,200}$/.test(raw)) return raw; // loopback, uniquelocal, addresses or CIDRs, comma-separated
  problems.push('TONGBAN_TRUST_PROXY 须为 true、跳数或地址列表 (must be true, a hop count, or addresses/CIDRs such as loopback)');
  return false;
}

/** Reads and validates the configuration; throws ConfigError listing every bad value. */
export function loadConfig(envIn: Env = process.env): RuntimeConfig {
  const env = { ...readFileConfig(envIn), ...envIn };
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  // In production every key is the deployment's own: none may be missing or be a development key.
  for (const [name, label] of productionKeys) {
    if (!production) continue;
    if (!env[name]) problems.push(`${name} 生产环境必填 (required in production)`);
    else if (env[name] === devKey(label)) problems.push(`${name} 不能使用开发密钥 (must not be the development key)`);
  }
  const oldKeys = (env.TONGBAN_PII_OLD_KEYS ?? '').split(',').filter(Boolean);
  const config: RuntimeConfig = {
    port: int(problems, 'PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.TONGBAN_DATA_DIR || './data'),
    databaseUrl: dbUrl(problems, env.DATABASE_URL),
    piiKey: key(problems, 'TONGBAN_PII_KEY', env.TONGBAN_PII_KEY, devKey('pii')),
    piiOldKeys: oldKeys.map((k, i) => key(problems, `TONGBAN_PII_OLD_KEYS[${i}]`, k, '')),
    hmacKey: key(problems, 'TONGBAN_HMAC_KEY', env.TONGBAN_HMAC_KEY, devKey('hmac')),
    tokenSecret: key(problems, 'TONGBAN_TOKEN_SECRET', env.TONGBAN_TOKEN_SECRET, devKey('token')),
    tokenTtlSeconds: int(problems, 'TONGBAN_TOKEN_TTL', env.TONGBAN_TOKEN_TTL, 8 * 3600, 60, 30 * 86400),
    bodyLimitBytes: int(problems, 'TONGBAN_BODY_LIMIT', env.TONGBAN_BODY_LIMIT, 256 * 1024, 1024, 16 * 1024 * 1024),
    attachmentMaxBytes: int(problems, 'TONGBAN_ATTACHMENT_MAX', env.TONGBAN_ATTACHMENT_MAX, 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    // the demo county (with its demo passwords) loads in production only when asked for explicitly
    seedOnStart: production ? env.TONGBAN_SEED === 'true' : env.TONGBAN_SEED !== 'false',
    jobs: (env.TONGBAN_JOBS || 'embedded') as JobsMode,
    redisUrl: undefined,
    jobsQueue: env.TONGBAN_JOBS_QUEUE || 'tongban-timers',
    idCardBridgeUrl: bridgeUrl(problems, env.TONGBAN_IDCARD_BRIDGE),
    workbenchDir: env.TONGBAN_WORKBENCH_DIR ? resolve(env.TONGBAN_WORKBENCH_DIR) : undefined,
    trustProxy: trustProxy(problems, env.TONGBAN_TRUST_PROXY),
    auditKey: key(problems, 'TONGBAN_AUDIT_KEY', env.TONGBAN_AUDIT_KEY, devKey('audit')),
    auditCheckpointFile: resolve(env.TONGBAN_AUDIT_CHECKPOINTS || resolve(env.TONGBAN_DATA_DIR || './data', 'audit-checkpoints.jsonl')),
    auditCheckpointMs: int(problems, 'TONGBAN_AUDIT_CHECKPOINT_MS', env.TONGBAN_AUDIT_CHECKPOINT_MS, 60_000, 1000, 24 * 3600_000),
    retentionEveryMs: int(problems, 'TONGBAN_RETENTION_EVERY_MS', env.TONGBAN_RETENTION_EVERY_MS, 24 * 3600_000, 0, 7 * 24 * 3600_000),
    attachmentCaseQuotaBytes: int(problems, 'TONGBAN_ATTACHMENT_CASE_QUOTA', env.TONGBAN_ATTACHMENT_CASE_QUOTA, 200 * 1024 * 1024, 1024, 100 * 1024 * 1024 * 1024),
    adapters: env.TONGBAN_ADAPTERS === undefined ? undefined : env.TONGBAN_ADAPTERS.split(',').map((a) => a.trim()).filter(Boolean),
    adapterIsolation: (env.TONGBAN_ADAPTER_ISOLATION || 'worker') as 'worker' | 'inline',
    workerMoveTasks: (env.TONGBAN_WORKER_MOVE_TASKS || 'return-to-group') as 'stay' | 'return-to-group',
    ...(env.TONGBAN_OIDC_ISSUER ? { oidc: { issuer: env.TONGBAN_OIDC_ISSUER, clientId: env.TONGBAN_OIDC_CLIENT_ID ?? '', clientSecret: env.TONGBAN_OIDC_CLIENT_SECRET ?? '', redirectUri: env.TONGBAN_OIDC_REDIRECT_URI ?? '', provider: env.TONGBAN_OIDC_PROVIDER || 'oidc' } } : {}),
    role: (env.TONGBAN_ROLE || 'all') as ProcessRole,
    metricsPort: env.TONGBAN_METRICS_PORT ? int(problems, 'TONGBAN_METRICS_PORT', env.TONGBAN_METRICS_PORT, 0, 0, 65535) : undefined,
    metricsToken: env.TONGBAN_METRICS_TOKEN || undefined,
    metricsOpen: false,
    jobsPollMs: int(problems, 'TONGBAN_JOBS_POLL_MS', env.TONGBAN_JOBS_POLL_MS, 5_000, 100, 3_600_000),
    effectsPollMs: int(problems, 'TONGBAN_EFFECTS_POLL_MS', env.TONGBAN_EFFECTS_POLL_MS, 1_000, 100, 3_600_000),
    jobsSweepMs: int(problems, 'TONGBAN_JOBS_SWEEP_MS', env.TONGBAN_JOBS_SWEEP_MS, 60_000, 1_000, 3_600_000),
    leaseMs: int(problems, 'TONGBAN_LEASE_MS', env.TONGBAN_LEASE_MS, 60_000, 1_000, 3_600_000),
    drainMs: int(problems, 'TONGBAN_DRAIN_MS', env.TONGBAN_DRAIN_MS, 10_000, 0, 600_000),
  };
  if (!processRoles.includes(config.role)) {
    problems.push(`TONGBAN_ROLE="${config.role}" 无效 (must be ${processRoles.join('|')})`);
    config.role = 'all';
  }
  if (config.metricsToken !== undefined && !/^[\x21-\x7e]{16,200}$/.test(config.metricsToken)) {
    problems.push('TONGBAN_METRICS_TOKEN 须为 16–200 个可见 ASCII 字符 (must be 16–200 printable ASCII characters)');
  }
  config.metricsOpen = !production && config.metricsPort === undefined && config.metricsToken === undefined;
  if (!jobsModes.includes(config.jobs)) {
    problems.push(`TONGBAN_JOBS="${config.jobs}" 无效 (must be ${jobsModes.join('|')})`);
    config.jobs = 'embedded';
  }
  if (!['stay', 'return-to-group'].includes(config.workerMoveTasks)) problems.push(`TONGBAN_WORKER_MOVE_TASKS="${config.workerMoveTasks}" 无效 (must be stay|return-to-group)`);
  if (config.oidc && (!config.oidc.clientId || !/^https?:\/\//.test(config.oidc.issuer) || !/^https?:\/\//.test(config.oidc.redirectUri))) problems.push('TONGBAN_OIDC_ISSUER 已设置：须同时提供 TONGBAN_OIDC_CLIENT_ID 与 http(s) 的 TONGBAN_OIDC_REDIRECT_URI (OIDC needs a client id and an http(s) redirect URI)');
  if (!['worker', 'inline'].includes(config.adapterIsolation)) problems.push(`TONGBAN_ADAPTER_ISOLATION="${config.adapterIsolation}" 无效 (must be worker|inline)`);
  config.redisUrl = redisUrl(problems, env.REDIS_URL, config.jobs === 'bullmq');
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(config.jobsQueue)) {
    problems.push(`TONGBAN_JOBS_QUEUE="${config.jobsQueue}" 须为 1–100 个字母、数字、_ . - (must be 1–100 of A-Z a-z 0-9 _ . -; no ":")`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL="${config.logLevel}" 无效 (must be fatal|error|warn|info|debug|trace|silent)`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
