/**
 * Keeps a guided form's draft on the device and on the server: saved locally on every change,
 * sent to the server shortly after typing stops (with the revision it edits), re-sent when the
 * network comes back. A save over a newer server revision is a conflict the user resolves.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ApiError } from '../api/ApiError.ts';
import { readLocalDraft, writeLocalDraft, type LocalDraft } from './localDrafts.ts';

/** Where the draft stands. */
export type SyncState = 'idle' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

/** The draft sync of one form. */
export function useDraftSync(userId: string, initial: LocalDraft) {
  const [draft, setDraft] = useState<LocalDraft>(() => readLocalDraft(userId, initial.id) ?? initial);
  const [state, setState] = useState<SyncState>(draft.pending ? 'offline' : 'idle');
  const [serverRevision, setServerRevision] = useState<number>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(draft);
  latest.current = draft;

  const push = useCallback(async () => {
    const d = latest.current;
    if (!d.pending) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) { setState('offline'); return; }
    setState('saving');
    try {
      const out = await unwrap(api.PUT('/api/drafts/{id}', { params: { path: { id: d.id } }, body: { definitionId: d.definitionId, orgPath: d.orgPath, step: d.step, data: d.data, revision: d.revision } }));
      const now = latest.current;
      // only the version that was sent is confirmed; a newer keystroke stays pending
      const next = { ...now, revision: out.revision, pending: now !== d };
      writeLocalDraft(userId, next);
      latest.current = next;
      setDraft(next);
      setState(next.pending ? 'saving' : 'saved');
      if (next.pending) void push();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'draft.conflict') { setServerRevision(Number(err.details.currentRevision)); setState('conflict'); }
      else if (err instanceof ApiError && err.isNetwork) setState('offline');
      else setState('error');
    }
  }, [userId]);

  const update = useCallback((patch: Partial<Pick<LocalDraft, 'data' | 'step' | 'orgPath'>>) => {
    const next = { ...latest.current, ...patch, pending: true, updatedAt: Date.now() };
    writeLocalDraft(userId, next);
    latest.current = next;
    setDraft(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void push(), 700);
  }, [userId, push]);

  /** Keeps this device's version: overwrite the newer server revision. */
  const keepMine = useCallback(() => {
    const next = { ...latest.current, revision: serverRevision ?? latest.current.revision, pending: true };
    writeLocalDraft(userId, next);
    latest.current = next;
    setDraft(next);
    void push();
  }, [serverRevision, userId, push]);

  useEffect(() => {
    const online = () => void push();
    const offline = () => setState('offline');
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    if (latest.current.pending) void push();
    return () => { window.removeEventListener('online', online); window.removeEventListener('offline', offline); clearTimeout(timer.current); };
  }, [push]);

  return { draft, state, update, keepMine, setDraft: (d: LocalDraft) => { writeLocalDraft(userId, d); latest.current = d; setDraft(d); setState('saved'); } };
}
