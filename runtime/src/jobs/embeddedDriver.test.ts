import { createEmbeddedDriver } from './createEmbeddedDriver.ts';
import { describeDriverConformance } from './driverConformance.ts';

// A long poll interval: the conformance suite drives the driver with tick() on a fake clock only.
describeDriverConformance('embedded', (runner, clock) => createEmbeddedDriver({ runner, clock, pollMs: 3_600_000 }));
