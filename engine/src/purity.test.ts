/**
 * The engine performs no I/O (CONVENTIONS.md 1): a whole case runs (load → compile → start → every
 * step to the final state) while the clock, randomness, timers, fetch and the key functions of
 * fs / net / http / child_process are trapped to throw, and none of them is called. A static scan
 * backs it up: no non-test source under engine/src or definitions imports `node:*` or calls require().
 */
import { builtinModules, createRequire, syncBuiltinESMExports } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import def from './run/fixtures/approval.json' with { type: 'json' };
import { loadDefinition } from './definition/load.ts';
import { compile } from './compile/compile.ts';
import { start, step, type LiveSnapshot } from './run/step.ts';
import { act, actor, grid, testOptions } from './testing/testkit.ts';
import type { Effect, StepResult } from './index.ts';

const require = createRequire(import.meta.url);
const t0 = Date.UTC(2026, 2, 2, 1, 0); // Mon 2026-03-02 09:00 +08:00

type Fn = (...args: unknown[]) => unknown;
const trapped: Array<{ name: string; spy: MockInstance }> = [];

/** Replaces `obj[key]` with a spy that throws, so any use fails loudly and is counted. */
function trap(obj: object, key: string, name: string): void {
  if (typeof (obj as Record<string, unknown>)[key] !== 'function') return;
  const spy = vi.spyOn(obj as Record<string, Fn>, key).mockImplementation(() => {
    throw new Error(`the engine performed I/O or read the environment: ${name}`);
  });
  trapped.push({ name, spy });
}

const nodeTraps: Record<string, string[]> = {
  fs: ['readFileSync', 'readFile', 'writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'openSync', 'open',
    'readdirSync', 'readdir', 'statSync', 'stat', 'existsSync', 'mkdirSync', 'rmSync', 'createReadStream', 'createWriteStream', 'watch'],
  net: ['connect', 'createConnection', 'createServer'],
  http: ['request', 'get', 'createServer'],
  https: ['request', 'get', 'createServer'],
  dns: ['lookup', 'resolve'],
  child_process: ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
};

/** Arms every trap. The CJS module objects are mutable; syncBuiltinESMExports pushes the spies into `import { x } from 'node:x'` bindings too. */
function armTraps(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  trap(g, 'fetch', 'globalThis.fetch');
  trap(g, 'setTimeout', 'setTimeout');
  trap(g, 'setInterval', 'setInterval');
  trap(g, 'setImmediate', 'setImmediate');
  trap(Date, 'now', 'Date.now');
  trap(Math, 'random', 'Math.random');
  trap(performance, 'now', 'performance.now');
  trap(process, 'hrtime', 'process.hrtime');
  trap(crypto, 'randomUUID', 'crypto.randomUUID');
  trap(crypto, 'getRandomValues', 'crypto.getRandomValues');
  for (const [mod, fns] of Object.entries(nodeTraps)) {
    const m = require(mod) as Record<string, unknown>;
    for (const fn of fns) trap(m, fn, `node:${mod}.${fn}`);
  }
  const fsp = (require('fs') as { promises: object }).promises;
  for (const fn of ['readFile', 'writeFile', 'open', 'readdir', 'stat']) trap(fsp, fn, `node:fs.promises.${fn}`);
  syncBuiltinESMExports();
}

function disarmTraps(): string[] {
  const called = trapped.filter((t) => t.spy.mock.calls.length > 0).map((t) => `${t.name} ×${t.spy.mock.calls.length}`);
  for (const t of trapped.splice(0)) t.spy.mockRestore();
  syncBuiltinESMExports();
  return called;
}

afterEach(() => {
  disarmTraps();
});

