/**
 * 督办中心: cards for the user's scope (在办, 即将超时, 已超时, 本月办结率, 按时办结率), backlog and overdue
 * by org unit (click a bar to go down the tree, or to the overdue cases of a grid), SLA compliance by
 * week, and by service item — all SQL aggregates from the API. Each chart also has a table (keyboard
 * and screen-reader users read the same numbers).
 */
import { lazy, Suspense, useMemo } from 'react';
import { Breadcrumb, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { LoadingState } from '../shared/LoadingState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { useOrgUnits } from '../shared/lookups.ts';
import { BreakGlassQueue } from './BreakGlassQueue.tsx';

const EChart = lazy(() => import('./EChart.tsx'));
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** The oversight screen. */
export default function OversightPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgPath = params.get('orgPath') ?? undefined;
  const q = { query: orgPath ? { orgPath } : {} };
  const summary = useQuery({ queryKey: ['oversight', 'summary', orgPath], queryFn: () => unwrap(api.GET('/api/oversight/summary', { params: q })) });
  const byOrg = useQuery({ queryKey: ['oversight', 'by-org', orgPath], queryFn: () => unwrap(api.GET('/api/oversight/by-org', { params: q })) });
  const byItem = useQuery({ queryKey: ['oversight', 'by-item', orgPath], queryFn: () => unwrap(api.GET('/api/oversight/by-item', { params: q })) });
  const trend = useQuery({ queryKey: ['oversight', 'trend', orgPath], queryFn: () => unwrap(api.GET('/api/oversight/trend', { params: { query: { ...(orgPath ? { orgPath } : {}), weeks: 12 } } })) });
  const orgs = useOrgUnits();
  const here = summary.data?.orgPath ?? orgPath;
  const crumbs = here ? here.split('/').filter(Boolean).map((_, i, a) => '/' + a.slice(0, i + 1).join('/')).filter((p) => orgs.data?.names.has(p)) : [];
  const rows = byOrg.data?.items ?? [];
  const drill = (i: number) => {
    const r = rows[i];
    if (!r) return;
    if (r.orgPath.split('/').length - 1 >= 4) navigate(`/cases?orgPath=${encodeURIComponent(r.orgPath)}&sla=overdue`);
    else setParams({ orgPath: r.orgPath });
  };
  const orgOption = useMemo(() => ({
    // the legend above the bars and room below for the units' names (long ones, 太和镇综合执法中队, are cut
    // with an ellipsis; the table under the chart has them in full): nothing overlaps
    tooltip: { trigger: 'axis' }, legend: { top: 0, data: [t('oversight.open'), t('oversight.overdue')] }, grid: { top: 32, left: 40, right: 10, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 30, interval: 0, width: 96, overflow: 'truncate' } }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('oversight.open'), type: 'bar', data: rows.map((r) => r.open), itemStyle: { color: '#0958d9' } }, { name: t('oversight.overdue'), type: 'bar', data: rows.map((r) => r.overdue), itemStyle: { color: '#cf1322' } }],
  }), [rows, t]);
  const weeks = trend.data?.items ?? [];
  const trendOption = useMemo(() => ({
    tooltip: { trigger: 'axis' }, grid: { left: 40, right: 10, bottom: 30 }, xAxis: { type: 'category', data: weeks.map((w) => dayjs(w.weekStart).format('MM-DD')) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: t('oversight.onTimeRate'), type: 'line', data: weeks.map((w) => (w.onTimeRate === null ? null : Math.round(w.onTimeRate * 1000) / 10)), connectNulls: true }],
  }), [weeks, t]);
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>{t('menu.oversight')}</Typography.Title>
      <Breadcrumb items={crumbs.map((p) => ({ title: <a onClick={() => setParams({ orgPath: p })}>{orgs.data?.names.get(p)}</a> }))} style={{ marginBottom: 12 }} />
      {!s ? <LoadingState /> : (
        <Row gutter={[12, 12]}>
          {[['openCases', s.openCases], ['atRisk', s.atRisk], ['overdue', s.overdue]].map(([k, v]) => <Col xs={12} md={4} key={k as string}><Card size="small"><Statistic title={t(`oversight.${k}`)} value={v as number} /></Card></Col>)}
          <Col xs={12} md={4}><Card size="small"><Statistic title={t('oversight.closedThisMonth')} value={s.closedThisMonth} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={t('oversight.completionRate')} value={pct(s.completionRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={t('oversight.onTimeRate')} value={pct(s.onTimeRate)} /></Card></Col>
        </Row>
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('oversight.byOrg')}>
            <Suspense fallback={<LoadingState />}>{rows.length > 0 && <EChart option={orgOption} onClick={drill} label={t('oversight.byOrg')} />}</Suspense>
            <Table size="small" rowKey="orgPath" pagination={false} loading={byOrg.isPending} dataSource={rows} columns={[
              { title: t('queue.col.org'), dataIndex: 'name', render: (n: string, r) => <a onClick={() => drill(rows.indexOf(r))} data-testid="org-drill">{n}</a> },
              { title: t('oversight.open'), dataIndex: 'open' }, { title: t('oversight.atRisk'), dataIndex: 'atRisk' },
              { title: t('oversight.overdue'), dataIndex: 'overdue', render: (n: number, r) => n ? <Link to={`/cases?orgPath=${encodeURIComponent(r.orgPath)}&sla=overdue`} data-testid="overdue-link">{n}</Link> : n },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('oversight.trend')}>
            <Suspense fallback={<LoadingState />}>{weeks.length > 0 && <EChart option={trendOption} label={t('oversight.trend')} />}</Suspense>
          </Card>
          <Card size="small" title={t('oversight.byItem')} style={{ marginTop: 12 }}>
            <Table size="small" rowKey="definitionId" pagination={false} loading={byItem.isPending} dataSource={byItem.data?.items ?? []} columns={[
              { title: t('queue.col.item'), dataIndex: 'title', render: (x: { 'zh-CN': string }) => x['zh-CN'] },
              { title: t('oversight.openCases'), dataIndex: 'openCases' }, { title: t('oversight.atRisk'), dataIndex: 'atRisk' },
              { title: t('oversight.overdue'), dataIndex: 'overdue', render: (n: number, r) => n ? <Link to={`/cases?definitionId=${encodeURIComponent(r.definitionId)}&sla=overdue`}>{n}</Link> : n },
            ]} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('breakGlass.title')} style={{ marginTop: 12 }}><BreakGlassQueue /></Card>
    </div>
  );
}
