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

export const ImportWizard: StoryObj = { render: () => <ImportPage /> };
