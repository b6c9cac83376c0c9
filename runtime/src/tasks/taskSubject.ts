/**
 * A task as a CASL subject, built from the case row and the task record of its snapshot — the same
 * fields `scopeToSql` turns into SQL (org levels, assignee, candidate group, named candidates) —
 * so a command can check the caller's scope on what it read anyway, with no query of its own.
 */
import { subject } from '@casl/ability';
import type { TaskRecord } from '@tongban/engine';
import { orgLevelsOf } from '../identity/orgPath.ts';

/** The CASL subject of a task of a case at `orgPath`. */
export function taskSubject(orgPath: string, t: Pick<TaskRecord, 'assignee' | 'candidates' | 'group'>) {
  const l = orgLevelsOf(orgPath);
  const fields: Record<string, unknown> = {
    orgL1: l.org_l1, orgL2: l.org_l2, orgL3: l.org_l3, orgL4: l.org_l4,
    assignee: t.assignee ?? null, group: t.group ? `${t.group.role}@${t.group.orgPath}` : null, candidate: t.candidates ?? [],
  };
  return subject('Task', fields);
}

/** The case id in a task id (`<caseId>:t<n>`, as the engine names tasks), or undefined when it is not one. */
export function caseIdOfTask(taskId: string): string | undefined {
  const m = /^([0-9a-f-]{36}):t\d+$/.exec(taskId);
  return m?.[1];
}
