/** Human-readable simulation report (zh-CN first, English second). */
import type { SimResult } from './simulate.ts';

const fmt = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') + ' +08:00';

/** Prints the path, tasks with assignees, timers with due times, other effects and the final state. */
export function formatSimulation(r: SimResult): string {
  const lines: string[] = [];
  for (const rec of r.records) {
    const mark = rec.accepted ? '✓' : '✗';
    lines.push(`${mark} [${fmt(rec.at)}] ${rec.label} → ${JSON.stringify(rec.state)}`);
    for (const d of rec.diagnostics) lines.push(`    ${d.severity} ${d.code} ${d.path}: ${d.message['zh-CN']} / ${d.message.en}`);
    for (const e of rec.effects) {
      if (e.kind === 'task.create') {
        lines.push(`    + 待办 task ${e.taskId} @${e.state} → ${e.assignment.assignee ?? `[${e.assignment.candidates.join(', ')}]`}${e.dueAt ? ` 期限 due ${fmt(e.dueAt)}` : ''}`);
        for (const w of e.assignment.why) lines.push(`        · ${w['zh-CN']} / ${w.en}`);
      } else if (e.kind === 'timer.start') lines.push(`    ⏱ timer ${e.timerId} ${e.purpose} ${fmt(e.dueAt)} (${e.clock})`);
      else if (e.kind === 'task.cancel') lines.push(`    - task ${e.taskId} (${e.reason})`);
      else if (e.kind === 'timer.cancel') lines.push(`    ⏹ timer ${e.timerId}`);
      else if (e.kind === 'notify') lines.push(`    ✉ notify ${e.template} via ${e.channel} → ${JSON.stringify(e.recipients)}`);
      else if (e.kind === 'adapter.invoke') lines.push(`    ⇄ invoke ${e.operation} ${e.requestId} ${JSON.stringify(e.input)}`);
      else if (e.kind === 'case.spawn') lines.push(`    ⤷ spawn ${e.definition} ${e.childId}`);
      else if (e.kind === 'task.update') lines.push(`    ~ task ${e.taskId} ${e.status}${e.assignee ? ' → ' + e.assignee : ''}`);
      else if (e.kind === 'task.complete') lines.push(`    ✓ task ${e.taskId} ${e.decision} (${e.by})`);
      else if (e.kind === 'points.award') lines.push(`    ★ ${e.reverse ? 'reverse' : 'award'} ${e.rule} ${e.activity} → [${e.people.join(', ')}]`);
      else lines.push(`    · audit ${e.action}`);
    }
  }
  lines.push(`最终状态 Final state: ${JSON.stringify(r.final.value)} (${r.final.status}${r.final.context.outcome ? ', outcome ' + r.final.context.outcome : ''})`);
  return lines.join('\n');
}
