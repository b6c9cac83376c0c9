/**
 * 督办中心: backlog, at-risk and overdue work by org unit down the tree and by service item, and
 * SLA compliance by week — every number a SQL aggregate over the caller's scope (the same scope
 * rules as every list), never a count of loaded cases. For township and county leads and supervisors.
 */
import { ForbiddenError } from '../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation, type OpContext } from '../http/operation.ts';
import { depthOfPath } from '../identity/orgPath.ts';
import type { Services } from '../services.ts';
import { oversightSchemas } from './oversightSchemas.ts';

/** Roles that see oversight figures (township and county leads, dispatchers, admins). */
export const oversightRoles = ['township-reviewer', 'county-dispatcher', 'county-admin'];

/** Oversight operations. */
export function oversightOperations(s: Services): Operation[] {
  const q = s.oversight;
  const guard = (ctx: OpContext) => {
    if (!ctx.user.roles.some((r) => oversightRoles.includes(r.role))) throw new ForbiddenError('authz.forbidden');
    const top = [...ctx.user.roles].filter((r) => oversightRoles.includes(r.role)).sort((a, b) => depthOfPath(a.orgPath) - depthOfPath(b.orgPath))[0]!.orgPath;
    return (ctx.query.orgPath as string | undefined) ?? top;
  };
  const filters = { orgPath: S.orgPath, definitionId: S.id };
  const op = (path: string, operationId: string, schema: string, summary: string, extra: Record<string, unknown>, run: (ctx: OpContext, orgPath: string) => Promise<unknown>) =>
    defineOperation({ method: 'get', path, operationId, tag: 'oversight', responses: ok(schema), schemas: oversightSchemas, summary, query: { ...filters, ...extra },
      async handler(ctx) { return { body: await run(ctx, guard(ctx)) }; } });
  return [
    op('/api/oversight/summary', 'oversightSummary', 'OversightSummary', '督办概览：在办、即将超时、已超时、办结率、按时办结率 Summary cards', {},
      (ctx, orgPath) => q.summary(ctx.ability, { orgPath, definitionId: ctx.query.definitionId }, Date.now())),
    op('/api/oversight/by-org', 'oversightByOrg', 'OversightByOrg', '按下级组织统计 By org unit, one level down', {},
      (ctx, orgPath) => q.byOrg(ctx.ability, { orgPath, definitionId: ctx.query.definitionId }, Date.now())),
    op('/api/oversight/by-item', 'oversightByItem', 'OversightByItem', '按服务事项统计 By service item', {},
      (ctx, orgPath) => q.byItem(ctx.ability, { orgPath }, Date.now())),
    op('/api/oversight/trend', 'oversightTrend', 'OversightTrend', '按周趋势：办结与按时率 Weekly trend', { weeks: { type: 'integer', minimum: 1, maximum: 52, default: 12 } },
      (ctx, orgPath) => q.trend(ctx.ability, { orgPath, definitionId: ctx.query.definitionId }, Number(ctx.query.weeks ?? 12), Date.now())),
  ];
}
