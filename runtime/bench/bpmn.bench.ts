/**
 * The bpmn-engine comparison: an equivalent process (start → three user tasks → end), four steps
 * per flow like ours (start, then complete each task), with the engine state saved to SQLite after
 * every step (getState() JSON into a table) and each completion a recover + resume from that
 * table — the same durability per step our commands give. Sequential, in-process, no HTTP.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from 'bpmn-engine';
import { openDb } from '../src/store/createDb.ts';

const source = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="tiny" targetNamespace="http://tongban.bench">
  <process id="incident" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="accept" />
    <userTask id="accept" />
    <sequenceFlow id="f2" sourceRef="accept" targetRef="review" />
    <userTask id="review" />
    <sequenceFlow id="f3" sourceRef="review" targetRef="verify" />
    <userTask id="verify" />
    <sequenceFlow id="f4" sourceRef="verify" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

/** Resolves when the engine waits at a user task or ends. */
function settled(listener: EventEmitter, engine: InstanceType<typeof Engine>): Promise<void> {
  return new Promise((resolve) => {
    listener.once('wait', () => resolve());
    engine.once('end', () => resolve());
  });
}

async function startFlow(db: ReturnType<typeof openDb>, id: string): Promise<void> {
  const listener = new EventEmitter();
  const engine = new Engine({ name: id, source });
  const waiting = settled(listener, engine);
  await engine.execute({ listener });
  await waiting;
  const state = JSON.stringify(await engine.getState());
  await db.knex.transaction((trx) => trx('bpmn_state').insert({ id, state, version: 1 }));
}

async function completeTask(db: ReturnType<typeof openDb>, id: string, taskId: string, version: number): Promise<void> {
  await db.knex.transaction(async (trx) => {
    const row = (await trx('bpmn_state').where({ id }).first()) as { state: string };
    const listener = new EventEmitter();
    const engine = new Engine().recover(JSON.parse(row.state));
    const execution = await engine.resume({ listener });
    const next = settled(listener, engine);
    execution.signal({ id: taskId });
    await next;
    const state = JSON.stringify(await engine.getState());
    const n = await trx('bpmn_state').where({ id, version }).update({ state, version: version + 1 });
    if (n !== 1) throw new Error('bpmn state version conflict');
  });
}

/** Runs `flows` bpmn-engine flows one after the other; returns steps per second. */
export async function bpmnStepsPerSecond(flows: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bpmn-'));
  const db = openDb({ sqliteFile: join(dir, 'bpmn.sqlite') });
  try {
    await db.knex.schema.createTable('bpmn_state', (t) => { t.string('id', 64).primary(); t.text('state').notNullable(); t.integer('version').notNullable(); });
    const run = async (i: number) => {
      const id = `bpmn-${i}`;
      await startFlow(db, id);
      for (const [v, task] of ['accept', 'review', 'verify'].entries()) await completeTask(db, id, task, v + 1);
    };
    for (let i = 0; i < 10; i++) await run(-1 - i); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < flows; i++) await run(i);
    return (flows * 4) / ((performance.now() - t0) / 1000);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
