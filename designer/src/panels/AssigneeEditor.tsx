/**
 * A step's assignee: role at a scope (picked on the org levels), a named user, the initiator's or
 * approver's pick, a chain up the tree, or an org from a field; the empty-assignee and
 * self-approval policies; and below, the live answer on the sample county from the engine.
 */
import { Radio, Select, Space } from 'antd';
import type { AssignmentRule, EmptyAssigneePolicy, InitiatorPolicy, TaskSpec } from '@tongban/engine';
import { OrgLevels } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { Section, tr } from './Section.tsx';
import { AssigneeAnswer } from './AssigneeAnswer.tsx';

type Kind = 'role' | 'user' | 'pick' | 'chain' | 'orgField';
type RoleRule = Extract<AssignmentRule, { scope?: unknown; of?: unknown; role: string }> & { scope?: 'county' | 'township' | 'community' | 'grid' | 'case'; of?: 'case' | 'initiator' | 'previous-handler' };
const kindOf = (a: AssignmentRule): Kind => ('orgField' in a ? 'orgField' : 'pick' in a ? 'pick' : 'role' in a ? 'role' : 'user' in a ? 'user' : 'chain');
const levelZh: Record<string, string> = { county: '县', township: '乡镇', community: '社区', grid: '网格', case: '案件所在组织' };

export function AssigneeEditor({ stateId, pointer, task }: { stateId: string; pointer: string; task: TaskSpec }) {
  const { doc, exec, lang, directory } = useEditor();
  const a = task.assignee;
  const set = (v: AssignmentRule) => exec(setValue(`${pointer}/task/assignee`, v, { 'zh-CN': '修改办理人', en: 'Edit assignee' }));
  const roles = Object.entries(doc.roles).map(([id, r]) => ({ value: id, label: `${r.title['zh-CN']}（${id}）` }));
  const levels = [...OrgLevels, 'case'].map((l) => ({ value: l, label: tr(lang, levelZh[l]!, l) }));
  const fields = Object.keys((doc.data.properties ?? {}) as object).map((f) => ({ value: f, label: f }));
  const users = (directory?.users ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }));
  const firstRole = roles[0]?.value ?? '';
  const defaults: Record<Kind, AssignmentRule> = {
    role: { role: firstRole, scope: 'community' }, user: { user: users[0]?.value ?? '' }, pick: { pick: 'initiator', field: fields[0]?.value ?? '' },
    chain: { chain: { role: firstRole, from: 'grid', to: 'township' } }, orgField: { orgField: fields[0]?.value ?? '', role: firstRole },
  };
  const k = kindOf(a);
  const onEmpty = task.onEmpty;
  return (
    <Section title={tr(lang, '办理人', 'Assignee')} testId="assignee-editor">
      <Radio.Group size="small" value={k} onChange={(e) => set(defaults[e.target.value as Kind])} optionType="button"
        options={[{ value: 'role', label: tr(lang, '角色', 'Role') }, { value: 'user', label: tr(lang, '指定人员', 'User') }, { value: 'pick', label: tr(lang, '自选', 'Pick') },
          { value: 'chain', label: tr(lang, '逐级', 'Chain') }, { value: 'orgField', label: tr(lang, '按字段组织', 'Org field') }]} />
      <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
        {k === 'role' && (() => { const r = a as RoleRule; return (
          <Space wrap>
            <Select data-testid="assignee-role" style={{ minWidth: 180 }} value={r.role} options={roles} onChange={(role) => set({ ...r, role })} />
            <Select style={{ minWidth: 120 }} value={r.scope ?? 'case'} options={levels} onChange={(scope) => set({ ...r, scope })} />
            <Select style={{ minWidth: 120 }} value={r.of ?? 'case'} onChange={(of) => set({ ...r, of })}
              options={[{ value: 'case', label: tr(lang, '按案件', 'of the case') }, { value: 'initiator', label: tr(lang, '按发起人', 'of the initiator') }, { value: 'previous-handler', label: tr(lang, '按上一步办理人', 'of the previous handler') }]} />
          </Space>
        ); })()}
        {k === 'user' && 'user' in a && <Select showSearch optionFilterProp="label" style={{ width: '100%' }} value={a.user} options={users} onChange={(user) => set({ user })} />}
        {k === 'pick' && 'pick' in a && (
          <Space wrap>
            <Select value={a.pick} onChange={(pick) => set({ ...a, pick })} options={[{ value: 'initiator', label: tr(lang, '发起人自选', 'initiator picks') }, { value: 'previous', label: tr(lang, '审批人自选', 'approver picks') }]} />
            <Select style={{ minWidth: 140 }} value={a.field} options={fields} onChange={(field) => set({ ...a, field })} placeholder={tr(lang, '存放所选人员的字段', 'field holding the pick')} />
            <Select allowClear style={{ minWidth: 160 }} value={a.role} options={roles} onChange={(role) => set(role ? { ...a, role } : { pick: a.pick, field: a.field })} placeholder={tr(lang, '限定角色', 'limit to role')} />
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
          <span>{tr(lang, '找不到办理人时', 'When nobody is found')}</span>
          <Select style={{ minWidth: 140 }} value={typeof onEmpty === 'object' ? 'fallback' : onEmpty ?? 'admin'}
            onChange={(v) => exec(setValue(`${pointer}/task/onEmpty`, (v === 'fallback' ? { fallbackUser: users[0]?.value ?? '' } : v) as EmptyAssigneePolicy))}
            options={[{ value: 'admin', label: tr(lang, '交县级管理员', 'county admin') }, { value: 'auto-pass', label: tr(lang, '自动通过', 'auto-pass') }, { value: 'auto-reject', label: tr(lang, '自动驳回', 'auto-reject') }, { value: 'fallback', label: tr(lang, '交指定人员', 'a fallback user') }]} />
          {typeof onEmpty === 'object' && <Select showSearch optionFilterProp="label" style={{ minWidth: 160 }} value={onEmpty.fallbackUser} options={users} onChange={(fallbackUser) => exec(setValue(`${pointer}/task/onEmpty`, { fallbackUser }))} />}
          <span>{tr(lang, '办理人是发起人时', 'When the assignee is the initiator')}</span>
          <Select style={{ minWidth: 120 }} value={task.onInitiator ?? 'allow'} onChange={(v: InitiatorPolicy) => exec(setValue(`${pointer}/task/onInitiator`, v))}
            options={[{ value: 'allow', label: tr(lang, '允许', 'allow') }, { value: 'skip', label: tr(lang, '跳过', 'skip') }, { value: 'superior', label: tr(lang, '交上级', 'superior') }]} />
        </Space>
      </Space>
      <AssigneeAnswer stateId={stateId} />
    </Section>
  );
}
