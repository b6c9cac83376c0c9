/**
 * Counts every case command by outcome (ok, conflict — a stale version —, refused, not-found,
 * forbidden, invalid, error), wrapping the command service the way `withTimerWakeups` does.
 */
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import { DomainError } from '../errors/DomainError.ts';
import type { RuntimeMetrics } from './createRuntimeMetrics.ts';

/** The outcome label for a command's error. */
export function outcomeOf(err: unknown): string {
  if (!(err instanceof DomainError)) return 'error';
  if (err.code === 'case.version-conflict') return 'conflict';
  return err.kind === 'internal' ? 'error' : err.kind;
}

/** The command service, counted. */
export function withCommandMetrics(commands: CaseCommands, metrics: RuntimeMetrics): CaseCommands {
  return {
    ...commands,
    async create(...args: Parameters<CaseCommands['create']>) {
      try {
        const out = await commands.create(...args);
        metrics.command('create', 'ok');
        return out;
      } catch (err) {
        metrics.command('create', outcomeOf(err));
        throw err;
      }
    },
    async act(...args: Parameters<CaseCommands['act']>) {
      try {
        const out = await commands.act(...args);
        metrics.command('act', 'ok');
        return out;
      } catch (err) {
        metrics.command('act', outcomeOf(err));
        throw err;
      }
    },
  };
}
