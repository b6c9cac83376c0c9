/** Runs a plugin in the host's own thread (tests, the harness, embedding): the SDK's runner plus the supervisor. */
import { handleRoute, pluginContext, runOperation, type PluginEnv, type PreparedPlugin } from '@tongban/plugin-sdk';
import type { Logger } from 'pino';
import type { PluginClock } from '@tongban/plugin-sdk';
import type { PluginHealth } from '../pluginHealth.ts';
import { createSupervisor } from '../supervise.ts';
import type { Executor } from './executor.ts';

/** Creates the inline runner of a prepared plugin (the host's own copy: configured by the host). */
export function createInlineExecutor(p: PreparedPlugin, penv: PluginEnv, health: PluginHealth, env: { logger: Logger; clock: PluginClock }): Executor {
  const supervisor = createSupervisor(p, (signal) => pluginContext(p, penv, signal), health, env);
  return {
    configure: () => undefined, // the host configured `p` itself
    invoke: (name, input, call) => runOperation(p, penv, name, input, call),
    route: (req) => handleRoute(p, supervisor.context(), req),
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
    restart: () => supervisor.restart(),
    close: () => supervisor.stop(),
  };
}
