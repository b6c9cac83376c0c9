import def from '../run/fixtures/approval.json' with { type: 'json' };
import { loadDefinition } from '../definition/load.ts';
import { compile } from '../compile/compile.ts';
import { start, step } from '../run/step.ts';
import { act, actor, grid, testOptions } from '../run/testkit.ts';
const t0 = Date.UTC(2026, 2, 2, 1, 0);
const l = loadDefinition(def); if (!l.ok) throw new Error('load');
const c = compile(l.definition); const o = testOptions();
let r = start(c, { caseId: 'c1', orgPath: grid, data: {}, meta: { at: t0, id: 'e0', actor: actor('gw1') } }, o);
let t = t0;
const show = () => console.log(JSON.stringify(r.snapshot.value), r.snapshot.status, JSON.stringify(Object.values(r.snapshot.context.tasks).map((x) => [x.id, x.state, x.status, x.assignee, x.candidates])), r.diagnostics.map(d=>d.code));
show();
for (let i = 0; i < 10 && r.snapshot.status === 'active'; i++) {
  const open = Object.values(r.snapshot.context.tasks).filter((x) => x.status === 'pending');
  const tk = open[0]!;
  const action = tk.state === 'draft' ? 'submit' : 'approve';
  r = step(c, r.snapshot, act(tk.id, action, tk.assignee ?? tk.candidates[0]!, (t += 60000), action === 'submit' ? { data: { amount: 5000 } } : {}), o);
  show();
}
