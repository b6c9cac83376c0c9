/** 视图: save the current filters under a name (stored per user on the server), apply or delete one. */
import { useState } from 'react';
import { Button, Input, Popconfirm, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';

const keys = { views: (screen: string) => ['views', screen] as const };

/** Saved views of one screen. */
export function SavedViews({ screen, query, onApply }: { screen: 'queue' | 'cases'; query: string; onApply: (query: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const views = useQuery({ queryKey: keys.views(screen), queryFn: () => unwrap(api.GET('/api/views', { params: { query: { screen } } })) });
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/api/views', { body: { screen, name: name.trim(), query } })),
    onSuccess: () => { setName(''); void qc.invalidateQueries({ queryKey: keys.views(screen) }); },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/views/{id}', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.views(screen) }),
  });
  const [chosen, setChosen] = useState<string>();
  const current = views.data?.items.find((v) => v.id === chosen);
  return (
    <Space wrap>
      <Select aria-label={t('views.choose')} placeholder={t('views.choose')} style={{ minWidth: 160 }} value={chosen} allowClear loading={views.isPending}
        options={(views.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id) => { setChosen(id); const v = views.data?.items.find((x) => x.id === id); if (v) onApply(v.query); }} />
      {current && <Popconfirm title={t('views.deleteConfirm', { name: current.name })} onConfirm={() => { remove.mutate(current.id); setChosen(undefined); }} okText={t('action.confirm')} cancelText={t('action.cancel')}>
        <Button danger size="small">{t('views.delete')}</Button></Popconfirm>}
      <Space.Compact>
        <Input aria-label={t('views.name')} placeholder={t('views.name')} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} style={{ width: 140 }} />
        <Button onClick={() => save.mutate()} disabled={!name.trim() || save.isPending} loading={save.isPending}>{t('views.save')}</Button>
      </Space.Compact>
    </Space>
  );
}
