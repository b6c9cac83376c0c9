/**
 * A step's assignee: role at a scope (picked on the org levels), a named user, the initiator's or
 * approver's pick, a chain up the tree, or an org from a field; the empty-assignee and
 * self-approval policies; and below, the live answer on the sample county from the engine.
 */
import { tx } from '../i18n/tx.ts';
import { Button, Radio, Select, Space } from 'antd';
import type { AssignmentRule, EmptyAssigneePolicy, InitiatorPolicy, TaskSpec } from '@tongban/engine';
import { OrgLevels } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { Section, tr } from './Section.tsx';
import { AssigneeAnswer } from './AssigneeAnswer.tsx';
import { RoleRulesEditor, allRoleRules } from './RoleRulesEditor.tsx';

type Kind = 'role' | 'user' | 'pick' | 'chain' | 'orgField';
type RoleRule = Extract<AssignmentRule, { scope?: unknown; of?: unknown; role: string }> & { scope?: 'county' | 'township' | 'community' | 'grid' | 'case'; of?: 'case' | 'initiator' | 'previous-handler' };
const kindOf = (a: AssignmentRule): Kind => ('orgField' in a ? 'orgField' : 'pick' in a ? 'pick' : 'role' in a ? 'role' : 'user' in a ? 'user' : 'chain');
const levelZh: Record<string, string> = { county: '县', township: '乡镇', community: '社区', grid: '网格', case: '案件所在组织' };

