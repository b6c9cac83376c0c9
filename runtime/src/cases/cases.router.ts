/** Cases: create, list, get (masked), timeline, external events, comments. */
import type { CaseSnapshot, Definition, LocalizedText } from '@tongban/engine';
import { checkIntake, compile, secretBallotStates } from '@tongban/engine';
import { ConflictError, ForbiddenError, NotFoundError, RefusedError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation } from '../http/operation.ts';
import { isOrgPath } from '../identity/orgPath.ts';
import { openData } from '../pii/sealData.ts';
import type { Services } from '../services.ts';
import { caseView } from './caseView.ts';
import { toTaskSummary } from '../tasks/KnexTaskQueries.ts';
import { stateTitle } from '../deadlines/caseDeadline.ts';

/**
 * The definition a new case runs: the newest published version (then the compiled cache has it,
 * no read or parse) or a named version, which must be published (retired ones start no cases).
 */
async function publishedDefinition(s: Services, id: string, version?: number): Promise<Definition> {
  if (version === undefined) return (await s.definitions.compiledFor(id, await s.definitions.latestPublished(id))).definition;
  const { definition, summary } = await s.definitions.get(id, version);
  if (summary.status !== 'published') throw new ConflictError('definition.not-published', { id, version });
  return definition;
}

/** Operations on cases. */
export function caseOperations(s: Services): Operation[] {
  async function view(ctx: { ability: never; user: never }, id: string) {
    const row = await s.cases.getVisible(ctx.ability, id);
    // Cases only run published or retired versions, whose compiled form is cached (no read, no parse).
    const { definition } = await s.definitions.compiledFor(row.definition_id, Number(row.definition_version));
    const data = openData(s.codec, (JSON.parse(row.snapshot) as CaseSnapshot).context.data);
    return caseView(row, definition, data, await s.caseRecords.viewerOf(ctx.user, id));
  }
  return [
    defineOperation({
      method: 'post', path: '/api/cases', operationId: 'createCase', responses: created('CaseCreated'), tag: 'cases', summary: '新建案件 Create a case',
      body: S.object({ definitionId: S.id, version: S.version, orgPath: S.orgPath, data: S.anyObject, draftId: { type: 'string', pattern: '^[A-Za-z0-9-]{8,36}$' } }, ['definitionId', 'orgPath', 'data']),
      async handler({ user, ability, body }) {
        // the engine's directory knows the org tree; only an org it has not seen yet is read from the store
        const known = isOrgPath(body.orgPath) && ((await s.runOptions.get()).directory.orgName(body.orgPath) !== undefined || !!(await s.identity.getOrg(body.orgPath)));
        if (!known) throw new NotFoundError('org.not-found', { orgPath: body.orgPath });
        if (!canCreateAt(ability, body.orgPath)) throw new ForbiddenError('org.out-of-scope', { orgPath: body.orgPath });
        const definition = await publishedDefinition(s, body.definitionId, body.version);
        if (definition.intake && !definition.intake.roles.some((r) => user.roles.some((a) => a.role === r))) throw new ForbiddenError('authz.forbidden', { needs: definition.intake.roles });
        // unknown fields, fields outside the intake form, and the county-office form rules (ID checksum, mainland mobile, no future dates, required fields) live in the engine
        const actor = { userId: user.id, roles: user.roles.map((a) => a.role), orgPath: body.orgPath };
        const problems = checkIntake(compile(definition), body.data, { at: Date.now(), id: 'intake', actor });
        if (problems.length) throw new RefusedError('case.data-invalid', { diagnostics: problems.map((d) => ({ code: d.code, path: d.path, message: d.message })) });
        const out = await s.commands.create(user, { definitionId: body.definitionId, version: definition.version, orgPath: body.orgPath, data: body.data });
        if (body.draftId) {
          // the files the form names (photos taken before the case existed) move to the case; the draft is done
          await s.drafts.finish(user.id, body.draftId, out.id, attachmentIdsIn(body.data));
        }
        return { status: 201, body: { id: out.id, ref: out.ref, version: out.version } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases', operationId: 'listCases', responses: ok('CasePage'), tag: 'cases', summary: '案件列表（辖区内） Cases in scope',
      query: { definitionId: S.id, status: { type: 'string', enum: ['active', 'done', 'error', 'stopped'] }, orgPath: S.orgPath, cursor: S.cursor, limit: S.limit,
        idNumber: { type: 'string', pattern: '^[0-9]{17}[0-9Xx]$', description: '按身份证号查找（密钥哈希匹配，留痕） Find by ID number (keyed hash; audited)' },
        mine: { type: 'boolean', description: '只看我发起的 Only cases I started' }, sla: { type: 'string', enum: ['overdue', 'at-risk'], description: '有环节已超时或已到预警点 A step overdue or past its warning point' } },
      async handler({ ability, user, query }) {
        const filter = { ...query, startedBy: query.mine ? user.id : undefined };
        if (!query.idNumber) {
          const page = await s.cases.list(ability, filter);
          return { body: { ...page, items: await withStepDeadlines(s, page.items) } };
        }
        // matched through the keyed hash (no decryption), scoped like every list, and audited without the number
        const page = await s.cases.list(ability, { ...filter, caseIds: s.caseRecords.withValue(query.idNumber) });
        await s.audit.append({ at: Date.now(), actorId: user.id, actorRoles: user.roles.map((r) => r.role), orgPath: user.orgPath,
          action: 'pii.search', detail: { field: 'id-number', found: page.items.length } });
        return { body: { ...page, items: await withStepDeadlines(s, page.items) } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}', operationId: 'getCase', responses: ok('CaseView'), tag: 'cases', summary: '案件详情（脱敏） A case, masked',
      params: { id: S.id },
      async handler(ctx) { return { body: await view(ctx as never, ctx.params.id) }; },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/timeline', operationId: 'caseTimeline', responses: ok('Timeline'), tag: 'cases', summary: '案件时间线 Case timeline',
      params: { id: S.id },
      async handler({ ability, params }) {
        const row = await s.cases.getVisible(ability, params.id);
        const { definition } = await s.definitions.compiledFor(row.definition_id, Number(row.definition_version));
        const data = (JSON.parse(row.snapshot) as { context: { data: Record<string, unknown> } }).context.data;
        return { body: { items: await s.cases.timeline(params.id, [...secretBallotStates(definition, data)]) } };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/cases/{id}/events', operationId: 'sendCaseEvent', responses: ok('CaseVersion'), tag: 'cases', summary: '发送案件事件 Send an event to a case',
      params: { id: S.id },
      body: S.object({ type: { type: 'string', pattern: '^[a-z][a-z0-9._-]{0,63}$' }, data: S.anyObject, comment: S.text(2000), expectedVersion: S.version }, ['type']),
      async handler({ user, ability, params, body }) {
        await s.cases.getVisible(ability, params.id); // 404 outside scope
        if (body.type.startsWith('task.') || body.type.startsWith('timer.') || body.type.startsWith('adapter.')) throw new RefusedError('case.event-rejected', { type: body.type });
        const out = await s.commands.act(user, params.id, { type: body.type, data: body.data, comment: body.comment } as never, body.expectedVersion);
        return { body: { version: out.version } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/cases/{id}/comments', operationId: 'listComments', responses: ok('CommentList'), tag: 'cases', summary: '评论 Comments',
      params: { id: S.id },
      async handler({ ability, params }) {
        await s.cases.getVisible(ability, params.id);
        return { body: { items: await s.caseRecords.comments(params.id) } };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/cases/{id}/comments', operationId: 'addComment', responses: created('CommentCreated'), tag: 'cases', summary: '发表评论 Add a comment',
      params: { id: S.id }, body: S.object({ body: { type: 'string', minLength: 1, maxLength: 2000 } }, ['body']),
      async handler({ user, ability, params, body }) {
        await s.cases.getVisible(ability, params.id);
        return { status: 201, body: { id: await s.caseRecords.addComment(params.id, user.id, body.body) } };
      },
    }),
  ];
}

/** Adds each case's current-step deadline (the earliest among its open tasks), one query per page. */
async function withStepDeadlines<T extends { id: string; status: string; state: string; definitionId: string; definitionVersion: number; orgPath: string }>(s: Services, items: T[]):
  Promise<Array<T & { stateTitle: LocalizedText; orgName: string | null; deadline: ReturnType<typeof toTaskSummary>['deadline'] }>> {
  const now = Date.now();
  // the unit by name, also one above the reader's own (a grid worker's case filed at the community): a unit's name is not personal data
  const { directory } = await s.runOptions.get();
  const orgNames = await Promise.all(items.map(async (c) => directory.orgName(c.orgPath) ?? (await s.identity.getOrg(c.orgPath))?.name ?? null));
  // a list shows where each case stands in words (the state's title), as its page does; definitions are compiled once and kept.
  // A version that cannot be compiled any more does not take the list down: that case shows its state id.
  const titles = await Promise.all(items.map(async (c) => {
    const state = c.state.split(',')[0]!;
    const def = await s.definitions.compiledFor(c.definitionId, c.definitionVersion).catch(() => undefined);
    return def ? stateTitle(def.definition, state) : { 'zh-CN': state, en: state };
  }));
  const rows = await s.caseRecords.openTasksOf(items.map((c) => c.id));
  const best = new Map<string, ReturnType<typeof toTaskSummary>['deadline']>();
  for (const r of rows) {
    const d = toTaskSummary(r, s.tasks.calendars, now).deadline;
    const cur = best.get(String(r.case_id));
    if (!cur || (d.dueAt ?? Infinity) < (cur.dueAt ?? Infinity)) best.set(String(r.case_id), d);
  }
  const done = toTaskSummary({ status: 'done', due_at: 0 }, s.tasks.calendars, now).deadline;
  const none = toTaskSummary({ status: 'pending', due_at: Number.MAX_SAFE_INTEGER }, s.tasks.calendars, now).deadline;
  return items.map((c, i) => ({ ...c, stateTitle: titles[i]!, orgName: orgNames[i]!, deadline: best.get(c.id) ?? (c.status === 'active' ? none : done) }));
}

/** Strings in the data that look like attachment ids (UUIDs), wherever the form keeps them. */
function attachmentIdsIn(data: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return out.slice(0, 100);
}

function orgFields(path: string): Record<string, string> {
  const parts = path.split('/').filter(Boolean);
  return Object.fromEntries(parts.map((_, i) => [`orgL${i + 1}`, '/' + parts.slice(0, i + 1).join('/')]));
}

/** True when some create rule's org condition matches the path (CASL rules are equality on a level). */
function canCreateAt(ability: import('../authz/defineAbilities.ts').AppAbility, path: string): boolean {
  return ability.rulesFor('create', 'Case').some((r) => Object.entries(r.conditions ?? {}).every(([k, v]) => orgFields(path)[k] === v));
}
