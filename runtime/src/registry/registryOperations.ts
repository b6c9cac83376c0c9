/** The registry's API (issue 9 items 3–4): residents, devices, spreadsheet templates, import and export. */
import type { Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { residentOperations } from './residents/residents.router.ts';
import { deviceOperations } from './devices/devices.router.ts';
import { importOperations } from './import/imports.router.ts';

/** Every registry operation. */
export function registryOperations(s: Services): Operation[] {
  return [...residentOperations(s), ...deviceOperations(s), ...importOperations(s)];
}
