/** A reader simulator: replays recorded responses (a card, or `no_reader` / `no_card` / a hang) in order. */
import type { Card } from '../card.ts';
import { CardError, type CardDriver } from './createBridge.ts';

/** One recorded response. */
export type Recorded = Card | 'no_reader' | 'no_card' | 'hang';

/** A driver that answers with `script`, one entry per read (the last one repeats). */
export function simulatorDriver(script: Recorded[]): CardDriver & { script: Recorded[] } {
  return {
    script,
    async read(signal) {
      const next = script.length > 1 ? script.shift()! : script[0]!;
      if (next === 'no_reader' || next === 'no_card') throw new CardError(next);
      if (next === 'hang') return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }));
      return structuredClone(next);
    },
  };
}
