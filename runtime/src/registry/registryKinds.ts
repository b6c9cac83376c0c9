/**
 * The registry's vocabularies as data, zh-CN first: resident categories (民政 groups a county
 * serves), device types and statuses. Lists, spreadsheets and screens read their labels from here.
 */

/** Resident categories (special identities: sensitive personal data, shown only to roles serving them). */
export const residentCategories = {
  elder: { zh: '老年人', en: 'Elder' },
  'living-alone': { zh: '独居老人', en: 'Elder living alone' },
  'empty-nest': { zh: '空巢老人', en: 'Empty-nest elder' },
  disabled: { zh: '残疾人', en: 'Person with disability' },
  dibao: { zh: '低保', en: 'Minimum living allowance (低保)' },
  tekun: { zh: '特困', en: 'Extreme hardship (特困)' },
} as const;
export type ResidentCategory = keyof typeof residentCategories;
export const residentCategoryIds = Object.keys(residentCategories) as ResidentCategory[];

/** Device types the adapters report (MQTT topics, DC-09 panels). */
export const deviceTypes = {
  sos_button: { zh: '一键呼叫按钮', en: 'Call button' },
  pendant: { zh: '呼叫挂件', en: 'Pendant' },
  watch: { zh: '智能手表', en: 'Watch' },
  fall: { zh: '跌倒探测器', en: 'Fall detector' },
  smoke: { zh: '烟感', en: 'Smoke sensor' },
  gas: { zh: '燃气探测器', en: 'Gas sensor' },
  water: { zh: '水浸探测器', en: 'Water sensor' },
  door: { zh: '门磁', en: 'Door sensor' },
  pir: { zh: '人体感应', en: 'Motion (PIR) sensor' },
} as const;
export type DeviceType = keyof typeof deviceTypes;
export const deviceTypeIds = Object.keys(deviceTypes) as DeviceType[];

/** A device's status: reporting, silent past the adapter's offline limit, or taken out of service. */
export const deviceStatuses = {
  active: { zh: '在线', en: 'Active' },
  silent: { zh: '静默', en: 'Silent' },
  retired: { zh: '已停用', en: 'Retired' },
} as const;
export type DeviceStatus = keyof typeof deviceStatuses;
export const deviceStatusIds = Object.keys(deviceStatuses) as DeviceStatus[];

/** Why a resident leaves the registry: they stay in the history of their cases, out of lists and device bindings. */
export const residentRetireReasons = {
  'moved-away': { zh: '迁出', en: 'Moved away' },
  deceased: { zh: '去世', en: 'Deceased' },
} as const;
export type ResidentRetireReason = keyof typeof residentRetireReasons;
export const residentRetireReasonIds = Object.keys(residentRetireReasons) as ResidentRetireReason[];

/** Purposes a registry reveal or a revealed export must name (personal-data.md §3). */
export const registryPurposes = ['verify-identity', 'call-back', 'emergency', 'registry-maintenance', 'handle-case'] as const;
export type RegistryPurpose = (typeof registryPurposes)[number];
