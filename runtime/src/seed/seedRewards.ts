/**
 * The sample county's points catalogues (examples/sample-county/rewards.json): put on the shelf once
 * (a reward of that name already in that catalogue is left as it is, whatever staff did to it since),
 * through the ledger, so each is audited like a reward staff add.
 */
import { sampleRewards } from '@tongban/examples';
import type { Db } from '../store/createDb.ts';
import { KnexPointsLedger } from '../points/KnexPointsLedger.ts';

/** Adds the sample rewards not yet in their catalogue; returns report lines. */
export async function seedRewards(db: Db): Promise<string[]> {
  const ledger = new KnexPointsLedger(db);
  const lines: string[] = [];
  for (const r of sampleRewards) {
    const there = await db.knex('points_rewards').where({ org_path: r.orgPath, name_zh: r.name['zh-CN'] }).first('id');
    if (there) continue;
    await ledger.createReward({ orgPath: r.orgPath, name: r.name, cost: r.cost, stock: r.stock }, { id: 'system:seed', roles: [] });
    lines.push(`示例兑换物品 sample reward: ${r.name['zh-CN']} (${r.cost})`);
  }
  return lines;
}
