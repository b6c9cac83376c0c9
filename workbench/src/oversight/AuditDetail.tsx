/**
 * An audit entry's detail: the step in words when the server could say it (决定：从 → 到, from the
 * case's definition), with the entry as it was chained one click away; otherwise the chained JSON.
 */
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/i18n.ts';

/** The detail cell. */
export function AuditDetail({ detail, summary }: { detail: Record<string, unknown>; summary: { 'zh-CN': string; en: string } | null | undefined }) {
  const { t, i18n } = useTranslation();
  const raw = <code className="tb-user-text" style={{ fontSize: 12, wordBreak: 'break-all' }}>{JSON.stringify(detail)}</code>;
  if (!summary) return raw;
  return (
    <div>
      <span data-testid="audit-summary">{pick(summary, i18n.language)}</span>
      <details style={{ fontSize: 12 }}><summary style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.65)' }}>{t('audit.raw')}</summary>{raw}</details>
    </div>
  );
}
