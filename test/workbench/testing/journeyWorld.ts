/**
 * The world the browser journeys start from, made through the API of a running `npm start`: the
 * journey item (路灯报修: a two-step report with a photo) published by the county admin, and cases
 * reported by a grid worker of 太和镇's 金鱼社区第1网格, accepted by the community officer so that their
 * 审核 step waits in the township reviewer's queue.
 */
import { readFileSync } from 'node:fs';
import type { App } from './startApp.ts';

/** People of the sample county the journeys use. */
export const people = {
  reviewer: 'township-reviewer-510722100',
  officer: 'officer-510722100001',
  gridWorker: 'grid-worker-510722100001001-1',
  otherGridWorker: 'grid-worker-510722100201001-1',
  admin: 'county-admin',
};
export const GRID = '/510722/510722100/510722100001/510722100001001';
const definition = JSON.parse(readFileSync(new URL('../fixtures/journey-incident.json', import.meta.url), 'utf8'));
/** A 1×1 PNG. */
export const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function ok<T = any>(p: Promise<{ status: number; body: any }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** Publishes the journey item. */
export async function publishJourneyItem(app: App): Promise<void> {
  const admin = await app.token(people.admin);
  const draft = await ok(app.api('POST', '/api/definitions', { token: admin, body: definition }), 'draft');
  await ok(app.api('POST', `/api/definitions/${draft.id}/versions/${draft.version}/publish`, { token: admin }), 'publish');
}

/** Reports a case with a photo (uploaded to a draft first, as the form does); returns its id and ref. */
export async function reportCase(app: App, description: string): Promise<{ id: string; ref: string }> {
  const token = await app.token(people.gridWorker);
  const draftId = crypto.randomUUID();
  const up = await fetch(`${app.url}/api/drafts/${draftId}/attachments?name=p.png`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: png });
  const photo = (await up.json()) as { id: string };
  return ok(app.api('POST', '/api/cases', { token, body: { definitionId: 'journey-incident', orgPath: GRID, draftId,
    data: { description, photos: [photo.id], address: '幸福路12号3栋', reporterPhone: '13812345678', idNumber: '11010519491231002X' } } }), 'report');
}

/** The officer claims the case's accept step (and, with `accept`, completes it: the case goes to the reviewer). */
export async function officerTakes(app: App, caseId: string, accept: boolean): Promise<void> {
  const token = await app.token(people.officer);
  const actions = await ok(app.api('GET', `/api/cases/${caseId}/actions`, { token }), 'actions');
  const claim = actions.items.find((a: { kind: string }) => a.kind === 'claim');
  if (claim) await ok(app.api('POST', `/api/tasks/${claim.taskId}/claim`, { token, body: {} }), 'claim');
  if (!accept) return;
  const again = await ok(app.api('GET', `/api/cases/${caseId}/actions`, { token }), 'actions');
  const decide = again.items.find((a: { name: string }) => a.name === 'accept');
  await ok(app.api('POST', `/api/tasks/${decide.taskId}/complete`, { token, body: { outcome: 'accept', comment: '已受理' } }), 'accept');
}
