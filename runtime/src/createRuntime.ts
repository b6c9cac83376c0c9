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
import { createAttachmentStore } from './attachments/createAttachmentStore.ts';
import { createIntakeDrafts } from './drafts/createIntakeDrafts.ts';
import { createCaseRecords } from './cases/createCaseRecords.ts';
import { createRevealRecords } from './pii/breakGlassReviews.ts';
import { createSavedViews } from './views/createSavedViews.ts';
import { createOversightQueries } from './oversight/KnexOversightQueries.ts';
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
import { pointsOperations } from './points/points.router.ts';
import { KnexPointsLedger } from './points/KnexPointsLedger.ts';
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
import type { ProcessRole } from './config/loadConfig.ts';
import { createOpsGauges } from './ops/KnexOpsGauges.ts';
import { createRuntimeMetrics } from './ops/createRuntimeMetrics.ts';
import { withCommandMetrics } from './ops/withCommandMetrics.ts';
import { createOps } from './ops/createOps.ts';
import { deadLetterOperations, probeOperations, type MetricsAccess } from './ops/ops.router.ts';
import { queueBoard, QUEUE_BOARD_PATH } from './ops/queueBoard.router.ts';
import { startHeartbeat, type HeartbeatLoop } from './ops/heartbeats.ts';
import { drainServer, serveProbes } from './ops/serveProbes.ts';
import type { Queue } from 'bullmq';
import { runRetention } from './retention/runRetention.ts';
import { createRetentionSchedule } from './retention/createRetentionSchedule.ts';
import { createRegistry } from './registry/createRegistry.ts';
import { registryOperations } from './registry/registryOperations.ts';
import { withDeviceSignals } from './registry/devices/deviceSignals.ts';
import { syncDeviceAdapters } from './registry/devices/syncDeviceAdapters.ts';
import { KnexConsentStore } from './consents/KnexConsentStore.ts';
import { consentOperations } from './consents/consents.router.ts';
import { createResidentCounts } from './care/residentCounts.ts';
import { caseDefinitionsOf } from './audit/caseDefinitionsOf.ts';

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
  /** what this process does: `all`, `server` (HTTP, hint-only wake-ups) or `worker` (timers, outbox, adapters) */
  role: ProcessRole;
  /** serves the API (roles all and server); in role `all` also starts the worker's duties */
  listen(port?: number): Promise<{ server: Server; url: string }>;
  /** starts the worker's duties without the API (role worker): timers, outbox, adapters, heartbeat, and the probes on TONGBAN_METRICS_PORT */
  work(): Promise<void>;
  /** drains and stops: no new requests, in-flight requests and jobs finish (bounded by `config.drainMs`), then the store closes */
  close(): Promise<void>;
}

function allOperations(s: Services): Operation[] {
  // the workbench's literal paths (/api/tasks/queue-counts) come before the `{id}` routes they would match
  const oidc = s.config.oidc ? createOidcLogin(s.config.oidc, { identity: s.identity, tokens: s.tokens, secret: s.config.tokenSecret }) : undefined;
  return [...workbenchOperations(s), ...adminOperations(s), ...oidcOperations(s, oidc), ...authOperations(s), ...definitionOperations(s), ...migrationOperations(s), ...caseOperations(s), ...caseActionOperations(s), ...revealOperations(s), ...attachmentOperations(s),
    ...taskOperations(s), ...inboxOperations(s), ...breakGlassOperations(s), ...adapterOperations(s), ...caseLinkOperations(s), ...notificationPrefOperations(s), ...designerOperations(s, new KnexDesignerStore(s.db.knex)), ...registryOperations(s), ...pointsOperations(s, new KnexPointsLedger(s.db)), ...consentOperations(s.consents, () => s.registry.changed())];
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
  /** unset: `config.role` (`TONGBAN_ROLE`, default all) */
  role?: ProcessRole;
}

