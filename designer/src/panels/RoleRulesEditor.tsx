/**
 * A step given to several roles at once (a countersign by the community officer AND the grid
 * leader, say): one row per role rule, each with its scope. With 会签 every holder of every rule
 * signs; with 或签 the first of any of them decides.
 */
import { Button, Select, Space } from 'antd';
import type { AssignmentRule } from '@tongban/engine';
import { OrgLevels } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { tx } from '../i18n/tx.ts';
import { tr } from './Section.tsx';

export type RoleRule = { role: string; scope?: 'county' | 'township' | 'community' | 'grid' | 'case' };
const levelZh: Record<string, string> = { county: '县', township: '乡镇', community: '社区', grid: '网格', case: '案件所在组织' };

/** Whether every rule of a list is a plain role-at-scope rule (what this editor shows). */
export const allRoleRules = (rules: AssignmentRule[]): rules is RoleRule[] =>
  rules.every((r) => 'role' in r && !('orgField' in r) && !('pick' in r) && !('chain' in r) && !('of' in r && r.of !== 'case'));

export function RoleRulesEditor({ rules, onChange }: { rules: RoleRule[]; onChange(rules: AssignmentRule | AssignmentRule[]): void }) {
  const { doc, lang } = useEditor();
  const roles = Object.entries(doc.roles).map(([id, r]) => ({ value: id, label: `${r.title['zh-CN']}（${id}）` }));
  const levels = [...OrgLevels, 'case'].map((l) => ({ value: l, label: tr(lang, levelZh[l]!, l) }));
  const set = (next: RoleRule[]) => onChange(next.length === 1 ? next[0]! : next);
  const unused = roles.find((r) => !rules.some((x) => x.role === r.value))?.value ?? roles[0]?.value ?? '';
  return (
    <Space direction="vertical" data-testid="role-rules">
      {rules.map((r, i) => (
        <Space key={i} wrap>
          <Select data-testid={i === 0 ? 'assignee-role' : `assignee-role-${i}`} style={{ minWidth: 180 }} value={r.role} options={roles} onChange={(role) => set(rules.map((x, j) => (j === i ? { ...x, role } : x)))} />
          <Select data-testid={`assignee-scope-${i}`} style={{ minWidth: 120 }} value={r.scope ?? 'case'} options={levels} onChange={(scope) => set(rules.map((x, j) => (j === i ? { ...x, scope } : x)))} />
          {rules.length > 1 && <Button size="small" danger data-testid={`assignee-remove-${i}`} onClick={() => set(rules.filter((_, j) => j !== i))}>×</Button>}
        </Space>
      ))}
      {rules.length < 10 && <Button size="small" data-testid="assignee-add-role" onClick={() => set([...rules, { role: unused, scope: rules[0]?.scope ?? 'community' }])}>{tx(lang, 'assignee.addRole')}</Button>}
    </Space>
  );
}
