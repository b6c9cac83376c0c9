#!/usr/bin/env node
// The tongban CLI. In the production build (build/runtime/bin, made by `npm run build`) the
// compiled JavaScript sits beside this file and runs as is; in the sources, TypeScript runs
// through tsx (a development dependency only).
import { existsSync } from 'node:fs';

const built = new URL('../src/cli/main.js', import.meta.url);
let main;
if (existsSync(built)) ({ main } = await import(built.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
