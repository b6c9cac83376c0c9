// The entry of a plugin's worker thread. In the production build the compiled workerMain.js sits
// beside this file; in the sources, TypeScript runs through tsx (as the development CLI does).
import { existsSync } from 'node:fs';

const built = new URL('./workerMain.js', import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./workerMain.ts');
}
