/** The boot script's entry (inlined at the top of index.html, ahead of the app): see earlyRequests.ts. */
import { startEarlyRequests } from './earlyRequests.ts';

// when the boot script ran: a page that lacks it was served without it or its CSP hash refused it
(globalThis as { __tongbanBootAt?: number }).__tongbanBootAt = Date.now();
startEarlyRequests();
