/** fhir-referral settings: the hospital's FHIR server (optional: without it hospitals poll us), org mapping, and client tokens (secret). */
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh, hen) });

/** A FHIR Organization and the org unit it is in our tree. */
export interface OrgMap { reference: string; orgPath: string; name: string }

/** Plain settings. */
export interface FhirConfig { hospitalBaseUrl?: string; definition: string; organizations: OrgMap[]; timeoutMs: number }
/** Secrets: bearer tokens of hospital clients calling us, and ours for calling them. */
export interface FhirSecrets { clients: Array<{ name: string; token: string }>; outboundToken?: string }

export const configSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    hospitalBaseUrl: { type: 'string', pattern: '^https?://', ...label('医院 FHIR 服务地址', 'Hospital FHIR base URL', '设置后主动推送 Task；不设置时医院按状态查询我方接口', 'When set we push Tasks; otherwise hospitals poll our endpoint') },
    definition: { type: 'string', default: 'referral', ...label('服务事项', 'Service item', '转诊案件的服务事项', 'The referral item') },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 60_000, default: 10_000, ...label('超时（毫秒）', 'Timeout (ms)', '调用医院接口的超时', 'Timeout for calls to the hospital') },
    organizations: { type: 'array', default: [], ...label('机构对照', 'Organizations', 'FHIR Organization 与组织树单位的对照', 'FHIR Organizations and our org units'), items: {
      type: 'object', required: ['reference', 'orgPath', 'name'], properties: {
        reference: { type: 'string', pattern: '^Organization/[A-Za-z0-9.-]{1,64}$', ...label('FHIR 引用', 'FHIR reference', '如 Organization/county-hospital', 'e.g. Organization/county-hospital') },
        orgPath: { type: 'string', pattern: '^(/[0-9]{6,15}){1,4}$', ...label('组织路径', 'Org path', '组织树中的单位', 'The unit in our tree') },
        name: { type: 'string', ...label('名称', 'Name', '机构名称', 'Organization name') } } } },
  },
};

export const secretsSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    clients: { type: 'array', default: [], ...label('医院客户端', 'Hospital clients', '调用我方接口的令牌（Bearer）', 'Bearer tokens of systems calling us'), items: {
      type: 'object', required: ['name', 'token'], properties: {
        name: { type: 'string', ...label('名称', 'Name', '客户端名称', 'Client name') },
        token: { type: 'string', minLength: 16, ...label('令牌', 'Token', '至少 16 位', 'At least 16 characters') } } } },
    outboundToken: { type: 'string', ...label('访问医院的令牌', 'Token for the hospital', '调用医院 FHIR 服务时携带', 'Sent to the hospital’s FHIR server') },
  },
};
