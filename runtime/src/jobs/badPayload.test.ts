/**
 * A wake-up job whose payload cannot be read (a hand-made job, a different release's format) is
 * not retried and not silent: it fails with `jobs.bad-payload`, is logged with the reason, and fires
 * nothing; the timers table stays the truth. On the real Redis, a queue of its own.
 */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { badPayload, createBullmqDriver, obliterateQueue, redisConnection } from './createBullmqDriver.ts';
import type { TimerRunner } from './createTimerRunner.ts';

const redisUrl = process.env.TONGBAN_TEST_REDIS ?? 'redis://127.0.0.1:6379';

describe('bullmq wake-up jobs with unreadable payloads', () => {
  const queueName = `tongban-test-${randomBytes(6).toString('hex')}`;
  afterAll(async () => obliterateQueue(redisUrl, queueName));

  it('names what is wrong with a payload', () => {
    expect(badPayload(null)).toBe('not an object');
    expect(badPayload({ timerKey: 't' })).toBe('caseId missing');
    expect(badPayload({ caseId: 'c', timerKey: 7 })).toBe('timerKey missing');
    expect(badPayload({ caseId: 'c', timerKey: 't', dueAt: 1 })).toBeUndefined();
  });

  it('fails the job once with jobs.bad-payload, logs it and fires nothing', async () => {
    const runs: Array<{ caseId?: string }> = [];
    const runner: TimerRunner = { owner: 'test', runDue: async (_now, o) => { runs.push(o ?? {}); return 0; }, armed: async () => [], state: async () => undefined, nextDue: async () => undefined };
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } }));
    const driver = createBullmqDriver({ runner, redisUrl, queueName, sweepMs: 0, logger });
    await driver.start();
    runs.length = 0; // start's reconcile ran once for every case
    const queue = new Queue(queueName, { connection: redisConnection(redisUrl) });
    const events = new QueueEvents(queueName, { connection: redisConnection(redisUrl) });
    try {
      await events.waitUntilReady();
      const failed = new Promise<string>((resolve) => events.on('failed', ({ failedReason }) => resolve(failedReason)));
      await queue.add('timer', { caseId: 42 }, { attempts: 5, removeOnFail: false });
      expect(await failed).toBe('jobs.bad-payload: caseId missing');
      expect(runs).toEqual([]);
      const log = lines.map((l) => JSON.parse(l) as { code?: string; reason?: string }).find((l) => l.code === 'jobs.bad-payload');
      expect(log).toMatchObject({ code: 'jobs.bad-payload', reason: 'caseId missing' });
      const [job] = await queue.getFailed();
      expect(job!.attemptsMade).toBe(1); // not retried: parsing again cannot help
    } finally {
      await events.close();
      await queue.close();
      await driver.stop();
    }
  });
});
