/** 流程记录 and 后续环节: done steps (who, when, decision, comment, signature), the current steps with 「为什么是我」, the predicted steps ahead. */
import { tones } from '../shared/tones.ts';
import { Collapse, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { actorLabel } from './actorLabel.ts';
import { DeadlineTag } from '../deadlines/DeadlineTag.tsx';
import { pick } from '../i18n/i18n.ts';
import type { CaseOverview } from './caseQueries.ts';

/** The process timeline of a case. */
export function ProcessPanel({ o }: { o: CaseOverview }) {
  const { t } = useTranslation();
  const items = [
    ...o.trail.map((s) => ({
      color: 'green',
      children: (
        <div>
          <strong>{pick(s.title)}</strong> · {pick(s.decisionTitle)}
          <div><Typography.Text type="secondary">{actorLabel(t, s.by, s.byName)} · {dayjs(s.at).format('YYYY-MM-DD HH:mm')}</Typography.Text></div>
          {s.comment && <div className="tb-user-text">{t('case.comment')}：{s.comment}</div>}
          {s.signature && <Tag style={tones.info}>{t('case.signed')}</Tag>}
        </div>
      ),
    })),
    ...o.current.map((c) => ({
      color: 'blue',
      children: (
        <div data-testid="current-step">
          <strong>{pick(c.title)}</strong> <Tag style={tones.info}>{t('case.current')}</Tag> <DeadlineTag deadline={c.deadline} />
          <div><Typography.Text type="secondary">{c.assigneeName ?? (c.group ? t('case.group', { count: c.candidates }) : '—')}</Typography.Text></div>
          {c.why.length > 0 && (
            <Collapse size="small" ghost items={[{ key: 'why', label: t('case.why'), children: <ol style={{ margin: 0, paddingInlineStart: 18 }}>{c.why.map((w, i) => <li key={i}>{pick(w)}</li>)}</ol> }]} />
          )}
        </div>
      ),
    })),
    ...o.ahead.map((a) => ({ color: 'gray', children: <div><span>{pick(a.title)}</span> <Tag>{a.final ? t('case.end') : t('case.ahead')}</Tag></div> })),
  ];
  return <Timeline items={items} />;
}
