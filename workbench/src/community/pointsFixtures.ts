/** Sample ledger values for the points stories (the sample county's 金鱼社区). */
import type { components } from '../api/openapiTypes.ts';

type Reward = components['schemas']['PointsReward'];
type Rule = components['schemas']['PointsRule'];

const COMMUNITY = '/510722/510722100/510722100001';
/** A reward of the community's catalogue. */
export const sampleReward = (id: string, zh: string, en: string, cost: number, stock: number | null, enabled = true): Reward => ({ id, orgPath: COMMUNITY, name: { 'zh-CN': zh, en }, cost, stock, enabled });
/** The seeded rules. */
export const sampleRules: Rule[] = [
  { id: 'meeting-attendance', title: { 'zh-CN': '参加议事', en: 'Meeting attendance' }, unit: 'each', points: 2, enabled: true, updatedBy: 'system', updatedAt: 0 },
  { id: 'volunteer-hour', title: { 'zh-CN': '志愿服务时长（每小时）', en: 'Volunteer service (per hour)' }, unit: 'hour', points: 10, enabled: true, updatedBy: 'system', updatedAt: 0 },
];
/** A small catalogue: one limited, one unlimited, one withdrawn. */
export const sampleRewards: Reward[] = [sampleReward('r1', '环保袋', 'Tote bag', 20, 12), sampleReward('r2', '理发券', 'Haircut voucher', 50, null), sampleReward('r3', '电饭煲', 'Rice cooker', 800, 0, false)];
