/**
 * The catalogue of the runtime's coded errors, transport-neutral: each code has a kind (whose
 * fault, what went wrong) and its messages, zh-CN first. Only `http/httpErrors.ts` turns a kind into
 * an HTTP status; stores, commands, the timer runner and the CLI never see one.
 */
import { adminErrorCatalog } from '../admin/adminErrors.ts';

/** What went wrong, independent of how the caller reached us. */
export const ErrorKinds = [
  /** the request itself is malformed (bad JSON, a parameter that breaks the API schema) */
  'invalid',
  /** nobody is signed in, or the credentials are not valid */
  'unauthenticated',
  /** signed in, but not allowed to do this */
  'forbidden',
  /** no such thing (or not visible to the caller, which must look the same) */
  'not-found',
  /** the thing changed meanwhile, or is in a state that forbids the change */
  'conflict',
  /** well-formed, but the domain refuses it (a form rule, an event the case does not accept) */
  'refused',
  /** too big to accept */
  'too-large',
  /** a content type or encoding we do not take */
  'unsupported',
  /** temporarily locked (an account after repeated failures) */
  'locked',
  /** too often; try again later */
  'rate-limited',
  /** our fault: logged with a request id */
  'internal',
] as const;
export type ErrorKind = (typeof ErrorKinds)[number];

