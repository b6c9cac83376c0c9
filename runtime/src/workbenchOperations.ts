/**
 * The operations the workbench's screens added to the API (issue 10), in one list so the runtime
 * mounts them before the `{id}` routes their literal paths would otherwise match.
 */
import type { Operation } from './http/operation.ts';
import type { Services } from './services.ts';
import { clientConfigOperations } from './http/clientConfig.router.ts';
import { queueExtraOperations } from './tasks/queueExtras.router.ts';
import { savedViewOperations } from './views/savedViews.router.ts';
import { caseOverviewOperations } from './cases/caseOverview.router.ts';
import { orgMemberOperations } from './identity/orgMembers.router.ts';
import { intakeDraftOperations } from './drafts/intakeDrafts.router.ts';
import { inboxCountOperations } from './notifications/inboxCounts.router.ts';
import { oversightOperations } from './oversight/oversight.router.ts';

/** Operations of the workbench's screens. */
export function workbenchOperations(s: Services): Operation[] {
  return [...clientConfigOperations(s), ...queueExtraOperations(s), ...savedViewOperations(s), ...caseOverviewOperations(s), ...orgMemberOperations(s),
    ...intakeDraftOperations(s), ...inboxCountOperations(s), ...oversightOperations(s)];
}
