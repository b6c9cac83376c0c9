#!/usr/bin/env node
/**
 * `tongban-idcard-bridge`: runs the bridge on a worker's PC. `TONGBAN_BRIDGE_ORIGIN` is the workbench
 * URL (required), `TONGBAN_BRIDGE_PORT` (18620), `TONGBAN_BRIDGE_DRIVER` a module exporting a default
 * `CardDriver` around the vendor SDK, or `simulator:<file.json>` to replay recorded responses.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createBridge, type CardDriver } from './createBridge.ts';
import { simulatorDriver, type Recorded } from './simulatorDriver.ts';

const origin = process.env.TONGBAN_BRIDGE_ORIGIN;
if (!origin) { process.stderr.write('TONGBAN_BRIDGE_ORIGIN 必填，如 http://localhost:3000 (the workbench origin is required)\n'); process.exit(2); }
const spec = process.env.TONGBAN_BRIDGE_DRIVER ?? '';
const driver: CardDriver = spec.startsWith('simulator:')
  ? simulatorDriver(JSON.parse(readFileSync(spec.slice('simulator:'.length), 'utf8')) as Recorded[])
  : ((await import(pathToFileURL(spec).href)) as { default: CardDriver }).default;
const bridge = await createBridge({ driver, allowedOrigins: origin.split(','), port: Number(process.env.TONGBAN_BRIDGE_PORT ?? 18620), log: (code) => process.stdout.write(`${code}\n`) });
process.stdout.write(`身份证阅读器桥接已启动 ID-card bridge on ws://127.0.0.1:${bridge.port}\n`);
