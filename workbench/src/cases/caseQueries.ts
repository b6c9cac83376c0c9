/** Server state of one case: query keys and fetchers (the case, its overview, actions, files, comments, definition). */
import { api, authedFetch, unwrap } from '../api/client.ts';
import { toApiError } from '../api/ApiError.ts';
import type { components } from '../api/openapiTypes.ts';
import { casePaths, definitionPath, earlyFetch, taskPath } from '../boot/earlyRequests.ts';

/** Query keys of cases. */
export const caseKeys = {
  all: ['cases'] as const,
  list: (q: Record<string, unknown>) => ['cases', 'list', q] as const,
  one: (id: string) => ['cases', id] as const,
  part: (id: string, part: string) => ['cases', id, part] as const,
  definition: (id: string, version: number) => ['definitions', id, version] as const,
};

export type CaseView = components['schemas']['CaseView'];
export type CaseOverview = components['schemas']['CaseOverview'];
export type AvailableAction = components['schemas']['AvailableAction'];

// the case page opened by a page load takes these three answers from the boot script (earlyRequests.ts)
export const fetchCase = (id: string) => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } }, ...earlyFetch(casePaths(id)[0]!) }));
export const fetchOverview = (id: string) => unwrap(api.GET('/api/cases/{id}/overview', { params: { path: { id } }, ...earlyFetch(casePaths(id)[1]!) }));
export const fetchActions = (id: string) => unwrap(api.GET('/api/cases/{id}/actions', { params: { path: { id } }, ...earlyFetch(casePaths(id)[2]!) }));
export const fetchAttachments = (id: string) => unwrap(api.GET('/api/cases/{id}/attachments', { params: { path: { id } } }));
export const fetchComments = (id: string) => unwrap(api.GET('/api/cases/{id}/comments', { params: { path: { id } } }));
export const fetchTask = (id: string) => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id } }, ...earlyFetch(taskPath(id)) }));
export const fetchDefinition = (id: string, version: number) => unwrap(api.GET('/api/definitions/{id}/versions/{version}', { params: { path: { id, version } }, ...earlyFetch(definitionPath(id, version)) }));

/** Uploads a file to a case (raw body, its own content type). */
export async function uploadToCase(caseId: string, file: Blob, name: string, field?: string): Promise<components['schemas']['AttachmentCreated']> {
  const res = await authedFetch(`/api/cases/${encodeURIComponent(caseId)}/attachments?name=${encodeURIComponent(name)}${field ? `&field=${encodeURIComponent(field)}` : ''}`, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(body, res.status);
  return body as components['schemas']['AttachmentCreated'];
}

/** Downloads an attachment as an object URL (the token rides in a header, never in the URL). */
export async function attachmentUrl(caseId: string, attachmentId: string): Promise<string> {
  const res = await authedFetch(`/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`);
  if (!res.ok) throw toApiError(await res.json().catch(() => undefined), res.status);
  return URL.createObjectURL(await res.blob());
}
