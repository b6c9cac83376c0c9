/**
 * The spreadsheet template of each kind: its columns in order, zh-CN header first (English header
 * accepted too), what each holds and whether it is required. Templates, the header check, the
 * row reader and exports all read this one table.
 */

/** How a cell is read. `id-number`: text only (a number has lost digits); `list`: 、/，/; separated. */
export type CellKind = 'text' | 'id-number' | 'phone' | 'date' | 'list';

/** One column of a template. */
export interface Column { key: string; zh: string; en: string; kind: CellKind; required?: boolean; width?: number; hint?: string }

/** The kinds of import. */
export const importKinds = ['org-units', 'users', 'residents', 'devices'] as const;
export type ImportKind = (typeof importKinds)[number];

const col = (key: string, zh: string, en: string, kind: CellKind = 'text', extra: Partial<Column> = {}): Column => ({ key, zh, en, kind, width: 16, ...extra });

/** Columns per kind. */
export const importColumns: Record<ImportKind, Column[]> = {
  'org-units': [
    col('code', '组织编码', 'Org code', 'id-number', { required: true, width: 20, hint: '统计用区划代码：乡镇 9 位、村/社区 12 位、网格再加 3 位序号' }),
    col('name', '名称', 'Name', 'text', { required: true, width: 24 }),
  ],
  users: [
    col('username', '用户名', 'Username', 'text', { required: true }),
    col('name', '姓名', 'Name', 'text', { required: true }),
    col('orgCode', '组织编码', 'Org code', 'id-number', { required: true, width: 20 }),
    col('roles', '角色', 'Roles', 'list', { required: true, width: 24, hint: '如 网格员、社区工作者（多个用顿号分隔）' }),
  ],
  residents: [
    col('name', '姓名', 'Name', 'text', { required: true }),
    col('idNumber', '身份证号', 'ID number', 'id-number', { required: true, width: 22 }),
    col('sex', '性别', 'Sex'),
    col('birthDate', '出生日期', 'Birth date', 'date', { width: 12 }),
    col('phone', '手机号', 'Phone', 'phone', { width: 14 }),
    col('gridCode', '网格编码', 'Grid code', 'id-number', { required: true, width: 18 }),
    col('address', '住址', 'Address', 'text', { width: 28 }),
    col('categories', '人员类别', 'Categories', 'list', { width: 20, hint: '老年人、独居老人、空巢老人、残疾人、低保、特困' }),
    col('householdId', '户编号', 'Household id'),
    col('householdRelation', '与户主关系', 'Relation to head'),
    col('contactName', '紧急联系人', 'Emergency contact'),
    col('contactPhone', '紧急联系人电话', 'Contact phone', 'phone', { width: 14 }),
    col('contactRelation', '紧急联系人关系', 'Contact relation'),
  ],
  devices: [
    col('id', '设备编号', 'Device id', 'text', { required: true }),
    col('type', '设备类型', 'Device type', 'text', { required: true, hint: '一键呼叫按钮、跌倒探测器、烟感、门磁…' }),
    col('gridCode', '网格编码', 'Grid code', 'id-number', { required: true, width: 18 }),
    col('residentIdNumber', '居民身份证号', 'Resident ID number', 'id-number', { width: 22 }),
    col('status', '状态', 'Status'),
    col('account', '报警主机账号', 'Panel account'),
    col('sitePlace', '安装地点', 'Site place', 'text', { width: 24, hint: '网格传感器（不绑定居民）的安装地点，如 3栋2单元楼道' }),
    col('siteBuilding', '楼栋编号', 'Building id'),
    col('siteLat', '纬度', 'Latitude', 'text', { width: 12, hint: '如 30.871；填写安装地点时必填' }),
    col('siteLng', '经度', 'Longitude', 'text', { width: 12, hint: '如 105.382；填写安装地点时必填' }),
    col('siteDatum', '坐标系', 'Datum', 'text', { width: 12, hint: 'CGCS2000（默认）或 WGS84' }),
  ],
};

/** Limits of one upload: bytes and data rows (the header row not counted). */
export const importLimits = { maxBytes: 8 * 1024 * 1024, maxRows: 20_000 } as const;

/** The spreadsheet column letter of a 1-based index (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}
