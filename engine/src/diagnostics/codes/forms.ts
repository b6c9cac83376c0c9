import type { CodeCatalog } from '../Diagnostic.ts';

/**
 * Codes for form validation (engine/src/forms). `{field}` is the field's label in the message's
 * language (the form module fills it per language); other placeholders come from `details`.
 */
export const formsCodes: CodeCatalog = {
  'forms.required': { severity: 'error', 'zh-CN': '请填写「{field}」', en: '{field} is required' },
  'forms.type': { severity: 'error', 'zh-CN': '「{field}」的类型不正确，应为{typeZh}', en: '{field} must be {type}' },
  'forms.cn-id-number': {
    severity: 'error',
    'zh-CN': '「{field}」不是有效的18位公民身份号码（请核对出生日期和末位校验码）',
    en: '{field} is not a valid 18-digit ID number (check the birth date and the check digit)',
  },
  'forms.cn-id-number.checksum': {
    severity: 'error',
    'zh-CN': '「{field}」校验码不正确，请核对身份证号码是否抄错',
    en: '{field} has a wrong check digit; the ID number was probably mistyped',
  },
  'forms.cn-id-number.birth-date': {
    severity: 'error',
    'zh-CN': '「{field}」中的出生日期不存在',
    en: '{field} encodes a birth date that does not exist',
  },
  'forms.cn-mobile': {
    severity: 'error',
    'zh-CN': '「{field}」不是有效的中国大陆手机号码（11位，以13–19开头）',
    en: '{field} is not a mainland China mobile number (11 digits starting 13–19)',
  },
  'forms.format': { severity: 'error', 'zh-CN': '「{field}」格式不正确（应为{formatZh}）', en: '{field} is not a valid {format}' },
  'forms.not-future': { severity: 'error', 'zh-CN': '「{field}」不能晚于当前时间', en: '{field} cannot be in the future' },
  'forms.not-past': { severity: 'error', 'zh-CN': '「{field}」不能早于当前时间', en: '{field} cannot be in the past' },
  'forms.min-length': { severity: 'error', 'zh-CN': '「{field}」至少需要{limit}个字', en: '{field} needs at least {limit} characters' },
  'forms.max-length': { severity: 'error', 'zh-CN': '「{field}」最多{limit}个字', en: '{field} allows at most {limit} characters' },
  'forms.pattern': { severity: 'error', 'zh-CN': '「{field}」格式不正确', en: '{field} is not in the expected format' },
  'forms.enum': { severity: 'error', 'zh-CN': '「{field}」请从给定选项中选择', en: '{field} must be one of the listed options' },
  'forms.minimum': { severity: 'error', 'zh-CN': '「{field}」不能小于{limit}', en: '{field} must be at least {limit}' },
  'forms.maximum': { severity: 'error', 'zh-CN': '「{field}」不能大于{limit}', en: '{field} must be at most {limit}' },
  'forms.min-items': { severity: 'error', 'zh-CN': '「{field}」至少需要{limit}项', en: '{field} needs at least {limit} items' },
  'forms.max-items': { severity: 'error', 'zh-CN': '「{field}」最多{limit}项', en: '{field} allows at most {limit} items' },
  'forms.unique-items': { severity: 'error', 'zh-CN': '「{field}」中有重复项', en: '{field} has duplicate items' },
  'forms.const': { severity: 'error', 'zh-CN': '「{field}」必须为规定的值', en: '{field} must have the required value' },
  'forms.unknown-field': { severity: 'error', 'zh-CN': '表单不包含字段「{field}」', en: 'The form has no field {field}' },
  // a cross-field rule of the definition: the message is the rule's own (zh-CN and en)
  'forms.rule': { severity: 'error', 'zh-CN': '{message}', en: '{message}' },
  'forms.invalid': { severity: 'error', 'zh-CN': '「{field}」填写不正确', en: '{field} is invalid' },
  'forms.unknown-form': { severity: 'error', 'zh-CN': '事项中没有表单 {form}', en: 'The service item has no form {form}' },
  'forms.unknown-data-field': {
    severity: 'error',
    'zh-CN': '表单 {form} 引用了案件数据中不存在的字段 {name}',
    en: 'Form {form} refers to {name}, which is not a case data field',
  },
};
