/** 版本与发布: the item's versions, a diff between any two (or a version and this draft) in the definition's language, and publishing. */
import { tx } from '../i18n/tx.ts';
import { useState } from 'react';
import { Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Definition } from '@tongban/engine';
import { useEditor } from '../editor/EditorContext.tsx';
import { designerApi, keys } from '../api/designerApi.ts';
import { diffDefinitions } from './diffDefinitions.ts';

const DRAFT = -1;

export function VersionsPanel() {
  const { doc, api, lang, reveal } = useEditor();
  const versions = useQuery({ queryKey: keys.versions(doc.id), queryFn: () => designerApi.versions(api, doc.id).then((r) => r.items).catch(() => []) });
  const published = (versions.data ?? []).filter((v) => v.status !== 'draft');
  const [left, setLeft] = useState<number>();
  const [right, setRight] = useState<number>(DRAFT);
  const from = left ?? published[0]?.version;
  const load = (v: number | undefined) => ({ queryKey: keys.version(doc.id, v ?? 0), queryFn: () => designerApi.version(api, doc.id, v!).then((r) => r.definition), enabled: v !== undefined && v !== DRAFT });
  const a = useQuery(load(from));
  const b = useQuery(load(right));
  const older = a.data;
  const newer: Definition | undefined = right === DRAFT ? doc : b.data;
  const diff = older && newer ? diffDefinitions(older, newer) : undefined;
  const opts = [{ value: DRAFT, label: tx(lang, 'versionsPanel.thisDraft') }, ...published.map((v) => ({ value: v.version, label: `v${v.version} · ${tx(lang, v.status === 'published' ? 'status.published' : 'status.retired')}` }))];
  return (
    <div data-testid="versions-panel">
      <List size="small" header={tx(lang, 'versionsPanel.versions')} dataSource={versions.data ?? []} locale={{ emptyText: tx(lang, 'versionsPanel.notPublishedYet') }}
        renderItem={(v) => <List.Item><Space><Tag>v{v.version}</Tag><Tag color={v.status === 'published' ? 'green' : v.status === 'draft' ? 'blue' : 'default'}>{tx(lang, v.status === 'published' ? 'status.published' : v.status === 'draft' ? 'status.draft' : 'status.retired')}</Tag>{v.publishedAt ? new Date(v.publishedAt).toLocaleString('zh-CN') : ''}</Space></List.Item>} />
      <Space style={{ margin: '12px 0' }}>
        {tx(lang, 'versionsPanel.compare')}<Select data-testid="diff-left" style={{ minWidth: 140 }} value={from} options={opts.filter((o) => o.value !== DRAFT)} onChange={setLeft} />→
        <Select data-testid="diff-right" style={{ minWidth: 140 }} value={right} options={opts} onChange={setRight} />
      </Space>
      {!published.length ? <Empty description={tx(lang, 'versionsPanel.publishOnceToCompareVersions')} />
        : diff && (diff.length === 0 ? <Typography.Text>{tx(lang, 'versionsPanel.theTwoVersionsAreThe')}</Typography.Text>
          : <List size="small" bordered data-testid="diff" dataSource={diff} renderItem={(d) => (
            <List.Item style={{ cursor: right === DRAFT ? 'pointer' : undefined }} onClick={() => right === DRAFT && d.kind !== 'removed' && reveal(d.pointer)}>
              <Tag color={d.kind === 'added' ? 'green' : d.kind === 'removed' ? 'red' : 'orange'}>{tx(lang, `diff.${d.kind}`)}</Tag>{d.text[lang]}
            </List.Item>)} />)}
    </div>
  );
}
