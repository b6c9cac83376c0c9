/**
 * A ShellApi answering from memory, for stories: the runtime's responses for the designer's calls
 * (directory, definitions, versions, drafts with revisions, scenarios). The network boundary is
 * the only thing replaced; the designer's own code runs unchanged.
 */
import type { Definition, DirectoryData } from '@tongban/engine';
import type { ShellApi } from '../shell/shellApi.ts';
import directory from './fixtures/directory.json' with { type: 'json' };
import { fixtureDefinition } from './fixtureDefinition.ts';
import { libraries } from '@tongban/definitions/library';

/** Two running cases of version 1: one where the draft changes nothing, one in a step the draft removed. */
const fixtureImpact = { from: 1, to: 2, cases: [
  { caseId: 'c-1', ref: 'TB20261002A', state: 'review', replayedState: 'review', changesState: false, tasks: { lost: [], gained: [] } },
  { caseId: 'c-2', ref: 'TB20261002B', state: 'inspect', replayedState: 'review', changesState: true, tasks: { lost: ['t-inspect'], gained: ['review'] } },
] };

/** The server's preview, as the engine's migration answers it: a case moves when its state exists in the draft or is mapped. */
function previewOf(body: { definition?: Definition; cases: string[]; mapping?: { states?: Record<string, string> } }) {
  const states = new Set(Object.keys(body.definition?.states ?? fixtureDefinition().states));
  const cases = fixtureImpact.cases.filter((c) => body.cases.includes(c.caseId)).map((c) => {
    const target = body.mapping?.states?.[c.state] ?? (states.has(c.state) ? c.state : undefined);
    return target ? { caseId: c.caseId, ref: c.ref, ok: true, state: c.state, newState: target, tasks: { kept: [c.state], lost: [], gained: [] }, droppedFields: [], diagnostics: [] }
      : { caseId: c.caseId, ref: c.ref, ok: false, state: c.state, diagnostics: [{ code: 'migrate.state-unmapped', path: `/mapping/states/${c.state}`, message: { 'zh-CN': `状态 ${c.state} 在新版本中不存在，且未映射`, en: `State ${c.state} is not in the new version and is not mapped` } }] };
  });
  return { from: 1, to: 2, cases };
}

export function createFixtureApi(opts: { definitions?: Definition[]; directory?: DirectoryData } = {}): ShellApi {
  const defs = opts.definitions ?? [fixtureDefinition()];
  const drafts = new Map<string, { definition: Definition; revision: number }>();
  const scenarios = new Map<string, unknown[]>();
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const summary = (d: Definition) => ({ id: d.id, version: d.version, status: 'published', title: d.title['zh-CN'], category: d.category, createdAt: 0, publishedAt: Date.parse('2026-03-01T00:00:00Z') });
  return {
    async fetch(path, init) {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      let m: RegExpMatchArray | null;
      if (path === '/api/designer/libraries') return json(200, { items: Object.values(libraries) });
      if (path === '/api/designer/directory') return json(200, opts.directory ?? directory);
      if (path === '/api/definitions') return json(200, { items: defs.map(summary) });
      if ((m = path.match(/^\/api\/definitions\/([^/]+)\/versions$/))) return json(200, { items: defs.filter((d) => d.id === m![1]).map(summary) });
      if ((m = path.match(/^\/api\/definitions\/([^/]+)\/versions\/(\d+)$/))) { const d = defs.find((x) => x.id === m![1]); return d ? json(200, { ...summary(d), definition: d }) : json(404, { error: { code: 'definition.not-found', message: '服务事项定义不存在' } }); }
      if (path.endsWith('/impact') && method === 'POST') return json(200, fixtureImpact);
      if (path.endsWith('/migration-preview') && method === 'POST') return json(200, previewOf(body));
      if ((m = path.match(/^\/api\/definitions\/[^/]+\/versions\/(\d+)\/migration$/))) {
        const cases = previewOf(body).cases;
        return json(200, { migrated: cases.filter((c) => c.ok).map((c) => ({ caseId: c.caseId, version: Number(m![1]) })), left: cases.filter((c) => !c.ok).map((c) => ({ caseId: c.caseId, diagnostics: c.diagnostics })) });
      }
      if ((m = path.match(/^\/api\/designer\/drafts\/([^/]+)$/))) {
        const id = decodeURIComponent(m[1]!);
        if (method === 'GET') { const d = drafts.get(id); return d ? json(200, { id, ...d, updatedBy: 'u-county-admin', updatedByName: '张洋', updatedAt: 0 }) : json(404, { error: { code: 'designer.draft-not-found', message: '该事项没有正在编辑的草稿' } }); }
        const cur = drafts.get(id)?.revision ?? 0;
        if (body.baseRevision !== cur) return json(409, { error: { code: 'designer.draft-conflict', message: '草稿已被他人保存', details: { revision: cur, updatedBy: 'u-county-admin', updatedByName: '张洋', updatedAt: 0 } } });
        drafts.set(id, { definition: body.definition, revision: cur + 1 });
        return json(200, { revision: cur + 1, updatedAt: 0 });
      }
      if ((m = path.match(/^\/api\/designer\/scenarios\/([^/]+)$/))) {
        if (method === 'PUT') scenarios.set(m[1]!, body.items);
        return json(200, { items: scenarios.get(m[1]!) ?? [] });
      }
      return json(404, { error: { code: 'route.not-found', message: '接口不存在' } });
    },
  };
}
