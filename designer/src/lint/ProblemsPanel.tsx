/** 问题: the engine's diagnostics for the draft, errors first; a click selects what each one points at. */
import { useTranslation } from 'react-i18next';
import { List, Tag, Typography } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';

export function ProblemsPanel() {
  const { check, reveal, lang } = useEditor();
  const { t } = useTranslation();
  const items = [...check.diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <List size="small" data-testid="problems" dataSource={items} locale={{ emptyText: t('lint.none') }}
      renderItem={(d, i) => (
        <List.Item key={i} style={{ cursor: 'pointer' }} data-testid={`problem-${i}`} data-code={d.code} onClick={() => reveal(d.path)}>
          <Tag color={d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'orange' : 'blue'}>{d.severity === 'error' ? (lang === 'en' ? 'error' : '错误') : d.severity === 'warning' ? (lang === 'en' ? 'warning' : '警告') : (lang === 'en' ? 'info' : '提示')}</Tag>
          <span style={{ flex: 1 }}>{d.message[lang]}</span>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>{d.code} · {d.path || '/'}</Typography.Text>
        </List.Item>
      )} />
  );
}

/** The summary shown in the tab title and the toolbar. */
export function ProblemsSummary() {
  const { check } = useEditor();
  const { t } = useTranslation();
  return (
    <span data-testid="problems-summary" data-errors={check.errors}>
      {t('bottom.problems')} {check.errors > 0 && <Tag color="red">{check.errors}</Tag>}{check.warnings > 0 && <Tag color="orange">{check.warnings}</Tag>}
    </span>
  );
}
