import { describe, expect, it } from 'vitest';
import { levelNameOf, orgPathOf } from './orgPath.ts';

describe('org levels', () => {
  it('names county, township, community and grid by depth, and a unit below the grid a micro-grid (not "grid")', () => {
    const grid = orgPathOf('510722100001001')!;
    expect([grid.split('/').slice(0, 2).join('/'), grid.split('/').slice(0, 3).join('/'), grid.split('/').slice(0, 4).join('/'), grid].map(levelNameOf))
      .toEqual(['county', 'township', 'community', 'grid']);
    expect(levelNameOf(grid + '/510722100001001001')).toBe('micro-grid');
  });
});
