import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDeps } from './check-deps.mjs';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const script = fileURLToPath(new URL('./check-deps.mjs', import.meta.url));

describe('check-deps', () => {
  it('accepts a tree whose imports follow the direction and are listed in package.json', () => {
    const { violations, stats } = checkDeps(fixture('ok'));
    expect(violations).toEqual([]);
    expect(stats.packages).toBe(7);
    expect(stats.imports).toBe(16); // comments and strings that look like imports do not count
  });

  it('reports each violation with file:line and why', () => {
    const got = checkDeps(fixture('bad')).violations.map((v) => [`${v.file}:${v.line}`, v.message]);
    const expected: Array<[string, RegExp]> = [
      ['adapters/mqtt-devices/index.mts:1', /'@tongban\/engine' \(engine\) against the direction: adapters may depend only on plugins\/sdk/],
      ['adapters/mqtt-devices/package.json:1', /dependencies lists @tongban\/engine \(engine\), against the direction/],
      ['adapters/sms-gateway/index.mts:1', /'@tongban\/adapter-mqtt-devices' \(adapters\) against the direction: adapters may depend only on plugins\/sdk/], // never on another adapter
      ['definitions/index.mts:1', /definitions may depend only on no other @tongban package/],
      ['engine/package.json:5', /dependencies lists @tongban\/runtime \(runtime\), against the direction: engine may depend only on @tongban\/definitions/],
      ['engine/src/step.mts:1', /imports '@tongban\/runtime' \(runtime\) against the direction/], // import type counts
      ['engine/src/step.mts:2', /does not list @tongban\/definitions in dependencies/],
      ['engine/src/step.mts:3', /relative import '..\/..\/runtime\/src\/db.mts' leaves engine\/ .*@tongban\/runtime is not allowed at all/],
      ['engine/src/step.mts:4', /relative import '..\/..\/scripts\/helper.mjs' leaves engine\//], // export … from
      ['engine/src/step.mts:5', /imports '@tongban\/runtime\/store' \(runtime\) against the direction/], // dynamic import()
      ['examples/load.mjs:1', /'@tongban\/runtime' \(runtime\) against the direction: examples may depend only on @tongban\/definitions, @tongban\/engine/],
      ['examples/package.json:1', /dependencies lists @tongban\/runtime/],
      ['package.json:1', /plugins\/host\/ \(@tongban\/plugin-host\) is not listed in the root package.json workspaces/],
      ['plugins/host/index.mts:1', /'@tongban\/runtime' \(runtime\) against the direction: plugins\/host may depend only on/], // the host never reaches up
      ['runtime/package.json:1', /@tongban\/nope, which is not a package of this repository/],
      ['runtime/src/cases.cjs:1', /does not list @tongban\/engine/], // require()
      ['tools/thing/package.json:1', /has no place in the dependency direction/],
    ];
    expect(got.map(([where]) => where)).toEqual(expected.map(([where]) => where));
    got.forEach(([, message], i) => expect(message).toMatch(expected[i]![1]));
  });

  it('as a CLI prints file:line lines and exits 1 on violations, 0 when clean', () => {
    const bad = spawnSync(process.execPath, [script, fixture('bad')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^engine\/src\/step\.mts:3: relative import/m);
    expect(bad.stderr).toMatch(/check-deps: 17 violation\(s\)/);
    const ok = spawnSync(process.execPath, [script, fixture('ok')], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^check-deps: ok/);
  });
});
