/**
 * Wires a runtime from configuration: store (migrated), identity, definitions, the command path,
 * queries, the outbox dispatcher and the HTTP app. Tests, the CLI and benchmarks all start here.
 */
import pino, { type Logger } from 'pino';
import type { Server } from 'node:http';
import type { RuntimeConfig } from './config/loadConfig.ts';
import { openDb, type Db } from './store/createDb.ts';
import { migrateLatest } from './store/migrate.ts';
import { KnexIdentityStore } from './identity/KnexIdentityStore.ts';
import { createTokenService } from './identity/tokens.ts';
import { createLoginService } from './identity/createLoginService.ts';
import { createLoginThrottle } from './identity/loginThrottle.ts';
import { createPrincipalCache } from './identity/createPrincipalCache.ts';
import { KnexDefinitionStore } from './definitions/KnexDefinitionStore.ts';
import { createRunOptions } from './cases/createRunOptions.ts';
import { createCaseCommands } from './cases/createCaseCommands.ts';
import { createCaseQueries } from './cases/KnexCaseQueries.ts';
import { createTaskQueries } from './tasks/KnexTaskQueries.ts';
import { createInbox } from './notifications/createInbox.ts';
import { createAuditQueries } from './audit/createAuditQueries.ts';
import { createTaskRecords } from './tasks/createTaskRecords.ts';
import { createRateLimits } from './store/rateLimit.ts';
import { createMigrationQueries } from './definitions/createMigrationQueries.ts';
import { migrationOperations } from './definitions/migrations.router.ts';
import { createPiiCodec } from './pii/createPiiCodec.ts';
import { createApp } from './http/createApp.ts';
import { defineOperation, type Operation } from './http/operation.ts';
import { buildOpenApi } from './openapi/buildOpenApi.ts';
import { authOperations } from './identity/auth.router.ts';
import { caseOperations } from './cases/cases.router.ts';
import { taskOperations } from './tasks/tasks.router.ts';
import { definitionOperations } from './definitions/definitions.router.ts';
import { revealOperations } from './pii/reveal.router.ts';
import { attachmentOperations } from './attachments/attachments.router.ts';
import { inboxOperations } from './notifications/notifications.router.ts';
import type { Services } from './services.ts';
import { caseActionOperations } from './http/caseActions.router.ts';
import { breakGlassOperations } from './pii/breakGlass.router.ts';
import { designerOperations } from './designer/designer.router.ts';
import { KnexDesignerStore } from './designer/KnexDesignerStore.ts';
import type { Clock, JobDriver } from './jobs/JobDriver.ts';
import { createTimerRunner, type TimerRunner } from './jobs/createTimerRunner.ts';
import { createEmbeddedDriver } from './jobs/createEmbeddedDriver.ts';
import { createBullmqDriver } from './jobs/createBullmqDriver.ts';
import { withTimerWakeups } from './jobs/withTimerWakeups.ts';
import { serveWorkbench } from './http/serveWorkbench.ts';
import { workbenchOperations } from './workbenchOperations.ts';
import { writeCheckpoint } from './audit/checkpoints.ts';
import { createAdapters } from './adapters/createAdapters.ts';
import { adapterOperations } from './adapters/adapters.router.ts';
import { inboundRoutes } from './adapters/inboundRoutes.ts';
import { createEffectRunner } from './effects/createEffectRunner.ts';
import { createTriggerReceiver } from './effects/receiveTrigger.ts';
import { createTriggerTargets } from './effects/triggerTargets.ts';
import { caseLinkOperations } from './effects/caseLinks.router.ts';
import { notificationPrefOperations } from './effects/notify/notificationPrefs.router.ts';
import { adminOperations } from './admin/admin.router.ts';
import { oidcOperations } from './identity/oidc/oidc.router.ts';
import { createOidcLogin } from './identity/oidc/createOidcLogin.ts';
import { createAdminService } from './admin/createAdminService.ts';

/** A running (or ready-to-listen) runtime. */
export interface Runtime extends Services {
  app: ReturnType<typeof createApp>;
  operations: Operation[];
  openapi: Record<string, unknown>;
  /** delivers pending outbox rows now (also runs on a timer once listening) */
  dispatch(): Promise<number>;
  /** fires due timers through the command path (used by every jobs driver and by seeding) */
  timers: TimerRunner;
  /** the jobs driver; started by `listen` unless jobs are 'off' */
  jobs: JobDriver;
  listen(port?: number): Promise<{ server: Server; url: string }>;
  close(): Promise<void>;
}

