/**
 * Keeps a serving process up when code it runs fails outside any request: an adapter's stray
 * promise rejection or an error thrown from one of its timers or sockets. Adapters run in the server
 * process (see plugins/host), so without this one careless adapter would end every case's service.
 * The failure is logged with a code (no message text: it may hold personal data) and counted.
 */
import type { Logger } from 'pino';

/** Installs the handlers once; returns the counters. */
export function guardProcess(logger: Logger): { unhandled: number; uncaught: number } {
  const counts = { unhandled: 0, uncaught: 0 };
  process.on('unhandledRejection', (reason) => {
    counts.unhandled++;
    logger.error({ code: 'process.unhandled-rejection', type: (reason as Error | undefined)?.name ?? typeof reason }, 'a promise failed outside any request; the server keeps running');
  });
  process.on('uncaughtException', (err) => {
    counts.uncaught++;
    logger.error({ code: 'process.uncaught-exception', type: err.name, stack: err.stack?.split('\n').slice(1, 4).join(' | ') }, 'an error escaped outside any request; the server keeps running');
  });
  return counts;
}
