/** The OpenAPI 3.1 document, generated from the same operation declarations that validate requests. */
import { errorCatalog, type ErrorCode } from '../errors/errorCatalog.ts';
import { statusOfCode } from '../http/httpErrors.ts';
import type { Operation, OpResponse, Schema } from '../http/operation.ts';
import { apiSchemas } from './apiSchemas.ts';

const errorSchema: Schema = {
  type: 'object', required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message', 'details'], properties: {
    code: { type: 'string', enum: Object.keys(errorCatalog) }, message: { type: 'string' }, details: { type: 'object' } } } },
};

function clean(schema: Schema): Schema {
  const { required: _r, ...rest } = schema as Schema & { required?: unknown };
  return typeof _r === 'boolean' ? rest : schema;
}

function responseDoc(r: OpResponse): Record<string, unknown> {
  const content = r.content ?? (r.schema ? { 'application/json': r.schema } : undefined);
  return {
    description: r.description,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(content ? { content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])) } : {}),
  };
}

function operationDoc(op: Operation): Record<string, unknown> {
  const parameters = [
    ...Object.entries(op.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: clean(schema) })),
    ...Object.entries(op.query ?? {}).filter(([, s]) => s).map(([name, schema]) => ({ name, in: 'query', required: (schema as { required?: boolean }).required === true, schema: clean(schema) })),
  ];
  const doc: Record<string, unknown> = {
    operationId: op.operationId, summary: op.summary, tags: [op.tag], parameters,
    responses: {
      ...Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, responseDoc(r)])),
      '4XX': { description: '请求错误 Client error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      '5XX': { description: '服务器错误（带 requestId） Server error, with a request id', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
  // Public operations say so; the rest inherit the document's bearer requirement.
  if (op.auth === false) doc.security = [];
  if (op.body) doc.requestBody = { required: true, content: { 'application/json': { schema: op.body } } };
  if (op.rawBody) {
    const types = op.rawBody.contentTypes ?? ['application/octet-stream'];
    doc.requestBody = { required: true, description: `文件内容（原始字节，最大 ${op.rawBody.maxBytes} 字节） The file's bytes, at most ${op.rawBody.maxBytes}`,
      content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary', contentMediaType: t } }])) };
  }
  return doc;
}

/** The component schemas of every operation, refusing two different schemas under one name. */
function componentSchemas(ops: Operation[]): Record<string, Schema> {
  const out: Record<string, Schema> = { Error: errorSchema, ...apiSchemas };
  for (const op of ops) {
    for (const [name, s] of Object.entries(op.schemas ?? {})) {
      if (out[name] && JSON.stringify(out[name]) !== JSON.stringify(s)) throw new Error(`component schema ${name} is declared twice (${op.operationId})`);
      out[name] = s;
    }
  }
  return out;
}

/** Tag descriptions (zh-CN, then English). */
const tagDescriptions: Record<string, string> = {
  auth: '登录与当前用户 Sign-in and the current user', org: '组织机构与人员 Org units and people', definitions: '服务事项定义 Service-item definitions',
  cases: '案件 Cases', tasks: '待办 Tasks', notifications: '消息与抄送 Inbox and copies', audit: '审计与紧急查看复核 Audit and break-glass review',
  meta: '接口说明与客户端配置 API description and client settings', oversight: '督办统计 Oversight figures', views: '已保存的视图 Saved views', drafts: '草稿 Drafts',
};

/** Builds the document for a list of operations. */
export function buildOpenApi(ops: Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) (paths[op.path] ??= {})[op.method] = operationDoc(op);
  const tags = [...new Set(ops.map((o) => o.tag))].sort().map((name) => ({ name, description: tagDescriptions[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: '通办 Tongban API', version: '0.1.0', license: { name: 'UNLICENSED (proprietary)', identifier: 'LicenseRef-Proprietary' },
      description: '县域智慧社区案件与流程引擎 REST API。错误体 { error: { code, message, details } }，message 为中文，details.en 为英文。',
    },
    servers: [{ url: '/', description: '同源部署 Same origin as the workbench' }],
    security: [{ bearer: [] }],
    tags,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录返回的令牌 The token from POST /api/auth/login' } },
      schemas: componentSchemas(ops),
      'x-error-codes': Object.fromEntries(Object.entries(errorCatalog).map(([code, e]) => [code, { status: statusOfCode(code as ErrorCode), 'zh-CN': e.zh, en: e.en }])),
    },
    paths,
  };
}
