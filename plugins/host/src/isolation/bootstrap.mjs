// The entry of a plugin's worker thread: sources are TypeScript run through tsx (as the CLI does).
import { register } from 'tsx/esm/api';
register();
await import('./workerMain.ts');
