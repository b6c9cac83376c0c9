/**
 * 选人 / 选组织 / 选网格 in a form (`x-widget` user-picker, org-picker, grid-picker): a person is
 * chosen on the org tree (the units in the worker's scope, then a unit's people), a unit or a grid
 * from the tree with search, so nobody types an account id, an org path or a 15-digit code. The value
 * stays what the schema asks (user id or ids, org path, grid code); the widget shows names.
 */
import { useMemo, useState } from 'react';
import { Button, Modal, Space, Tag, TreeSelect, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { OrgUserPicker } from '../shared/OrgUserPicker.tsx';
import { useOrgUnits } from '../shared/lookups.ts';
import { buildOrgTree, type OrgNode } from '../shared/orgTree.ts';
import type { FormCtx } from './formContext.ts';

const ctxOf = (p: WidgetProps) => (p.registry.formContext ?? {}) as FormCtx;
const idsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);

/** 选人: the chosen people as tags, 选择人员 opens the org tree; a list field (an array) takes several. */
export function UserPickerWidget(p: WidgetProps) {
  const { t } = useTranslation();
  const ctx = ctxOf(p);
  const multiple = p.multiple === true || p.schema.type === 'array';
  const ids = idsOf(p.value);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<string[]>(ids);
  const [known, setKnown] = useState<Record<string, string>>({});
  const nameOf = (id: string) => known[id] ?? ctx.names?.user?.(id) ?? id;
  const set = (next: string[]) => p.onChange(multiple ? (next.length ? next : undefined) : next[0]);
  const locked = p.readonly || p.disabled;
  return (
    <div id={p.id} role="group" aria-label={p.label}>
      <Space wrap size={[4, 4]}>
        {ids.map((id) => (
          <Tag key={id} closable={!locked} onClose={() => set(ids.filter((x) => x !== id))}>{nameOf(id)}</Tag>
        ))}
        {!ids.length && locked && <Typography.Text type="secondary">—</Typography.Text>}
        {!locked && <Button size="small" icon={<TeamOutlined />} onClick={() => { setDraft(ids); setOpen(true); }}>{t('widget.pickPeople')}</Button>}
      </Space>
      <Modal open={open} title={p.label || t('widget.pickPeople')} width={640} okText={t('widget.pickDone')} cancelText={t('action.cancel')} destroyOnHidden
        onCancel={() => setOpen(false)} onOk={() => { set(draft); setOpen(false); }}>
        <OrgUserPicker multiple={multiple} value={draft} onChange={(next, shown) => {
          setDraft(next);
          setKnown((k) => ({ ...k, ...Object.fromEntries(shown.map((x) => [x.id, x.name])) }));
        }} />
      </Modal>
    </div>
  );
}

/** A grid is a unit four levels down (county, township, community, grid). */
const isGrid = (path: string) => path.split('/').filter(Boolean).length === 4;

type TreeNode = { key: string; value: string; title: string; selectable?: boolean; children: TreeNode[] };

/** The org tree for a TreeSelect; for grids, only grids can be chosen and their value is the grid's code. */
function treeFor(nodes: OrgNode[], grids: boolean): TreeNode[] {
  return nodes.map((n) => ({ key: n.key, title: n.title, value: grids && isGrid(n.key) ? n.code : n.value,
    ...(grids && !isGrid(n.key) ? { selectable: false } : {}), children: treeFor(n.children, grids) }));
}

/** What the org-tree select takes: the value (an org path, or a grid's code), whether grids only, and how to name a value outside the tree. */
export interface OrgUnitSelectProps {
  /** optional where an antd Form.Item supplies them */
  value?: string; onChange?: (v: string | undefined) => void; grids?: boolean;
  id?: string; label?: string; disabled?: boolean; onBlur?: () => void; outsideName?: (v: string) => string | undefined; testId?: string;
}

/** A unit (or a grid) of the worker's scope from the org tree, with search. */
export function OrgUnitSelect({ value, onChange, grids = false, id, label, disabled, onBlur, outsideName, testId }: OrgUnitSelectProps) {
  const { t } = useTranslation();
  const orgs = useOrgUnits();
  const tree = useMemo(() => {
    const nodes = treeFor(orgs.data ? buildOrgTree(orgs.data.items) : [], grids);
    // a value outside the tree (a unit out of the worker's scope, kept from the data) stays choosable, by its name where the page knows it
    const inTree = !value || (grids ? orgs.data?.items.some((o) => o.code === value) : orgs.data?.names.has(value));
    if (value && orgs.data && !inTree) nodes.push({ key: `outside:${value}`, value, title: outsideName?.(value) ?? value, children: [] });
    return nodes;
  }, [orgs.data, grids, value, outsideName]);
  return (
    <TreeSelect id={id} aria-label={label} style={{ width: '100%' }} value={value} treeData={tree} showSearch treeNodeFilterProp="title" allowClear data-testid={testId}
      treeDefaultExpandAll={tree.length < 3} loading={orgs.isPending} placeholder={grids ? t('widget.pickGrid') : t('widget.pickUnit')}
      disabled={disabled} onChange={(v: string | undefined) => onChange?.(v || undefined)} onBlur={onBlur} />
  );
}

function OrgTreeSelect({ p, grids }: { p: WidgetProps; grids: boolean }) {
  const ctx = ctxOf(p);
  const value = typeof p.value === 'string' && p.value ? p.value : undefined;
  const names = ctx.names;
  const outsideName = useMemo(() => (v: string) => (grids ? names?.grid?.(v) : names?.org?.(v)), [names, grids]);
  return <OrgUnitSelect id={p.id} label={p.label} value={value} grids={grids} disabled={p.disabled || p.readonly} outsideName={outsideName}
    onChange={(v) => p.onChange(v)} onBlur={() => p.onBlur(p.id, p.value)} />;
}

/** 选组织: an org unit in the worker's scope, by name; the value is its path. */
export function OrgPickerWidget(p: WidgetProps) {
  return <OrgTreeSelect p={p} grids={false} />;
}

/** 选网格: a grid in the worker's scope, by name; the value is its 15-digit code. */
export function GridPickerWidget(p: WidgetProps) {
  return <OrgTreeSelect p={p} grids />;
}
