/**
 * The type of an upload from its first bytes, never from the client's Content-Type (issue 7.7): a
 * script sent as `image/png` is not a PNG. Only the types attachments allow are recognised; text
 * must be valid UTF-8 without control characters other than tab and line breaks.
 */

const startsWith = (b: Buffer, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The detected content type, or undefined when the bytes are none of the allowed kinds. */
export function sniffType(b: Buffer): string | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(b, ascii('ftyp'), 4)) return 'video/mp4';
  if (startsWith(b, ascii('ID3')) || (b.length > 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x06) !== 0)) return 'audio/mpeg';
  if (isPlainText(b)) return 'text/plain';
  return undefined;
}

function isPlainText(b: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(text);
}
