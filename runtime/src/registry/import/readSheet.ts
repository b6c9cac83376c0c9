/**
 * Reads the first worksheet of an uploaded .xlsx or .csv with exceljs into text cells, flagging
 * what a county spreadsheet gets wrong before any value is judged: formulas, merged cells, ID
 * numbers stored as numbers (Excel keeps 15 significant digits, so an 18-digit number has already
 * lost its last three), values that are not text. CSV is read as text (no number guessing), in
 * UTF-8, or GB18030 when it is not UTF-8 (what Excel on a Chinese Windows saves).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { InvalidRequestError, TooLargeError } from '../../errors/DomainError.ts';
import type { FieldProblemCode } from '../fieldProblems.ts';
import { importLimits } from './importColumns.ts';

/** One read cell: its text, or why it has none. */
export interface ReadCell { text: string; problem?: FieldProblemCode }
/** A read sheet: header texts by column (1-based), and data rows by spreadsheet row number. */
export interface ReadSheet { headers: Map<number, string>; rows: Array<{ row: number; cells: Map<number, ReadCell> }> }

/** The upload's format, from its bytes (an .xlsx is a ZIP). */
export function formatOf(bytes: Buffer): 'xlsx' | 'csv' {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** One exceljs cell as text (`idColumn`: a number there lost digits). */
function readCell(cell: ExcelJS.Cell, idColumn: boolean): ReadCell | undefined {
  if (cell.isMerged) return { text: '', problem: 'cell.merged' };
  const V = ExcelJS.ValueType;
  switch (cell.type) {
    case V.Null: return undefined;
    case V.Formula: return { text: '', problem: 'cell.formula' };
    case V.Number: return idColumn ? { text: String(cell.value), problem: 'id-number.as-number' } : { text: String(cell.value) };
    case V.Date: return { text: isoDate(cell.value as Date) };
    case V.String: case V.SharedString: return { text: String(cell.value) };
    case V.RichText: return { text: cell.text };
    case V.Boolean: return { text: String(cell.value) };
    case V.Hyperlink: return { text: cell.text };
    default: return { text: '', problem: 'cell.not-text' };
  }
}

/** A CSV value that Excel wrote from a number column: `1.10101E+17`. */
const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/i;

/** Reads the upload; `idColumns` are the header texts whose cells must be text. */
export async function readSheet(bytes: Buffer, isIdHeader: (header: string) => boolean): Promise<ReadSheet> {
  if (bytes.length > importLimits.maxBytes) throw new TooLargeError('import.file-too-large', { limit: importLimits.maxBytes });
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  const format = formatOf(bytes);
  try {
    if (format === 'xlsx') { await wb.xlsx.load(bytes as unknown as ArrayBuffer); ws = wb.worksheets[0]; }
    else ws = await wb.csv.read(Readable.from([decodeText(bytes)]), { map: (v: unknown) => v, parserOptions: { trim: false } } as never);
  } catch (err) {
    throw new InvalidRequestError('import.bad-file', { format, reason: (err as Error).message.slice(0, 200) });
  }
  if (!ws) throw new InvalidRequestError('import.bad-file', { format, reason: 'no worksheet' });
  // refused before reading any row: a 100,000-row sheet is split by the county, not half-read by us
  const dataRows = Math.max(0, ws.actualRowCount - 1);
  if (dataRows > importLimits.maxRows) throw new TooLargeError('import.too-many-rows', { limit: importLimits.maxRows, rows: dataRows });
  const headers = new Map<number, string>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, c) => { headers.set(c, cell.text.trim()); });
  const idCols = new Set([...headers].filter(([, h]) => isIdHeader(h)).map(([c]) => c));
  const rows: ReadSheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    const cells = new Map<number, ReadCell>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = format === 'csv' ? { text: String(cell.value ?? '') } : readCell(cell, idCols.has(c));
      if (!v) return;
      if (format === 'csv' && idCols.has(c) && SCIENTIFIC.test(v.text.trim())) v.problem = 'id-number.as-number';
      cells.set(c, v);
    });
    if ([...cells.values()].some((v) => v.text.trim() || v.problem)) rows.push({ row: r, cells });
  });
  return { headers, rows };
}
