/** The queue's filters (service item, status, due window, SLA status, org unit down the tree, sort); every value lives in the URL. */
import { Select, Space, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDefinitions, useOrgUnits } from '../shared/lookups.ts';
import { buildOrgTree } from '../shared/orgTree.ts';

/** Filter controls bound to URL search params. */
export function QueueFilters({ params, set }: { params: URLSearchParams; set: (key: string, value: string | undefined) => void }) {
  const { t } = useTranslation();
  const defs = useDefinitions();
  const orgs = useOrgUnits();
  const opt = (values: string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Space wrap>
      <Select aria-label={t('filter.item')} placeholder={t('filter.item')} allowClear style={{ minWidth: 150 }} value={params.get('definitionId') ?? undefined}
        onChange={(v) => set('definitionId', v)} options={(defs.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))} />
      <Select aria-label={t('filter.status')} placeholder={t('filter.status')} style={{ minWidth: 110 }} value={params.get('status') ?? 'open'}
        onChange={(v) => set('status', v === 'open' ? undefined : v)} options={opt(['open', 'pending', 'waiting', 'delegated', 'done'], 'taskStatus')} />
      <Select aria-label={t('filter.due')} placeholder={t('filter.due')} allowClear style={{ minWidth: 120 }} value={params.get('due') ?? undefined}
        onChange={(v) => set('due', v)} options={opt(['today', '3d', '7d'], 'filter.dueWindow')} />
      <Select aria-label={t('filter.sla')} placeholder={t('filter.sla')} allowClear style={{ minWidth: 120 }} value={params.get('sla') ?? undefined}
        onChange={(v) => set('sla', v)} options={opt(['on-track', 'at-risk', 'overdue', 'none'], 'deadline.status')} />
      <TreeSelect aria-label={t('filter.org')} placeholder={t('filter.org')} allowClear style={{ minWidth: 180 }} value={params.get('orgPath') ?? undefined}
        onChange={(v) => set('orgPath', v as string | undefined)} treeData={orgs.data ? buildOrgTree(orgs.data.items) : []} treeDefaultExpandAll={false} />
      <Select aria-label={t('filter.sort')} style={{ minWidth: 120 }} value={params.get('sort') ?? 'due'} onChange={(v) => set('sort', v === 'due' ? undefined : v)}
        options={[{ value: 'due', label: t('filter.sortDue') }, { value: 'priority', label: t('filter.sortPriority') }]} />
    </Space>
  );
}
