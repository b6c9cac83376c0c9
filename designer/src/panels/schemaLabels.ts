/**
 * zh-CN and English labels for the definition schema's properties, used where the schema itself
 * carries no title (issue 12 adds titles and descriptions to the schema; those win when present).
 */
export const schemaLabels: Record<string, [string, string, string?]> = {
  id: ['编号', 'Id', '英文小写字母、数字和连字符'], version: ['版本', 'Version'], schemaVersion: ['格式版本', 'Format version'],
  title: ['名称', 'Title'], description: ['说明', 'Description'], category: ['分类', 'Category'], 'zh-CN': ['中文', 'Chinese'], en: ['英文', 'English'],
  initial: ['起始步骤', 'Initial step'], intake: ['发起', 'Intake'], form: ['表单', 'Form'], roles: ['角色', 'Roles'], calendar: ['工作日历', 'Calendar'],
  level: ['层级', 'Level'], type: ['类型', 'Type'], outcome: ['办结结果', 'Outcome', '结束状态的结果，如 done / voided'], tags: ['标签', 'Tags'],
  wait: ['等待', 'Wait'], for: ['等待对象', 'Waiting for'], timeout: ['超时', 'Timeout'], within: ['时限', 'Within', 'ISO 8601，如 P2D、PT4H'], clock: ['计时方式', 'Clock'], event: ['超时事件', 'Event'],
  subcase: ['子案件', 'Sub-case'], definition: ['子事项', 'Item'], input: ['输入映射', 'Input mapping'], join: ['汇合方式', 'Join'],
  entry: ['进入时动作', 'On entry'], exit: ['离开时动作', 'On exit'], adapters: ['适配器', 'Adapters'], invokes: ['调用的操作', 'Invokes'], triggers: ['触发器', 'Triggers'],
  target: ['去向', 'Target'], guard: ['条件', 'Condition'], requires: ['须填', 'Requires'], set: ['赋值', 'Set'], effects: ['动作', 'Effects'], extend: ['延期', 'Extend'],
  startOn: ['开始于', 'Starts on'], stopOn: ['停止于', 'Stops on'], pauseIn: ['暂停于', 'Paused in'], warnAt: ['预警点', 'Warn at'],
};

type S = Record<string, unknown>;

/** A copy of a schema with titles (and help) filled in for every property that lacks one. */
export function withLabels(schema: S, lang: 'zh-CN' | 'en', depth = 0): S {
  if (depth > 12 || !schema || typeof schema !== 'object') return schema;
  const out: S = { ...schema };
  if (schema.properties && typeof schema.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, S>).map(([k, v]) => {
      const l = schemaLabels[k];
      const labelled: S = { ...v, ...(v.title === undefined && l ? { title: lang === 'en' ? l[1] : l[0] } : {}), ...(v.description === undefined && l?.[2] ? { description: l[2] } : {}) };
      return [k, withLabels(labelled, lang, depth + 1)];
    }));
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) if (Array.isArray(schema[key])) out[key] = (schema[key] as S[]).map((x) => withLabels(x, lang, depth + 1));
  if (schema.items && typeof schema.items === 'object') out.items = withLabels(schema.items as S, lang, depth + 1);
  if (schema.$defs) out.$defs = Object.fromEntries(Object.entries(schema.$defs as Record<string, S>).map(([k, v]) => [k, withLabels(v, lang, depth + 1)]));
  return out;
}
