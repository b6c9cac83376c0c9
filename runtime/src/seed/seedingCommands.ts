/**
 * The command path as the seed drives it. Seed cases are history the county "already lived": the calls
 * their steps made were answered in the seed script or were never meant to reach a real device, hospital
 * or gateway. So every command the seed runs — its acts, its adapter answers, and the timers its `advance`
 * steps fire — writes its outbox rows with origin `seed`: adapter calls settled as `seeded` (listed on the
 * case, never dispatched), internal work (inbox notices, sub-cases, points) run as usual.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { CaseCommands } from '../cases/createCaseCommands.ts';
import { OutboxOrigin } from '../effects/claimOutbox.ts';
import { createTimerRunner, type TimerRunner } from '../jobs/createTimerRunner.ts';

/** The command service with every command marked as seeding. */
export function seedingCommands(commands: CaseCommands): CaseCommands {
  return {
    ...commands,
    create: (user, input, hooks) => commands.create(user, input, { ...hooks, origin: OutboxOrigin.seed }),
    act: (user, caseId, event, expectedVersion, hooks) => commands.act(user, caseId, event, expectedVersion, { ...hooks, origin: OutboxOrigin.seed }),
  };
}

/** A timer runner for the seed's `advance` steps: the timers it fires act through the seeding commands. */
export function seedingTimers(knex: Knex, commands: CaseCommands, logger?: Logger): TimerRunner {
  return createTimerRunner({ knex, commands: seedingCommands(commands), logger });
}
