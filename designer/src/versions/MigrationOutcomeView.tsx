/** After a publish with a migration: the version, the cases moved to it, and those left on the old one with why. */
import { Alert, List, Tag, Typography } from 'antd';
import type { MigrationOutcome, MigrationPlan } from '../api/designerApi.ts';
import { useEditor } from '../editor/EditorContext.tsx';
import { ApiError } from '../shell/shellApi.ts';
import { tx } from '../i18n/tx.ts';

export function MigrationOutcomeView({ version, plan, outcome, error }: { version: number; plan?: MigrationPlan; outcome?: MigrationOutcome; error?: ApiError }) {
  const { lang } = useEditor();
  return (
    <div data-testid="migration-outcome">
      <Alert type="success" showIcon message={tx(lang, 'publish.done', { version })} />
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon data-testid="migration-error" message={tx(lang, 'migration.failed', { from: plan?.from ?? 0 })} description={error instanceof ApiError ? `${error.code}: ${error.message}` : String(error)} />}
      {outcome && (
        <>
          <Typography.Paragraph style={{ marginTop: 8 }} data-testid="migration-summary" data-migrated={outcome.migrated.length} data-left={outcome.left.length}>
            {tx(lang, 'migration.outcome', { moved: outcome.migrated.length, left: outcome.left.length, to: version, from: plan?.from ?? 0 })}
          </Typography.Paragraph>
          {outcome.left.length > 0 && <List size="small" bordered dataSource={outcome.left} renderItem={(l) => (
            <List.Item><Tag color="orange">{tx(lang, 'migration.stays', { from: plan?.from ?? 0 })}</Tag>{l.caseId} — {l.diagnostics.map((d) => d.message[lang]).join('；')}</List.Item>)} />}
        </>
      )}
    </div>
  );
}
