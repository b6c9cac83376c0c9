/** Titles of the kinds and the instructions sheet of each template (zh-CN first). */
import type { ImportKind } from './importColumns.ts';
import { importLimits } from './importColumns.ts';

export const kindTitles: Record<ImportKind, { zh: string; en: string }> = {
  'org-units': { zh: '组织机构', en: 'Org units' },
  users: { zh: '工作人员', en: 'Users' },
  residents: { zh: '居民档案', en: 'Residents' },
  devices: { zh: '设备台账', en: 'Devices' },
};

/** The instructions of a template. */
export function templateNotes(kind: ImportKind): string[] {
  return [
    `${kindTitles[kind].zh}导入模板（${kindTitles[kind].en} import template）`,
    '第一个工作表的第 1 行为表头，请勿改动；从第 2 行起每行一条。带 * 的列必填。',
    '请勿使用公式和合并单元格；身份证号、编码、手机号列已设为文本格式，请勿改为数字（数字会丢失末几位）。',
    `每次最多 ${importLimits.maxRows} 行、${importLimits.maxBytes / 1024 / 1024} MB；先“检查”（不写入），全部无错后再“导入”，导入要么全部成功，要么不写入任何数据。重复导入同一表格不会产生重复数据。`,
    'Row 1 is the header (keep it); one record per row from row 2. Columns marked * are required. No formulas, no merged cells; keep ID, code and phone columns as text.',
  ];
}
