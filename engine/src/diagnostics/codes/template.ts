import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the template area (notification texts). Line and column in details are 1-based. */
export const templateCodes: CodeCatalog = {
  'template.syntax': {
    severity: 'error',
    'zh-CN': '模板语法错误（第 {line} 行第 {column} 列）',
    en: 'Template syntax error (line {line}, column {column})',
  },
  'template.unknown-helper': {
    severity: 'error',
    'zh-CN': '未知的模板助手“{helper}”（第 {line} 行第 {column} 列）',
    en: 'Unknown template helper "{helper}" (line {line}, column {column})',
  },
  'template.bad-helper-use': {
    severity: 'error',
    'zh-CN': '模板助手“{helper}”不能这样使用（{usage}）（第 {line} 行第 {column} 列）',
    en: 'Template helper "{helper}" cannot be used this way ({usage}) (line {line}, column {column})',
  },
  'template.bad-argument': {
    severity: 'error',
    'zh-CN': '模板助手“{helper}”的参数无效（{reason}）（第 {line} 行第 {column} 列）',
    en: 'Invalid argument to template helper "{helper}" ({reason}) (line {line}, column {column})',
  },
  'template.forbidden-construct': {
    severity: 'error',
    'zh-CN': '模板中不允许使用 {construct}（第 {line} 行第 {column} 列）',
    en: '{construct} is not allowed in templates (line {line}, column {column})',
  },
  'template.forbidden-path': {
    severity: 'error',
    'zh-CN': '模板路径“{path}”访问了受保护的属性“{segment}”（第 {line} 行第 {column} 列）',
    en: 'Template path "{path}" reads the protected property "{segment}" (line {line}, column {column})',
  },
  'template.too-long': {
    severity: 'error',
    'zh-CN': '模板长度 {length} 超过上限 {max} 个字符',
    en: 'Template is {length} characters long, over the limit of {max}',
  },
  'template.render-failed': {
    severity: 'error',
    'zh-CN': '模板渲染失败',
    en: 'Template rendering failed',
  },
};
