import { createEmbeddedDriver } from './createEmbeddedDriver.ts';
import { describeDriverConformance } from '../testing/driverConformance.ts';

// A long poll interval: the conformance suite drives the driver with tick() on a fake clock only.
describeDriverConformance({
  name: 'embedded', time: 'tick',
  open: async () => ({ make: (runner, clock) => createEmbeddedDriver({ runner, clock, pollMs: 3_600_000 }), close: async () => {} }),
});
