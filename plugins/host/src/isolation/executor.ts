/** How a host runs one plugin: in its own thread (isolated) or in the host's (inline, for tests and the harness). */
import type { CallResult, InboundRequest, InboundResponse, StoredConfig } from '@tongban/plugin-sdk';

/** What the host asks of a plugin's runner. */
export interface Executor {
  /** settings already migrated and validated by the host */
  configure(stored: StoredConfig): void;
  invoke(name: string, input: unknown, call: { idempotencyKey: string; attempt: number; caseId?: string }): Promise<CallResult>;
  route(req: Omit<InboundRequest, 'params'>): Promise<InboundResponse>;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** ends the runner for good (host shutdown) */
  close(): Promise<void>;
}
