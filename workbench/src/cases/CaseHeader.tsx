/** The case header: number, item and version, state, org unit, deadline countdown, urgency, 督办 flags. */
import { tones } from '../shared/tones.ts';
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { actorLabel } from './actorLabel.ts';
import { DeadlineTag } from '../deadlines/DeadlineTag.tsx';
import { pick } from '../i18n/i18n.ts';
import type { CaseOverview } from './caseQueries.ts';

/** The header of the case page. */
export function CaseHeader({ o, orgName }: { o: CaseOverview; orgName: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }} data-testid="case-ref">{o.ref}</Typography.Title>
        <DeadlineTag deadline={o.deadline} />
        {o.flags.map((f) => <Tag style={tones.bad} key={f}>{f}</Tag>)}
        {o.status !== 'active' && <Tag>{t(`caseStatus.${o.status}`, { defaultValue: o.status })}</Tag>}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 8 }} items={[
        { key: 'item', label: t('case.item'), children: `${pick(o.title)} v${o.definitionVersion}` },
        { key: 'state', label: t('case.state'), children: pick(o.stateTitle) },
        { key: 'org', label: t('case.org'), children: orgName },
        { key: 'by', label: t('case.startedBy'), children: actorLabel(t, o.createdBy, o.createdByName) },
      ]} />
    </div>
  );
}
