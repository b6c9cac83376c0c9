/**
 * Previews of photos taken on this device, by attachment id (object URLs), so the form shows them
 * at once and while offline. Module state on purpose: rjsf deep-copies its formContext, so a Map
 * passed through it would be a different Map on every render.
 */
const previews = new Map<string, string>();

/** Remembers the preview of an uploaded photo. */
export function rememberPreview(id: string, file: Blob): void {
  previews.set(id, URL.createObjectURL(file));
}

/** The preview of a photo taken here, if any. */
export function previewOf(id: string): string | undefined {
  return previews.get(id);
}
