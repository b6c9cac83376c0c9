/**
 * Renders the documentation page of a service item from its definition (pure: a string out).
 * `scripts/write-docs.ts` writes the pages next to the definitions; `renderItemPage.test.ts`
 * fails when a page in `definitions/service-items/` is out of date.
 */
import { channelLines } from './channelLines.ts';
import type { Assignee, BreachRung, Definition, SlaSpec, StateSpec, TransitionSpec } from '../definition/types.ts';
import { guardedPaths, intakeByChannel } from './intakeChannels.ts';

type Json = Record<string, unknown>;
const levelZh: Record<string, string> = { county: '县', township: '乡镇', community: '社区', grid: '网格', case: '案件所属组织' };
const modeZh: Record<string, string> = { single: '单人', all: '会签', any: '或签', sequence: '依次', vote: '票签' };
const clockZh: Record<string, string> = { working: '工作时', urgent: '紧急（24×7）', natural: '自然时' };
const cell = (s: unknown): string => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A short zh-CN description of an assignment rule (several rules: joined with ＋). */
export function describeAssignee(a: Assignee): string {
  if (Array.isArray(a)) return a.map(describeAssignee).join(' ＋ ');
  if ('initiator' in a) return '发起人本人';
  if ('user' in a) return `指定用户 ${a.user}`;
  if ('pick' in a) return `${a.pick === 'initiator' ? '发起人' : '上一处理人'}选定（${a.field}${a.role ? `，须为 ${a.role}` : ''}）`;
  if ('chain' in a) return `逐级 ${a.chain.role}：${levelZh[a.chain.from]}→${levelZh[a.chain.to]}`;
  if ('orgField' in a) return `${a.role} @ ${a.orgField} 所指单位`;
  return `${a.role} @ ${levelZh[a.scope ?? 'case']}${a.of === 'initiator' ? '（发起人所在）' : ''}`;
}

function rung(r: BreachRung): string {
  const when = r.after && r.after !== 'PT0S' ? `+${r.after} ` : '';
  if (r.remind) return `${when}提醒×${r.remind.times}（每 ${r.remind.every}）`;
  if (r.supervise) return `${when}督办 ${r.supervise.role}（上${r.supervise.levels ?? 1}级）${r.supervise.cc ? `，抄送 ${r.supervise.cc.role} @ ${r.supervise.cc.orgField} 所指单位` : ''}`;
  if (r.escalate) return `${when}${r.escalate.task === 'move' ? '移交' : r.escalate.task === 'add' ? '加派' : '提级'} ${r.escalate.role}（上${r.escalate.levels}级）`;
  if (r.flag) return `${when}标记“${r.flag}”`;
  if (r.auto) return `${when}自动“${r.auto}”`;
  return when;
}

/** One line of an SLA: duration, clock, warning and the breach ladder. */
export function describeSla(s: SlaSpec): string {
  const within = s.withinFrom !== undefined ? `${s.within}（可按数据计算）` : s.within;
  const warn = s.warnAt ? `，${Math.round(s.warnAt * 100)}% 预警` : '';
  const cap = s.dueBy !== undefined ? '，外部截止时间更早时以之为准' : '';
  return `${within} ${clockZh[s.clock]}${cap}${warn}；超时：${(s.onBreach ?? []).map(rung).join('，') || '—'}`;
}

function allStates(states: Record<string, StateSpec>, parent = ''): Array<[string, StateSpec, string]> {
  return Object.entries(states).flatMap(([id, s]) => [[id, s, parent] as [string, StateSpec, string], ...allStates(s.states ?? {}, id)]);
}

