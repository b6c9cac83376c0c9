import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { activeStates, eventsNow } from './eventsNow.ts';

describe('events the simulator offers', () => {
  it('reads nested and parallel snapshot values', () => {
    expect(activeStates({ dispatching: { responders: 'calling', services: 'idle' } })).toEqual(['dispatching', 'responders', 'calling', 'services', 'idle']);
  });
  it('lists plain events of the active states, not task decisions', () => {
    const def = serviceItems['grid-incident'] as Definition;
    const all = Object.keys(def.states).flatMap((s) => eventsNow(def, s));
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) expect(def.states[e.from]?.task?.decisions?.[e.event]).toBeUndefined();
  });
});
