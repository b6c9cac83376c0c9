/**
 * Is a file really a photo? Read from its first bytes (the same signatures the server's sniffType
 * uses), never from its name or the type the browser guesses from the name: a PDF renamed
 * `photo.jpg`, or a file picked past the camera, is refused before it is uploaded, with the
 * message the server would give (`attachment.not-an-image`).
 */

/** The image types a photo field takes (the server's fieldMedia.ts). */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

const starts = (b: Uint8Array, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type of these leading bytes, or undefined when they are not JPEG, PNG or WebP. */
export function imageTypeOfBytes(b: Uint8Array): (typeof photoTypes)[number] | undefined {
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

/** The image type of a file from its first 12 bytes, or undefined when it is not a photo. */
export async function imageTypeOf(file: Blob): Promise<(typeof photoTypes)[number] | undefined> {
  return imageTypeOfBytes(new Uint8Array(await file.slice(0, 12).arrayBuffer()));
}
