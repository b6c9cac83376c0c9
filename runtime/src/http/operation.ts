/**
 * An API operation is declared once, as data plus a handler: the same declaration registers the
 * Express route, validates the request and appears in the OpenAPI document.
 */
import type { Request, Response } from 'express';
import type { AppAbility } from '../authz/defineAbilities.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';

/** A JSON Schema (2020-12) fragment. */
export type Schema = Record<string, unknown>;

/** What a handler receives. */
export interface OpContext<B = any, Q = any, P = any> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  /** undefined only for operations with `auth: false` */
  user: UserRecord;
  ability: AppAbility;
  lang: 'zh-CN' | 'en';
  requestId: string;
}

/** What a handler returns: a status (default 200) and a JSON body, or `raw` when it wrote the response. */
export type OpResult = { status?: number; body?: unknown; raw?: true };

/** One operation of the REST API. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. /api/cases/{id} */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** default true: a bearer token is required */
  auth?: boolean;
  params?: Record<string, Schema>;
  query?: Record<string, Schema>;
  body?: Schema;
  /** the body is raw bytes (attachments), not JSON */
  rawBody?: { maxBytes: number; contentTypes?: string[] };
  /**
   * Success responses by status: a JSON body schema (usually `ok('Name')`, a named component), or
   * `content` by media type for bytes; `headers` the server sets. Every operation declares one.
   */
  responses?: Record<string, OpResponse>;
  /** component schemas this operation introduces (merged into the document's components) */
  schemas?: Record<string, Schema>;
  /** checks run after authentication and before the body is read (an upload's target, quota) */
  beforeBody?(ctx: OpContext): Promise<void>;
  handler(ctx: OpContext): Promise<OpResult>;
}

/** One declared success response. */
export interface OpResponse {
  description: string;
  /** a JSON body */
  schema?: Schema;
  /** bodies by media type (files) */
  content?: Record<string, Schema>;
  headers?: Record<string, { description: string; schema: Schema }>;
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A 200 answer whose JSON body is the named component schema. */
export function ok(name: string, description = '成功 OK'): Record<string, OpResponse> {
  return { '200': { description, schema: ref(name) } };
}

/** A 201 answer (a record was created) whose JSON body is the named component schema. */
export function created(name: string, description = '已创建 Created'): Record<string, OpResponse> {
  return { '201': { description, schema: ref(name) } };
}

/** Declares an operation (identity function, for typing and greppability). */
export function defineOperation(op: Operation): Operation {
  return op;
}

/** Common schema pieces. */
export const S = {
  id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:@-]+$' },
  orgPath: { type: 'string', maxLength: 191, pattern: '^(/[0-9]{6,15}){1,4}$' },
  version: { type: 'integer', minimum: 0, maximum: 2147483647 },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  cursor: { type: 'string', maxLength: 400, pattern: '^[A-Za-z0-9_-]*$' },
  text: (max: number) => ({ type: 'string', maxLength: max }),
  object: (properties: Record<string, Schema>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required }),
  anyObject: { type: 'object', maxProperties: 500, additionalProperties: true },
} as const;
