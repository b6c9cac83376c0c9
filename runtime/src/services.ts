/** The runtime's services, wired once and handed to routers, CLI commands and tests. */
import type { Logger } from 'pino';
import type { RuntimeConfig } from './config/loadConfig.ts';
import type { Db } from './store/createDb.ts';
import type { KnexIdentityStore } from './identity/KnexIdentityStore.ts';
import type { PrincipalCache } from './identity/createPrincipalCache.ts';
import type { TokenService } from './identity/tokens.ts';
import type { createLoginService } from './identity/createLoginService.ts';
import type { KnexDefinitionStore } from './definitions/KnexDefinitionStore.ts';
import type { CaseCommands } from './cases/createCaseCommands.ts';
import type { CaseQueries } from './cases/KnexCaseQueries.ts';
import type { TaskQueries } from './tasks/KnexTaskQueries.ts';
import type { PiiCodec } from './pii/createPiiCodec.ts';
import type { RunOptionsSource } from './cases/createRunOptions.ts';
import type { MigrationQueries } from './definitions/createMigrationQueries.ts';
import type { Inbox } from './notifications/createInbox.ts';
import type { AuditQueries } from './audit/createAuditQueries.ts';
import type { TaskRecords } from './tasks/createTaskRecords.ts';
import type { RateLimits } from './store/rateLimit.ts';
import type { Adapters } from './adapters/createAdapters.ts';
import type { EffectRunner } from './effects/createEffectRunner.ts';
import type { AdminService } from './admin/createAdminService.ts';
import type { RuntimeMetrics } from './ops/createRuntimeMetrics.ts';
import type { OpsServices } from './ops/createOps.ts';
import type { Registry } from './registry/createRegistry.ts';
import type { KnexConsentStore } from './consents/KnexConsentStore.ts';
import type { AttachmentStore } from './attachments/createAttachmentStore.ts';
import type { IntakeDrafts } from './drafts/createIntakeDrafts.ts';
import type { CaseRecords } from './cases/createCaseRecords.ts';
import type { RevealRecords } from './pii/breakGlassReviews.ts';
import type { SavedViews } from './views/createSavedViews.ts';
import type { OversightQueries } from './oversight/KnexOversightQueries.ts';

/** Everything a request handler may use. */
export interface Services {
  config: RuntimeConfig;
  db: Db;
  logger: Logger;
  identity: KnexIdentityStore;
  /** users and abilities of tokens' subjects, cached ≤ 5 s; changes made here drop their entry at once */
  principals: PrincipalCache;
  tokens: TokenService;
  login: ReturnType<typeof createLoginService>;
  definitions: KnexDefinitionStore;
  commands: CaseCommands;
  cases: CaseQueries;
  tasks: TaskQueries;
  codec: PiiCodec;
  runOptions: RunOptionsSource;
  /** moving cases between versions of a definition (dry run and all-or-nothing apply) */
  migrations: MigrationQueries;
  /** the user's notifications (通知, 抄送, 催办) */
  inbox: Inbox;
  /** the audit log in the caller's scope, and the chain check */
  audit: AuditQueries;
  /** task rows the task routes read or write outside the command path (lookups, drafts) */
  taskRecords: TaskRecords;
  /** counted hits per key and window (login, urge) */
  rateLimits: RateLimits;
  /** the adapter plugins (host, settings) */
  adapters: Adapters;
  /** performs outbox effects; `wake()` after a commit that wrote some */
  effects: EffectRunner;
  /** 系统管理: org tree and user changes in audited transactions, and the admin screens' reads */
  admin: AdminService;
  /** Prometheus metrics of this process (absent in runtimes wired by hand in tests) */
  metrics?: RuntimeMetrics;
  /** readiness, dead letters and drain state (absent in runtimes wired by hand in tests) */
  ops?: OpsServices;
  /** the resident and device registries (issue 9) */
  registry: Registry;
  /** the registry of residents' separate consents (单独同意), checked before personal data is shared */
  consents: KnexConsentStore;
  /** case rows the case routes read or write outside the command path (comments, open tasks, links, the viewer's field matrix) */
  caseRecords: CaseRecords;
  /** attachment rows (quota, list, adoption by the case a draft becomes); the bytes live on disk */
  attachments: AttachmentStore;
  /** a user's intake drafts (发起草稿) */
  drafts: IntakeDrafts;
  /** audited reveals of personal data and the break-glass review queue */
  reveals: RevealRecords;
  /** a user's saved views (视图) */
  views: SavedViews;
  /** 督办 figures: SQL aggregates over the caller's scope */
  oversight: OversightQueries;
}
