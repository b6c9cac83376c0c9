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
import type { Adapters } from './adapters/createAdapters.ts';
import type { EffectRunner } from './effects/createEffectRunner.ts';

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
  /** the adapter plugins (host, settings) */
  adapters: Adapters;
  /** performs outbox effects; `wake()` after a commit that wrote some */
  effects: EffectRunner;
}
