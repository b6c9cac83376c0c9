/**
 * What a separate consent (单独同意, PIPL arts. 23 and 29) may be given for. A purpose names the
 * processing, so a consent to share with a provider never covers a hospital, and a check for one
 * purpose never accepts a record of another. The vocabulary of `x-consent.purpose` in a definition,
 * of the runtime's consent registry, of the workbench's consent screens and of the designer's
 * 单独同意 field.
 */
export const ConsentPurposes = {
  /** monitoring sensors in the home (fall, door, PIR, bed): sensitive PI of an elder (art. 29) */
  'sensor-monitoring': { 'zh-CN': '居家传感器监测', en: 'Home sensor monitoring' },
  /** giving the elder's data to a contracted service provider or station (art. 23) */
  'share-provider': { 'zh-CN': '向签约服务商/驿站提供个人信息', en: 'Sharing with a contracted provider' },
  /** giving health data to a hospital or back to the community station in a referral (arts. 23, 29) */
  'share-hospital': { 'zh-CN': '转诊中向医疗机构提供健康信息', en: 'Sharing health data in a referral' },
  /** letting a responder open the door (门禁) in an alarm */
  'door-access': { 'zh-CN': '报警时授权开启门禁', en: 'Door access in an alarm' },
} as const;

/** A consent purpose id. */
export type ConsentPurpose = keyof typeof ConsentPurposes;

/** The purpose ids, for schemas and pickers. */
export const consentPurposeIds = Object.keys(ConsentPurposes) as ConsentPurpose[];