export function AssigneeEditor({ stateId, pointer, task }: { stateId: string; pointer: string; task: TaskSpec }) {
  const { doc, exec, lang, directory } = useEditor();
  const a = task.assignee;
  const set = (v: AssignmentRule | AssignmentRule[]) => exec(setValue(`${pointer}/task/assignee`, v, { 'zh-CN': '修改办理人', en: 'Edit assignee' }));
  const roles = Object.entries(doc.roles).map(([id, r]) => ({ value: id, label: `${r.title['zh-CN']}（${id}）` }));
  const levels = [...OrgLevels, 'case'].map((l) => ({ value: l, label: tr(lang, levelZh[l]!, l) }));
  const fields = Object.keys((doc.data.properties ?? {}) as object).map((f) => ({ value: f, label: f }));
  const users = (directory?.users ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }));
  const firstRole = roles[0]?.value ?? '';
  const defaults: Record<Kind, AssignmentRule> = {
    role: { role: firstRole, scope: 'community' }, user: { user: users[0]?.value ?? '' }, pick: { pick: 'initiator', field: fields[0]?.value ?? '' },
    chain: { chain: { role: firstRole, from: 'grid', to: 'township' } }, orgField: { orgField: fields[0]?.value ?? '', role: firstRole },
  };
  const onEmpty = task.onEmpty;
  // several rules at once, or the initiator (format constructs of issue 12): edited in the generated
  // "all properties" section below; the live answer still shows who the engine picks
  // several role rules (a countersign by two roles): one row each
  if (Array.isArray(a) && allRoleRules(a)) {
    return (
      <Section title={tx(lang, 'assigneeEditor.assignee')} testId="assignee-editor">
        <RoleRulesEditor rules={a} onChange={set} />
        <AssigneeAnswer stateId={stateId} />
      </Section>
    );
  }
  if (Array.isArray(a) || 'initiator' in a) {
    return (
      <Section title={tx(lang, 'assigneeEditor.assignee')} testId="assignee-editor">
        <span>{lang === 'en' ? 'Several rules or the initiator: edit them under “All properties” below.' : '多条规则或发起人本人：请在下方“全部属性”中编辑。'}</span>
        <AssigneeAnswer stateId={stateId} />
      </Section>
    );
  }
  const k = kindOf(a);
  return (
    <Section title={tx(lang, 'assigneeEditor.assignee')} testId="assignee-editor">
      <Radio.Group size="small" value={k} onChange={(e) => set(defaults[e.target.value as Kind])} optionType="button"
        options={[{ value: 'role', label: tx(lang, 'assigneeEditor.role') }, { value: 'user', label: tx(lang, 'assigneeEditor.user') }, { value: 'pick', label: tx(lang, 'assigneeEditor.pick') },
          { value: 'chain', label: tx(lang, 'assigneeEditor.chain') }, { value: 'orgField', label: tx(lang, 'assigneeEditor.orgField') }]} />
      <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
        {k === 'role' && (() => { const r = a as RoleRule; return (
          <Space wrap>
            <Select data-testid="assignee-role" style={{ minWidth: 180 }} value={r.role} options={roles} onChange={(role) => set({ ...r, role })} />
            <Select style={{ minWidth: 120 }} value={r.scope ?? 'case'} options={levels} onChange={(scope) => set({ ...r, scope })} />
            <Select style={{ minWidth: 120 }} value={r.of ?? 'case'} onChange={(of) => set({ ...r, of })}
              options={[{ value: 'case', label: tx(lang, 'assigneeEditor.ofTheCase') }, { value: 'initiator', label: tx(lang, 'assigneeEditor.ofTheInitiator') }, { value: 'previous-handler', label: tx(lang, 'assigneeEditor.ofThePreviousHandler') }]} />
            {(r.of ?? 'case') === 'case' && <Button size="small" data-testid="assignee-add-role" onClick={() => set([r, { role: roles.find((x) => x.value !== r.role)?.value ?? r.role, scope: r.scope ?? 'community' }])}>{tx(lang, 'assignee.addRole')}</Button>}
          </Space>
        ); })()}
        {k === 'user' && 'user' in a && <Select showSearch optionFilterProp="label" style={{ width: '100%' }} value={a.user} options={users} onChange={(user) => set({ user })} />}
        {k === 'pick' && 'pick' in a && (
          <Space wrap>
            <Select value={a.pick} onChange={(pick) => set({ ...a, pick })} options={[{ value: 'initiator', label: tx(lang, 'assigneeEditor.initiatorPicks') }, { value: 'previous', label: tx(lang, 'assigneeEditor.approverPicks') }]} />
            <Select style={{ minWidth: 140 }} value={a.field} options={fields} onChange={(field) => set({ ...a, field })} placeholder={tx(lang, 'assigneeEditor.fieldHoldingThePick')} />
            <Select allowClear style={{ minWidth: 160 }} value={a.role} options={roles} onChange={(role) => set(role ? { ...a, role } : { pick: a.pick, field: a.field })} placeholder={tx(lang, 'assigneeEditor.limitToRole')} />
          </Space>
        )}
        {k === 'chain' && 'chain' in a && (
          <Space wrap>
            <Select style={{ minWidth: 160 }} value={a.chain.role} options={roles} onChange={(role) => set({ chain: { ...a.chain, role } })} />
            <Select value={a.chain.from} options={levels.slice(0, 4)} onChange={(from) => set({ chain: { ...a.chain, from } })} />→
            <Select value={a.chain.to} options={levels.slice(0, 4)} onChange={(to) => set({ chain: { ...a.chain, to } })} />
          </Space>
        )}
        {k === 'orgField' && 'orgField' in a && (
          <Space wrap>
            <Select style={{ minWidth: 140 }} value={a.orgField} options={fields} onChange={(orgField) => set({ ...a, orgField })} />
            <Select style={{ minWidth: 160 }} value={a.role} options={roles} onChange={(role) => set({ ...a, role })} />
          </Space>
        )}
        <Space wrap>
          <span>{tx(lang, 'assigneeEditor.whenNobodyIsFound')}</span>
          <Select style={{ minWidth: 140 }} value={typeof onEmpty === 'object' ? 'fallback' : onEmpty ?? 'admin'}
            onChange={(v) => exec(setValue(`${pointer}/task/onEmpty`, (v === 'fallback' ? { fallbackUser: users[0]?.value ?? '' } : v) as EmptyAssigneePolicy))}
            options={[{ value: 'admin', label: tx(lang, 'assigneeEditor.countyAdmin') }, { value: 'auto-pass', label: tx(lang, 'assigneeEditor.autoPass') }, { value: 'auto-reject', label: tx(lang, 'assigneeEditor.autoReject') }, { value: 'fallback', label: tx(lang, 'assigneeEditor.aFallbackUser') }]} />
          {typeof onEmpty === 'object' && 'fallbackUser' in onEmpty && <Select showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={onEmpty.fallbackUser} options={users} onChange={(fallbackUser) => exec(setValue(`${pointer}/task/onEmpty`, { fallbackUser }))} />}
          <span>{tx(lang, 'assigneeEditor.whenTheAssigneeIsThe')}</span>
          <Select style={{ minWidth: 120 }} value={task.onInitiator ?? 'allow'} onChange={(v: InitiatorPolicy) => exec(setValue(`${pointer}/task/onInitiator`, v))}
            options={[{ value: 'allow', label: tx(lang, 'assigneeEditor.allow') }, { value: 'skip', label: tx(lang, 'assigneeEditor.skip') }, { value: 'superior', label: tx(lang, 'assigneeEditor.superior') }]} />
        </Space>
      </Space>
      <AssigneeAnswer stateId={stateId} />
    </Section>
  );
}
