/**
 * The points ledger (积分, domain service-items.md §5c). Points come from rules held as data (a
 * meeting attended +N, a volunteer hour ×k), never from what a client claims and never from
 * sensitive data; rewards come from a catalogue per org unit. Every change is one transaction:
 * the append-only entry, the resident's balance (a conditional update, so two redemptions racing
 * for the last points cannot both pass, on SQLite and MariaDB alike), the reward's stock, and a
 * chained audit entry. A reversal is a new entry naming the one it undoes, at most once.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import { ConflictError, RefusedError } from '../errors/DomainError.ts';
import { orgLevelsOf } from '../identity/orgPath.ts';
import type { Db } from '../store/createDb.ts';
import { isUniqueViolation } from '../effects/effectErrors.ts';

/** A rule: `points` per activity (`each`) or per hour of service (`hour`, the ×k of volunteer hours). */
export interface PointsRule { id: string; title: { 'zh-CN': string; en: string }; unit: 'each' | 'hour'; points: number; enabled: boolean; updatedBy: string; updatedAt: number }
/** A reward of the catalogue, offered to residents at or under `orgPath`. */
export interface PointsReward { id: string; orgPath: string; name: { 'zh-CN': string; en: string }; cost: number; stock: number | null; enabled: boolean }
/** One ledger entry. */
export interface PointsEntry {
  id: string; personId: string; orgPath: string; kind: 'earn' | 'redeem' | 'reversal'; ruleId: string | null; activityRef: string | null;
  quantity: number | null; points: number; rewardId: string | null; reverses: string | null; reversed: boolean; note: string | null; createdBy: string; createdAt: number;
}
/** Who acts, for the entry and the audit log. */
export interface LedgerActor { id: string; roles: string[] }

type RuleRow = { id: string; title_zh: string; title_en: string; unit: string; points: number; enabled: number | boolean; updated_by: string; updated_at: number | string };
type RewardRow = { id: string; org_path: string; name_zh: string; name_en: string; cost: number; stock: number | null; enabled: number | boolean };
type EntryRow = { id: string; person_id: string; org_path: string; kind: string; rule_id: string | null; activity_ref: string | null; quantity: number | null; points: number; reward_id: string | null; reverses: string | null; note: string | null; created_by: string; created_at: number | string };

const toRule = (r: RuleRow): PointsRule => ({ id: r.id, title: { 'zh-CN': r.title_zh, en: r.title_en }, unit: r.unit as PointsRule['unit'], points: Number(r.points), enabled: Boolean(r.enabled), updatedBy: r.updated_by, updatedAt: Number(r.updated_at) });
const toReward = (r: RewardRow): PointsReward => ({ id: r.id, orgPath: r.org_path, name: { 'zh-CN': r.name_zh, en: r.name_en }, cost: Number(r.cost), stock: r.stock === null ? null : Number(r.stock), enabled: Boolean(r.enabled) });
const toEntry = (r: EntryRow, reversed: Set<string>): PointsEntry => ({
  id: r.id, personId: r.person_id, orgPath: r.org_path, kind: r.kind as PointsEntry['kind'], ruleId: r.rule_id, activityRef: r.activity_ref,
  quantity: r.quantity === null ? null : Number(r.quantity), points: Number(r.points), rewardId: r.reward_id, reverses: r.reverses,
  reversed: reversed.has(r.id), note: r.note, createdBy: r.created_by, createdAt: Number(r.created_at),
});

/** What one ledger change writes. */
type EntryInput = { personId: string; orgPath: string; kind: PointsEntry['kind']; ruleId?: string | null; activityRef?: string; quantity?: number; points: number; rewardId?: string | null; reverses?: string; note?: string; stockDelta?: number; revision?: number };

/** The points ledger over the runtime's store. */
export class KnexPointsLedger {
  constructor(private readonly db: Db) {}

  private get knex(): Knex { return this.db.knex; }

  /** Every rule, enabled or not. */
  async listRules(): Promise<PointsRule[]> {
    return ((await this.knex('points_rules').orderBy('id')) as RuleRow[]).map(toRule);
  }

  /** Creates or replaces a rule (audited with the old and new values). */
  async putRule(rule: Omit<PointsRule, 'updatedBy' | 'updatedAt'>, actor: LedgerActor): Promise<PointsRule> {
    const row = { id: rule.id, title_zh: rule.title['zh-CN'], title_en: rule.title.en, unit: rule.unit, points: rule.points, enabled: rule.enabled, updated_by: actor.id, updated_at: Date.now() };
    await this.knex.transaction(async (trx) => {
      const before = (await trx('points_rules').where({ id: rule.id }).first()) as RuleRow | undefined;
      if (before) await trx('points_rules').where({ id: rule.id }).update(row);
      else await trx('points_rules').insert(row);
      await this.audit(trx, actor, 'points.rule-saved', undefined, { rule: rule.id, before: before ? { unit: before.unit, points: Number(before.points), enabled: Boolean(before.enabled) } : null, after: { unit: rule.unit, points: rule.points, enabled: rule.enabled } });
    });
    return toRule(row);
  }

