/**
 * Problems with one field of a registry record, coded and bilingual (zh-CN first). The API answers
 * them in `details.problems` with the field; the importer adds the row and the column letter.
 */

export const fieldProblemCatalog = {
  required: { zh: '必填项为空', en: 'Required value is empty' },
  'too-long': { zh: '内容过长', en: 'The value is too long' },
  'id-number.shape': { zh: '身份证号格式不对（应为 18 位，末位可为 X）', en: 'The ID number is malformed (18 characters, the last may be X)' },
  'id-number.birth-date': { zh: '身份证号中的出生日期不存在', en: 'The birth date inside the ID number is not a real date' },
  'id-number.checksum': { zh: '身份证号校验位错误（GB 11643）', en: 'The ID number fails its GB 11643 check digit' },
  'id-number.as-number': { zh: '身份证号被存成了数字，末几位已丢失；请把该列设为“文本”后重新录入', en: 'The ID number was stored as a number and lost its last digits; format the column as text and re-enter it' },
  'id-number.duplicate': { zh: '身份证号在表格中重复', en: 'The ID number appears twice in the sheet' },
  'phone.invalid': { zh: '手机号格式不对（应为 11 位大陆手机号）', en: 'Not a mainland mobile number (11 digits)' },
  'phone.invalid-or-landline': { zh: '电话格式不对（应为 11 位大陆手机号，或座机：区号+号码，如 0825-5551234）', en: 'Not a mainland mobile (11 digits) or a landline (area code + number, e.g. 0825-5551234)' },
  'phone.duplicate': { zh: '手机号在表格中重复', en: 'The phone number appears twice in the sheet' },
  'phone.taken': { zh: '手机号已登记给另一位居民', en: 'The phone number is registered to another resident' },
  'birth-date.mismatch': { zh: '出生日期与身份证号不一致', en: 'The birth date does not match the ID number' },
  'sex.invalid': { zh: '性别应为“男”或“女”', en: 'Sex must be 男 (male) or 女 (female)' },
  'sex.mismatch': { zh: '性别与身份证号不一致', en: 'The sex does not match the ID number' },
  'org.unknown': { zh: '组织编码不存在', en: 'Unknown org code' },
  'org.out-of-scope': { zh: '组织不在您的管辖范围内', en: 'The org unit is outside your scope' },
  'org.not-grid': { zh: '居民和设备须登记到网格（15 位编码）', en: 'Residents and devices belong to a grid (a 15-digit code)' },
  'org.bad-code': { zh: '组织编码应为 6/9/12/15 位数字（统计用区划代码，网格加 3 位序号）', en: 'Org codes are 6/9/12/15 digits (statistical division codes, grids add 3 digits)' },
  'org.no-parent': { zh: '上级组织不存在（须先建上级，或在同一表中位于上方）', en: 'The parent unit does not exist (create it first, or list it above in the same sheet)' },
  'category.unknown': { zh: '人员类别不认识（可选：老年人、独居老人、空巢老人、残疾人、低保、特困）', en: 'Unknown category (elder, living alone, empty nest, disability, 低保, 特困)' },
  'device-type.unknown': { zh: '设备类型不认识', en: 'Unknown device type' },
  'device-status.unknown': { zh: '设备状态应为 在线/静默/已停用', en: 'Device status must be active, silent or retired' },
  'device-id.invalid': { zh: '设备编号只能含字母、数字、下划线和短横线（1–64 位）', en: 'Device ids hold letters, digits, _ and - (1–64 characters)' },
  'device-site.out-of-china': { zh: '安装位置的经纬度不在我国范围内（纬度 3–54，经度 73–136）', en: 'The site’s coordinates are outside China (latitude 3–54, longitude 73–136)' },
  'device-site.datum': { zh: '坐标系应为 CGCS2000 或 WGS84', en: 'The datum must be CGCS2000 or WGS84' },
  'device-site.coordinates': { zh: '纬度、经度须同时填写，且为数字（如 30.871、105.382）', en: 'Latitude and longitude go together, as numbers (e.g. 30.871, 105.382)' },
  'device-site.incomplete': { zh: '填写安装地点、楼栋或坐标系时须同时填写纬度和经度', en: 'A site’s place, building or datum needs its latitude and longitude' },
  'device-id.duplicate': { zh: '设备编号在表格中重复', en: 'The device id appears twice in the sheet' },
  'resident.unknown': { zh: '找不到该身份证号的居民（须先导入居民）', en: 'No resident has this ID number (import residents first)' },
  'resident.other-grid': { zh: '设备所在网格与居民所在网格不一致', en: 'The device’s grid differs from its resident’s grid' },
  'role.unknown': { zh: '角色不认识', en: 'Unknown role' },
  'role.above-own': { zh: '不能授予高于本人的角色，或本人辖区以外的角色', en: 'You may not grant a role above your own, or outside your scope' },
  'username.invalid': { zh: '用户名只能含字母、数字、点、下划线和短横线', en: 'Usernames hold letters, digits, ., _ and -' },
  'username.duplicate': { zh: '用户名在表格中重复', en: 'The username appears twice in the sheet' },
  'org-code.duplicate': { zh: '组织编码在表格中重复', en: 'The org code appears twice in the sheet' },
  'cell.formula': { zh: '单元格是公式；请粘贴为数值后再导入', en: 'The cell holds a formula; paste it as values before importing' },
  'cell.merged': { zh: '合并单元格；请取消合并并在每一行填写', en: 'Merged cells; unmerge them and fill every row' },
  'cell.not-text': { zh: '单元格内容不是文本（如图片、超链接或错误值）', en: 'The cell is not text (an image, hyperlink or error value)' },
  'text.normalized': { zh: '全角字符已转为半角', en: 'Full-width characters were converted to half-width' },
  'date.invalid': { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' },
} as const;
export type FieldProblemCode = keyof typeof fieldProblemCatalog;

/** One problem with one field; `severity: warning` is reported but does not stop an import. */
export interface FieldProblem { field: string; code: FieldProblemCode; severity: 'error' | 'warning'; message: { 'zh-CN': string; en: string } }

/** Builds a problem with its catalogue messages. */
export function fieldProblem(field: string, code: FieldProblemCode, severity: 'error' | 'warning' = 'error'): FieldProblem {
  const m = fieldProblemCatalog[code];
  return { field, code, severity, message: { 'zh-CN': m.zh, en: m.en } };
}
