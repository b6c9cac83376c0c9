/**
 * 积分 API: rules (county admins), the reward catalogue per org unit, a resident's account, and
 * awarding, redeeming and reversing points (community staff and above, for residents in their
 * scope; anyone else's resident answers 404). Residents read their own account only.
 */
import { ForbiddenError, NotFoundError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation, type Schema } from '../http/operation.ts';
import { isStaffRole } from '../authz/defineAbilities.ts';
import { isUnder } from '../identity/orgPath.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import type { Services } from '../services.ts';
import type { KnexPointsLedger, LedgerActor } from './KnexPointsLedger.ts';

/** Who keeps the ledger: community staff and the levels above (the 居委会 confirms, 认定). */
export const pointsManagerRoles = ['county-admin', 'township-admin', 'community-secretary', 'community-officer'];
const ruleAdminRoles = ['county-admin'];

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const text = { type: 'object', additionalProperties: false, required: ['zh-CN', 'en'], properties: { 'zh-CN': str, en: str } };
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const nullable = (t: string) => ({ type: [t, 'null'] });

const schemas: Record<string, Schema> = {
  PointsRule: obj({ id: str, title: text, unit: { type: 'string', enum: ['each', 'hour'] }, points: int, enabled: { type: 'boolean' }, updatedBy: str, updatedAt: int }),
  PointsRuleList: obj({ items: { type: 'array', items: ref('PointsRule') } }),
  PointsReward: obj({ id: str, orgPath: str, name: text, cost: int, stock: nullable('integer'), enabled: { type: 'boolean' } }),
  PointsRewardList: obj({ items: { type: 'array', items: ref('PointsReward') } }),
  PointsEntry: obj({
    id: str, personId: str, orgPath: str, kind: { type: 'string', enum: ['earn', 'redeem', 'reversal'] }, ruleId: nullable('string'), activityRef: nullable('string'),
    quantity: nullable('number'), points: int, rewardId: nullable('string'), reverses: nullable('string'), reversed: { type: 'boolean' }, note: nullable('string'), createdBy: str, createdAt: int,
  }),
  PointsAccount: obj({ personId: str, balance: int, entries: { type: 'array', items: ref('PointsEntry') } }),
};

