/**
 * Runs checkDocument in the lint Web Worker when the page has workers (the browser), else in
 * place (tests, stories' server-side rendering). Only the newest request's answer is used.
 */
import { checkDocument, type CheckResult } from './checkDocument.ts';

let worker: Worker | undefined;
let seq = 0;
const pending = new Map<number, (r: CheckResult) => void>();

function getWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  if (!worker) {
    worker = new Worker(new URL('./lint.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result: CheckResult }>) => { pending.get(e.data.id)?.(e.data.result); pending.delete(e.data.id); };
    worker.onerror = () => { worker = undefined; }; // next check runs in place
  }
  return worker;
}

/** Checks a document; resolves with the diagnostics (and the loaded definition). */
export function checkInWorker(doc: unknown, known: string[]): Promise<CheckResult> {
  const w = getWorker();
  if (!w) return Promise.resolve(checkDocument(doc, known));
  const id = ++seq;
  return new Promise((resolve) => { pending.set(id, resolve); w.postMessage({ id, doc, known }); });
}
