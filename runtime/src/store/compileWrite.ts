/**
 * The command path's statements as plain descriptions, compiled to SQL here with the text cached
 * by shape (table, columns, rows, conflict handling). knex's query compiler was about 8% of the
 * server's time per command (a builder, its compile and the bindings' positioning for each of a
 * command's ten or so statements), for SQL whose text repeats from one command to the next.
 *
 * The SQL says what knex's builders said for the same calls: columns sorted by name; a value left
 * undefined is NULL on SQLite (`useNullAsDefault`) and DEFAULT on MySQL; `merge` updates every
 * inserted column on a conflict; `ignore` skips the conflicting row; undefined values in an
 * update's `set` are left out; a null in `where` is `is null`.
 */

/** A write or read of the command path. */
export type Write =
  | { insert: string; rows: Record<string, unknown> | Array<Record<string, unknown>>; conflict?: { target: string[]; action: 'merge' | 'ignore' } }
  | { update: string; set: Record<string, unknown>; where: Record<string, unknown>; whereIn?: [string, unknown[]] }
  | { delete: string; where?: Record<string, unknown>; whereIn?: [string, unknown[]] };

/** A one-row read: `select <columns or *> from <table> where … limit 1`. */
export interface Read { select: string; where: Record<string, unknown>; columns?: string[] }

export type Dialect = 'sqlite' | 'mysql';

/** A compiled statement. */
export interface Compiled { sql: string; bindings: unknown[] }

const quote = (id: string) => '`' + id.replace(/`/g, '``') + '`';
const cache = new Map<string, string>();

/** The cached text for a shape key, made once. */
function text(key: string, make: () => string): string {
  let sql = cache.get(key);
  if (sql === undefined) {
    if (cache.size >= 2000) cache.clear(); // shapes are few; a runaway caller must not grow it forever
    sql = make();
    cache.set(key, sql);
  }
  return sql;
}

/** A value as the driver takes it (knex's better-sqlite3 client converts Dates and booleans the same way). */
function bound(v: unknown, dialect: Dialect): unknown {
  if (dialect === 'sqlite') {
    if (v instanceof Date) return v.valueOf();
    if (typeof v === 'boolean') return Number(v);
  }
  return v;
}

/** The where clause's text (equalities, `is null`, one `in` list) and its bindings appended to `out`. */
function whereOf(where: Record<string, unknown> | undefined, whereIn: [string, unknown[]] | undefined, dialect: Dialect, out: unknown[]): { key: string; sql: string } {
  const parts: string[] = [];
  const key: string[] = [];
  for (const [col, v] of Object.entries(where ?? {})) {
    if (v === undefined) throw new Error(`compileWrite: undefined in where (${col})`); // knex refuses it too
    if (v === null) { parts.push(`${quote(col)} is null`); key.push(col + ':null'); continue; }
    parts.push(`${quote(col)} = ?`);
    key.push(col);
    out.push(bound(v, dialect));
  }
  if (whereIn) {
    const [col, values] = whereIn;
    // an empty list matches nothing, as knex writes it
    parts.push(values.length ? `${quote(col)} in (${values.map(() => '?').join(', ')})` : '1 = 0');
    key.push(`${col}:in${values.length}`);
    for (const v of values) out.push(bound(v, dialect));
  }
  return { key: key.join(','), sql: parts.length ? ` where ${parts.join(' and ')}` : '' };
}

function compileInsert(w: Extract<Write, { insert: string }>, dialect: Dialect): Compiled {
  const rows = Array.isArray(w.rows) ? w.rows : [w.rows];
  if (!rows.length) throw new Error(`compileWrite: no rows to insert into ${w.insert}`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  const bindings: unknown[] = [];
  // MySQL writes DEFAULT for an undefined value: where they are is part of the text
  const holes: string[] = [];
  for (const r of rows) {
    for (const c of columns) {
      const v = r[c];
      if (v === undefined && dialect === 'mysql') { holes.push('d'); continue; }
      holes.push('?');
      bindings.push(v === undefined ? null : bound(v, dialect));
    }
  }
  const c = w.conflict;
  const key = `i|${dialect}|${w.insert}|${columns.join(',')}|${rows.length}|${c ? c.action + ':' + c.target.join(',') : ''}|${dialect === 'mysql' ? holes.join('') : ''}`;
  const sql = text(key, () => {
    const cols = columns.map(quote).join(', ');
    const tuples: string[] = [];
    for (let i = 0; i < rows.length; i++) tuples.push(`(${holes.slice(i * columns.length, (i + 1) * columns.length).map((h) => (h === 'd' ? 'DEFAULT' : '?')).join(', ')})`);
    const verb = c?.action === 'ignore' && dialect === 'mysql' ? 'insert ignore into' : 'insert into';
    let s = `${verb} ${quote(w.insert)} (${cols}) values ${tuples.join(', ')}`;
    if (c?.action === 'merge') {
      s += dialect === 'sqlite'
        ? ` on conflict (${c.target.map(quote).join(', ')}) do update set ${columns.map((x) => `${quote(x)} = excluded.${quote(x)}`).join(', ')}`
        : ` on duplicate key update ${columns.map((x) => `${quote(x)} = values(${quote(x)})`).join(', ')}`;
    } else if (c?.action === 'ignore' && dialect === 'sqlite') {
      s += ` on conflict (${c.target.map(quote).join(', ')}) do nothing`;
    }
    return s;
  });
  return { sql, bindings };
}

function compileUpdate(w: Extract<Write, { update: string }>, dialect: Dialect): Compiled {
  const columns = Object.keys(w.set).filter((k) => w.set[k] !== undefined);
  if (!columns.length) throw new Error(`compileWrite: nothing to set in ${w.update}`);
  const bindings: unknown[] = columns.map((k) => bound(w.set[k], dialect));
  const where = whereOf(w.where, w.whereIn, dialect, bindings);
  const sql = text(`u|${w.update}|${columns.join(',')}|${where.key}`, () => `update ${quote(w.update)} set ${columns.map((x) => `${quote(x)} = ?`).join(', ')}${where.sql}`);
  return { sql, bindings };
}

function compileDelete(w: Extract<Write, { delete: string }>, dialect: Dialect): Compiled {
  const bindings: unknown[] = [];
  const where = whereOf(w.where, w.whereIn, dialect, bindings);
  if (!where.sql) throw new Error(`compileWrite: a delete from ${w.delete} with no where`);
  return { sql: text(`d|${w.delete}|${where.key}`, () => `delete from ${quote(w.delete)}${where.sql}`), bindings };
}

/** The SQL and bindings of a write. */
export function compileWrite(w: Write, dialect: Dialect): Compiled {
  if ('insert' in w) return compileInsert(w, dialect);
  if ('update' in w) return compileUpdate(w, dialect);
  return compileDelete(w, dialect);
}

/** The SQL and bindings of a one-row read. */
export function compileRead(r: Read, dialect: Dialect): Compiled {
  const bindings: unknown[] = [];
  const where = whereOf(r.where, undefined, dialect, bindings);
  const cols = r.columns?.length ? r.columns.map(quote).join(', ') : '*';
  return { sql: text(`s|${r.select}|${r.columns?.join(',') ?? '*'}|${where.key}`, () => `select ${cols} from ${quote(r.select)}${where.sql} limit 1`), bindings };
}

/** Whether a value is a write description (not a knex builder). */
export function isWrite(q: unknown): q is Write {
  return typeof q === 'object' && q !== null && ('insert' in q || 'update' in q || 'delete' in q) && !('toSQL' in q);
}
