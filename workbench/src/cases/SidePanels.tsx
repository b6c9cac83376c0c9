/** 附件 (with image preview and upload), 评论, 关联案件, 外部调用 of the case page. */
import { tones } from '../shared/tones.ts';
import { pick } from '../i18n/i18n.ts';
import { useState } from 'react';
import { Button, Image, Input, List, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { attachmentUrl, caseKeys, fetchAttachments, fetchComments, uploadToCase, type CaseOverview } from './caseQueries.ts';

/** One attachment: images previewed (fetched with the token), others downloaded. */
function AttachmentItem({ caseId, a }: { caseId: string; a: { id: string; name: string; mime: string; size: number } }) {
  const { t } = useTranslation();
  const url = useQuery({ queryKey: caseKeys.part(caseId, `file-${a.id}`), queryFn: () => attachmentUrl(caseId, a.id), enabled: a.mime.startsWith('image/'), staleTime: Infinity });
  return (
    <List.Item actions={[<a key="dl" onClick={async () => { const u = url.data ?? (await attachmentUrl(caseId, a.id)); const l = document.createElement('a'); l.href = u; l.download = a.name; l.click(); }}>{t('files.download')}</a>]}>
      <Space>
        {url.data && <Image src={url.data} width={48} height={48} style={{ objectFit: 'cover' }} alt={a.name} />}
        <span>{a.name}</span><Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
      </Space>
    </List.Item>
  );
}

/** 附件. */
export function AttachmentsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const files = useQuery({ queryKey: caseKeys.part(caseId, 'attachments'), queryFn: () => fetchAttachments(caseId) });
  const [err, setErr] = useState<string>();
  return (
    <div>
      <Upload showUploadList={false} beforeUpload={(f) => {
        setErr(undefined);
        uploadToCase(caseId, f, f.name).then(() => qc.invalidateQueries({ queryKey: caseKeys.part(caseId, 'attachments') })).catch((e: Error) => setErr(e.message));
        return false;
      }}><Button icon={<UploadOutlined />} size="small">{t('files.upload')}</Button></Upload>
      {err && <Typography.Text type="danger" role="alert"> {err}</Typography.Text>}
      <List size="small" dataSource={files.data?.items ?? []} loading={files.isPending} locale={{ emptyText: t('files.none') }} renderItem={(a) => <AttachmentItem caseId={caseId} a={a} />} />
    </div>
  );
}

/** 评论: shown as text (markup in comments is never run). */
export function CommentsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const list = useQuery({ queryKey: caseKeys.part(caseId, 'comments'), queryFn: () => fetchComments(caseId) });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/cases/{id}/comments', { params: { path: { id: caseId } }, body: { body: body.trim() } })),
    onSuccess: () => { setBody(''); void qc.invalidateQueries({ queryKey: caseKeys.part(caseId, 'comments') }); },
  });
  return (
    <div>
      <List size="small" dataSource={list.data?.items ?? []} loading={list.isPending} locale={{ emptyText: t('comments.none') }}
        renderItem={(c) => <List.Item><List.Item.Meta description={`${c.userName ?? c.userId} · ${dayjs(c.createdAt).format('MM-DD HH:mm')}`} title={<span className="tb-user-text" data-testid="comment-body">{c.body}</span>} /></List.Item>} />
      <Space.Compact style={{ width: '100%' }}>
        <Input aria-label={t('comments.add')} placeholder={t('comments.add')} value={body} maxLength={2000} onChange={(e) => setBody(e.target.value)} onPressEnter={() => { if (body.trim() && !add.isPending) add.mutate(); }} />
        <Button onClick={() => add.mutate()} disabled={!body.trim() || add.isPending} loading={add.isPending}>{t('comments.send')}</Button>
      </Space.Compact>
    </div>
  );
}

/** An external call's tag colour: done, failed for good, seeded history (never sent: plain), or still under way. */
function callTone(status: string) {
  if (status === 'done') return tones.ok;
  if (status === 'seeded') return undefined;
  return status === 'dead' || status === 'failed' ? tones.bad : tones.warn;
}

/** 关联案件 and 外部调用. */
export function RelatedPanel({ o }: { o: CaseOverview }) {
  const { t } = useTranslation();
  const cases = [...(o.parent ? [{ ...o.parent, rel: t('related.parent') }] : []), ...o.children.map((c) => ({ ...c, rel: t('related.child') }))];
  return (
    <div>
      <List size="small" header={t('related.cases')} dataSource={cases} locale={{ emptyText: t('related.none') }}
        renderItem={(c) => <List.Item><Link to={`/cases/${c.id}`}>{c.ref}</Link> <Tag>{c.rel}</Tag> {pick(c.title)} · {pick(c.stateTitle)}</List.Item>} />
      <List size="small" header={t('related.adapters')} dataSource={o.adapterCalls} locale={{ emptyText: t('related.noCalls') }}
        renderItem={(a) => <List.Item><code>{a.operation}</code> <Tag style={callTone(a.status)}>{t(`related.status.${a.status}`, { defaultValue: a.status })}</Tag> {t('related.attempts', { count: a.attempts })}</List.Item>} />
    </div>
  );
}
