/**
 * A sheet of a kind's columns as .xlsx (ID-number, code and phone columns formatted as text, so a
 * county editing the file in Excel keeps every digit) or .csv (UTF-8 with a BOM, which Excel needs to
 * show Chinese). Templates are this with no rows and an instructions sheet.
 */
import ExcelJS from 'exceljs';
import type { Column } from '../import/importColumns.ts';

/** File formats offered. */
export const sheetFormats = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof sheetFormats)[number];

/** Media types of the formats. */
export const sheetMediaTypes: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The file bytes; `notes` adds an instructions sheet (xlsx only). */
export async function buildWorkbook(title: string, columns: Column[], rows: string[][], format: SheetFormat, notes?: string[]): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(c.required ? `${c.zh}*` : c.zh)), ...rows.map((r) => r.map((v) => csvCell(v ?? '')))].map((l) => l.join(','));
    return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tongban 通办';
  const ws = wb.addWorksheet(title);
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.zh}*` : c.zh, key: c.key, width: c.width ?? 16, style: c.kind === 'id-number' || c.kind === 'phone' ? { numFmt: '@' } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
  if (notes) {
    const info = wb.addWorksheet('说明 Notes');
    info.getColumn(1).width = 100;
    for (const n of notes) info.addRow([n]);
    columns.forEach((c) => info.addRow([`${c.zh}（${c.en}）${c.required ? '：必填' : ''}${c.hint ? '。' + c.hint : ''}`]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
