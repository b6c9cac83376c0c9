/** Messages between the host (main thread) and a plugin's worker thread. */
import type { CallResult, EmitResult, InboundRequest, InboundResponse, StoredConfig, TriggerEvent } from '@tongban/plugin-sdk';

/** Host → worker. */
export type ToWorker =
  | { type: 'configure'; stored: StoredConfig }
  | { type: 'invoke'; id: number; name: string; input: unknown; call: { idempotencyKey: string; attempt: number; caseId?: string } }
  | { type: 'route'; id: number; req: Omit<InboundRequest, 'params'> }
  | { type: 'start' } | { type: 'stop'; id: number }
  | { type: 'ping'; id: number }
  | { type: 'reply'; id: number; ok: boolean; value?: unknown; error?: { code: string; message: string; retryable: boolean } };

/** Worker → host. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: CallResult | InboundResponse | null }
  | { type: 'started' } | { type: 'start-failed'; code: string; message: string }
  | { type: 'emit'; id: number; trigger: string; event: TriggerEvent }
  | { type: 'store'; id: number; op: 'get' | 'put' | 'delete' | 'list'; args: unknown[] };

export type { EmitResult };
