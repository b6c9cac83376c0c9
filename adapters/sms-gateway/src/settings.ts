/** sms-gateway settings: where the carrier is, the approved signature, the per-number cap; the keys apart. */
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Plain settings. */
export interface SmsConfig { baseUrl: string; signName: string; perNumberPerHour: number; timeoutMs: number }
/** Secrets: the account key and the signing secret shared with the carrier. */
export interface SmsSecrets { accessKey: string; signingSecret: string }

export const configSchema = {
  type: 'object', additionalProperties: false, required: ['baseUrl', 'signName'],
  properties: {
    baseUrl: { type: 'string', format: 'uri', pattern: '^https?://', 'x-title': t('短信平台地址', 'Carrier API URL'), 'x-help': t('运营商短信平台的接口地址；未配置时短信暂存不发', 'The carrier platform’s API base URL; until set, texts are parked, never sent') },
    signName: { type: 'string', minLength: 2, maxLength: 12, 'x-title': t('短信签名', 'Signature (签名)'), 'x-help': t('运营商审核通过的签名，如“涪江县民政”', 'The signature the carrier approved') },
    perNumberPerHour: { type: 'integer', minimum: 1, maximum: 100, default: 5, 'x-title': t('每号码每小时上限', 'Per number per hour'), 'x-help': t('同一号码每小时最多发送条数，防止打扰', 'At most this many texts to one number per hour') },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 30_000, default: 8000, 'x-title': t('超时（毫秒）', 'Timeout (ms)'), 'x-help': t('等待平台应答的最长时间', 'How long to wait for the platform') },
  },
};

export const secretsSchema = {
  type: 'object', additionalProperties: false, required: ['accessKey', 'signingSecret'],
  properties: {
    accessKey: { type: 'string', minLength: 8, 'x-title': t('接入密钥', 'Access key'), 'x-help': t('平台分配的账号密钥', 'The account key the platform issued') },
    signingSecret: { type: 'string', minLength: 16, 'x-title': t('签名密钥', 'Signing secret'), 'x-help': t('请求签名和状态报告验签共用', 'Signs requests and checks receipts') },
  },
};
