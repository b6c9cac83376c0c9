/** What a dry run or an import reports: every row's problems with row and column, and the counts. */
import { fieldProblem, type FieldProblemCode } from '../fieldProblems.ts';

/** One problem at a row and column of the sheet. */
export interface RowProblem {
  row: number; column: string; header: string; field: string; code: FieldProblemCode; severity: 'error' | 'warning';
  message: { 'zh-CN': string; en: string };
}

/** A new account's one-time initial password: in the import's answer once, to hand over; changed at first sign-in. */
export interface InitialPassword { row: number; username: string; password: string }

/** The report. */
export interface ImportReport {
  kind: string; mode: 'dry-run' | 'apply'; applied: boolean;
  rows: number; created: number; updated: number; unchanged: number; errors: number; warnings: number;
  problems: RowProblem[];
  /** users created by this import (apply only): each one's initial password, shown this once */
  initialPasswords?: InitialPassword[];
}

/** A row's cells by field, with where each came from (for problems). */
export interface SheetRecord { row: number; values: Record<string, string>; at: Record<string, { column: string; header: string }> }

/** Collects problems of a sheet. */
export class ProblemList {
  readonly items: RowProblem[] = [];
  /** Adds a problem at a record's field (its column when the field is a column, else the row). */
  add(rec: SheetRecord | number, field: string, code: FieldProblemCode, severity: 'error' | 'warning' = 'error'): void {
    const row = typeof rec === 'number' ? rec : rec.row;
    const at = typeof rec === 'number' ? undefined : rec.at[field];
    const p = fieldProblem(field, code, severity);
    this.items.push({ row, column: at?.column ?? '', header: at?.header ?? '', field, code, severity, message: p.message });
  }
  /** True when the row already has a problem at this field (so a later check does not repeat it). */
  hasAt(row: number, field: string): boolean { return this.items.some((p) => p.row === row && p.field === field); }
  /** True when the row has an error. */
  hasError(row: number): boolean { return this.items.some((p) => p.row === row && p.severity === 'error'); }
  get errors(): number { return this.items.filter((p) => p.severity === 'error').length; }
}
