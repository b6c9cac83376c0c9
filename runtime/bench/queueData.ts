/**
 * Synthetic queue data: N cases and their tasks, as TSV rows for LOAD DATA, generated in id
 * order (primary-key order keeps InnoDB inserts appending). Cases cycle through stages: most are
 * closed (three done tasks), some voided, the rest wait at accept, review or verify with one
 * pending task, so a township reviewer's scope holds a large open backlog (stress, not a demo).
 */
import { orgLevelsOf } from '../src/identity/orgPath.ts';
import { NO_DUE } from '../src/cases/applyEffects.ts';

const grids = ['/510722/510722100/510722100001/510722100001001', '/510722/510722100/510722100001/510722100001002', '/510722/510722100/510722100002/510722100002001', '/510722/510722200/510722200001/510722200001001'];
const gridWorkers = ['u-grid1', 'u-grid2', 'u-grid2', 'u-grid3'];
const tasksDef = [
  { key: 't1', state: 'accept', zh: '受理', en: 'Accept', outcome: 'accept', priority: 1, slaMs: 2 * 3600_000 },
  { key: 't3', state: 'review', zh: '审核', en: 'Review', outcome: 'approve', priority: 2, slaMs: 24 * 3600_000 },
  { key: 't5', state: 'verify', zh: '核查', en: 'Verify', outcome: 'close', priority: 2, slaMs: 0 },
];

/** Columns in load order. */
export const caseCols = ['id', 'ref', 'definition_id', 'definition_version', 'org_path', 'org_l1', 'org_l2', 'org_l3', 'org_l4', 'state', 'status', 'version', 'snapshot', 'created_by', 'created_at', 'updated_at'];
export const taskCols = ['id', 'case_id', 'task_key', 'definition_id', 'org_path', 'org_l1', 'org_l2', 'org_l3', 'org_l4', 'state', 'title_zh', 'title_en', 'status', 'assignee',
  'group_role', 'group_org', 'candidates', 'priority', 'due_at', 'form', 'spec', 'outcome', 'created_at', 'completed_at'];

const tsv = (v: Array<string | number | null>) => v.map((x) => (x === null ? '\\N' : String(x))).join('\t') + '\n';

/** Stage of case i: 0..5 closed, 6 voided, 7 at accept, 8 at review, 9 at verify. */
const stageOf = (i: number) => (i * 7) % 10;

function taskLine(i: number, t: number, id: string, org: string, created: number, now: number, open: boolean): string {
  const d = tasksDef[t]!;
  const lv = orgLevelsOf(org);
  const assignee = t === 0 ? 'u-officer' : t === 2 ? gridWorkers[i % 4]! : i % 40 === 4 && lv.org_l2!.endsWith('100') ? 'u-rev-east' : null;
  const group = t === 1 ? ['township-reviewer', lv.org_l2] : t === 0 ? ['community-officer', lv.org_l3] : [null, null];
  // Open tasks are due from 10 days ago to 20 days ahead, so `overdue` selects about a third.
  const due = open ? now + ((i * 7919) % 30) * 86_400_000 - 10 * 86_400_000 : d.slaMs ? created + d.slaMs : NO_DUE;
  return tsv([`${id}:${d.key}`, id, `${id}:${d.key}`, i % 3 ? 'tiny-incident' : 'grid-incident', org, lv.org_l1, lv.org_l2, lv.org_l3, lv.org_l4, d.state, d.zh, d.en,
    open ? 'pending' : 'done', assignee, group[0]!, group[1]!, '[]', i % 13 === 0 ? 0 : d.priority, due, d.state, '{}', open ? null : d.outcome, created, open ? null : created + 3600_000]);
}

/** TSV chunks for cases [from, to) of `total` (created 30 s apart, newest last). */
export function* caseRows(from: number, to: number, total: number, now: number): Generator<string> {
  let buf = '';
  for (let i = from; i < to; i++) {
    const id = `c${String(i).padStart(9, '0')}`;
    const org = grids[i % 4]!;
    const lv = orgLevelsOf(org);
    const st = stageOf(i);
    const state = st <= 5 ? 'closed' : st === 6 ? 'voided' : tasksDef[st - 7]!.state;
    buf += tsv([id, 'R' + id, i % 3 ? 'tiny-incident' : 'grid-incident', 1, org, lv.org_l1, lv.org_l2, lv.org_l3, lv.org_l4, state, st <= 6 ? 'done' : 'active', 4, '{}', 'u-grid1', now - (total - i) * 30_000, now]);
    if (buf.length > 1 << 20) { yield buf; buf = ''; }
  }
  if (buf) yield buf;
}

/** TSV chunks for the tasks of cases [from, to). */
export function* taskRows(from: number, to: number, total: number, now: number): Generator<string> {
  let buf = '';
  for (let i = from; i < to; i++) {
    const id = `c${String(i).padStart(9, '0')}`;
    const st = stageOf(i);
    const created = now - (total - i) * 30_000;
    const count = st <= 5 ? 3 : st === 6 ? 1 : st - 6;
    for (let t = 0; t < count; t++) buf += taskLine(i, t, id, grids[i % 4]!, created, now, st >= 7 && t === count - 1);
    if (buf.length > 1 << 20) { yield buf; buf = ''; }
  }
  if (buf) yield buf;
}
