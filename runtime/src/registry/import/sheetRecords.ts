/**
 * From read cells to records: the header row checked against the kind's template (every required
 * column present, no unknown or repeated column — a coded refusal listing each), then each cell
 * normalized (full-width folded, with a warning) and the sheet-level cell problems attached.
 */
import { RefusedError } from '../../errors/DomainError.ts';
import { normalizeText } from '../normalizeText.ts';
import { columnLetter, type Column } from './importColumns.ts';
import type { ReadSheet } from './readSheet.ts';
import { ProblemList, type SheetRecord } from './importReport.ts';

/** The column of each header, or the refusal listing what is wrong with the header row. */
function mapHeaders(headers: Map<number, string>, columns: Column[]): Map<number, Column> {
  const byLabel = new Map<string, Column>();
  for (const c of columns) for (const label of [c.zh, c.en, c.key]) byLabel.set(normalizeText(label).value.toLowerCase(), c);
  const found = new Map<number, Column>();
  const problems: Array<{ column: string; header: string; code: string; message: { 'zh-CN': string; en: string } }> = [];
  const seen = new Set<string>();
  for (const [i, h] of headers) {
    const c = byLabel.get(normalizeText(h).value.replace(/[*＊]$/, '').toLowerCase());
    if (!c) { problems.push({ column: columnLetter(i), header: h, code: 'column.unknown', message: { 'zh-CN': `未知的列“${h}”`, en: `Unknown column “${h}”` } }); continue; }
    if (seen.has(c.key)) { problems.push({ column: columnLetter(i), header: h, code: 'column.repeated', message: { 'zh-CN': `列“${c.zh}”重复`, en: `Column “${c.en}” appears twice` } }); continue; }
    seen.add(c.key);
    found.set(i, c);
  }
  for (const c of columns) if (c.required && !seen.has(c.key)) problems.push({ column: '', header: c.zh, code: 'column.missing', message: { 'zh-CN': `缺少必填列“${c.zh}”`, en: `Missing required column “${c.en}”` } });
  if (problems.length) throw new RefusedError('import.wrong-columns', { problems, expected: columns.map((c) => c.zh) });
  return found;
}

/** Records of a read sheet for a kind's columns; cell problems go into `problems`. */
export function sheetRecords(sheet: ReadSheet, columns: Column[], problems: ProblemList): SheetRecord[] {
  const cols = mapHeaders(sheet.headers, columns);
  return sheet.rows.map(({ row, cells }) => {
    const rec: SheetRecord = { row, values: {}, at: {} };
    for (const [i, c] of cols) rec.at[c.key] = { column: columnLetter(i), header: sheet.headers.get(i) ?? c.zh };
    for (const [i, cell] of cells) {
      const c = cols.get(i);
      if (!c) continue;
      if (cell.problem) { problems.add(rec, c.key, cell.problem); continue; }
      const { value, folded } = normalizeText(cell.text);
      if (folded) problems.add(rec, c.key, 'text.normalized', 'warning');
      if (value) rec.values[c.key] = value;
    }
    for (const c of columns) if (c.required && !rec.values[c.key] && !problems.items.some((p) => p.row === row && p.field === c.key)) problems.add(rec, c.key, 'required');
    return rec;
  });
}