/** Every error code, its kind and its messages (zh-CN first). */
export const errorCatalog = {
  'request.malformed-json': { kind: 'invalid', zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.too-large': { kind: 'too-large', zh: '请求体过大', en: 'The request body is too large' },
  'request.invalid': { kind: 'invalid', zh: '请求参数不符合接口定义', en: 'The request does not match the API schema' },
  'request.unsupported-media-type': { kind: 'unsupported', zh: '不支持的内容类型', en: 'Unsupported content type' },
  'request.unsupported-encoding': { kind: 'unsupported', zh: '不支持的内容编码（Content-Encoding 只能是 gzip、deflate、br 或 identity）', en: 'Unsupported Content-Encoding (gzip, deflate, br or identity)' },
  'request.bad-encoding': { kind: 'invalid', zh: '请求体与声明的内容编码不符，无法解压', en: 'The body does not match its Content-Encoding and cannot be decoded' },
  'request.too-deep': { kind: 'invalid', zh: '请求数据嵌套层级过深', en: 'The request data is nested too deeply' },
  'request.forbidden-key': { kind: 'invalid', zh: '请求数据含有不允许的字段名（__proto__、constructor、prototype）', en: 'The request data has a forbidden key (__proto__, constructor, prototype)' },
  'request.control-characters': { kind: 'invalid', zh: '文本含有不允许的控制字符（如空字符、双向文本控制符）', en: 'The text holds forbidden control characters (such as NUL or bidirectional overrides)' },
  'route.not-found': { kind: 'not-found', zh: '接口不存在', en: 'No such endpoint' },
  'auth.required': { kind: 'unauthenticated', zh: '请先登录', en: 'Authentication required' },
  'auth.token-invalid': { kind: 'unauthenticated', zh: '登录凭证无效', en: 'The access token is invalid' },
  'auth.token-expired': { kind: 'unauthenticated', zh: '登录已过期，请重新登录', en: 'The access token has expired' },
  'auth.bad-credentials': { kind: 'unauthenticated', zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.token-revoked': { kind: 'unauthenticated', zh: '会话已结束（已退出、密码已修改或账号已停用），请重新登录', en: 'The session has ended (logged out, password changed or account disabled); log in again' },
  'auth.weak-password': { kind: 'refused', zh: '新密码至少 8 位，须同时包含字母和数字，且不能与原密码相同', en: 'The new password needs at least 8 characters with letters and digits, and must differ from the current one' },
  'auth.rate-limited': { kind: 'rate-limited', zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' },
  'authz.forbidden': { kind: 'forbidden', zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'org.not-found': { kind: 'not-found', zh: '组织机构不存在', en: 'No such org unit' },
  'org.out-of-scope': { kind: 'forbidden', zh: '该组织机构不在您的管辖范围内', en: 'The org unit is outside your scope' },
  'user.not-found': { kind: 'not-found', zh: '用户不存在', en: 'No such user' },
  'definition.not-found': { kind: 'not-found', zh: '服务事项定义不存在', en: 'No such definition' },
  'definition.invalid': { kind: 'refused', zh: '服务事项定义校验未通过', en: 'The definition does not validate' },
  'definition.lint-failed': { kind: 'refused', zh: '服务事项定义存在错误，不能发布（见 diagnostics）', en: 'The definition has errors and cannot be published (see diagnostics)' },
  'designer.draft-not-found': { kind: 'not-found', zh: '该事项没有正在编辑的草稿', en: 'This item has no draft being edited' },
  'designer.draft-conflict': { kind: 'conflict', zh: '草稿已被他人保存，请先查看对方的修改', en: 'Someone else saved this draft; look at their change first' },
  'designer.id-mismatch': { kind: 'refused', zh: '草稿中的事项编号与地址不一致', en: 'The draft id does not match the address' },
  'designer.scenario-failed': { kind: 'refused', zh: '已保存的场景回归未通过，不能发布', en: 'A saved scenario fails on this version; publishing is refused' },
  'definition.not-draft': { kind: 'conflict', zh: '只有草稿可以修改或发布', en: 'Only a draft can be changed or published' },
  'definition.not-published': { kind: 'conflict', zh: '该服务事项未发布', en: 'The definition is not published' },
  'definition.migration-refused': { kind: 'refused', zh: '部分案件无法迁移到新版本，未迁移任何案件', en: 'Some cases cannot move to the new version; no case was moved' },
  'case.not-found': { kind: 'not-found', zh: '案件不存在', en: 'No such case' },
  'case.version-conflict': { kind: 'conflict', zh: '案件已被他人更新，请刷新后重试', en: 'The case was changed by someone else; reload and retry' },
  'case.event-rejected': { kind: 'refused', zh: '当前状态不接受该操作', en: 'The case does not accept this action in its current state' },
  'case.data-invalid': { kind: 'refused', zh: '表单数据校验未通过', en: 'The form data does not validate' },
  'task.not-found': { kind: 'not-found', zh: '待办不存在', en: 'No such task' },
  'task.not-open': { kind: 'conflict', zh: '待办已办结或已取消', en: 'The task is no longer open' },
  'task.not-assignee': { kind: 'forbidden', zh: '您不是该待办的办理人', en: 'You are not the assignee of this task' },
  'task.vote-invalid-choice': { kind: 'refused', zh: '请从本次表决列出的方案中选择一个投票', en: 'Vote for one of the options this ballot lists' },
  'task.field-not-writable': { kind: 'refused', zh: '该步骤不允许填写此字段', en: 'This step may not write this field' },
  'task.target-not-allowed': { kind: 'refused', zh: '所选人员不能接办此待办（须为本步骤角色、在案件辖区内的在职工作人员）', en: 'This user may not take the task (staff holding a role of the step, within the case’s org scope)' },
  'task.urge-rate-limited': { kind: 'rate-limited', zh: '催办过于频繁，请稍后再试', en: 'Urged too often; try again later' },
  'pii.reveal-denied': { kind: 'forbidden', zh: '无权查看该个人信息', en: 'You may not reveal this personal data' },
  'pii.reason-required': { kind: 'refused', zh: '紧急查看须填写书面理由', en: 'A break-glass reveal needs a written reason' },
  'break-glass.not-found': { kind: 'not-found', zh: '紧急查看记录不存在或不在您的管辖范围内', en: 'No such break-glass reveal in your scope' },
  'break-glass.already-reviewed': { kind: 'conflict', zh: '该紧急查看已复核', en: 'This break-glass reveal was already reviewed' },
  'break-glass.self-review': { kind: 'forbidden', zh: '不能复核本人的紧急查看', en: 'You may not review your own break-glass reveal' },
  'consent.not-found': { kind: 'not-found', zh: '同意记录不存在或不在您的管辖范围内', en: 'No such consent record in your scope' },
  'consent.already-withdrawn': { kind: 'conflict', zh: '该同意已撤回', en: 'This consent was already withdrawn' },
  'consent.forbidden': { kind: 'forbidden', zh: '无权登记或查看个人信息同意记录', en: 'You may not record or read consent records' },
  'consent.bad-id-number': { kind: 'refused', zh: '身份证号码无效（校验位或出生日期不符）', en: 'The ID number is not valid (checksum or birth date)' },
  'consent.bad-period': { kind: 'refused', zh: '同意的截止时间须晚于同意时间', en: 'A consent must expire after it was given' },
  'consent.refused': { kind: 'refused', zh: '没有有效的单独同意记录，不能提供该个人信息（详见 details.reason：不存在、已撤回、已过期、用途或本人不符）', en: 'No valid separate consent covers this sharing (details.reason: missing, withdrawn, expired, other purpose or other person)' },
  'attachment.too-large': { kind: 'too-large', zh: '附件过大', en: 'The attachment is too large' },
  'attachment.type-not-allowed': { kind: 'unsupported', zh: '不允许的附件类型', en: 'This attachment type is not allowed' },
  'attachment.not-an-image': { kind: 'refused', zh: '该栏只接受照片（JPEG、PNG 或 WebP），所传文件不是图片', en: 'This field takes photos only (JPEG, PNG or WebP); the file is not an image' },
  'attachment.bad-name': { kind: 'invalid', zh: '附件名称无效', en: 'The attachment name is invalid' },
  'attachment.quota-exceeded': { kind: 'too-large', zh: '本案件附件总量已达上限', en: 'The case’s attachments have reached their quota' },
  'attachment.not-found': { kind: 'not-found', zh: '附件不存在', en: 'No such attachment' },
  'points.unknown-rule': { kind: 'refused', zh: '积分规则不存在或已停用', en: 'No such points rule, or it is disabled' },
  'points.hours-required': { kind: 'refused', zh: '按时长计分的规则须填写服务时长（小时）', en: 'An hourly rule needs the hours served' },
  'points.duplicate': { kind: 'conflict', zh: '该活动已按此规则计过积分，不能重复计分', en: 'Points were already awarded for this activity under this rule' },
  'points.unknown-reward': { kind: 'refused', zh: '兑换物品不存在、已下架或不面向该居民所在社区', en: 'No such reward, it is withdrawn, or it is not offered where the resident lives' },
  'points.insufficient': { kind: 'conflict', zh: '积分余额不足', en: 'The points balance is too low' },
  'points.out-of-stock': { kind: 'conflict', zh: '该兑换物品已兑完', en: 'The reward is out of stock' },
  'points.unknown-entry': { kind: 'refused', zh: '该居民没有这条积分记录', en: 'The resident has no such points entry' },
  'points.not-reversible': { kind: 'refused', zh: '冲正记录不能再冲正', en: 'A reversal cannot itself be reversed' },
  'points.already-reversed': { kind: 'conflict', zh: '该积分记录已冲正过', en: 'The entry has already been reversed' },
  'points.superseded': { kind: 'conflict', zh: '该活动已按更正后的时长计分，此前的计分不再生效', en: 'A corrected award for this activity has superseded this one' },
  'view.limit': { kind: 'conflict', zh: '已保存的视图过多，请先删除一些', en: 'Too many saved views; delete some first' },
  'draft.conflict': { kind: 'conflict', zh: '草稿已在其他设备或窗口更新，请刷新后再编辑', en: 'The draft was changed elsewhere; reload it before editing' },
  'adapter.not-found': { kind: 'not-found', zh: '适配器不存在', en: 'No such adapter' },
  'adapter.config-invalid': { kind: 'refused', zh: '适配器配置不符合其定义', en: 'The adapter settings do not match its schema' },
  'adapter.dead-letter-not-found': { kind: 'not-found', zh: '失败调用不存在或已在重试', en: 'No such dead letter (or it is already being retried)' },
  ...adminErrorCatalog,
  'ops.dead-letter-not-found': { kind: 'not-found', zh: '死信不存在、不在您的管辖范围内或已在重试', en: 'No such dead letter in your scope (or it is already being retried)' },
  'ops.metrics-token-required': { kind: 'unauthenticated', zh: '指标接口需要令牌（TONGBAN_METRICS_TOKEN）', en: 'The metrics endpoint needs its token (TONGBAN_METRICS_TOKEN)' },
  'resident.not-found': { kind: 'not-found', zh: '居民档案不存在', en: 'No such resident' },
  'resident.version-conflict': { kind: 'conflict', zh: '居民档案已被他人修改，请刷新后重试', en: 'The resident record was changed by someone else; reload and retry' },
  'resident.invalid': { kind: 'refused', zh: '居民档案数据有误（见 details.problems）', en: 'The resident record is invalid (see details.problems)' },
  'resident.retired': { kind: 'conflict', zh: '该居民已注销（迁出或去世），不能再修改', en: 'The resident is retired (moved away or deceased) and cannot be changed' },
  'resident.duplicate-id-number': { kind: 'conflict', zh: '该身份证号已登记为其他居民', en: 'This ID number is already registered to another resident' },
  'device.not-found': { kind: 'not-found', zh: '设备不存在', en: 'No such device' },
  'device.version-conflict': { kind: 'conflict', zh: '设备信息已被他人修改，请刷新后重试', en: 'The device was changed by someone else; reload and retry' },
  'device.invalid': { kind: 'refused', zh: '设备数据有误（见 details.problems）', en: 'The device record is invalid (see details.problems)' },
  'device.exists': { kind: 'conflict', zh: '设备编号已存在', en: 'A device with this id already exists' },
  'import.bad-file': { kind: 'invalid', zh: '无法读取表格文件（须为 .xlsx 或 UTF-8 的 .csv）', en: 'The spreadsheet cannot be read (.xlsx, or .csv in UTF-8)' },
  'import.wrong-columns': { kind: 'refused', zh: '表头与模板不符（见 details.problems）', en: 'The header row does not match the template (see details.problems)' },
  'import.too-many-rows': { kind: 'too-large', zh: '表格行数超过上限（见 details.limit），请分批导入', en: 'The spreadsheet has more rows than the limit (see details.limit); import it in parts' },
  'import.file-too-large': { kind: 'too-large', zh: '上传的文件过大（见 details.limit 字节）', en: 'The uploaded file is too large (see details.limit bytes)' },
  'import.has-problems': { kind: 'refused', zh: '表格存在错误，未导入任何数据（见 details.problems）', en: 'The spreadsheet has errors; nothing was imported (see details.problems)' },
  'internal': { kind: 'internal', zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { kind: ErrorKind; zh: string; en: string }>;

/** A documented error code. */
export type ErrorCode = keyof typeof errorCatalog;

/** The codes of one kind (so `new NotFoundError('case.version-conflict')` does not compile). */
export type CodeOfKind<K extends ErrorKind> = { [C in ErrorCode]: (typeof errorCatalog)[C]['kind'] extends K ? C : never }[ErrorCode];
