/**
 * The designer's contract with the workbench shell, declared here (the designer never imports the
 * workbench): the shell passes an `api` whose fetch adds the bearer token and handles 401 → login.
 */
import type { ComponentType } from 'react';
import type { Definition } from '@tongban/engine';

export interface ShellApi { fetch(path: string, init?: RequestInit): Promise<Response> }

export interface ShellUser { id: string; name: string; roles: string[] }

/** What the shell's form renderer takes: one form (or one step of it) of a definition, with fields hidden by their conditions. */
export interface PreviewFormProps {
  def: Definition; formId: string; step?: string; hidden: string[]; lang: 'zh-CN' | 'en';
  data: Record<string, unknown>; onChange(data: Record<string, unknown>): void;
}

/**
 * `previewForm`: the workbench's own form, so the preview shows what a worker will get (选人 on the org
 * tree, the consent picker, the ID-number widget); without it the preview renders a plain rjsf form.
 */
export interface DesignerAppProps { basePath: string; api: ShellApi; user: ShellUser; lang: 'zh-CN' | 'en'; previewForm?: ComponentType<PreviewFormProps> }

/** An error answered by the runtime (`{ error: { code, message, details } }`), or a network failure. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: Record<string, unknown> = {}) { super(message); }
}

/** Calls the runtime and returns its JSON, or throws an ApiError with the runtime's code. */
export async function apiJson<T>(api: ShellApi, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await api.fetch(path, {
      method: init.method ?? 'GET',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'network.unreachable', `无法连接服务器 (${(err as Error).message})`);
  }
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `http.${res.status}`, e?.message ?? res.statusText, e?.details ?? {});
  }
  return json as T;
}
