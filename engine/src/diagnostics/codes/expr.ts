import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the expr area (JSONLogic guards). */
export const exprCodes: CodeCatalog = {
  'expr.unknown-operator': { severity: 'error', 'zh-CN': '未知的条件运算符“{op}”', en: 'Unknown condition operator "{op}"' },
  'expr.bad-arity': {
    severity: 'error',
    'zh-CN': '运算符“{op}”的参数个数为 {count}，应为 {expected}',
    en: 'Operator "{op}" takes {expected} argument(s), got {count}',
  },
  'expr.too-deep': { severity: 'error', 'zh-CN': '条件表达式嵌套超过 {maxDepth} 层', en: 'Condition is nested deeper than {maxDepth} levels' },
  'expr.too-large': { severity: 'error', 'zh-CN': '条件表达式超过 {maxNodes} 个节点', en: 'Condition has more than {maxNodes} nodes' },
  'expr.bad-shape': {
    severity: 'error',
    'zh-CN': '条件表达式结构无效（{reason}）：对象必须恰好包含一个运算符键，且只能使用 JSON 值',
    en: 'Malformed condition ({reason}): an object must have exactly one operator key, and only JSON values are allowed',
  },
  'expr.bad-regex': {
    severity: 'error',
    'zh-CN': '正则表达式无效（{reason}）：必须是不超过 200 个字符的字符串字面量，标志只能是 i、m、s、u',
    en: 'Invalid regular expression ({reason}): it must be a string literal of at most 200 characters, flags only i, m, s, u',
  },
  'expr.unsafe-regex': {
    severity: 'error',
    'zh-CN': '正则表达式“{pattern}”可能导致灾难性回溯（{reason}）',
    en: 'Regular expression "{pattern}" risks catastrophic backtracking ({reason})',
  },
  'expr.unsupported-regex': {
    severity: 'error',
    'zh-CN': '正则表达式“{pattern}”使用了线性时间引擎不支持的写法（如环视、反向引用）',
    en: 'Regular expression "{pattern}" uses syntax the linear-time engine does not support (lookaround, backreferences)',
  },
  'expr.forbidden-path': {
    severity: 'error',
    'zh-CN': '数据路径“{path}”访问了受保护的属性“{segment}”',
    en: 'Data path "{path}" reads the protected property "{segment}"',
  },
  'expr.cost-exceeded': {
    severity: 'error',
    'zh-CN': '条件求值超出计算量上限',
    en: 'Condition evaluation exceeded its cost limit',
  },
  'expr.runtime-error': {
    severity: 'error',
    'zh-CN': '条件求值失败',
    en: 'Condition evaluation failed',
  },
};
