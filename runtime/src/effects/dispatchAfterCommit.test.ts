/**
 * `dispatch()` answers after a pass that began after the call: what a caller committed before it is
 * performed by then, even when another pass (the poll, a wake-up) was already running and had claimed
 * its rows before that commit. Here the running pass is held by an adapter call that hangs. A queued
 * pass runs at the latest clock its callers named, so a simulated 23:00 is not lost to a wall-clock caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectsWorld, type EffectsWorld } from '../testing/effectsWorld.ts';
import { script } from './fixtures/echoPlugin.ts';

describe('the dispatcher after a commit', () => {
  let w: EffectsWorld;
  beforeAll(async () => {
    w = await effectsWorld('sqlite');
    await w.api('PUT', '/api/adapters/echo/config', { token: await w.token('admin'), body: { config: { target: 'x' } } });
  });
  afterAll(async () => w?.close());

  it('performs what was committed before the call, though a pass that claimed earlier is still running', async () => {
    const slow = await w.open();
    script.length = 0;
    script.push('hang', 'hang', 'hang'); // the first case's call times out three times: its pass runs about a second
    await w.accept(slow);
    const running = w.rt.dispatch();
    const fast = await w.open();
    await w.accept(fast); // committed while that pass runs: its notices and its call are not in the pass's claim
    await w.rt.dispatch();
    // its three notices were performed (each fans out into channel sends, which the next pass delivers)
    const notices = (await w.db.knex('outbox').where({ case_id: fast, kind: 'notify' }).pluck('status')) as string[];
    expect(notices).toEqual(['done', 'done', 'done']);
    await running;
  });

  it('runs the pass it queues at the clock its caller names, though another caller queued it first', async () => {
    const slow = await w.open();
    script.length = 0;
    script.push('hang', 'hang', 'hang', 'hang', 'hang', 'hang'); // holds the pass for a couple of seconds
    await w.accept(slow);
    const running = w.rt.dispatch();
    const later = await w.open();
    await w.accept(later);
    const tomorrow = Date.now() + 86_400_000;
    // its notices wait until tomorrow; a caller without a clock (the poll, a wake-up) queues the next pass first
    await w.db.knex('outbox').where({ case_id: later, kind: 'notify' }).update({ available_at: tomorrow - 60_000 });
    const wallClock = w.rt.dispatch();
    await w.rt.effects.tick(tomorrow);
    const notices = (await w.db.knex('outbox').where({ case_id: later, kind: 'notify' }).pluck('status')) as string[];
    expect(notices).toEqual(['done', 'done', 'done']);
    await Promise.all([running, wallClock]);
  });
});
