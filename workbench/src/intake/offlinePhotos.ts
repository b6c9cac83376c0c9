/**
 * Photos taken while the network is down: the file itself is kept on the device in IndexedDB
 * (localStorage, where the draft's text lives, cannot hold a Blob), and the form names it by a
 * local id (`local-<uuid>`) until it is uploaded. When the network returns, useDraftSync uploads
 * each one to the draft and puts the attachment id the server gave in its place. Keyed by user and
 * draft (another user on a shared phone sees none).
 */

/** A photo waiting on this device for the network. */
export interface OfflinePhoto { id: string; userId: string; draftId: string; name: string; mime: string; size: number; blob: Blob; createdAt: number }

const DB = 'tongban-offline';
const STORE = 'photos';
const PREFIX = 'local-';

/** True for the id of a photo that is on this device only. */
export const isLocalId = (id: unknown): id is string => typeof id === 'string' && id.startsWith(PREFIX);

let opened: Promise<IDBDatabase> | undefined;
function db(): Promise<IDBDatabase> {
  return (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex('draft', ['userId', 'draftId']);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { opened = undefined; reject(req.error ?? new Error('indexedDB')); };
  }));
}

function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return db().then((d) => new Promise<T>((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
    tx.onabort = () => reject(tx.error ?? new Error('indexedDB'));
  }));
}

/** Keeps a photo on the device; returns it with its local id. */
export async function keepOfflinePhoto(userId: string, draftId: string, blob: Blob, name: string): Promise<OfflinePhoto> {
  const photo: OfflinePhoto = { id: PREFIX + crypto.randomUUID(), userId, draftId, name, mime: blob.type || 'image/jpeg', size: blob.size, blob, createdAt: Date.now() };
  await run('readwrite', (s) => s.put(photo));
  return photo;
}

/** The photos of a draft still on this device, oldest first. */
export async function offlinePhotosOf(userId: string, draftId: string): Promise<OfflinePhoto[]> {
  const all = await run('readonly', (s) => s.index('draft').getAll([userId, draftId]) as IDBRequest<OfflinePhoto[]>);
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** Forgets a photo (uploaded, refused, or removed from the form). */
export async function forgetOfflinePhoto(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}

/** The local ids a form's data names (in any array field). */
export function localIdsIn(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (isLocalId(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return out;
}

/** The data with each local id replaced by its uploaded id, or removed where it maps to null. */
export function replaceLocalIds<T>(data: T, map: ReadonlyMap<string, string | null>): T {
  const gone = Symbol('removed');
  const walk = (v: unknown): unknown => {
    if (isLocalId(v)) return map.has(v) ? (map.get(v) ?? gone) : v;
    if (Array.isArray(v)) return v.map(walk).filter((x) => x !== gone);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)] as const).filter(([, x]) => x !== gone));
    return v;
  };
  return walk(data) as T;
}
