/**
 * The item page's "who opens a case, and what is checked" lines: every channel's intake (people by
 * role through the intake form, devices and external systems through a trigger), the separate
 * consents checked before data is shared, and the per-resident counts the runtime keeps.
 */
import type { Definition, EffectSpec } from '../definition/types.ts';

type Json = Record<string, unknown>;

/** Every `invoke` of the definition that declares a consent, as `operation（purpose）`. */
function consentInvokes(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => consentInvokes(n, out));
  else if (node && typeof node === 'object') {
    const inv = (node as { invoke?: Extract<EffectSpec, { invoke: unknown }>['invoke'] }).invoke;
    if (inv && typeof inv === 'object' && inv.consent) out.add(`\`${inv.operation}\`（${inv.consent.purpose}）`);
    Object.values(node as Json).forEach((v) => consentInvokes(v, out));
  }
  return out;
}

/** Markdown lines: channels, consent checks, per-resident counts (nothing when the item has none). */
export function channelLines(def: Definition): string[] {
  const props = (def.data.properties ?? {}) as Record<string, Json>;
  const consentFields = Object.entries(props).filter(([, p]) => p['x-consent']).map(([k, p]) => {
    const c = p['x-consent'] as { purpose: string; subject?: string };
    return `\`${k}\`（${c.purpose}${c.subject ? `，本人 \`${c.subject}\`` : ''}）`;
  });
  const counts = Object.entries(props).filter(([, p]) => p['x-count']).map(([k, p]) => {
    const c = p['x-count'] as { key: string; within: string };
    return `\`${k}\`（按 \`${c.key}\`，${c.within} 内${(p['x-count'] as Json).when ? '，满足条件的' : ''}案件数）`;
  });
  const invokes = [...consentInvokes(def.states, new Set())];
  return [
    '渠道 Channels：',
    `- 人员：${(def.intake?.roles ?? []).map((r) => `\`${r}\``).join('、') || '—'} 通过受理表单 \`${def.intake?.form ?? '—'}\` 开案（按表单必填项校验）`,
    ...(def.adapters?.triggers ?? []).map((t) => `- 设备/外部系统：经触发器 \`${t}\` 开案或推进（以 device / external 身份，同样按受理表单校验；事件编号去重）`),
    '',
    ...(consentFields.length || invokes.length ? [
      '单独同意 Separate consent（同意登记中核验：存在、未撤回、未过期、用途一致）：',
      ...(consentFields.length ? [`- 建案时核验：${consentFields.join('、')}`] : []),
      ...(invokes.length ? [`- 调用前核验：${invokes.join('、')}；无效时调用失败，不共享数据`] : []),
      '',
    ] : []),
    ...(counts.length ? [`按居民跨案件计数 Counts per resident（建案时由运行时填入）：${counts.join('、')}`, ''] : []),
  ];
}
