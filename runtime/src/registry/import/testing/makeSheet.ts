/** Builds test spreadsheets the way counties make them (cells of any type, formulas, merges) with exceljs. */
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '@tongban/engine';

/** A cell as a test writes it: text, a number, or a formula. */
export type TestCell = string | number | { formula: string; result?: string | number } | null;

/** An .xlsx with one sheet of rows (row 1 the header); `merge` ranges such as 'A3:A4'. */
export async function xlsxOf(rows: TestCell[][], opts: { merge?: string[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  for (const m of opts.merge ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A UTF-8 CSV of text rows. */
export function csvOf(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
}

/** A valid GB 11643 ID number for a 6-digit area, a birth date (YYYYMMDD) and a 3-digit sequence. */
export function idNumber(area: string, birth: string, seq: number): string {
  const first = `${area}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first + idNumberCheckChar(first);
}

/** The sheet's media type. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