function makeDriver(jobs: JobsOption, timers: TimerRunner, o: { clock?: Clock; logger: Logger; config: RuntimeConfig; role: ProcessRole }): JobDriver | undefined {
  if (jobs === 'off') return undefined;
  // a server fires nothing: with the embedded driver its workers' poll finds the rows; with BullMQ it only adds wake-ups
  if (jobs === 'embedded') return o.role === 'server' ? undefined : createEmbeddedDriver({ runner: timers, clock: o.clock, logger: o.logger, pollMs: o.config.jobsPollMs });
  if (jobs === 'bullmq') {
    if (!o.config.redisUrl) throw new Error('TONGBAN_JOBS=bullmq 需要 REDIS_URL (the BullMQ jobs driver needs REDIS_URL, e.g. redis://127.0.0.1:6379)');
    return createBullmqDriver({ runner: timers, redisUrl: o.config.redisUrl, queueName: o.config.jobsQueue, clock: o.clock, logger: o.logger, consume: o.role !== 'server', sweepMs: o.config.jobsSweepMs });
  }
  return jobs(timers);
}

/** Creates the runtime; `db` may be passed by tests that made their own store. */
export async function createRuntime(config: RuntimeConfig, opts: RuntimeOptions = {}): Promise<Runtime> {
  const role = opts.role ?? config.role ?? 'all';
  // Logs carry ids, paths and codes only; bodies (and so personal data) are never logged.
  const logger = opts.logger ?? pino({ level: config.logLevel, redact: ['req.headers.authorization', '*.password', '*.idNumber'] });
  const db = opts.db ?? openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onCheckpoint: (e) => {
    if ('error' in e) logger.warn({ reason: e.error }, 'sqlite checkpoint failed (retried next round)');
    else logger.warn(e.truncated, 'sqlite WAL truncated: the writer waited for it (writes never paused long enough for passive checkpoints)');
  } });
  await migrateLatest(db.knex);
  const identity = new KnexIdentityStore(db.knex);
  const principals = createPrincipalCache(identity, opts.principals);
  identity.onUserChanged((id) => principals.invalidate(id));
  const tokens = createTokenService(config.tokenSecret, config.tokenTtlSeconds);
  const definitions = new KnexDefinitionStore(db.knex);
  const runOptions = createRunOptions(identity);
  const codec = createPiiCodec(config.piiKey, config.piiOldKeys, config.hmacKey);
  const consents = new KnexConsentStore(db.knex, db.dialect, codec);
  const attachments = createAttachmentStore(db.knex);
  const services: Services = {
    config, db, logger, identity, principals, tokens, login: createLoginService(identity, tokens, createLoginThrottle(db.knex)), definitions, runOptions, codec,
    commands: createCaseCommands({ db, definitions, runOptions, codec, consents, residentCounts: createResidentCounts(db.knex, codec) }), consents, cases: createCaseQueries(db.knex), tasks: createTaskQueries(db.knex, runOptions.calendars),
    migrations: createMigrationQueries({ knex: db.knex, definitions, runOptions, codec }),
    inbox: createInbox(db.knex, codec), audit: createAuditQueries(db.knex, { auditKey: config.auditKey, checkpointFile: config.auditCheckpointFile, dialect: db.dialect,
      caseDefinitions: (ids) => caseDefinitionsOf(db.knex, definitions, ids) }),
    taskRecords: createTaskRecords(db.knex), rateLimits: createRateLimits(db.knex),
    adapters: undefined as never, effects: undefined as never, admin: createAdminService({ db, principals, runOptions }),
    registry: createRegistry({ knex: db.knex, dialect: db.dialect, codec }),
    caseRecords: createCaseRecords(db.knex, codec), attachments, drafts: createIntakeDrafts(db.knex, attachments),
    reveals: createRevealRecords(db.knex, db.dialect), views: createSavedViews(db.knex), oversight: createOversightQueries(db.knex, db.dialect),
  };
  // Adapters emit through the same (wrapped) command path as the API; results and outbox work wake the effect runner.
  const triggers = createTriggerTargets(definitions, 2_000);
  services.adapters = await createAdapters({ knex: db.knex, codec, logger, refs: opts.adapters ?? config.adapters ?? [], baseDir: opts.adaptersDir, isolation: config.adapterIsolation,
    emit: withDeviceSignals(createTriggerReceiver(services, triggers, () => services.effects.wake()), db.knex, logger) });
  // device adapters read their bindings from the registry: rewritten after every registry change
  services.registry.onChange(() => syncDeviceAdapters(services.adapters, db.knex, codec, logger).catch((err) => logger.error({ err: (err as Error).message }, 'device adapter sync failed')));
  services.effects = createEffectRunner(services, services.adapters.host, { leaseMs: config.leaseMs });
  // The runner acts through services.commands as wrapped below, so timers armed by a firing (a breach rung) are hinted too.
  const timers = createTimerRunner({ knex: db.knex, commands: { act: (...args) => services.commands.act(...args) }, logger, leaseMs: config.leaseMs,
    onOutcome: (t, outcome, lagMs) => metrics.timerOutcome(t.purpose, outcome, lagMs / 1000) });
  const driver = makeDriver(opts.jobs ?? config.jobs ?? 'embedded', timers, { clock: opts.clock, logger, config, role });
  const metrics = createRuntimeMetrics({ gauges: createOpsGauges(db.knex), queueDepths: driver?.depths ? () => driver.depths!() : undefined, logger, role });
  services.metrics = metrics;
  services.ops = createOps({ knex: db.knex, dialect: db.dialect, role, metrics, pingRedis: driver?.ping ? () => driver.ping!() : undefined,
    timerRetried: (t) => driver?.schedule({ ...t, dueAt: (opts.clock ?? Date.now)() }), outboxRetried: () => services.effects.wake() });
  // a server leaves the outbox to its workers (their 1 s poll): waking its own runner would deliver from the API process
  if (role === 'server') services.effects = { ...services.effects, wake: () => {} };
  const runNow = () => timers.runDue((opts.clock ?? Date.now)());
  const idle: JobDriver = { start: async () => {}, stop: async () => {}, tick: runNow, reconcile: runNow, schedule: () => {}, cancel: () => {} };
  const jobs = driver ?? idle;
  services.commands = withCommandMetrics(withTimerWakeups(services.commands, () => driver), metrics);
  const publicMetrics: MetricsAccess = config.metricsToken ? { mode: 'token', token: config.metricsToken } : config.metricsOpen ? { mode: 'open' } : { mode: 'off' };
  const operations = [...allOperations(services), ...deadLetterOperations(services), ...probeOperations(services.ops, publicMetrics)];
  const openapi = buildOpenApi(operations);
  operations.push(defineOperation({ method: 'get', path: '/api/openapi.json', operationId: 'openapi', tag: 'meta', auth: false, summary: 'OpenAPI 3.1 文档 The OpenAPI document', async handler() { return { body: openapi }; } }));
  const pages = serveWorkbench({ dir: config.workbenchDir, bridgeUrl: config.idCardBridgeUrl });
  const ops = services.ops;
  const board = queueBoard({ tokens, principals }, () => driver?.queue?.() as Queue | undefined, logger);
  const app = createApp({ operations, tokens, principals, logger, bodyLimitBytes: config.bodyLimitBytes, trustProxy: config.trustProxy, pages,
    raw: [['/ext', inboundRoutes(() => services.adapters.host, logger)], [QUEUE_BOARD_PATH, board]],
    observe: (method, route, status, seconds) => metrics.httpRequest(method, route, status, seconds), draining: () => ops.draining() });
  // retention (PIPL) runs where timers fire: a process whose jobs are 'off' leaves it to the worker
  const retention = createRetentionSchedule({ everyMs: driver ? config.retentionEveryMs : 0, logger,
    run: () => runRetention({ knex: db.knex, dialect: db.dialect, definitions, codec, dataDir: config.dataDir }) });
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: HeartbeatLoop | undefined;
  let settingsPoll: NodeJS.Timeout | undefined;
  let probes: Server | undefined;
  let checkpointTimer: NodeJS.Timeout | undefined;
  const checkpoint = () => { writeCheckpoint(db.knex, config.auditKey, config.auditCheckpointFile, logger).catch((err) => logger.error({ err: (err as Error).message }, 'audit checkpoint failed')); };
  let server: Server | undefined;
  const dispatch = () => services.effects.tick();
  /** The worker's duties (roles all and worker): timers, the outbox poll, adapters and their triggers, the heartbeat, the probe port. */
  function startDuties(): void {
    timer = setInterval(() => { dispatch().catch((err) => logger.error({ code: 'effects.dispatch-failed', err: (err as Error).message }, 'outbox dispatch failed; next poll retries')); }, config.effectsPollMs);
    jobs.start().catch((err) => logger.error({ err: (err as Error).message }, 'jobs driver failed to start'));
    services.adapters.start().catch((err) => logger.error({ err: (err as Error).message }, 'adapters failed to start'));
    heartbeat = startHeartbeat(db.knex, { id: timers.owner, role, logger });
    retention.start();
    // settings saved through another process's API (servers) reach this one's adapters within seconds
    settingsPoll = setInterval(() => { services.adapters.refresh().catch((err) => logger.warn({ code: 'adapter.refresh-failed', err: (err as Error).message }, 'adapter settings refresh failed; next poll retries')); }, 5_000);
    settingsPoll.unref();
    if (config.metricsPort !== undefined) probes = serveProbes({ operations: probeOperations(ops, { mode: 'open' }), tokens, principals, logger, bodyLimitBytes: 1024 }, config);
  }
  return {
    ...services, app, operations, openapi, dispatch, timers, jobs,
    role,
    listen(port = config.port) {
      if (role === 'worker') return Promise.reject(new Error('TONGBAN_ROLE=worker 不提供 HTTP 接口 (a worker serves no API; use work())'));
      return new Promise((resolve, reject) => {
        // Express 5 calls back with the error too (a port in use, a host not on this machine): the
        // start fails with it, instead of a TypeError on a server that never listened
        server = app.listen(port, config.host, (err?: Error) => {
          if (err) { server = undefined; return reject(err); }
          // longer than the usual 60 s of proxies and keep-alive clients: a socket is never closed
          // by us just as a client reuses it (which surfaces as "socket hang up")
          server!.keepAliveTimeout = 65_000;
          server!.headersTimeout = 66_000;
          const addr = server!.address() as { port: number };
          checkpointTimer = setInterval(checkpoint, config.auditCheckpointMs);
          checkpointTimer.unref();
          // role all: this process is also its own worker; role server: its driver only connects to add wake-ups
          if (role === 'all') startDuties();
          else jobs.start().catch((err) => logger.error({ err: (err as Error).message }, 'jobs driver failed to start'));
          resolve({ server: server!, url: `http://${config.host}:${addr.port}` });
        });
      });
    },
    async work() {
      if (role !== 'worker') throw new Error('work() is the worker role\'s start; roles all and server start with listen()');
      checkpointTimer = setInterval(checkpoint, config.auditCheckpointMs);
      checkpointTimer.unref();
      await jobs.start(); // fails the start when e.g. Redis cannot be reached
      startDuties();
    },
    async close() {
      ops.setDraining();
      // 1. no new work: the listener stops accepting, idle keep-alive sockets close; polls and sweeps stop
      const closing = server ? drainServer(server, config.drainMs, logger) : Promise.resolve();
      if (timer) clearInterval(timer);
      if (settingsPoll) clearInterval(settingsPoll);
      timer = settingsPoll = undefined;
      // 2. work in flight finishes: requests (bounded), the outbox pass, the timer tick or jobs in hand
      await closing;
      await services.effects.stop();
      await jobs.stop();
      await services.adapters.stop();
      await heartbeat?.stop();
      if (probes) await drainServer(probes, 1000, logger);
      if (checkpointTimer) {
        clearInterval(checkpointTimer);
        // the head as we leave it, so a cut made while we are down is caught by the next verify
        await writeCheckpoint(db.knex, config.auditKey, config.auditCheckpointFile, logger).catch((err) => logger.error({ err: (err as Error).message }, 'audit checkpoint failed'));
      }
      await retention.stop();
      await db.close();
    },
  };
}
