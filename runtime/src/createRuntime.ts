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
import { KnexDefinitionStore } from './definitions/KnexDefinitionStore.ts';
import { createRunOptions } from './cases/createRunOptions.ts';
import { createCaseCommands } from './cases/createCaseCommands.ts';
import { createCaseQueries } from './cases/KnexCaseQueries.ts';
import { createTaskQueries } from './tasks/KnexTaskQueries.ts';
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
import { dispatchOutbox } from './notifications/dispatchOutbox.ts';
import type { Services } from './services.ts';

/** A running (or ready-to-listen) runtime. */
export interface Runtime extends Services {
  app: ReturnType<typeof createApp>;
  operations: Operation[];
  openapi: Record<string, unknown>;
  /** delivers pending outbox rows now (also runs on a timer once listening) */
  dispatch(): Promise<number>;
  listen(port?: number): Promise<{ server: Server; url: string }>;
  close(): Promise<void>;
}

function allOperations(s: Services): Operation[] {
  return [...authOperations(s), ...definitionOperations(s), ...caseOperations(s), ...revealOperations(s), ...attachmentOperations(s), ...taskOperations(s), ...inboxOperations(s)];
}

/** Creates the runtime; `db` may be passed by tests that made their own store. */
export async function createRuntime(config: RuntimeConfig, opts: { db?: Db; logger?: Logger } = {}): Promise<Runtime> {
  const db = opts.db ?? openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateLatest(db.knex);
  // Logs carry ids, paths and codes only; bodies (and so personal data) are never logged.
  const logger = opts.logger ?? pino({ level: config.logLevel, redact: ['req.headers.authorization', '*.password', '*.idNumber'] });
  const identity = new KnexIdentityStore(db.knex);
  const tokens = createTokenService(config.tokenSecret, config.tokenTtlSeconds);
  const definitions = new KnexDefinitionStore(db.knex);
  const runOptions = createRunOptions(identity);
  const codec = createPiiCodec(config.piiKey, config.piiOldKeys, config.hmacKey);
  const services: Services = {
    config, db, logger, identity, tokens, login: createLoginService(identity, tokens), definitions, runOptions, codec,
    commands: createCaseCommands({ db, definitions, runOptions, codec }), cases: createCaseQueries(db.knex), tasks: createTaskQueries(db.knex),
  };
  const operations = allOperations(services);
  const openapi = buildOpenApi(operations);
  operations.push(defineOperation({ method: 'get', path: '/api/openapi.json', operationId: 'openapi', tag: 'meta', auth: false, summary: 'OpenAPI 3.1 文档 The OpenAPI document', async handler() { return { body: openapi }; } }));
  const app = createApp({ operations, tokens, identity, logger, bodyLimitBytes: config.bodyLimitBytes });
  let timer: NodeJS.Timeout | undefined;
  let server: Server | undefined;
  const dispatch = () => dispatchOutbox(db.knex, runOptions);
  return {
    ...services, app, operations, openapi, dispatch,
    listen(port = config.port) {
      return new Promise((resolve) => {
        server = app.listen(port, config.host, () => {
          const addr = server!.address() as { port: number };
          timer = setInterval(() => { dispatch().catch((err) => logger.error({ err: (err as Error).message }, 'outbox dispatch failed')); }, 1000);
          resolve({ server: server!, url: `http://${config.host}:${addr.port}` });
        });
      });
    },
    async close() {
      if (timer) clearInterval(timer);
      if (server) await new Promise((r) => server!.close(() => r(undefined)));
      await db.close();
    },
  };
}
