/**
 * Coded reasons for effects that did not happen, in zh-CN and English: what an inbound event was
 * rejected for, why a call was parked or dead-lettered, why a sub-case outcome was ignored.
 */
import { DomainError } from '../errors/DomainError.ts';

export const effectReasons = {
  'trigger.not-declared': { zh: '没有已发布的服务事项声明该触发器', en: 'No published service item declares this trigger' },
  'trigger.ambiguous': { zh: '多个服务事项声明该触发器，事件须指明服务事项', en: 'Several service items declare this trigger; the event must name one' },
  'trigger.unknown-org': { zh: '事件所属组织机构不存在', en: 'The event’s org unit does not exist' },
  'trigger.data-invalid': { zh: '事件数据不符合受理表单', en: 'The event data does not satisfy the intake form' },
  'trigger.consent-refused': { zh: '事件引用的单独同意记录无效（不存在、已撤回、已过期、用途或本人不符），未开案', en: 'The consent the event names is not valid (missing, withdrawn, expired, other purpose or person); no case was opened' },
  'trigger.unknown-case': { zh: '事件指向的案件不存在', en: 'The event names a case that does not exist' },
  'trigger.case-closed': { zh: '事件指向的案件已结束', en: 'The event names a case that has ended' },
  'trigger.event-refused': { zh: '案件当前状态不接受该事件', en: 'The case does not accept this event in its current state' },
  'trigger.rate-limited': { zh: '该来源事件过于频繁，已限流', en: 'Too many events from this source; rate limited' },
  'adapter.not-installed': { zh: '没有已安装的适配器提供该操作', en: 'No installed adapter offers this operation' },
  'adapter.not-configured': { zh: '适配器尚未配置，调用已暂存，配置后自动继续', en: 'The adapter is not configured; the call is parked and resumes once it is' },
  'spawn.failed': { zh: '子案件无法创建', en: 'The sub-case could not be created' },
  'subcase.ignored': { zh: '父案件已结束或已不再等待该子案件，结果已忽略', en: 'The parent case is closed or no longer waits for this sub-case; the outcome was ignored' },
  'notify.no-recipient': { zh: '通知没有可送达的接收人', en: 'The notice has no reachable recipient' },
  'notify.template-failed': { zh: '通知模板无法渲染', en: 'The notice template could not be rendered' },
} as const;

/** A reason code. */
export type EffectReason = keyof typeof effectReasons;

/** `{ code, message }` for a reason (message in zh-CN, English after it). */
export function reason(code: EffectReason, extra = ''): { code: EffectReason; message: string } {
  const r = effectReasons[code];
  return { code, message: `${r.zh} (${r.en})${extra ? ': ' + extra : ''}`.slice(0, 400) };
}

/** True for a unique-key violation on MySQL/MariaDB or SQLite (a duplicate delivery lost the race). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number } | undefined;
  return e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True when the command path refused an event for the case's state or the data (not a lost race, not our fault). */
export function isRefusal(err: unknown): err is DomainError {
  return err instanceof DomainError && ['invalid', 'refused', 'forbidden', 'not-found', 'conflict'].includes(err.kind) && err.code !== 'case.version-conflict';
}
