/**
 * 组织机构: the tree of the admin's subtrees with counts (enabled people, open cases), drag a unit
 * onto another to move it (confirmed first: cases, tasks and people follow), and the selected
 * unit's panel (rename, add a child, merge a grid, retire).
 */
import { useMemo, useState } from 'react';
import { Card, Col, Modal, Row, Space, Tag, Tree, Typography, type TreeProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router';
import { adminCalls, adminKeys, fetchOrgTree, type AdminOrgNode } from './adminQueries.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { OrgUnitPanel } from './OrgUnitPanel.tsx';
import { QueryState } from '../shared/QueryState.tsx';
import { tones } from '../shared/tones.ts';

interface Node { key: string; title: React.ReactNode; children: Node[]; unit: AdminOrgNode }

function toTree(units: AdminOrgNode[], t: TFunction): Node[] {
  const nodes = new Map<string, Node>(units.map((u) => [u.path, { key: u.path, unit: u, children: [], title: (
    <span data-testid={`org-node-${u.code}`}>
      {u.name} <Typography.Text type="secondary">{u.code}</Typography.Text>{' '}
      <Tag style={tones.neutral}>{t('admin.org.users', { count: u.users })}</Tag>{u.openCases > 0 && <Tag style={tones.warn}>{t('admin.org.openCases', { count: u.openCases })}</Tag>}
    </span>) }]));
  const roots: Node[] = [];
  for (const u of units) (u.parentPath && nodes.get(u.parentPath) ? nodes.get(u.parentPath)!.children : roots).push(nodes.get(u.path)!);
  return roots;
}

/** The org-tree screen. */
export default function OrgTreePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tree = useQuery({ queryKey: adminKeys.tree(), queryFn: fetchOrgTree });
  const units = useMemo(() => tree.data?.items ?? [], [tree.data]);
  const nodes = useMemo(() => toTree(units, t), [units, t]);
  const selected = units.find((u) => u.path === params.get('unit'));
  const [pending, setPending] = useState<{ unit: AdminOrgNode; parent: AdminOrgNode } | null>(null);
  const move = useMutation({
    mutationFn: (p: { unit: AdminOrgNode; parent: AdminOrgNode }) => adminCalls.moveUnit(p.unit.code, { parentCode: p.parent.code, expectedVersion: p.unit.version }),
    onSuccess: (r) => { setPending(null); setParams({ unit: r.unit.path }, { replace: true }); void qc.invalidateQueries({ queryKey: adminKeys.all }); },
  });
  const onDrop: TreeProps['onDrop'] = (info) => {
    const unit = units.find((u) => u.path === info.dragNode.key);
    const target = units.find((u) => u.path === info.node.key);
    if (!unit || !target) return;
    // dropped between two nodes: the new parent is the target's parent
    const parent = info.dropToGap ? units.find((u) => u.path === target.parentPath) : target;
    if (parent && parent.path !== unit.parentPath) { move.reset(); setPending({ unit, parent }); }
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('admin.menu.org')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.org.hint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Card size="small">
            <QueryState query={tree}>
              {/* a click on the selected unit keeps it selected (antd would deselect it and close its panel: after a
                  merge the unit merged into is selected, and an admin clicking it to retire it lost the panel) */}
              {() => <Tree<Node> treeData={nodes} draggable={{ icon: false }} blockNode defaultExpandAll selectedKeys={selected ? [selected.path] : []}
                onSelect={(keys, info) => setParams({ unit: String(keys[0] ?? info.node.key) }, { replace: true })} onDrop={onDrop} />}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} md={12}>{selected && <OrgUnitPanel key={`${selected.path}@${selected.version}`} unit={selected} units={units} onChanged={(path) => { void qc.invalidateQueries({ queryKey: adminKeys.all }); if (path) setParams({ unit: path }, { replace: true }); }} />}</Col>
      </Row>
      <Modal open={!!pending} title={t('admin.org.moveTitle')} okText={t('action.confirm')} cancelText={t('action.cancel')} confirmLoading={move.isPending}
        onOk={() => pending && move.mutate(pending)} onCancel={() => setPending(null)}>
        {pending && <Space direction="vertical">
          <span data-testid="move-confirm">{t('admin.org.moveBody', { unit: pending.unit.name, parent: pending.parent.name })}</span>
          <Typography.Text type="secondary">{t('admin.org.moveFollow', { cases: pending.unit.openCases, users: pending.unit.users })}</Typography.Text>
          <ErrorAlert error={move.error} />
        </Space>}
      </Modal>
    </div>
  );
}
