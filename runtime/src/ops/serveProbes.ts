/**
 * The process's own probe listener (`TONGBAN_METRICS_PORT`): `/healthz`, `/readyz` and `/metrics`
 * off the public port — for a worker, which serves no API, and for deployments that keep metrics on
 * an internal interface. And the bounded drain every listener goes through on SIGTERM.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp, type AppDeps } from '../http/createApp.ts';
import type { RuntimeConfig } from '../config/loadConfig.ts';

/** Starts the probe listener on `config.metricsPort` (same host as the API). */
export function serveProbes(deps: AppDeps, config: Pick<RuntimeConfig, 'metricsPort' | 'host'>): Server {
  const app = createApp(deps);
  const server = app.listen(config.metricsPort ?? 0, config.host, () => {
    deps.logger.info({ port: (server.address() as { port: number }).port }, `探针与指标端口已启动 Probes and metrics listening`);
  });
  server.on('error', (err) => deps.logger.error({ code: 'ops.probe-port-failed', err: err.message }, 'the probe/metrics port cannot listen'));
  return server;
}

/**
 * Stops accepting, lets requests in flight finish, and after `ms` closes what is still open (a
 * client that holds a socket must not keep the process from exiting). Resolves when closed.
 */
export function drainServer(server: Server, ms: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      logger.warn({ code: 'ops.drain-timeout', ms }, 'requests still open after the drain time; closing them');
      server.closeAllConnections();
    }, ms);
    force.unref();
    server.close(() => { clearTimeout(force); resolve(); });
    server.closeIdleConnections();
  });
}
