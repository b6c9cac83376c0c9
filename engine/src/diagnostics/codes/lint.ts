import type { CodeCatalog } from '../Diagnostic.ts';

/**
 * Codes for the lint area: semantic problems in a schema-valid definition, shown to the county
 * admin in the designer before publishing. Paths point at the part to fix.
 */
export const lintCodes: CodeCatalog = {
  'lint.internal-error': { severity: 'error', 'zh-CN': '检查定义时出现内部错误：{reason}', en: 'Internal error while linting the definition: {reason}' },
  // targets and reachability
  'lint.unknown-target': { severity: 'error', 'zh-CN': '引用了不存在的状态“{target}”', en: 'Refers to state "{target}", which does not exist' },
  'lint.initial-not-child': { severity: 'error', 'zh-CN': '初始状态“{target}”不是“{state}”的子状态', en: 'Initial state "{target}" is not a child of "{state}"' },
  'lint.unknown-clock': { severity: 'error', 'zh-CN': '引用了不存在的计时器“{clock}”', en: 'Refers to clock "{clock}", which does not exist' },
  'lint.unreachable-state': { severity: 'warning', 'zh-CN': '状态“{state}”从初始状态无法到达', en: 'State "{state}" cannot be reached from the initial state' },
  'lint.dead-end': { severity: 'error', 'zh-CN': '状态“{state}”不是结束状态，却没有任何出路（案件会停在这里）', en: 'State "{state}" is not final but has no way out (cases would get stuck here)' },
  'lint.no-final-state': { severity: 'error', 'zh-CN': '定义没有顶层结束状态，案件永远无法办结', en: 'The definition has no top-level final state, so no case can ever close' },
  'lint.loop-no-exit': { severity: 'error', 'zh-CN': '状态 {states} 构成循环，且从中无法到达任何结束状态', en: 'States {states} form a loop from which no final state can be reached' },
  'lint.region-no-final': { severity: 'error', 'zh-CN': '并行状态“{parallel}”的分支“{region}”没有结束子状态，并行状态永远无法完成', en: 'Region "{region}" of parallel state "{parallel}" has no final child, so the parallel state can never complete' },
  'lint.region-final-unreachable': { severity: 'error', 'zh-CN': '并行状态“{parallel}”的分支“{region}”内无法到达其结束状态，并行状态永远无法完成', en: 'Inside region "{region}" of parallel state "{parallel}" no final state can be reached, so the parallel state can never complete' },
  // tasks, decisions, roles
  'lint.decision-goes-nowhere': { severity: 'error', 'zh-CN': '决定“{decision}”既没有对应的转换（on），也没有退回目标（to）', en: 'Decision "{decision}" has neither a transition (on) nor a return target (to)' },
  'lint.decision-to-ignored': { severity: 'warning', 'zh-CN': '决定“{decision}”的类型是“{kind}”，退回目标（to）只对驳回/退回类决定生效，将被忽略', en: 'Decision "{decision}" is of kind "{kind}"; a return target (to) only applies to reject/return decisions and is ignored' },
  'lint.reject-not-to-initiator': { severity: 'warning', 'zh-CN': '决定“{decision}”说是退回发起人，实际退到“{target}”，该环节不由发起人办理；请添加由发起人办理的补正环节（assignee: {"initiator": true}）', en: 'Decision "{decision}" says it goes back to the initiator but lands on "{target}", which the initiator does not hold; add a correction step assigned to the initiator (assignee: {"initiator": true})' },
  'lint.event-no-sender': { severity: 'warning', 'zh-CN': '事件“{event}”不是本环节的决定，也没有指定可发送的角色，谁来触发它？', en: 'Event "{event}" is not a decision of this step and names no roles that may send it: who takes this action?' },
  'lint.unknown-role': { severity: 'error', 'zh-CN': '角色“{role}”未在 roles 中定义', en: 'Role "{role}" is not defined in roles' },
  'lint.timeout-unhandled': { severity: 'warning', 'zh-CN': '等待超时事件“{event}”在本状态没有对应的转换', en: 'Wait timeout event "{event}" has no transition in this state' },
  'lint.subcase-unhandled': { severity: 'warning', 'zh-CN': '子案件状态“{state}”没有处理 subcase.done 事件，子案件办结后案件不会继续', en: 'Sub-case state "{state}" does not handle subcase.done, so the case will not move on when its sub-cases finish' },
  // forms and data
  'lint.unknown-form': { severity: 'error', 'zh-CN': '表单“{form}”未在 forms 中定义', en: 'Form "{form}" is not defined in forms' },
  'lint.unknown-field': { severity: 'error', 'zh-CN': '字段“{field}”不在案件数据（data.properties）中', en: 'Field "{field}" is not in the case data (data.properties)' },
  'lint.step-field-not-in-form': { severity: 'error', 'zh-CN': '步骤“{step}”的字段“{field}”不在表单“{form}”的字段列表中', en: 'Field "{field}" of step "{step}" is not among the fields of form "{form}"' },
  'lint.required-not-in-form': { severity: 'warning', 'zh-CN': '必填字段“{field}”不在表单“{form}”的字段列表中，填表人无法填写', en: 'Required field "{field}" is not among the fields of form "{form}", so nobody can fill it in' },
  'lint.pii-untagged': { severity: 'error', 'zh-CN': '字段“{field}”没有个人信息标记（x-pii，无个人信息时填 none）', en: 'Field "{field}" has no personal-data tag (x-pii; use none when it holds none)' },
  'lint.notify-field-not-user': { severity: 'error', 'zh-CN': '通知接收人字段“{field}”保存的是{kind}，不是用户；给号码发短信请用 phoneField', en: 'Recipients field "{field}" holds a {kind}, not user ids; to text a number use phoneField' },
  'lint.phone-field-not-phone': { severity: 'warning', 'zh-CN': 'phoneField 指向的字段“{field}”不是手机号（x-pii 不是 phone）', en: 'phoneField names "{field}", which is not a mobile number (its x-pii is not phone)' },
  'lint.pii-derivable': { severity: 'warning', 'zh-CN': '本环节对“{id}”脱敏显示，却明文显示“{fields}”，可由出生日期/性别推出身份证号码中被隐藏的数字；请同时脱敏或隐藏这些字段', en: 'This step masks "{id}" but shows "{fields}" in clear, which gives away the hidden digits of the ID number (birth date, sex); mask or hide those fields too' },
  'lint.consent-unknown-purpose': { severity: 'error', 'zh-CN': '同意字段的用途“{purpose}”不是同意登记中的用途（{known}），任何同意记录都不会通过核验', en: 'The consent field\'s purpose "{purpose}" is not a purpose of the consent registry ({known}), so no consent record would ever pass the check' },
  'lint.consent-subject-not-id': { severity: 'error', 'zh-CN': '同意字段的本人字段“{field}”不是案件数据中的身份证号字段（x-pii 为 id-number）', en: 'The consent field\'s person field "{field}" is not an ID-number field of the case data (x-pii id-number)' },
  'lint.schedule-unhandled': { severity: 'warning', 'zh-CN': '定期事件“{event}”在任何状态都没有对应的转换，到期时不会发生任何事情', en: 'Schedule event "{event}" is handled by no state, so nothing happens when it is due' },
  // expressions
  'lint.guard-undescribed': { severity: 'info', 'zh-CN': '带条件的转换没有说明（description），条件不满足时用户只能看到“定义未说明该条件”', en: 'A guarded transition has no description, so a user whose act it refuses only learns that the condition is not described' },
  'lint.logic-unknown-field': { severity: 'error', 'zh-CN': '条件表达式读取了案件数据中不存在的字段“{field}”', en: 'The expression reads field "{field}", which the case data does not have' },
  'lint.logic-unknown-root': { severity: 'error', 'zh-CN': '条件表达式读取了“{var}”，只能读取 data、case、actor 或 event 下的值', en: 'The expression reads "{var}"; only values under data, case, actor or event can be read' },
  'lint.set-unknown-field': { severity: 'error', 'zh-CN': '赋值目标“{field}”不在案件数据（data.properties）中', en: 'Assignment target "{field}" is not in the case data (data.properties)' },
  // templates
  'lint.unknown-template': { severity: 'error', 'zh-CN': '消息模板“{template}”未在 templates 中定义', en: 'Message template "{template}" is not defined in templates' },
  'lint.template-unknown-var': { severity: 'warning', 'zh-CN': '模板读取了“{var}”，渲染时不会有这个值', en: 'The template reads "{var}", which has no value when it is rendered' },
  // adapters and sub-cases
  'lint.undeclared-operation': { severity: 'warning', 'zh-CN': '调用的接口操作“{operation}”未在 adapters.invokes 中声明', en: 'Operation "{operation}" is invoked but not declared in adapters.invokes' },
  'lint.operation-not-installed': { severity: 'error', 'zh-CN': '接口操作“{operation}”没有已安装的适配器提供', en: 'No installed adapter provides operation "{operation}"' },
  'lint.spawn-input-unknown-field': { severity: 'error', 'zh-CN': '传给子案件“{definition}”的字段“{field}”不在该事项的案件数据中', en: 'Field "{field}" passed to sub-case item "{definition}" is not in that item’s case data' },
  'lint.spawn-input-missing': { severity: 'error', 'zh-CN': '子案件“{definition}”受理表单的必填字段“{field}”没有传入，子案件将无法受理', en: 'Required intake field "{field}" of sub-case item "{definition}" is not passed, so the sub-case cannot be opened' },
  'lint.subcase-unknown-outcome': { severity: 'error', 'zh-CN': '子案件“{definition}”没有结果“{outcome}”（可能的结果：{known}）', en: 'Sub-case item "{definition}" has no outcome "{outcome}" (its outcomes: {known})' },
  'lint.subcase-outcome-unhandled': { severity: 'warning', 'zh-CN': '子案件“{definition}”以 {outcomes} 结束时本案件无去向，请补充这些结果或“*”', en: 'When sub-case item "{definition}" ends with {outcomes} this case has nowhere to go: add them or "*"' },
  'lint.unknown-calendar': { severity: 'error', 'zh-CN': '日历“{calendar}”不存在（现有：{known}）', en: 'Calendar "{calendar}" does not exist (known: {known})' },
  'lint.unknown-definition': { severity: 'error', 'zh-CN': '子案件引用的服务事项“{definition}”不存在', en: 'Sub-case service item "{definition}" does not exist' },
  // SLAs and clocks
  'lint.sla-no-breach-path': { severity: 'warning', 'zh-CN': '时限没有预警（warnAt）也没有超时处理（onBreach），超时后不会有任何动作', en: 'The time limit has no warning (warnAt) and no breach handling (onBreach): nothing happens when it runs out' },
  'lint.breach-ladder-order': { severity: 'warning', 'zh-CN': '超时处理第 {index} 级（{after}）早于上一级（{previous}），请按时间顺序排列', en: 'Breach rung {index} ({after}) comes before the previous rung ({previous}); order the ladder by time' },
  'lint.auto-not-decision': { severity: 'warning', 'zh-CN': '超时自动动作“{auto}”不是本环节的决定，将改为执行第一个同意类决定', en: 'Auto-action "{auto}" is not a decision of this step; the first approve decision is taken instead' },
  'lint.auto-unhandled': { severity: 'warning', 'zh-CN': '超时自动事件“{auto}”在任何状态都没有对应的转换，超时时不会发生任何流转', en: 'Automatic event "{auto}" is handled by no state, so nothing moves when the time runs out' },
  'lint.auto-needs-input': { severity: 'error', 'zh-CN': '超时自动决定“{auto}”需要{inputs}，系统无法代为提供（需要意见时请设置 autoComment）', en: 'Automatic decision "{auto}" requires {inputs}, which the system cannot give (set autoComment where a comment is needed)' },
  'lint.clock-never-stops': { severity: 'warning', 'zh-CN': '计时器“{clock}”开始后无法到达任何停止状态', en: 'After clock "{clock}" starts, none of its stop states can be reached' },
  // task modes
  'lint.vote-trivial': { severity: 'warning', 'zh-CN': '票签门槛为 0 且不要求严格大于，任何投票都会通过', en: 'Vote threshold 0 without strict: every vote passes' },
  'lint.vote-impossible': { severity: 'error', 'zh-CN': '票签门槛为 1 且要求严格大于，投票永远不会通过', en: 'Vote threshold 1 with strict: the vote can never pass' },
  'lint.vote-options-field': { severity: 'error', 'zh-CN': '多方案表决的方案字段“{field}”不是案件数据中的数组字段', en: 'The options field "{field}" of the vote is not an array field of the case data' },
  'lint.vote-options-short': { severity: 'error', 'zh-CN': '方案字段“{field}”可填的方案多于 {choices} 个投票选项（请设置 maxItems）', en: 'The options field "{field}" may hold more options than the {choices} choices (set its maxItems)' },
  'lint.vote-choice-kind': { severity: 'error', 'zh-CN': '投票选项“{decision}”须是本环节“同意”类的决定', en: 'The choice "{decision}" must be an approve-kind decision of the step' },
  'lint.vote-options-outcome': { severity: 'error', 'zh-CN': '多方案表决的结果决定“{decision}”不存在或没有后续流转', en: 'The vote outcome "{decision}" is not a decision of the step or leads nowhere' },
  'lint.vote-missing-kind': { severity: 'error', 'zh-CN': '票签环节缺少“{kind}”类的决定，无法给出投票结果', en: 'The vote step has no decision of kind "{kind}", so it cannot report the result' },
  'lint.mode-needs-approve': { severity: 'error', 'zh-CN': '“{mode}”模式的环节需要一个有对应转换（on）的同意类决定', en: 'A step in mode "{mode}" needs an approve-kind decision with a transition (on)' },
  'lint.mode-option-ignored': { severity: 'warning', 'zh-CN': '“{option}”只在“{mode}”模式下生效，本环节的模式是“{actual}”', en: '"{option}" only applies in mode "{mode}"; this step is in mode "{actual}"' },
  'lint.chain-inverted': { severity: 'error', 'zh-CN': '逐级审批从“{from}”到“{to}”方向颠倒：应从较低层级向上', en: 'The approval chain from "{from}" to "{to}" is upside down: it must go up from the lower level' },
  'lint.chain-mode': { severity: 'warning', 'zh-CN': '逐级审批（chain）应使用依次（sequence）模式，本环节为“{mode}”', en: 'An approval chain should use mode sequence; this step uses "{mode}"' },
};