function allOperations(s: Services): Operation[] {
  // the workbench's literal paths (/api/tasks/queue-counts) come before the `{id}` routes they would match
  const oidc = s.config.oidc ? createOidcLogin(s.config.oidc, { identity: s.identity, tokens: s.tokens, secret: s.config.tokenSecret }) : undefined;
  return [...workbenchOperations(s), ...adminOperations(s), ...oidcOperations(s, oidc), ...authOperations(s), ...definitionOperations(s), ...migrationOperations(s), ...caseOperations(s), ...caseActionOperations(s), ...revealOperations(s), ...attachmentOperations(s),
    ...taskOperations(s), ...inboxOperations(s), ...breakGlassOperations(s), ...adapterOperations(s), ...caseLinkOperations(s), ...notificationPrefOperations(s), ...designerOperations(s, new KnexDesignerStore(s.db.knex))];
}

/**
 * How the runtime runs timers: the embedded poller, BullMQ on Redis (`config.redisUrl`), none (`off`:
 * another process fires them), or a given driver. Unset: `config.jobs` (`TONGBAN_JOBS`, default embedded).
 */
export type JobsOption = 'embedded' | 'bullmq' | 'off' | ((timers: TimerRunner) => JobDriver);

/** Options a caller (CLI, tests) may pass. */
export interface RuntimeOptions {
  db?: Db; logger?: Logger; jobs?: JobsOption; clock?: Clock;
  /** the principal cache's clock and lifetime (tests of revocation across processes) */
  principals?: { clock?: Clock; ttlMs?: number };
  /** adapter modules to load (package names or paths); unset: `config.adapters` */
  adapters?: string[];
  /** where package names are resolved from (default: the working directory) */
  adaptersDir?: string;
}

function makeDriver(jobs: JobsOption, timers: TimerRunner, o: { clock?: Clock; logger: Logger; config: RuntimeConfig }): JobDriver | undefined {
  if (jobs === 'off') return undefined;
  if (jobs === 'embedded') return createEmbeddedDriver({ runner: timers, clock: o.clock, logger: o.logger });
  if (jobs === 'bullmq') {
    if (!o.config.redisUrl) throw new Error('TONGBAN_JOBS=bullmq 需要 REDIS_URL (the BullMQ jobs driver needs REDIS_URL, e.g. redis://127.0.0.1:6379)');
    return createBullmqDriver({ runner: timers, redisUrl: o.config.redisUrl, queueName: o.config.jobsQueue, clock: o.clock, logger: o.logger });
  }
  return jobs(timers);
}

