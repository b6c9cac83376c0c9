/**
 * The catalogue of coded errors the API returns: `{ error: { code, message, details } }` with the
 * message in zh-CN and the English text in `details.en`. One place, so every code is documented.
 */

/** Every error code, its HTTP status and its messages (zh-CN first). */
export const errorCatalog = {
  'request.malformed-json': { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.too-large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'request.invalid': { status: 400, zh: '请求参数不符合接口定义', en: 'The request does not match the API schema' },
  'request.unsupported-media-type': { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  'route.not-found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  'auth.required': { status: 401, zh: '请先登录', en: 'Authentication required' },
  'auth.token-invalid': { status: 401, zh: '登录凭证无效', en: 'The access token is invalid' },
  'auth.token-expired': { status: 401, zh: '登录已过期，请重新登录', en: 'The access token has expired' },
  'auth.bad-credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': { status: 423, zh: '账号因多次登录失败已暂时锁定', en: 'The account is locked after repeated failed logins' },
  'auth.rate-limited': { status: 429, zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' },
  'authz.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'org.not-found': { status: 404, zh: '组织机构不存在', en: 'No such org unit' },
  'org.out-of-scope': { status: 403, zh: '该组织机构不在您的管辖范围内', en: 'The org unit is outside your scope' },
  'user.not-found': { status: 404, zh: '用户不存在', en: 'No such user' },
  'definition.not-found': { status: 404, zh: '服务事项定义不存在', en: 'No such definition' },
  'definition.invalid': { status: 422, zh: '服务事项定义校验未通过', en: 'The definition does not validate' },
  'definition.not-draft': { status: 409, zh: '只有草稿可以修改或发布', en: 'Only a draft can be changed or published' },
  'definition.not-published': { status: 409, zh: '该服务事项未发布', en: 'The definition is not published' },
  'designer.draft-not-found': { status: 404, zh: '该事项没有正在编辑的草稿', en: 'This item has no draft being edited' },
  'designer.draft-conflict': { status: 409, zh: '草稿已被他人保存，请先查看对方的修改', en: 'Someone else saved this draft; look at their change first' },
  'designer.id-mismatch': { status: 422, zh: '草稿中的事项编号与地址不一致', en: 'The draft id does not match the address' },
  'designer.lint-errors': { status: 422, zh: '定义还有错误，不能发布', en: 'The definition has errors and cannot be published' },
  'designer.scenario-failed': { status: 422, zh: '已保存的场景回归未通过，不能发布', en: 'A saved scenario fails on this version; publishing is refused' },
  'case.not-found': { status: 404, zh: '案件不存在', en: 'No such case' },
  'case.version-conflict': { status: 409, zh: '案件已被他人更新，请刷新后重试', en: 'The case was changed by someone else; reload and retry' },
  'case.event-rejected': { status: 422, zh: '当前状态不接受该操作', en: 'The case does not accept this action in its current state' },
  'case.data-invalid': { status: 422, zh: '表单数据校验未通过', en: 'The form data does not validate' },
  'task.not-found': { status: 404, zh: '待办不存在', en: 'No such task' },
  'task.not-open': { status: 409, zh: '待办已办结或已取消', en: 'The task is no longer open' },
  'task.not-assignee': { status: 403, zh: '您不是该待办的办理人', en: 'You are not the assignee of this task' },
  'task.field-not-writable': { status: 422, zh: '该步骤不允许填写此字段', en: 'This step may not write this field' },
  'task.urge-rate-limited': { status: 429, zh: '催办过于频繁，请稍后再试', en: 'Urged too often; try again later' },
  'pii.reveal-denied': { status: 403, zh: '无权查看该个人信息', en: 'You may not reveal this personal data' },
  'pii.reason-required': { status: 422, zh: '紧急查看须填写书面理由', en: 'A break-glass reveal needs a written reason' },
  'break-glass.not-found': { status: 404, zh: '紧急查看记录不存在或不在您的管辖范围内', en: 'No such break-glass reveal in your scope' },
  'break-glass.already-reviewed': { status: 409, zh: '该紧急查看已复核', en: 'This break-glass reveal was already reviewed' },
  'break-glass.self-review': { status: 403, zh: '不能复核本人的紧急查看', en: 'You may not review your own break-glass reveal' },
  'attachment.too-large': { status: 413, zh: '附件过大', en: 'The attachment is too large' },
  'attachment.type-not-allowed': { status: 415, zh: '不允许的附件类型', en: 'This attachment type is not allowed' },
  'attachment.bad-name': { status: 400, zh: '附件名称无效', en: 'The attachment name is invalid' },
  'attachment.not-found': { status: 404, zh: '附件不存在', en: 'No such attachment' },
  'internal': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

/** A documented error code. */
export type ErrorCode = keyof typeof errorCatalog;

/** An error the API maps to its catalogue status and body. */
export class AppError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, readonly details: Record<string, unknown> = {}) {
    super(errorCatalog[code].zh);
    this.status = errorCatalog[code].status;
  }
}

/** The JSON error body, zh-CN message first, English in details (or as message for `en`). */
export function errorBody(err: AppError, lang: 'zh-CN' | 'en' = 'zh-CN'): { error: { code: string; message: string; details: Record<string, unknown> } } {
  const entry = errorCatalog[err.code];
  const message = lang === 'en' ? entry.en : entry.zh;
  return { error: { code: err.code, message, details: { en: entry.en, ...err.details } } };
}
