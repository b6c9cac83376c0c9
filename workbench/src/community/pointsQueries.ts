/** Query keys and role lists of the points screens (the server enforces the same; these only hide what would 403). */

/** Roles that keep the ledger (the server's points managers): they look residents up, redeem, reverse and keep catalogues. */
export const pointsManagerRoles = ['county-admin', 'township-admin', 'community-secretary', 'community-officer'];
/** Roles that edit the rules (the county's). */
export const pointsRuleAdminRoles = ['county-admin'];

/** Query keys of the points screens. */
export const pointsKeys = {
  all: ['points'] as const,
  account: (person: string) => ['points', 'account', person] as const,
  rules: () => ['points', 'rules'] as const,
  rewards: () => ['points', 'rewards'] as const,
  managed: () => ['points', 'rewards', 'managed'] as const,
  residents: (q: string) => ['points', 'residents', q] as const,
};

/** True when a reward offered at `rewardOrg` reaches a resident of `personOrg` (offered there or above). */
export const offeredTo = (rewardOrg: string, personOrg: string) => personOrg === rewardOrg || personOrg.startsWith(`${rewardOrg}/`);