  /** Rewards offered at any of `orgPaths` or above them (a county reward reaches every community). */
  async listRewards(orgPaths: string[]): Promise<PointsReward[]> {
    const ancestors = [...new Set(orgPaths.flatMap((p) => Object.values(orgLevelsOf(p)).filter((x): x is string => Boolean(x))))];
    if (!ancestors.length) return [];
    return ((await this.knex('points_rewards').whereIn('org_path', ancestors).where({ enabled: true }).orderBy(['org_path', 'id'])) as RewardRow[]).map(toReward);
  }

  /** Adds a reward to the catalogue of an org unit (audited). */
  async createReward(reward: Omit<PointsReward, 'id' | 'enabled'>, actor: LedgerActor): Promise<PointsReward> {
    const id = randomUUID();
    const row = { id, org_path: reward.orgPath, ...orgLevelsOf(reward.orgPath), name_zh: reward.name['zh-CN'], name_en: reward.name.en, cost: reward.cost, stock: reward.stock, enabled: true, updated_by: actor.id, updated_at: Date.now() };
    await this.knex.transaction(async (trx) => {
      await trx('points_rewards').insert(row);
      await this.audit(trx, actor, 'points.reward-created', reward.orgPath, { reward: id, cost: reward.cost, stock: reward.stock });
    });
    return toReward(row);
  }

  /** The catalogues staff keep: every reward at or under `scopes` (their org units), withdrawn ones too. */
  async listManagedRewards(scopes: string[]): Promise<PointsReward[]> {
    if (!scopes.length) return [];
    const q = this.knex('points_rewards').where((w) => { for (const p of scopes) w.orWhere('org_path', p).orWhere('org_path', 'like', `${p}/%`); });
    return ((await q.orderBy(['org_path', 'id'])) as RewardRow[]).map(toReward);
  }

