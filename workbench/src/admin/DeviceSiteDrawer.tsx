/**
 * 设备台账 → 编辑: a device's grid (picked on the org tree, grids only) and a grid sensor's site — the place
 * (安装地点), building and map point with its datum. A site is optional (care devices have a resident instead);
 * when one is given its coordinates are required, because its alarms bring them to a grid incident.
 * Saved with the version read (a concurrent edit answers a coded conflict, shown as it came).
 */
import { useMemo } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Select, Space, TreeSelect, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/openapiTypes.ts';
import { buildOrgTree, type OrgNode } from '../shared/orgTree.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

type Device = components['schemas']['Device'];
type Datum = NonNullable<Device['site']>['datum'];
interface SiteForm { orgPath: string; place?: string; buildingId?: string; lat?: number | null; lng?: number | null; datum: Datum }

/** A grid is the fourth level (county / township / community / grid): only grids take devices. */
const isGrid = (path: string) => path.split('/').filter(Boolean).length === 4;
const gridsOnly = (nodes: OrgNode[]): Array<OrgNode & { selectable: boolean }> =>
  nodes.map((n) => ({ ...n, selectable: isGrid(n.value), children: gridsOnly(n.children) }));

/** The device's site as the API takes it, or undefined when the form gives none. */
export function siteOfForm(v: SiteForm): Device['site'] {
  const blank = (x: unknown) => x === undefined || x === null || x === '';
  if (blank(v.lat) && blank(v.lng) && blank(v.place) && blank(v.buildingId)) return undefined;
  return { lat: Number(v.lat), lng: Number(v.lng), datum: v.datum, ...(v.place ? { place: v.place } : {}), ...(v.buildingId ? { buildingId: v.buildingId } : {}) };
}

/** The drawer (closed when `device` is undefined); `inline` renders it in place instead of on the page body (a story). */
export function DeviceSiteDrawer({ device, onClose, inline }: { device: Device | undefined; onClose: () => void; inline?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<SiteForm>();
  const units = useQuery({ queryKey: ['org-units'], queryFn: () => unwrap(api.GET('/api/org-units')), enabled: !!device });
  const tree = useMemo(() => gridsOnly(buildOrgTree(units.data?.items ?? [])), [units.data]);
  const save = useMutation({
    mutationFn: (v: SiteForm) => {
      const d = device!;
      const site = siteOfForm(v);
      return unwrap(api.PUT('/api/devices/{id}', { params: { path: { id: d.id } }, body: {
        type: d.type as never, orgPath: v.orgPath, status: d.status, expectedVersion: d.version,
        ...(d.residentId ? { residentId: d.residentId } : {}), ...(d.account ? { account: d.account } : {}), ...(site ? { site } : {}) } }));
    },
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: ['devices'] }); onClose(); },
  });
  // a coordinate is required once any part of a site is filled in
  const needsPoint = ({ getFieldValue }: { getFieldValue: (k: keyof SiteForm) => unknown }) => ({
    validator: (_: unknown, v: unknown) => (v === undefined || v === null || v === '') && (['place', 'buildingId', 'lat', 'lng'] as const).some((k) => { const x = getFieldValue(k); return x !== undefined && x !== null && x !== ''; })
      ? Promise.reject(new Error(t('registry.site.pointRequired'))) : Promise.resolve(),
  });
  return (
    <Drawer open={!!device} onClose={onClose} title={device ? t('registry.site.edit', { id: device.id }) : ''} size="default" destroyOnHidden {...(inline ? { getContainer: false as const } : {})}>
      {device && (
        <Form<SiteForm> form={form} layout="vertical" data-testid="device-site-form" onFinish={(v) => save.mutate(v)}
          initialValues={{ orgPath: device.orgPath, place: device.site?.place, buildingId: device.site?.buildingId, lat: device.site?.lat, lng: device.site?.lng, datum: device.site?.datum ?? 'CGCS2000' }}>
          <ErrorAlert error={save.error} />
          <Form.Item name="orgPath" label={t('registry.site.grid')} rules={[{ required: true }]} extra={t('registry.site.gridHint')}>
            <TreeSelect data-testid="device-site-grid" treeData={tree} loading={units.isPending} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('registry.site.hint')}</Typography.Paragraph>
          <Form.Item name="place" label={t('registry.site.place')} rules={[{ max: 60 }]}><Input data-testid="device-site-place" maxLength={60} /></Form.Item>
          <Form.Item name="buildingId" label={t('registry.site.building')} rules={[{ max: 40 }]}><Input data-testid="device-site-building" maxLength={40} /></Form.Item>
          <Space wrap>
            <Form.Item name="lat" label={t('registry.site.lat')} dependencies={['place', 'buildingId', 'lng']} rules={[needsPoint]}>
              <InputNumber data-testid="device-site-lat" min={3} max={54} step={0.000001} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="lng" label={t('registry.site.lng')} dependencies={['place', 'buildingId', 'lat']} rules={[needsPoint]}>
              <InputNumber data-testid="device-site-lng" min={73} max={136} step={0.000001} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="datum" label={t('registry.site.datum')}>
              <Select<Datum> data-testid="device-site-datum" style={{ width: 130 }} options={(['CGCS2000', 'WGS84'] as const).map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="device-site-save">{t('admin.save')}</Button>
        </Form>
      )}
    </Drawer>
  );
}
