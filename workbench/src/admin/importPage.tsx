/**
 * 数据导入导出, the import wizard: choose a kind → download its template → upload and check (a dry
 * run: every row's problem with its row and column, nothing written) → import (all or nothing) —
 * and exports of the admin's scope, masked unless revealed with a purpose (audited). An import of
 * users shows the new accounts' one-time initial passwords once.
 */
import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/ApiError.ts';
import { InitialPasswords } from './InitialPasswords.tsx';
import { downloadTemplate, exportSheet, uploadSheet, type ImportKind, type Refusal } from './importApi.ts';

const kinds: ImportKind[] = ['org-units', 'users', 'residents', 'devices'];
const purposes = ['registry-maintenance', 'verify-identity', 'call-back', 'emergency', 'handle-case'];
type Problem = Refusal['problems'][number];

/** The wizard. */
export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = (kinds.includes(params.get('kind') as ImportKind) ? params.get('kind') : 'residents') as ImportKind;
  const [file, setFile] = useState<File | undefined>();
  const [purpose, setPurpose] = useState<string | undefined>();
  const check = useMutation({ mutationFn: (f: File) => uploadSheet(kind, 'dry-run', f) });
  const apply = useMutation({ mutationFn: (f: File) => uploadSheet(kind, 'apply', f) });
  const files = useMutation({ mutationFn: (job: () => Promise<void>) => job() });
  const report = check.data?.report;
  const refusal = apply.data?.refusal ?? check.data?.refusal;
  const problems: Problem[] = refusal?.problems ?? report?.problems ?? [];
  const applied = apply.data?.report?.applied;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const reset = () => { setFile(undefined); check.reset(); apply.reset(); };
  const step = applied ? 3 : report && !report.errors ? 2 : file ? 1 : 0;
  const summary = (r: NonNullable<typeof report>) => t('import.summary', { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, errors: r.errors, warnings: r.warnings });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('registry.import')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('import.kind')}</span>
        <Select<ImportKind> aria-label={t('import.kind')} value={kind} style={{ width: 200 }} data-testid="import-kind"
          onChange={(k) => { reset(); setParams({ kind: k }, { replace: true }); }} options={kinds.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))} />
      </Space>
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[{ title: t('import.step.template') }, { title: t('import.step.upload') }, { title: t('import.step.import') }]} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button onClick={() => files.mutate(() => downloadTemplate(kind, 'xlsx'))} data-testid="template-xlsx">{t('import.templateXlsx')}</Button>
          <Button onClick={() => files.mutate(() => downloadTemplate(kind, 'csv'))}>{t('import.templateCsv')}</Button>
          <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { reset(); setFile(f); return false; }} onRemove={reset} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
            <Button data-testid="choose-file">{t('import.chooseFile')}</Button>
          </Upload>
          <Button type="primary" disabled={!file} loading={check.isPending} onClick={() => file && check.mutate(file)} data-testid="import-check">{t('import.check')}</Button>
          <Button type="primary" danger disabled={!file || !report || report.errors > 0 || !!applied} loading={apply.isPending} onClick={() => file && apply.mutate(file)} data-testid="import-apply">{t('import.apply')}</Button>
        </Space>
      </Card>
      {[check.error, apply.error, files.error].filter(Boolean).map((e, i) => <Alert key={i} style={{ marginBottom: 8 }} type="error" role="alert" title={(e as ApiError).message} description={(e as ApiError).code} />)}
      {refusal && <Alert style={{ marginBottom: 8 }} type="error" role="alert" title={refusal.message} description={refusal.report ? t('import.hasErrors', { count: refusal.report.errors }) : refusal.code} />}
      {report && !applied && <Alert style={{ marginBottom: 8 }} type={report.errors ? 'error' : 'success'} showIcon role="status" data-testid="import-summary"
        title={report.errors ? t('import.hasErrors', { count: report.errors }) : t('import.noErrors')} description={summary(report)} />}
      {applied && apply.data?.report && <Alert style={{ marginBottom: 8 }} type="success" showIcon role="status" data-testid="import-done" title={t('import.applied')} description={summary(apply.data.report)}
        action={<Button size="small" onClick={reset}>{t('import.again')}</Button>} />}
      {applied && apply.data?.report?.initialPasswords?.length ? <InitialPasswords items={apply.data.report.initialPasswords} /> : null}
      {problems.length > 0 && (
        <Table<Problem> size="small" rowKey={(p) => `${p.row ?? 0}-${p.column}-${p.code}`} dataSource={problems} pagination={{ pageSize: 50 }} data-testid="import-problems" columns={[
          { title: t('import.col.row'), dataIndex: 'row', width: 70, render: (v?: number) => v ?? '—' },
          { title: t('import.col.column'), dataIndex: 'column', width: 70 },
          { title: t('import.col.header'), dataIndex: 'header', width: 140 },
          { title: t('import.col.severity'), dataIndex: 'severity', width: 80, render: (s?: string) => <Tag color={s === 'warning' ? 'orange' : 'red'}>{t(`import.severity.${s ?? 'error'}`)}</Tag> },
          { title: t('import.col.message'), dataIndex: 'message', render: (m: Problem['message'], p) => <span data-testid="problem-message" data-code={p.code}>{m[lang]}</span> },
        ]} />
      )}
      <Card size="small" title={t('import.export')} style={{ marginTop: 16 }}>
        <Space wrap>
          <Button onClick={() => files.mutate(() => exportSheet(kind, 'xlsx'))} data-testid="export-masked">{t('import.exportMasked')}</Button>
          <Select aria-label={t('registry.revealPurpose')} placeholder={t('registry.revealPurpose')} value={purpose} onChange={setPurpose} style={{ width: 180 }} allowClear
            options={purposes.map((p) => ({ value: p, label: t(`registry.purposes.${p}`) }))} />
          <Button danger disabled={!purpose} onClick={() => files.mutate(() => exportSheet(kind, 'xlsx', purpose))}>{t('import.exportReveal')}</Button>
          <Typography.Text type="secondary">{t('import.exportPurpose')}</Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
