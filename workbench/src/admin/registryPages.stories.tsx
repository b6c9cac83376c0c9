/**
 * The registry pages of 系统管理 (居民档案, 设备台账, 数据导入导出) with their lists seeded in the query
 * cache (no server in a story): masked residents, devices in their three statuses, the import wizard.
 */
import type { Meta, StoryObj } from '@storybook/react';
import { useQueryClient } from '@tanstack/react-query';
import ResidentsPage from './residentsPage.tsx';
import DevicesPage from './devicesPage.tsx';
import ImportPage from './importPage.tsx';
import { RetireResident } from './RetireResident.tsx';
import { DeviceSiteDrawer } from './DeviceSiteDrawer.tsx';

const meta: Meta = { title: 'Admin/Registry' };
export default meta;

const GRID = '/510722/510722100/510722100001/510722100001001';
const now = Date.UTC(2026, 10, 30, 8);
const resident = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id, name, idNumber: '5****************3', orgPath: GRID, phone: '138****1234', version: 1, createdAt: now, updatedAt: now, masked: ['name', 'idNumber', 'phone'], hidden: ['categories'], ...extra,
});
const residents = [resident('r-1', '吕*兰', { categories: ['elder', 'living-alone'], hidden: [] }), resident('r-2', '张*'), resident('r-3', '王*明')];
const devices = [
  { id: 'dev-001', type: 'sos_button', orgPath: GRID, residentId: 'r-1', residentName: '吕*兰', status: 'active', lastSeenAt: now - 60_000, version: 1, createdAt: now, updatedAt: now },
  { id: 'dev-004', type: 'smoke', orgPath: GRID, residentId: 'r-2', residentName: '张*', status: 'silent', lastSeenAt: now - 3 * 86_400_000, version: 2, createdAt: now, updatedAt: now },
  { id: 'dev-009', type: 'door', orgPath: GRID, status: 'retired', version: 3, createdAt: now, updatedAt: now },
  { id: 'gs-smoke-0601-001', type: 'smoke', orgPath: GRID, status: 'active', lastSeenAt: now - 120_000, version: 1, createdAt: now, updatedAt: now,
    site: { lat: 30.5021, lng: 105.5833, datum: 'CGCS2000', place: '幸福小区3栋2单元楼道', buildingId: 'B-003' } },
];

function Seeded({ children, seed }: { children: React.ReactNode; seed: (qc: ReturnType<typeof useQueryClient>) => void }) {
  seed(useQueryClient());
  return <>{children}</>;
}

export const Residents: StoryObj = {
  render: () => <Seeded seed={(qc) => qc.setQueryData(['residents', {}], { pages: [{ items: residents }], pageParams: [undefined] })}><ResidentsPage /></Seeded>,
};

/** 注销: the reason and the confirm (a registered resident), and the notice of a retired one. */
export const RetireControl: StoryObj = { render: () => <RetireResident resident={{ id: 'r-2', version: 1 }} /> };
export const RetiredResident: StoryObj = { render: () => <RetireResident resident={{ id: 'r-3', version: 2, retiredAt: now, retiredReason: 'moved-away' }} /> };

export const Devices: StoryObj = {
  render: () => <Seeded seed={(qc) => qc.setQueryData(['devices', {}], { pages: [{ items: devices }], pageParams: [undefined] })}><DevicesPage /></Seeded>,
};

const units = [
  { path: '/510722', code: '510722', name: '涪江县', level: 'county', parentPath: null },
  { path: '/510722/510722100', code: '510722100', name: '太和镇', level: 'township', parentPath: '/510722' },
  { path: '/510722/510722100/510722100001', code: '510722100001', name: '金鱼社区', level: 'community', parentPath: '/510722/510722100' },
  { path: GRID, code: '510722100001001', name: '金鱼社区第1网格', level: 'grid', parentPath: '/510722/510722100/510722100001' },
  { path: '/510722/510722100/510722100001/510722100001002', code: '510722100001002', name: '金鱼社区第2网格', level: 'grid', parentPath: '/510722/510722100/510722100001' },
];

/** 编辑: a grid sensor's grid on the org tree (grids only) and its site. */
export const DeviceSiteEdit: StoryObj = {
  render: () => <Seeded seed={(qc) => qc.setQueryData(['org-units'], { items: units })}><DeviceSiteDrawer device={devices[3] as never} onClose={() => undefined} inline /></Seeded>,
};

export const ImportWizard: StoryObj = { render: () => <ImportPage /> };
