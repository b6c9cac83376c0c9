/**
 * Running cases and new versions: a dry run of a version against the running cases of an older one
 * (replaying their event logs), and moving chosen cases to a published version with a state mapping
 * in one audited operation. County admins only.
 */
import { ForbiddenError } from '../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation, type OpContext } from '../http/operation.ts';
import type { Services } from '../services.ts';

const idv = { id: S.id, version: { type: 'integer', minimum: 1, maximum: 1_000_000 } };
const version = { type: 'integer', minimum: 1, maximum: 1_000_000 };
const stateId = { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 };
/** Old state → state of the new version (unlisted states keep their id). */
export const mappingSchema = S.object({ states: { type: 'object', maxProperties: 200, propertyNames: stateId, additionalProperties: stateId } });

function countyAdmin(ctx: OpContext): void {
  if (!ctx.user.roles.some((r) => r.role === 'county-admin')) throw new ForbiddenError('authz.forbidden', { needs: ['county-admin'] });
}

/** The migration operations. */
export function migrationOperations(s: Services): Operation[] {
  return [
    defineOperation({
      method: 'post', path: '/api/definitions/{id}/versions/{version}/migration/dry-run', operationId: 'migrationDryRun', responses: ok('MigrationDryRun'), tag: 'definitions',
      summary: '迁移预演：按新版本重放在办案件 Dry-run a version against running cases', params: idv,
      body: S.object({ from: version, limit: { type: 'integer', minimum: 1, maximum: 500 } }),
      async handler(ctx) {
        countyAdmin(ctx);
        return { body: await s.migrations.dryRun(ctx.params.id, ctx.params.version, { from: ctx.body.from, limit: ctx.body.limit }) };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/definitions/{id}/versions/{version}/migration', operationId: 'migrateCases', responses: ok('MigrationResult'), tag: 'definitions',
      summary: '迁移在办案件到本版本（一次审计的操作） Move running cases to this version in one audited operation', params: idv,
      body: S.object({
        from: version,
        cases: { type: 'array', items: S.id, minItems: 1, maxItems: 500, uniqueItems: true },
        mapping: mappingSchema,
        leaveUnmappable: { type: 'boolean' },
      }, ['from', 'cases']),
      async handler(ctx) {
        countyAdmin(ctx);
        // leaveUnmappable: the cases that cannot move stay on their version (listed in `left`); otherwise all or nothing
        return { body: await s.commands.migrate(ctx.user, { definitionId: ctx.params.id, from: ctx.body.from, to: ctx.params.version, caseIds: ctx.body.cases, mapping: ctx.body.mapping ?? {}, leaveUnmappable: ctx.body.leaveUnmappable === true }) };
      },
    }),
  ];
}
