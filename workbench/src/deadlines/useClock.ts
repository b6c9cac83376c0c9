/**
 * One ticking clock for every countdown on the screen (a single interval, not one per row), on
 * the server's time: the offset measured when the client configuration was fetched.
 */
import { useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import { calendarsOf, type ClientConfig } from './liveDeadline.ts';

let offset = 0;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(l: () => void): () => void {
  listeners.add(l);
  if (!timer) timer = setInterval(() => { now = Date.now() + offset; for (const f of listeners) f(); }, 1000);
  return () => {
    listeners.delete(l);
    if (!listeners.size && timer) { clearInterval(timer); timer = undefined; }
  };
}

/** The server's time now, re-rendering every second. */
export function useServerNow(): number {
  return useSyncExternalStore(subscribe, () => now, () => now);
}

/** The client configuration (calendars, reader bridge) and the county calendars built from it. */
export function useClientConfig() {
  return useQuery({
    queryKey: ['client-config'],
    staleTime: 3_600_000,
    queryFn: async () => {
      const sent = Date.now();
      const config = await unwrap(api.GET('/api/client-config'));
      const received = Date.now();
      offset = config.serverTime - Math.round((sent + received) / 2);
      now = Date.now() + offset;
      return { config: config as ClientConfig, calendars: calendarsOf(config as ClientConfig) };
    },
  });
}
