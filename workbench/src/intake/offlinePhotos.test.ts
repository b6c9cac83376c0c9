import { describe, expect, it } from 'vitest';
import { isLocalId, localIdsIn, replaceLocalIds } from './offlinePhotos.ts';

describe('photos kept on the device', () => {
  const data = { description: '路灯不亮', photos: ['a1', 'local-1', 'local-2'], reporter: { signature: 'local-3', name: null }, note: null };

  it('finds the local ids a draft names, in any field', () => {
    expect(localIdsIn(data)).toEqual(['local-1', 'local-2', 'local-3']);
    expect(isLocalId('a1')).toBe(false);
    expect(localIdsIn({ photos: ['a1'] })).toEqual([]);
  });

  it('puts the uploaded ids in their place and drops the refused ones, leaving everything else as it was', () => {
    const out = replaceLocalIds(data, new Map([['local-1', 'att-9'], ['local-2', null], ['local-3', null]]));
    expect(out).toEqual({ description: '路灯不亮', photos: ['a1', 'att-9'], reporter: { name: null }, note: null });
    // ids not in the map stay (still waiting)
    expect(replaceLocalIds(data, new Map([['local-1', 'att-9']])).photos).toEqual(['a1', 'att-9', 'local-2']);
  });
});
