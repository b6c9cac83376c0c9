import { describe, expect, it } from 'vitest';
import { imageTypeOf, imageTypeOfBytes } from './photoType.ts';

const PNG = Uint8Array.from(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const WEBP = Uint8Array.from(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]));

describe('photoType: is the file really a photo (its bytes, not its name or declared type)', () => {
  it('knows JPEG, PNG and WebP by their signatures', () => {
    expect([imageTypeOfBytes(JPEG), imageTypeOfBytes(PNG), imageTypeOfBytes(WEBP)]).toEqual(['image/jpeg', 'image/png', 'image/webp']);
  });

  it('refuses what only claims to be a photo: a PDF named .jpg and typed image/jpeg, text, a program, an empty file, a RIFF that is not WebP', async () => {
    expect(await imageTypeOf(new Blob(['%PDF-1.7\n'], { type: 'image/jpeg' }))).toBeUndefined();
    expect(await imageTypeOf(new Blob(['现场说明'], { type: 'image/png' }))).toBeUndefined();
    expect(await imageTypeOf(new Blob([Uint8Array.from([0x4d, 0x5a, 0x90, 0])], { type: 'image/webp' }))).toBeUndefined();
    expect(await imageTypeOf(new Blob([]))).toBeUndefined();
    expect(imageTypeOfBytes(Uint8Array.from(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')])))).toBeUndefined();
  });

  it('reads a real file\'s leading bytes whatever its declared type', async () => {
    expect(await imageTypeOf(new Blob([PNG, new Uint8Array(1000)], { type: 'application/octet-stream' }))).toBe('image/png');
    expect(await imageTypeOf(new Blob([JPEG]))).toBe('image/jpeg');
  });
});
