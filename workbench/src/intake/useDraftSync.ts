/**
 * Keeps a guided form's draft on the device and on the server: saved locally on every change,
 * sent to the server shortly after typing stops (with the revision it edits), re-sent when the
 * network comes back. A save over a newer server revision is a conflict the user resolves.
 * Photos taken offline (offlinePhotos.ts) are uploaded first, their local ids replaced in the data by
 * the server's attachment ids; one the server refuses (size, type, quota) leaves the form with a
 * message naming it. One push runs at a time (a second one asked for meanwhile runs after it).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, authedFetch, unwrap } from '../api/client.ts';
import { ApiError, toApiError } from '../api/ApiError.ts';
import { readLocalDraft, writeLocalDraft, type LocalDraft } from './localDrafts.ts';
import { forgetOfflinePhoto, localIdsIn, offlinePhotosOf, replaceLocalIds } from './offlinePhotos.ts';
import { rememberPreview } from '../forms/photoPreviews.ts';

/** A photo the server refused when it was sent after the network came back. */
export interface RefusedPhoto { name: string; code: string; message: string }

/** Uploads a file to the draft (before the case exists); an ApiError when refused or unreachable. */
export async function uploadToDraft(draftId: string, file: Blob, name: string, target?: { definitionId: string; field: string }): Promise<{ id: string; name: string; mime: string; size: number }> {
  let res: Response;
  const forField = target ? `&definitionId=${encodeURIComponent(target.definitionId)}&field=${encodeURIComponent(target.field)}` : '';
  try {
    res = await authedFetch(`/api/drafts/${encodeURIComponent(draftId)}/attachments?name=${encodeURIComponent(name)}${forField}`, { method: 'POST', body: file, headers: { 'content-type': file.type || 'image/jpeg' } });
  } catch (err) {
    throw new ApiError(navigator.onLine === false ? 'network.offline' : 'network.failed', String((err as Error).message ?? err), 0);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(body, res.status);
  return body as { id: string; name: string; mime: string; size: number };
}

/** Where the draft stands. */
export type SyncState = 'idle' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

/** The draft sync of one form. */
export function useDraftSync(userId: string, initial: LocalDraft) {
  const [draft, setDraft] = useState<LocalDraft>(() => readLocalDraft(userId, initial.id) ?? initial);
  const [state, setState] = useState<SyncState>(draft.pending ? 'offline' : 'idle');
  const [serverRevision, setServerRevision] = useState<number>();
  const [refused, setRefused] = useState<RefusedPhoto[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(draft);
  latest.current = draft;
  const running = useRef(false);
  const again = useRef(false);

  /** Uploads the photos of this draft kept on the device; false when the network is still away. */
  const sendPhotos = useCallback(async (): Promise<boolean> => {
    // the ids first: a photo is written to the device before its id enters the form, so each one named is found below
    const started = Date.now();
    const named = new Set(localIdsIn(latest.current.data));
    const kept = await offlinePhotosOf(userId, latest.current.id).catch(() => undefined);
    if (!kept) return true; // no IndexedDB here: nothing was kept
    const done = new Map<string, string | null>();
    // a local id whose file is gone from the device (site data cleared) can never be sent: it leaves the form
    for (const id of named) if (!kept.some((k) => k.id === id)) done.set(id, null);
    const lost: RefusedPhoto[] = [];
    let reachable = true;
    for (const photo of kept) {
      if (!named.has(photo.id)) { // removed from the form (or taken just now, its id not yet in the form: left for the next push)
        if (photo.createdAt < started - 10_000) await forgetOfflinePhoto(photo.id);
        continue;
      }
      try {
        const up = await uploadToDraft(photo.draftId, photo.blob, photo.name);
        rememberPreview(up.id, photo.blob);
        done.set(photo.id, up.id);
      } catch (err) {
        if (err instanceof ApiError && !err.isNetwork && err.status < 500) {
          done.set(photo.id, null);
          lost.push({ name: photo.name, code: err.code, message: err.message });
        } else { reachable = false; break; }
      }
      await forgetOfflinePhoto(photo.id);
    }
    if (done.size) {
      const next = { ...latest.current, data: replaceLocalIds(latest.current.data, done), pending: true, updatedAt: Date.now() };
      writeLocalDraft(userId, next);
      latest.current = next;
      setDraft(next);
    }
    if (lost.length) setRefused((r) => [...r, ...lost]);
    return reachable;
  }, [userId]);

  const push = useCallback(async (): Promise<void> => {
    if (running.current) { again.current = true; return; }
    running.current = true;
    try { await pushOnce(); } finally { running.current = false; }
    if (again.current) { again.current = false; await push(); }
  }, [userId, sendPhotos]);

  async function pushOnce(): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) { setState('offline'); return; }
    if (localIdsIn(latest.current.data).length) {
      setState('saving');
      if (!(await sendPhotos())) { setState('offline'); return; }
    }
    const d = latest.current;
    if (!d.pending) return;
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
      if (next.pending) again.current = true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'draft.conflict') { setServerRevision(Number(err.details.currentRevision)); setState('conflict'); }
      else if (err instanceof ApiError && err.isNetwork) setState('offline');
      else setState('error');
    }
  }

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
    if (latest.current.pending || localIdsIn(latest.current.data).length) void push();
    return () => { window.removeEventListener('online', online); window.removeEventListener('offline', offline); clearTimeout(timer.current); };
  }, [push]);

  const pendingPhotos = localIdsIn(draft.data).length;
  // previews of photos still on the device (after a reload the object URLs are gone)
  useEffect(() => {
    void offlinePhotosOf(userId, initial.id).then((kept) => { for (const p of kept) rememberPreview(p.id, p.blob); if (kept.length) setDraft((d) => ({ ...d })); }, () => undefined);
  }, [userId, initial.id]);

  return { draft, state, update, keepMine, refused, dismissRefused: () => setRefused([]), pendingPhotos, setDraft: (d: LocalDraft) => { writeLocalDraft(userId, d); latest.current = d; setDraft(d); setState('saved'); } };
}