  /**
   * Edits a reward of a catalogue under `scopes` (name, cost, stock, offered or withdrawn), audited
   * with the old and new values. A reward elsewhere is answered as unknown (`points.unknown-reward`).
   */
  async updateReward(id: string, patch: Partial<Pick<PointsReward, 'name' | 'cost' | 'stock' | 'enabled'>>, scopes: string[], actor: LedgerActor): Promise<PointsReward> {
    return this.knex.transaction(async (trx) => {
      const before = (await trx('points_rewards').where({ id }).first()) as RewardRow | undefined;
      if (!before || !scopes.some((p) => before.org_path === p || before.org_path.startsWith(`${p}/`))) throw new RefusedError('points.unknown-reward', { rewardId: id });
      const row = {
        ...(patch.name ? { name_zh: patch.name['zh-CN'], name_en: patch.name.en } : {}), ...(patch.cost !== undefined ? { cost: patch.cost } : {}),
        ...(patch.stock !== undefined ? { stock: patch.stock } : {}), ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}), updated_by: actor.id, updated_at: Date.now(),
      };
      await trx('points_rewards').where({ id }).update(row);
      const after = toReward({ ...before, ...row } as RewardRow);
      const old = toReward(before);
      await this.audit(trx, actor, 'points.reward-updated', before.org_path, { reward: id, before: { cost: old.cost, stock: old.stock, enabled: old.enabled, name: old.name['zh-CN'] }, after: { cost: after.cost, stock: after.stock, enabled: after.enabled, name: after.name['zh-CN'] } });
      return after;
    });
  }

  /** A resident's balance and newest entries (each with whether it was reversed). */
  async account(personId: string, limit = 100): Promise<{ balance: number; entries: PointsEntry[] }> {
    const bal = (await this.knex('points_balances').where({ person_id: personId }).first('balance')) as { balance: number } | undefined;
    const rows = (await this.knex('points_entries').where({ person_id: personId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit)) as EntryRow[];
    const ids = rows.map((r) => r.id);
    const reversed = new Set(ids.length ? ((await this.knex('points_entries').whereIn('reverses', ids).select('reverses')) as Array<{ reverses: string }>).map((r) => r.reverses) : []);
    return { balance: Number(bal?.balance ?? 0), entries: rows.map((r) => toEntry(r, reversed)) };
  }

  /**
   * Awards points by a rule for an activity: the points are the rule's (× hours for an hourly rule),
   * never the caller's figure. One award per person, rule and activity (`points.duplicate`) — unless
   * it carries a `revision` (the order a case produced it): then a later revision supersedes the
   * earlier ones, which are reversed in the same transaction, and an earlier one arriving late is
   * refused (`points.superseded`). Hours corrected after a dispute so end with one effective award.
   */
  async award(input: { personId: string; orgPath: string; ruleId: string; activityRef: string; hours?: number; note?: string; revision?: number }, actor: LedgerActor): Promise<PointsEntry> {
    const rule = (await this.knex('points_rules').where({ id: input.ruleId }).first()) as RuleRow | undefined;
    if (!rule || !rule.enabled) throw new RefusedError('points.unknown-rule', { ruleId: input.ruleId });
    // a correction to 0 hours is a statement too (it takes the earlier award back); a one-off award needs hours
    const hoursOk = input.hours !== undefined && (input.hours > 0 || (input.hours === 0 && input.revision !== undefined));
    if (rule.unit === 'hour' && !hoursOk) throw new RefusedError('points.hours-required', { ruleId: input.ruleId });
    const quantity = rule.unit === 'hour' ? input.hours! : 1;
    const earn: EntryInput = { personId: input.personId, orgPath: input.orgPath, kind: 'earn', ruleId: rule.id, activityRef: input.activityRef, quantity, points: Math.floor(quantity * Number(rule.points)), note: input.note, revision: input.revision ?? 0 };
    try {
      if (input.revision === undefined) return await this.knex.transaction((trx) => this.once(trx, earn, actor));
      return await this.knex.transaction((trx) => this.supersede(trx, earn, actor));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('points.duplicate', { ruleId: rule.id, activityRef: input.activityRef });
      throw err;
    }
  }

  /** Writes a one-off award unless the activity already has one under the rule, of any revision (a case's hours included). */
  private async once(trx: Knex.Transaction, earn: EntryInput, actor: LedgerActor): Promise<PointsEntry> {
    await this.lockPerson(trx, earn.personId);
    const earlier = await trx('points_entries').where({ person_id: earn.personId, rule_id: earn.ruleId, activity_ref: earn.activityRef, kind: 'earn' }).first('id');
    if (earlier) throw new ConflictError('points.duplicate', { ruleId: earn.ruleId, activityRef: earn.activityRef });
    return this.writeIn(trx, earn, actor, 'points.awarded');
  }

  /** Writes a revised award, then reverses the earlier revisions still in force (the new credit first, so only the net must be covered). */
  private async supersede(trx: Knex.Transaction, earn: EntryInput, actor: LedgerActor): Promise<PointsEntry> {
    await this.lockPerson(trx, earn.personId);
    const earlier = (await trx('points_entries').where({ person_id: earn.personId, rule_id: earn.ruleId, activity_ref: earn.activityRef, kind: 'earn' })
      .select('id', 'revision', 'points')) as Array<{ id: string; revision: number | string; points: number }>;
    const newest = Math.max(-1, ...earlier.map((r) => Number(r.revision)));
    if (newest === earn.revision) throw new ConflictError('points.duplicate', { ruleId: earn.ruleId, activityRef: earn.activityRef });
    if (newest > earn.revision!) throw new ConflictError('points.superseded', { ruleId: earn.ruleId, activityRef: earn.activityRef, revision: earn.revision, newest });
    const entry = await this.writeIn(trx, earn, actor, earlier.length ? 'points.award-revised' : 'points.awarded');
    const reversed = new Set(earlier.length ? ((await trx('points_entries').whereIn('reverses', earlier.map((r) => r.id)).select('reverses')) as Array<{ reverses: string }>).map((r) => r.reverses) : []);
    for (const old of earlier.filter((r) => !reversed.has(r.id))) {
      await this.writeIn(trx, { personId: earn.personId, orgPath: earn.orgPath, kind: 'reversal', ruleId: earn.ruleId, points: -Number(old.points), reverses: old.id, note: `时长更正，由新记录取代 Superseded by the corrected award ${entry.id}` }, actor, 'points.reversed');
    }
    return entry;
  }

  /** Serialises ledger changes for one person (their balance row, made if missing), so two revisions cannot both stay in force. */
  private async lockPerson(trx: Knex.Transaction, personId: string): Promise<void> {
    await trx('points_balances').insert({ person_id: personId, balance: 0, updated_at: Date.now() }).onConflict('person_id').ignore();
    // SQLite runs one writer at a time already; FOR UPDATE is MariaDB's way to say so
    if (this.db.dialect !== 'sqlite') await trx('points_balances').where({ person_id: personId }).forUpdate().first('person_id');
  }

  /** Redeems a reward: the balance must cover its cost (`points.insufficient`) and stock remain (`points.out-of-stock`). */
  async redeem(input: { personId: string; orgPath: string; rewardId: string; note?: string }, actor: LedgerActor): Promise<PointsEntry> {
    const reward = (await this.knex('points_rewards').where({ id: input.rewardId }).first()) as RewardRow | undefined;
    if (!reward || !reward.enabled || !Object.values(orgLevelsOf(input.orgPath)).includes(reward.org_path)) throw new RefusedError('points.unknown-reward', { rewardId: input.rewardId });
    return this.write({ personId: input.personId, orgPath: input.orgPath, kind: 'redeem', rewardId: reward.id, points: -Number(reward.cost), note: input.note, stockDelta: -1 }, actor, 'points.redeemed');
  }

  /** Reverses an entry (an award taken back, a redemption refunded and its stock returned), once (`points.already-reversed`). */
  async reverse(input: { personId: string; entryId: string; reason: string }, actor: LedgerActor): Promise<PointsEntry> {
    const e = (await this.knex('points_entries').where({ id: input.entryId, person_id: input.personId }).first()) as EntryRow | undefined;
    if (!e) throw new RefusedError('points.unknown-entry', { entryId: input.entryId });
    if (e.kind === 'reversal') throw new RefusedError('points.not-reversible', { entryId: input.entryId });
    try {
      return await this.write({ personId: e.person_id, orgPath: e.org_path, kind: 'reversal', ruleId: e.rule_id, rewardId: e.reward_id, points: -Number(e.points), reverses: e.id, note: input.reason, stockDelta: e.kind === 'redeem' ? 1 : 0 }, actor, 'points.reversed');
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('points.already-reversed', { entryId: input.entryId });
      throw err;
    }
  }

  /** One ledger change in its own transaction. */
  private async write(e: EntryInput, actor: LedgerActor, action: string): Promise<PointsEntry> {
    return this.knex.transaction((trx) => this.writeIn(trx, e, actor, action));
  }

  /** One ledger change: entry, balance (never below zero), stock, audit, all in the caller's transaction. */
  private async writeIn(trx: Knex.Transaction, e: EntryInput, actor: LedgerActor, action: string): Promise<PointsEntry> {
    const now = Date.now();
    const row: EntryRow = { id: randomUUID(), person_id: e.personId, org_path: e.orgPath, kind: e.kind, rule_id: e.ruleId ?? null, activity_ref: e.activityRef ?? null, quantity: e.quantity ?? null, points: e.points, reward_id: e.rewardId ?? null, reverses: e.reverses ?? null, note: e.note ?? null, created_by: actor.id, created_at: now };
    await trx('points_entries').insert({ ...row, ...orgLevelsOf(e.orgPath), revision: e.revision ?? 0 });
    const has = await trx('points_balances').where({ person_id: e.personId }).first('person_id');
    if (!has) {
      if (e.points < 0) throw new ConflictError('points.insufficient', { balance: 0, needed: -e.points });
      await trx('points_balances').insert({ person_id: e.personId, balance: e.points, updated_at: now });
    } else {
      // conditional: the balance never goes below zero, whoever else is writing it now
      const n = await trx('points_balances').where({ person_id: e.personId }).andWhere('balance', '>=', Math.max(0, -e.points))
        .update({ balance: trx.raw('balance + ?', [e.points]), updated_at: now });
      if (n === 0) {
        const cur = (await trx('points_balances').where({ person_id: e.personId }).first('balance')) as { balance: number };
        throw new ConflictError('points.insufficient', { balance: Number(cur.balance), needed: -e.points });
      }
    }
    if (e.rewardId && e.stockDelta) {
      const q = trx('points_rewards').where({ id: e.rewardId }).whereNotNull('stock');
      if (e.stockDelta < 0) q.andWhere('stock', '>', 0);
      const n = await q.update({ stock: trx.raw('stock + ?', [e.stockDelta]) });
      const unlimited = n === 0 && (await trx('points_rewards').where({ id: e.rewardId }).whereNull('stock').first('id'));
      if (n === 0 && !unlimited && e.stockDelta < 0) throw new ConflictError('points.out-of-stock', { rewardId: e.rewardId });
    }
    await this.audit(trx, actor, action, e.orgPath, { entry: row.id, person: e.personId, kind: e.kind, points: e.points, rule: e.ruleId ?? undefined, reward: e.rewardId ?? undefined, reverses: e.reverses, revision: e.revision || undefined });
    return toEntry(row, new Set());
  }

  private async audit(trx: Knex.Transaction, actor: LedgerActor, action: string, orgPath: string | undefined, detail: Record<string, unknown>): Promise<void> {
    await appendAudit(trx, this.db.dialect, [{ at: Date.now(), actorId: actor.id, actorRoles: actor.roles, orgPath, action, detail }]);
  }
}
