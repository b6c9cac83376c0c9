/** The runtime's services, wired once and handed to routers, CLI commands and tests. */
import type { Logger } from 'pino';
import type { RuntimeConfig } from './config/loadConfig.ts';
import type { Db } from './store/createDb.ts';
import type { KnexIdentityStore } from './identity/KnexIdentityStore.ts';
import type { TokenService } from './identity/tokens.ts';
import type { createLoginService } from './identity/createLoginService.ts';
import type { KnexDefinitionStore } from './definitions/KnexDefinitionStore.ts';
import type { CaseCommands } from './cases/createCaseCommands.ts';
import type { CaseQueries } from './cases/KnexCaseQueries.ts';
import type { TaskQueries } from './tasks/KnexTaskQueries.ts';
import type { PiiCodec } from './pii/createPiiCodec.ts';
import type { RunOptionsSource } from './cases/createRunOptions.ts';
import type { MigrationQueries } from './definitions/createMigrationQueries.ts';
import type { CaseRecords } from './cases/createCaseRecords.ts';
import type { Inbox } from './notifications/createInbox.ts';
import type { AuditQueries } from './audit/createAuditQueries.ts';
import type { BreakGlassService } from './pii/createBreakGlassService.ts';
import type { TaskRecords } from './tasks/createTaskRecords.ts';
import type { RateLimits } from './store/rateLimit.ts';

/** Everything a request handler may use. Handlers call these services; they never query the store (`db`) themselves. */
export interface Services {
  config: RuntimeConfig;
  db: Db;
  logger: Logger;
  identity: KnexIdentityStore;
  tokens: TokenService;
  login: ReturnType<typeof createLoginService>;
  definitions: KnexDefinitionStore;
  commands: CaseCommands;
  cases: CaseQueries;
  tasks: TaskQueries;
  codec: PiiCodec;
  runOptions: RunOptionsSource;
  migrations: MigrationQueries;
  records: CaseRecords;
  taskRecords: TaskRecords;
  inbox: Inbox;
  audit: AuditQueries;
  breakGlass: BreakGlassService;
  rateLimits: RateLimits;
}
