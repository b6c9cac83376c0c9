/** The OpenAPI 3.1 document, generated from the same operation declarations that validate requests. */
import { errorCatalog, type ErrorCode } from '../errors/errorCatalog.ts';
import { statusOfCode } from '../http/httpErrors.ts';
import type { Operation, Schema } from '../http/operation.ts';

const errorSchema: Schema = {
  type: 'object', required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message', 'details'], properties: {
    code: { type: 'string', enum: Object.keys(errorCatalog) }, message: { type: 'string' }, details: { type: 'object' } } } },
};

function clean(schema: Schema): Schema {
  const { required: _r, ...rest } = schema as Schema & { required?: unknown };
  return typeof _r === 'boolean' ? rest : schema;
}

function operationDoc(op: Operation): Record<string, unknown> {
  const parameters = [
    ...Object.entries(op.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: clean(schema) })),
    ...Object.entries(op.query ?? {}).filter(([, s]) => s).map(([name, schema]) => ({ name, in: 'query', required: (schema as { required?: boolean }).required === true, schema: clean(schema) })),
  ];
  const doc: Record<string, unknown> = {
    operationId: op.operationId, summary: op.summary, tags: [op.tag], parameters,
    responses: {
      ...(op.responses ?? { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } }),
      '4XX': { description: '请求错误 Client error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
  if (op.auth !== false) doc.security = [{ bearer: [] }];
  if (op.body) doc.requestBody = { required: true, content: { 'application/json': { schema: op.body } } };
  if (op.rawBody) doc.requestBody = { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } };
  return doc;
}

/** Builds the document for a list of operations. */
export function buildOpenApi(ops: Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) (paths[op.path] ??= {})[op.method] = operationDoc(op);
  return {
    openapi: '3.1.0',
    info: { title: '通办 Tongban API', version: '0.1.0', description: '县域智慧社区案件与流程引擎 REST API。错误体 { error: { code, message, details } }，message 为中文，details.en 为英文。' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
      'x-error-codes': Object.fromEntries(Object.entries(errorCatalog).map(([code, e]) => [code, { status: statusOfCode(code as ErrorCode), 'zh-CN': e.zh, en: e.en }])),
    },
    paths,
  };
}
