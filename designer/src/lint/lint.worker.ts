/** The Problems panel's checks off the main thread: load + lint of a large item (~50 ms at 100 states) never blocks typing. */
import { IncrementalChecker } from './incrementalCheck.ts';

// lives as long as the worker: a document seen before (undo, redo) is answered from memory
const checker = new IncrementalChecker();

self.onmessage = (e: MessageEvent<{ id: number; doc: unknown; known: string[] }>) => {
  const { id, doc, known } = e.data;
  let result;
  try {
    result = checker.check(doc, known);
  } catch (err) {
    // checkDocument never throws for bad input (the loader codes it); this is a bug report, not a diagnostic
    result = { diagnostics: [{ code: 'designer.check-failed', severity: 'error', path: '', message: { 'zh-CN': `检查失败：${(err as Error).message}`, en: `Check failed: ${(err as Error).message}` } }], errors: 1, warnings: 0, ms: 0 };
  }
  (self as unknown as Worker).postMessage({ id, result });
};
