/**
 * The command side of the photo-field rule. An upload named with `?field=<photo field>` is checked as it
 * arrives (fieldMedia.ts), but a file uploaded with no field — a PDF — could then be named in a photo
 * field when a case is created, a task completed, an event sent or a draft saved. So wherever data is
 * accepted, each value of a photo field that names a stored attachment must name one whose type, sniffed
 * from its bytes at upload and recorded with it, is an image; otherwise `attachment.not-an-image` with the
 * value's JSON path (`/data/<field>/<i>`), before anything is written. A value that names no stored file
 * (a photo still on the phone, `local-…`, or the sample seed's references) is left to the form's own rules.
 */
import type { Definition } from '@tongban/engine';
import { checkFieldType, imageTypes, photoFieldsOf } from './fieldMedia.ts';

/** Attachment ids are UUIDs (storeAttachment): nothing else can name a stored file. */
const attachmentId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface PhotoRef { id: string; field: string; path: string }

/** The values of `data`'s photo fields that could name a stored attachment, each with its JSON path in the case data. */
export function photoRefsIn(definition: Definition, data: unknown): PhotoRef[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const refs: PhotoRef[] = [];
  for (const field of photoFieldsOf(definition)) {
    const v = (data as Record<string, unknown>)[field];
    const values = Array.isArray(v) ? v : [v];
    values.forEach((x, i) => {
      if (typeof x === 'string' && attachmentId.test(x)) refs.push({ id: x, field, path: Array.isArray(v) ? `/data/${field}/${i}` : `/data/${field}` });
    });
  }
  return refs;
}

/** Reads the recorded types of stored attachments (createAttachmentStore.ts: `attachmentTypes`, `typesOf`). */
export type AttachmentTypes = (ids: string[]) => Promise<Map<string, string>>;

/** Refuses `data` when a photo field names a stored attachment that is not an image (`attachment.not-an-image`, the first such value's path). */
export async function checkPhotoRefs(typesOf: AttachmentTypes, definition: Definition, data: unknown): Promise<void> {
  const refs = photoRefsIn(definition, data);
  if (!refs.length) return;
  const types = await typesOf([...new Set(refs.map((r) => r.id))]);
  for (const r of refs) {
    const mime = types.get(r.id);
    if (mime !== undefined) checkFieldType(r.field, imageTypes, mime, r.path);
  }
}
