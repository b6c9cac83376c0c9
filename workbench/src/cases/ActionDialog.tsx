/**
 * The dialog of one action (a full screen on a phone): the inputs it requires — 意见, 手写签名,
 * 附件, the person on the org tree for 转办 / 委派 / 加签 / 抄送, before/after for 加签 — and where a
 * 驳回 goes. Nothing is sent twice: the button is busy until the answer comes.
 */
import { tones } from '../shared/tones.ts';
import { useState } from 'react';
import { Alert, Button, Form, Grid, Input, Modal, Radio, Space, Tag, Upload } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OrgUserPicker } from '../shared/OrgUserPicker.tsx';
import { SignaturePad } from '../forms/SignaturePad.tsx';
import { pick } from '../i18n/i18n.ts';
import type { AvailableAction } from './caseQueries.ts';
import { needsUsers, type ActionInput } from './actionRequest.ts';

/** Props of the dialog. */
export interface ActionDialogProps {
  action: AvailableAction | null;
  /** where a reject/return goes, in words (from the definition) */
  target?: string;
  busy: boolean;
  error?: string;
  upload: (file: Blob, name: string) => Promise<{ id: string }>;
  onCancel: () => void;
  onSubmit: (input: ActionInput) => void;
}

/** The action dialog. */
export function ActionDialog({ action, target, busy, error, upload, onCancel, onSubmit }: ActionDialogProps) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const [comment, setComment] = useState('');
  const [users, setUsers] = useState<string[]>([]);
  const [position, setPosition] = useState<'before' | 'after'>('after');
  const [signature, setSignature] = useState<string>();
  const [files, setFiles] = useState<Array<{ id: string; name: string }>>([]);
  const [uploading, setUploading] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  if (!action) return null;
  const req = new Set(action.requires);
  const wantsUsers = action.kind === 'operation' && needsUsers.has(action.name);
  const title = action.title ? pick(action.title) : t(`action.op.${action.name}`, { defaultValue: action.name });
  const submit = () => {
    if (busy) return;
    const lack = [
      ...(req.has('comment') && !comment.trim() ? [t('action.comment')] : []),
      ...(req.has('signature') && !signature ? [t('signature.label')] : []),
      ...(req.has('attachment') && !files.length ? [t('action.attachment')] : []),
      ...(wantsUsers && !users.length ? [t('action.target')] : []),
    ];
    setMissing(lack);
    if (lack.length) return;
    onSubmit({ comment, users, position, signature, attachments: files.map((f) => f.id) });
  };
  return (
    <Modal open title={title} onCancel={onCancel} destroyOnHidden maskClosable={false}
      width={phone ? '100%' : 640} style={phone ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      styles={phone ? { body: { minHeight: 'calc(100vh - 120px)' } } : undefined}
      footer={<Space><Button onClick={onCancel}>{t('action.cancel')}</Button><Button type="primary" loading={busy} disabled={busy || uploading} onClick={submit} data-testid="action-submit">{t('action.confirm')}</Button></Space>}>
      <Form layout="vertical">
        {target && <Alert type="warning" showIcon title={t('action.goesTo', { target })} style={{ marginBottom: 12 }} />}
        {wantsUsers && (
          <Form.Item label={t('action.target')} required>
            <OrgUserPicker value={users} onChange={setUsers} multiple={action.name === 'addSigner' || action.name === 'copy' || action.name === 'removeSigner'} />
          </Form.Item>
        )}
        {action.name === 'addSigner' && (
          <Form.Item label={t('action.position')}>
            <Radio.Group value={position} onChange={(e) => setPosition(e.target.value)} options={[{ value: 'before', label: t('action.before') }, { value: 'after', label: t('action.after') }]} />
          </Form.Item>
        )}
        <Form.Item label={t('action.comment')} required={req.has('comment')} htmlFor="action-comment">
          <Input.TextArea id="action-comment" rows={4} maxLength={2000} showCount value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
        {req.has('signature') && (
          <Form.Item label={t('signature.label')} required>
            {signature ? <Space><Tag style={tones.ok}>{t('signature.done')}</Tag><Button size="small" onClick={() => setSignature(undefined)}>{t('signature.redo')}</Button></Space>
              : <SignaturePad onSigned={async (png) => { const f = await upload(png, 'signature.png'); setSignature(f.id); }} />}
          </Form.Item>
        )}
        {(req.has('attachment') || action.kind === 'decision') && (
          <Form.Item label={t('action.attachment')} required={req.has('attachment')}>
            <Upload multiple showUploadList={false} beforeUpload={(file) => {
              setUploading(true);
              upload(file, file.name).then((f) => setFiles((x) => [...x, { id: f.id, name: file.name }])).finally(() => setUploading(false));
              return false;
            }}><Button icon={<PaperClipOutlined />} loading={uploading}>{t('action.addFile')}</Button></Upload>
            <div>{files.map((f) => <Tag key={f.id} closable onClose={() => setFiles((x) => x.filter((y) => y.id !== f.id))}>{f.name}</Tag>)}</div>
          </Form.Item>
        )}
        {missing.length > 0 && <Alert type="error" role="alert" title={t('action.missing', { list: missing.join('、') })} />}
        {error && <Alert type="error" role="alert" title={error} style={{ marginTop: 8 }} />}
      </Form>
    </Modal>
  );
}
