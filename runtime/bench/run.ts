/** `npm run bench:runtime [commands|queue|bpmn]`: the runtime benchmark from the command line. */
import { run } from './index.ts';

await run(process.argv[2]);
process.exit(0);
