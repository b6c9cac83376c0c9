/**
 * The Problems panel's checker across edits. After memoising the engine's graph facts (issue 11), a
 * full load + lint of a 100-state item is a few tens of ms, so every new document is checked in
 * full — no per-state shortcuts that could drift from the publish-time lint. What repeats is reused:
 * a document the checker has seen recently (undo, redo, an edit typed and typed back, a re-check
 * after a reload) answers from memory. Documents cross into the lint worker by structured clone, so
 * identity does not survive the trip; the key is an exact serialisation of the document (about
 * 1 ms at 100 states) and the known definition ids.
 */
import { checkDocument, type CheckResult } from './checkDocument.ts';

class NotData extends Error {}

/**
 * A key equal only for documents the loader cannot tell apart. Plain JSON would merge a missing
 * property with an `undefined` one and NaN with null, so strings, undefined and non-finite numbers
 * are tagged; anything that is not plain data (a Date, a class instance, a function) gets no key.
 */
export function documentKey(doc: unknown): string | undefined {
  try {
    return JSON.stringify(doc, function (this: Record<string, unknown>, k, v: unknown) {
      const raw = this[k];
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && ![Object.prototype, null].includes(Object.getPrototypeOf(raw))) throw new NotData();
      if (typeof raw === 'function' || typeof raw === 'symbol' || typeof raw === 'bigint') throw new NotData();
      if (typeof v === 'string') return `s${v}`;
      if (v === undefined) return 'u';
      if (typeof v === 'number' && !Number.isFinite(v)) return `n${v}`;
      return v;
    });
  } catch {
    return undefined; // a cycle, or not plain data: checked in full every time, as before
  }
}

export class IncrementalChecker {
  private readonly seen = new Map<string, CheckResult>();
  /** How many checks were answered from memory (the benchmark and the tests read it). */
  hits = 0;
  constructor(private readonly size = 32) {}

  check(doc: unknown, known: string[] = []): CheckResult {
    const key = documentKey([known, doc]);
    if (key === undefined) return checkDocument(doc, known);
    const hit = this.seen.get(key);
    if (hit) {
      this.hits++;
      this.seen.delete(key);
      this.seen.set(key, hit);
      return { ...hit, ms: 0 };
    }
    const result = checkDocument(doc, known);
    this.seen.set(key, result);
    if (this.seen.size > this.size) this.seen.delete(this.seen.keys().next().value!);
    return result;
  }
}
