/** Maps the engine's refusal diagnostics to a runtime error code; the diagnostics travel with the error. */
import type { Diagnostic } from '@tongban/engine';
import { EventRefusedError } from '../errors/DomainError.ts';
import type { ErrorCode } from '../errors/errorCatalog.ts';

const byDiagnostic: Record<string, ErrorCode> = {
  'run.not-assignee': 'task.not-assignee',
  'run.task-not-pending': 'task.not-open',
  'run.unknown-task': 'task.not-open',
  'run.case-finished': 'task.not-open',
  'run.not-claimable': 'task.not-open',
  'run.field-not-writable': 'task.field-not-writable',
  'run.unknown-field': 'task.field-not-writable',
  'run.field-required': 'case.data-invalid',
  'run.role-not-allowed': 'authz.forbidden',
  'run.missing-input': 'case.data-invalid',
  // 多方案表决: a ballot names one of the listed options
  'run.vote-no-such-option': 'task.vote-invalid-choice',
  'run.vote-not-a-choice': 'task.vote-invalid-choice',
  // 转办 / 委派 / 加签 targets: the engine decides on the step's rules (`targets`, else its roles at its org)
  'run.target-not-allowed': 'task.target-not-allowed',
  'run.unknown-user': 'task.target-not-allowed',
};

/** Form-rule refusals (forms.*) are invalid data, whatever the rule. */
function codeOf(d: Diagnostic): ErrorCode | undefined {
  return byDiagnostic[d.code] ?? (d.code.startsWith('forms.') ? 'case.data-invalid' : undefined);
}

/** The error for a refused event: its code from the first diagnostic that maps, else `case.event-rejected`. */
export function refusal(diagnostics: Diagnostic[]): EventRefusedError {
  const code = diagnostics.map(codeOf).find(Boolean) ?? 'case.event-rejected';
  return new EventRefusedError(code, diagnostics);
}
