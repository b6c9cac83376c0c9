/**
 * The file endpoints of the import wizard (bytes in or out, outside the typed JSON client): template
 * download, upload for a dry run or an import, export. Errors come back as the server's coded body.
 */
import { authedFetch } from '../api/client.ts';
import { toApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';

export type ImportKind = 'org-units' | 'users' | 'residents' | 'devices';
export type ImportReport = components['schemas']['ImportReport'];
/** A refusal's problems (wrong columns, or the report of an import refused for its errors). */
export interface Refusal { code: string; message: string; problems: Array<{ row?: number; column: string; header: string; code: string; severity?: string; message: { 'zh-CN': string; en: string } }>; report?: ImportReport }

/** Saves bytes under a file name (an object URL clicked once). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileName = (res: Response, fallback: string) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback);

async function failed(res: Response): Promise<never> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: Record<string, unknown> } };
  throw toApiError(body, res.status);
}

/** Downloads the template of a kind. */
export async function downloadTemplate(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<void> {
  const res = await authedFetch(`/api/registry/templates/${kind}?format=${format}`);
  if (!res.ok) await failed(res);
  save(await res.blob(), fileName(res, `${kind}.${format}`));
}

/** Uploads a sheet: the report, or the refusal with its problems. */
export async function uploadSheet(kind: ImportKind, mode: 'dry-run' | 'apply', file: File): Promise<{ report?: ImportReport; refusal?: Refusal }> {
  const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const res = await authedFetch(`/api/registry/imports/${kind}?mode=${mode}`, { method: 'POST', body: file, headers: { 'content-type': type } });
  if (res.ok) return { report: (await res.json()) as ImportReport };
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: { problems?: Refusal['problems']; report?: ImportReport } } };
  if (!body.error) throw toApiError(body, res.status);
  const report = body.error.details?.report;
  return { refusal: { code: body.error.code, message: body.error.message, problems: report?.problems ?? body.error.details?.problems ?? [], report } };
}

/** Exports a kind (masked, or in full with a purpose). */
export async function exportSheet(kind: ImportKind, format: 'xlsx' | 'csv', purpose?: string): Promise<void> {
  const res = await authedFetch(`/api/registry/exports/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format, ...(purpose ? { reveal: true, purpose } : {}) }) });
  if (!res.ok) await failed(res);
  save(await res.blob(), fileName(res, `${kind}.${format}`));
}