const localized = S.object({ 'zh-CN': { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', minLength: 1, maxLength: 100 } }, ['zh-CN', 'en']);
const personId = { ...S.id, maxLength: 64 };

const actorOf = (u: UserRecord): LedgerActor => ({ id: u.id, roles: [...new Set(u.roles.map((r) => r.role))] });
const holds = (u: UserRecord, roles: string[]) => u.roles.some((r) => roles.includes(r.role));
const staffOrgs = (u: UserRecord) => u.roles.filter((r) => isStaffRole(r.role)).map((r) => r.orgPath);

/** The resident (or any user) `id` when `caller` may keep or read their account: themselves, or a user under the caller's staff scope; else 404. */
async function personInScope(s: Services, caller: UserRecord, id: string): Promise<UserRecord> {
  const person = await s.identity.getUser(id);
  const scopes = staffOrgs(caller);
  if (!person || !(person.id === caller.id || person.roles.some((r) => scopes.some((p) => isUnder(r.orgPath, p))) || scopes.some((p) => isUnder(person.orgPath, p)))) {
    throw new NotFoundError('user.not-found');
  }
  return person;
}

/** Points operations over the ledger. */
export function pointsOperations(s: Services, ledger: KnexPointsLedger): Operation[] {
  const manager = (u: UserRecord) => { if (!holds(u, pointsManagerRoles)) throw new ForbiddenError('authz.forbidden'); };
  return [
    defineOperation({ method: 'get', path: '/api/points/rules', operationId: 'listPointsRules', tag: 'points', responses: ok('PointsRuleList'), schemas, summary: '积分规则 Points rules',
      async handler() { return { body: { items: await ledger.listRules() } }; } }),
    defineOperation({ method: 'put', path: '/api/points/rules/{id}', operationId: 'putPointsRule', tag: 'points', responses: ok('PointsRule'), schemas, summary: '保存积分规则（县级管理员，留痕） Save a points rule (county admins, audited)',
      params: { id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' } },
      body: S.object({ title: localized, unit: { type: 'string', enum: ['each', 'hour'] }, points: { type: 'integer', minimum: 0, maximum: 1000 }, enabled: { type: 'boolean' } }, ['title', 'unit', 'points', 'enabled']),
      async handler({ user, params, body }) {
        if (!holds(user, ruleAdminRoles)) throw new ForbiddenError('authz.forbidden');
        return { body: await ledger.putRule({ id: params.id, ...body }, actorOf(user)) };
      } }),
    defineOperation({ method: 'get', path: '/api/points/rewards', operationId: 'listPointsRewards', tag: 'points', responses: ok('PointsRewardList'), schemas, summary: '可兑换物品（本人所在及上级机构提供的） Rewards offered where the caller is',
      async handler({ user }) { return { body: { items: await ledger.listRewards(user.roles.map((r) => r.orgPath)) } }; } }),
    defineOperation({ method: 'post', path: '/api/points/rewards', operationId: 'createPointsReward', tag: 'points', responses: created('PointsReward'), schemas, summary: '上架兑换物品（本辖区） Add a reward (own scope)',
      body: S.object({ orgPath: S.orgPath, name: localized, cost: { type: 'integer', minimum: 1, maximum: 100000 }, stock: { type: ['integer', 'null'], minimum: 0, maximum: 100000 } }, ['orgPath', 'name', 'cost']),
      async handler({ user, body }) {
        manager(user);
        if (!staffOrgs(user).some((p) => isUnder(body.orgPath, p))) throw new ForbiddenError('org.out-of-scope');
        return { status: 201, body: await ledger.createReward({ orgPath: body.orgPath, name: body.name, cost: body.cost, stock: body.stock ?? null }, actorOf(user)) };
      } }),
    defineOperation({ method: 'get', path: '/api/points/rewards/managed', operationId: 'listManagedPointsRewards', tag: 'points', responses: ok('PointsRewardList'), schemas, summary: '本辖区兑换物品目录（含已下架） The catalogues of the caller’s scope, withdrawn rewards too',
      async handler({ user }) {
        manager(user);
        return { body: { items: await ledger.listManagedRewards(staffOrgs(user)) } };
      } }),
    defineOperation({ method: 'patch', path: '/api/points/rewards/{id}', operationId: 'updatePointsReward', tag: 'points', responses: ok('PointsReward'), schemas, summary: '修改兑换物品（名称、所需积分、库存、上架/下架，留痕） Edit a reward (audited)',
      params: { id: { type: 'string', minLength: 1, maxLength: 64 } },
      body: { ...S.object({ name: localized, cost: { type: 'integer', minimum: 1, maximum: 100000 }, stock: { type: ['integer', 'null'], minimum: 0, maximum: 100000 }, enabled: { type: 'boolean' } }, []), minProperties: 1 },
      async handler({ user, params, body }) {
        manager(user);
        return { body: await ledger.updateReward(params.id, body, staffOrgs(user), actorOf(user)) };
      } }),
    defineOperation({ method: 'get', path: '/api/points/accounts/{personId}', operationId: 'getPointsAccount', tag: 'points', responses: ok('PointsAccount'), schemas, summary: '居民积分账户（余额与明细） A resident’s points (balance and entries)',
      params: { personId },
      async handler({ user, params }) {
        const person = await personInScope(s, user, params.personId);
        return { body: { personId: person.id, ...(await ledger.account(person.id)) } };
      } }),
    defineOperation({ method: 'post', path: '/api/points/accounts/{personId}/entries', operationId: 'awardPoints', tag: 'points', responses: created('PointsEntry'), schemas, summary: '按规则计积分（认定） Award points by a rule',
      params: { personId },
      body: S.object({ ruleId: { type: 'string', minLength: 1, maxLength: 64 }, activityRef: { type: 'string', minLength: 1, maxLength: 80 }, hours: { type: 'number', exclusiveMinimum: 0, maximum: 24 }, note: { type: 'string', maxLength: 500 } }, ['ruleId', 'activityRef']),
      async handler({ user, params, body }) {
        manager(user);
        const person = await personInScope(s, user, params.personId);
        return { status: 201, body: await ledger.award({ personId: person.id, orgPath: person.orgPath, ruleId: body.ruleId, activityRef: body.activityRef, hours: body.hours, note: body.note }, actorOf(user)) };
      } }),
    defineOperation({ method: 'post', path: '/api/points/accounts/{personId}/redemptions', operationId: 'redeemPoints', tag: 'points', responses: created('PointsEntry'), schemas, summary: '兑换（扣减积分与库存） Redeem a reward',
      params: { personId },
      body: S.object({ rewardId: { type: 'string', minLength: 1, maxLength: 64 }, note: { type: 'string', maxLength: 500 } }, ['rewardId']),
      async handler({ user, params, body }) {
        manager(user);
        const person = await personInScope(s, user, params.personId);
        return { status: 201, body: await ledger.redeem({ personId: person.id, orgPath: person.orgPath, rewardId: body.rewardId, note: body.note }, actorOf(user)) };
      } }),
    defineOperation({ method: 'post', path: '/api/points/accounts/{personId}/entries/{entryId}/reverse', operationId: 'reversePoints', tag: 'points', responses: created('PointsEntry'), schemas, summary: '冲正一条积分记录（须说明理由） Reverse an entry (with a reason)',
      params: { personId, entryId: { ...S.id, maxLength: 36 } },
      body: S.object({ reason: { type: 'string', minLength: 2, maxLength: 500, pattern: '\\S' } }, ['reason']),
      async handler({ user, params, body }) {
        manager(user);
        const person = await personInScope(s, user, params.personId);
        return { status: 201, body: await ledger.reverse({ personId: person.id, entryId: params.entryId, reason: body.reason }, actorOf(user)) };
      } }),
  ];
}