function edgeLines(id: string, s: StateSpec, pad: string): string[] {
  const out: string[] = [];
  const tgt = (t: string) => t.replace(/^#/, '');
  for (const [ev, ts] of Object.entries(s.on ?? {})) {
    for (const t of list<TransitionSpec>(ts)) out.push(t.target ? `${pad}${id} --> ${tgt(t.target)}: ${ev}${t.guard !== undefined ? ' [条件]' : ''}` : `${pad}${id} --> ${id}: ${ev}（不离开）`);
  }
  for (const t of list<TransitionSpec>(s.always)) if (t.target) out.push(`${pad}${id} --> ${tgt(t.target)}: 自动${t.guard !== undefined ? ' [条件]' : ''}`);
  for (const [name, d] of Object.entries(s.task?.decisions ?? {})) if (d.to && d.to !== 'previous' && d.to !== 'initiator') out.push(`${pad}${id} --> ${d.to}: ${name}（${d.kind === 'reject' ? '驳回' : '退回'}）`);
  if (s.type === 'final') out.push(`${pad}${id} --> [*]`);
  return out;
}

function stateBlock(states: Record<string, StateSpec>, initial: string | undefined, pad: string): string[] {
  const out: string[] = [];
  if (initial) out.push(`${pad}[*] --> ${initial}`);
  const entries = Object.entries(states);
  entries.forEach(([id, s], i) => {
    out.push(`${pad}${id}: ${s.title?.['zh-CN'] ?? id}`);
    if (s.states) {
      out.push(`${pad}state ${id} {`);
      if (s.type === 'parallel') {
        Object.entries(s.states).forEach(([rid, r], j) => {
          if (j > 0) out.push(`${pad}  --`);
          out.push(...stateBlock({ [rid]: r }, rid, pad + '  '));
        });
      } else out.push(...stateBlock(s.states, s.initial ?? Object.keys(s.states)[0], pad + '  '));
      out.push(`${pad}}`);
    }
    if (i === entries.length) out.push('');
  });
  for (const [id, s] of entries) out.push(...edgeLines(id, s, pad));
  return out;
}

/** The Mermaid state diagram of a definition. */
export function mermaid(def: Definition): string {
  return ['```mermaid', 'stateDiagram-v2', ...stateBlock(def.states, def.initial, '  '), '```'].join('\n');
}

function fieldRows(props: Record<string, Json>, prefix: string): string[] {
  return Object.entries(props).flatMap(([k, p]) => {
    const t = p['x-title'] as { 'zh-CN': string; en: string } | undefined;
    const type = p.type === 'array' ? `${(p.items as Json | undefined)?.type ?? ''}[]` : String(p.type ?? (p.enum ? 'enum' : ''));
    const fmt = p.format ? ` (${String(p.format)})` : '';
    const row = `| \`${prefix}${k}\` | ${cell(t?.['zh-CN'])} | ${cell(t?.en)} | ${type}${fmt} | ${p['x-pii']} |`;
    const nested = (p.properties ?? (p.items as Json | undefined)?.properties) as Record<string, Json> | undefined;
    return [row, ...(nested ? fieldRows(nested, `${prefix}${k}${p.type === 'array' ? '[]' : ''}.`) : [])];
  });
}

function stepRows(def: Definition): string[] {
  return allStates(def.states).map(([id, s]) => {
    const kind = s.type === 'final' ? `终态（${s.outcome ?? id}）` : s.task ? `${modeZh[s.task.mode ?? 'single']}${s.task.mode === 'vote' ? `（${s.task.vote?.options ? `在 ${s.task.vote.options.field} 的方案中择一，` : ''}阈值 ${s.task.vote?.threshold}${s.task.vote?.quorum !== undefined ? `，法定人数 ${s.task.vote.quorum}` : ''}${s.task.vote?.secretField ? `，${s.task.vote.secretField} 为真时无记名` : ''}）` : s.task.passRatio ? `（${s.task.passRatio}）` : ''}` : s.wait ? `等待${s.wait.timeout ? `（${s.wait.timeout.within} 超时→${s.wait.timeout.event}）` : ''}` : s.always ? '自动' : s.states ? (s.type === 'parallel' ? '并行' : '复合') : '事件';
    const who = s.task ? describeAssignee(s.task.assignee) : Object.values(s.on ?? {}).flatMap((t) => list<TransitionSpec>(t).flatMap((x) => x.roles ?? [])).filter((v, i, a) => a.indexOf(v) === i).join('、');
    const decisions = s.task ? Object.entries(s.task.decisions).map(([n, d]) => `${n}（${d.title['zh-CN']}）`).join('、') : Object.keys(s.on ?? {}).join('、');
    return `| \`${id}\` | ${cell(s.title?.['zh-CN'])} | ${kind} | ${cell(who || '—')} | ${cell(decisions || '—')} | ${s.task?.sla ? cell(describeSla(s.task.sla)) : '—'} |`;
  });
}

/** The whole page (Markdown) for a service item. */
export function renderItemPage(def: Definition): string {
  const props = (def.data.properties ?? {}) as Record<string, Json>;
  const lines = [
    `<!-- 由 engine/src/docs/renderItemPage.ts 生成，请勿手改；运行 node --import tsx scripts/write-docs.ts 更新 -->`,
    `# ${def.title['zh-CN']}（${def.title.en}）`, '',
    `\`${def.id}\` v${def.version} · 类别 ${def.category} · 日历 ${def.calendar ?? 'county-default'}`, '',
    '## 用途 Purpose', '', def.description?.['zh-CN'] ?? '', '', def.description?.en ?? '', '',
    '## 状态图 State diagram', '', mermaid(def), '',
    '## 角色 Roles', '', '| 角色 | 中文 | English | 层级 |', '|---|---|---|---|',
    ...Object.entries(def.roles).map(([id, r]) => `| \`${id}\` | ${r.title['zh-CN']} | ${r.title.en} | ${r.level ? levelZh[r.level] : '—'} |`), '',
    `受理 Intake：表单 \`${def.intake?.form ?? '—'}\`，可发起角色 ${(def.intake?.roles ?? []).map((r) => `\`${r}\``).join('、') || '—'}`, '',
    ...intakeByChannel(def),
    ...channelLines(def),
    '## 环节 Steps', '', '| 状态 | 名称 | 方式 | 处理人 / 可发送事件的角色 | 决定 / 事件 | 时限 SLA |', '|---|---|---|---|---|---|', ...stepRows(def), '',
    ...guardedPaths(def),
    '## 案件时钟 Case clocks', '',
    ...(Object.entries(def.clocks ?? {}).map(([n, c]) => `- \`${n}\` ${c.title?.['zh-CN'] ?? ''}：${describeSla(c)}；开始 ${c.startOn.join('、')}，停止 ${c.stopOn.join('、')}${c.pauseIn?.length ? `，暂停于 ${c.pauseIn.join('、')}` : ''}`)),
    ...(def.clocks ? [] : ['—']), '',
    '## 字段与个人信息标记 Fields and personal-data tags', '', '| 字段 | 中文 | English | 类型 | x-pii |', '|---|---|---|---|---|', ...fieldRows(props, ''), '',
    '## 表单 Forms', '', '| 表单 | 名称 | 字段 | 必填 | 条件显示 |', '|---|---|---|---|---|',
    ...Object.entries(def.forms ?? {}).map(([id, f]) => `| \`${id}\` | ${f.title['zh-CN']} | ${f.fields.join(', ')} | ${(f.required ?? []).join(', ') || '—'} | ${Object.keys(f.visibleIf ?? {}).join(', ') || '—'} |`), '',
    '## 通知模板 Templates', '', ...Object.entries(def.templates ?? {}).map(([id, t]) => `- \`${id}\`：${t['zh-CN']}`), '',
    '## 外部接口 Adapters', '',
    `- 调用 invokes：${(def.adapters?.invokes ?? []).map((o) => `\`${o}\``).join('、') || '—'}`,
    `- 触发 triggers：${(def.adapters?.triggers ?? []).map((o) => `\`${o}\``).join('、') || '—'}`, '',
  ];
  return lines.join('\n');
}