/** Creates the runtime; `db` may be passed by tests that made their own store. */
export async function createRuntime(config: RuntimeConfig, opts: RuntimeOptions = {}): Promise<Runtime> {
  const db = opts.db ?? openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateLatest(db.knex);
  // Logs carry ids, paths and codes only; bodies (and so personal data) are never logged.
  const logger = opts.logger ?? pino({ level: config.logLevel, redact: ['req.headers.authorization', '*.password', '*.idNumber'] });
  const identity = new KnexIdentityStore(db.knex);
  const principals = createPrincipalCache(identity, opts.principals);
  identity.onUserChanged((id) => principals.invalidate(id));
  const tokens = createTokenService(config.tokenSecret, config.tokenTtlSeconds);
  const definitions = new KnexDefinitionStore(db.knex);
  const runOptions = createRunOptions(identity);
  const codec = createPiiCodec(config.piiKey, config.piiOldKeys, config.hmacKey);
  const services: Services = {
    config, db, logger, identity, principals, tokens, login: createLoginService(identity, tokens, createLoginThrottle(db.knex)), definitions, runOptions, codec,
    commands: createCaseCommands({ db, definitions, runOptions, codec }), cases: createCaseQueries(db.knex), tasks: createTaskQueries(db.knex, runOptions.calendar),
    migrations: createMigrationQueries({ knex: db.knex, definitions, runOptions, codec }),
    inbox: createInbox(db.knex), audit: createAuditQueries(db.knex, { auditKey: config.auditKey, checkpointFile: config.auditCheckpointFile }),
    taskRecords: createTaskRecords(db.knex), rateLimits: createRateLimits(db.knex),
    adapters: undefined as never, effects: undefined as never, admin: createAdminService({ db, principals, runOptions }),
  };
  // Adapters emit through the same (wrapped) command path as the API; results and outbox work wake the effect runner.
  const triggers = createTriggerTargets(definitions, 2_000);
  services.adapters = await createAdapters({ knex: db.knex, codec, logger, refs: opts.adapters ?? config.adapters ?? [], baseDir: opts.adaptersDir, isolation: config.adapterIsolation,
    emit: createTriggerReceiver(services, triggers, () => services.effects.wake()) });
  services.effects = createEffectRunner(services, services.adapters.host);
  // The runner acts through services.commands as wrapped below, so timers armed by a firing (a breach rung) are hinted too.
  const timers = createTimerRunner({ knex: db.knex, commands: { act: (...args) => services.commands.act(...args) }, logger });
  const driver = makeDriver(opts.jobs ?? config.jobs ?? 'embedded', timers, { clock: opts.clock, logger, config });
  const runNow = () => timers.runDue((opts.clock ?? Date.now)());
  const idle: JobDriver = { start: async () => {}, stop: async () => {}, tick: runNow, reconcile: runNow, schedule: () => {}, cancel: () => {} };
  const jobs = driver ?? idle;
  services.commands = withTimerWakeups(services.commands, () => driver);
  const operations = allOperations(services);
  const openapi = buildOpenApi(operations);
  operations.push(defineOperation({ method: 'get', path: '/api/openapi.json', operationId: 'openapi', tag: 'meta', auth: false, summary: 'OpenAPI 3.1 文档 The OpenAPI document', async handler() { return { body: openapi }; } }));
  const pages = serveWorkbench({ dir: config.workbenchDir, bridgeUrl: config.idCardBridgeUrl });
  const app = createApp({ operations, tokens, principals, logger, bodyLimitBytes: config.bodyLimitBytes, trustProxy: config.trustProxy, pages, raw: [['/ext', inboundRoutes(() => services.adapters.host, logger)]] });
  let timer: NodeJS.Timeout | undefined;
  let checkpointTimer: NodeJS.Timeout | undefined;
  const checkpoint = () => { writeCheckpoint(db.knex, config.auditKey, config.auditCheckpointFile, logger).catch((err) => logger.error({ err: (err as Error).message }, 'audit checkpoint failed')); };
  let server: Server | undefined;
  const dispatch = () => services.effects.tick();
  return {
    ...services, app, operations, openapi, dispatch, timers, jobs,
    listen(port = config.port) {
      return new Promise((resolve) => {
        server = app.listen(port, config.host, () => {
          // longer than the usual 60 s of proxies and keep-alive clients: a socket is never closed
          // by us just as a client reuses it (which surfaces as "socket hang up")
          server!.keepAliveTimeout = 65_000;
          server!.headersTimeout = 66_000;
          const addr = server!.address() as { port: number };
          timer = setInterval(() => { dispatch().catch((err) => logger.error({ err: (err as Error).message }, 'outbox dispatch failed')); }, 1000);
          checkpointTimer = setInterval(checkpoint, config.auditCheckpointMs);
          checkpointTimer.unref();
          jobs.start().catch((err) => logger.error({ err: (err as Error).message }, 'jobs driver failed to start'));
          services.adapters.start().catch((err) => logger.error({ err: (err as Error).message }, 'adapters failed to start'));
          resolve({ server: server!, url: `http://${config.host}:${addr.port}` });
        });
      });
    },
    async close() {
      if (timer) clearInterval(timer);
      if (checkpointTimer) {
        clearInterval(checkpointTimer);
        // the head as we leave it, so a cut made while we are down is caught by the next verify
        await writeCheckpoint(db.knex, config.auditKey, config.auditCheckpointFile, logger).catch((err) => logger.error({ err: (err as Error).message }, 'audit checkpoint failed'));
      }
      await jobs.stop();
      await services.adapters.stop();
      if (server) await new Promise((r) => server!.close(() => r(undefined)));
      await db.close();
    },
  };
}
