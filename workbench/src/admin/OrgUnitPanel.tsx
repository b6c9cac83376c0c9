/** The selected unit: rename, add a child unit (code given or the next free one), merge a grid, retire (handing open cases over). */
import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, List, Popconfirm, Select, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminCalls, type AdminOrgNode } from './adminQueries.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import type { ApiError } from '../api/ApiError.ts';

/** The panel of one unit; `onChanged(path?)` after a change (the path to select next). */
export function OrgUnitPanel({ unit, units, onChanged }: { unit: AdminOrgNode; units: AdminOrgNode[]; onChanged: (path?: string) => void }) {
  const { t } = useTranslation();
  const [handTo, setHandTo] = useState<string>();
  const [into, setInto] = useState<string>();
  const rename = useMutation({ mutationFn: (name: string) => adminCalls.renameUnit(unit.code, { name, expectedVersion: unit.version }), onSuccess: () => onChanged() });
  const add = useMutation({ mutationFn: (v: { name: string; code?: string }) => adminCalls.createUnit({ parentCode: unit.code, name: v.name, ...(v.code ? { code: v.code } : {}) }), onSuccess: (u) => onChanged(u.path) });
  const merge = useMutation({ mutationFn: () => adminCalls.mergeGrid(unit.code, { intoCode: into!, expectedVersion: unit.version }), onSuccess: () => onChanged(units.find((u) => u.code === into)?.path) });
  const retire = useMutation({ mutationFn: () => adminCalls.retireUnit(unit.code, { expectedVersion: unit.version, ...(handTo ? { handToCode: handTo } : {}) }), onSuccess: () => onChanged(unit.parentPath ?? undefined) });
  const others = units.filter((u) => u.path !== unit.path && !u.path.startsWith(unit.path + '/'));
  const openCases = (retire.error as ApiError | null)?.code === 'org.has-open-cases' ? ((retire.error as ApiError).details.cases as Array<{ id: string; ref: string }>) : [];
  return (
    <Card size="small" title={unit.name} data-testid="org-panel">
      <Descriptions size="small" column={1} items={[
        { key: 'code', label: t('admin.org.code'), children: unit.code },
        { key: 'level', label: t('admin.org.level'), children: t(`admin.level.${unit.level}`, { defaultValue: unit.level }) },
        { key: 'counts', label: t('admin.org.counts'), children: `${t('admin.org.users', { count: unit.users })} · ${t('admin.org.openCases', { count: unit.openCases })}` },
      ]} />
      <Typography.Title level={2} style={{ fontSize: 15 }}>{t('admin.org.rename')}</Typography.Title>
      <ErrorAlert error={rename.error} />
      <Form layout="inline" initialValues={{ name: unit.name }} onFinish={(v: { name: string }) => rename.mutate(v.name)}>
        <Form.Item name="name" rules={[{ required: true, max: 100 }]}><Input aria-label={t('admin.org.name')} /></Form.Item>
        <Button htmlType="submit" loading={rename.isPending}>{t('admin.save')}</Button>
      </Form>
      {unit.level !== 'grid' && unit.level !== 'unit' && <>
        <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>{t('admin.org.addChild')}</Typography.Title>
        <ErrorAlert error={add.error} />
        <Form layout="inline" onFinish={(v: { name: string; code?: string }) => add.mutate(v)}>
          <Form.Item name="name" rules={[{ required: true, max: 100 }]}><Input aria-label={t('admin.org.name')} placeholder={t('admin.org.name')} /></Form.Item>
          <Form.Item name="code"><Input aria-label={t('admin.org.codeOptional')} placeholder={t('admin.org.codeOptional')} style={{ width: 180 }} /></Form.Item>
          <Button htmlType="submit" loading={add.isPending}>{t('admin.add')}</Button>
        </Form>
      </>}
      {unit.level === 'grid' && <>
        <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>{t('admin.org.merge')}</Typography.Title>
        <ErrorAlert error={merge.error} />
        <Space>
          <Select showSearch optionFilterProp="label" aria-label={t('admin.org.mergeInto')} placeholder={t('admin.org.mergeInto')} style={{ width: 240 }} value={into} onChange={setInto}
            options={others.filter((u) => u.level === 'grid').map((u) => ({ value: u.code, label: u.name }))} />
          <Popconfirm title={t('admin.org.mergeConfirm')} onConfirm={() => merge.mutate()} okText={t('action.confirm')} cancelText={t('action.cancel')}>
            <Button disabled={!into} loading={merge.isPending}>{t('admin.org.merge')}</Button>
          </Popconfirm>
        </Space>
      </>}
      {unit.parentPath && <>
        <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>{t('admin.org.retire')}</Typography.Title>
        <ErrorAlert error={retire.error} />
        {openCases.length > 0 && <List size="small" bordered style={{ marginBottom: 8 }} dataSource={openCases}
          renderItem={(c) => <List.Item><Link to={`/cases/${c.id}`}>{c.ref}</Link></List.Item>} />}
        <Space wrap>
          <Select allowClear showSearch optionFilterProp="label" aria-label={t('admin.org.handTo')} placeholder={t('admin.org.handTo')} style={{ width: 240 }} value={handTo} onChange={setHandTo}
            options={others.map((u) => ({ value: u.code, label: `${u.name} ${u.code}` }))} />
          <Popconfirm title={t('admin.org.retireConfirm')} onConfirm={() => retire.mutate()} okText={t('action.confirm')} cancelText={t('action.cancel')}>
            <Button danger loading={retire.isPending}>{t('admin.org.retire')}</Button>
          </Popconfirm>
        </Space>
      </>}
    </Card>
  );
}