/** Runs the approval fixture from start to its final state, acting on the first open task each step. */
function runWholeCase(): { last: StepResult<LiveSnapshot>; steps: number; effects: Effect[] } {
  const loaded = loadDefinition(def);
  if (!loaded.ok) throw new Error(`fixture does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const c = compile(loaded.definition, { cache: false });
  const opts = testOptions();
  let r = start(c, { caseId: 'pure-1', orgPath: grid, data: {}, meta: { at: t0, id: 'e0', actor: actor('gw1') } }, opts);
  const effects = [...r.effects];
  let steps = 0;
  let at = t0;
  while (r.snapshot.status === 'active' && steps < 20) {
    const task = Object.values(r.snapshot.context.tasks).find((t) => t.status === 'pending');
    if (!task) throw new Error(`no open task in ${JSON.stringify(r.snapshot.value)}`);
    const submit = task.state === 'draft';
    const by = task.assignee ?? task.candidates[0]!;
    r = step(c, r.snapshot, act(task.id, submit ? 'submit' : 'approve', by, (at += 60_000), submit ? { data: { amount: 5000 } } : {}), opts);
    if (!r.accepted) throw new Error(`refused: ${JSON.stringify(r.diagnostics)}`);
    effects.push(...r.effects);
    steps++;
  }
  return { last: r, steps, effects };
}

describe('engine purity', () => {
  it('the traps are live: each one throws and is counted', () => {
    armTraps();
    expect(() => Date.now()).toThrow(/Date\.now/);
    expect(() => (require('fs') as { readFileSync: Fn }).readFileSync('/etc/hostname')).toThrow(/node:fs\.readFileSync/);
    expect(() => readFileSync('/etc/hostname')).toThrow(/node:fs\.readFileSync/); // ESM named import sees the spy too
    expect(() => setTimeout(() => undefined, 1)).toThrow(/setTimeout/);
    expect(disarmTraps()).toEqual(['setTimeout ×1', 'Date.now ×1', 'node:fs.readFileSync ×2']);
    expect(typeof Date.now()).toBe('number'); // restored
  });

  it('load, compile, start and every step of a whole case touch no clock, randomness, timer, network, file or process', () => {
    armTraps();
    let result: ReturnType<typeof runWholeCase> | undefined;
    let error: unknown;
    try {
      result = runWholeCase();
    } catch (err) {
      error = err;
    }
    const called = disarmTraps();
    expect(called).toEqual([]);
    expect(error).toBeUndefined();
    expect(result!.last.snapshot.status).toBe('done');
    expect(result!.last.snapshot.value).toBe('done');
    // draft submit, three countersign approvals (mode all), legal check, money check (mode any) → done
    expect(result!.steps).toBe(6);
    const kinds = new Set(result!.effects.map((e) => e.kind));
    for (const k of ['task.create', 'task.cancel', 'timer.start', 'notify', 'audit'] as const) expect(kinds).toContain(k);
    // time comes only from the events: every task was created at an event's meta.at
    for (const t of result!.effects.filter((e) => e.kind === 'timer.start')) expect((t as { dueAt: number }).dueAt).toBeGreaterThan(t0);
  });
});

// ── static: no I/O import in pure sources ───────────────────────────────────────────────────────
const root = new URL('../../', import.meta.url);

function sources(dir: URL, rel: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (['node_modules', 'fixtures', 'bench'].includes(e.name)) continue; // bench is allowed to read the clock
      out.push(...sources(new URL(`${e.name}/`, dir), `${rel}${e.name}/`));
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(`${rel}${e.name}`);
  }
  return out;
}

const bare = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/')).join('|');
const checks: Array<[RegExp, string]> = [
  [/\bfrom\s*['"]node:|\bimport\s*['"]node:|\bimport\s*\(\s*['"]node:/, "imports node:*"],
  [new RegExp(`\\b(?:from|import)\\s*\\(?\\s*['"](?:${bare})(?:\\/[^'"]*)?['"]`), 'imports a Node built-in'],
  [/\brequire\s*\(/, 'calls require()'],
  [/\bDate\.now\b|\bnew Date\(\s*\)|\bMath\.random\b|\bperformance\.now\b/, 'reads the clock or randomness'],
];

describe('engine purity (static)', () => {
  const files = [...sources(new URL('engine/src/', root), 'engine/src/'), ...sources(new URL('definitions/', root), 'definitions/')];

  it('finds the sources it scans', () => {
    expect(files).toContain('engine/src/run/step.ts');
    expect(files).toContain('definitions/calendars/index.ts');
  });

  it('no non-test source under engine/src or definitions imports node:* or calls require()', () => {
    const offenders: string[] = [];
    for (const file of files) {
      readFileSync(new URL(file, root), 'utf8').split('\n').forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return; // doc comments may name them
        for (const [re, why] of checks) if (re.test(line)) offenders.push(`${file}:${i + 1}: ${why}: ${code}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
