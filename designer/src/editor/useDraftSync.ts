/**
 * Keeps the draft safe: every change goes to localStorage at once (a reload or an expired session
 * loses nothing) and to the server after a pause, with the revision it was based on. When another
 * admin saved in between, the server answers 409 and the editor shows the conflict instead of
 * overwriting either edit.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Definition } from '@tongban/engine';
import type { CommandStack } from '../doc/commandStack.ts';
import { designerApi } from '../api/designerApi.ts';
import { ApiError, type ShellApi } from '../shell/shellApi.ts';
import { clearLocalDraft, writeLocalDraft } from '../draft/localDraft.ts';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'offline';
export interface Conflict { revision: number; updatedBy: string; updatedByName: string; updatedAt: number }

/** Autosave waits for this pause in editing before calling the server. */
export const AUTOSAVE_MS = 1500;

export function useDraftSync(stack: CommandStack, api: ShellApi, userId: string, initialRevision: number) {
  const base = useRef(initialRevision);
  const [state, setState] = useState<SaveState>('saved');
  const [conflict, setConflict] = useState<Conflict>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inflight = useRef<Promise<number> | undefined>(undefined);

  const save = useCallback(async (doc: Definition = stack.doc): Promise<number> => {
    if (inflight.current) await inflight.current.catch(() => undefined);
    const run = (async () => {
      setState('saving');
      try {
        const r = await designerApi.saveDraft(api, doc.id, doc, base.current);
        base.current = r.revision;
        if (stack.doc === doc) { clearLocalDraft(userId, doc.id); setState('saved'); } else setState('unsaved');
        return r.revision;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) { setConflict(e.details as unknown as Conflict); setState('conflict'); }
        else setState('offline');
        throw e;
      }
    })();
    inflight.current = run;
    try { return await run; } finally { if (inflight.current === run) inflight.current = undefined; }
  }, [api, stack, userId]);

  useEffect(() => stack.subscribe(() => {
    const doc = stack.doc;
    writeLocalDraft(userId, doc.id, { definition: doc, baseRevision: base.current, savedAt: Date.now() });
    setState((s) => (s === 'conflict' ? s : 'unsaved'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => { if (!conflict) save().catch(() => undefined); }, AUTOSAVE_MS);
  }), [stack, userId, save, conflict]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return {
    state, conflict, save,
    /** after a conflict: base the next save on their revision (mine overwrites, knowingly) */
    keepMine: async () => { if (conflict) base.current = conflict.revision; setConflict(undefined); return save(); },
    /** after a conflict: adopt their revision as the new base (the caller loads their document) */
    takeTheirs: (revision: number) => { base.current = revision; setConflict(undefined); setState('saved'); },
    revision: () => base.current,
    /** after publishing: the server dropped the draft; the next save starts a new one */
    rebase: (revision: number) => { base.current = revision; },
  };
}
