import { describe, expect, it } from 'vitest';
import { movePoint } from './LocationPad.tsx';

describe('the location pad', () => {
  it('moves a point by metres east and north (6 decimals, about 0.1 m)', () => {
    expect(movePoint({ lat: 31.092134, lng: 105.085321 }, 0, 10)).toEqual({ lat: 31.092224, lng: 105.085321 });
    const east = movePoint({ lat: 31.092134, lng: 105.085321 }, 100, 0);
    expect(east.lat).toBe(31.092134);
    // 100 m east at 31° N is about 0.00105° of longitude
    expect(east.lng - 105.085321).toBeCloseTo(0.00105, 5);
  });
});
