/**
 * hotline-12345 settings. Every county's 12345 platform has its own interface (interfaces.md §8), so
 * the endpoints, the field names both ways, the category and urgency codes and the areas are
 * configuration; the defaults are the sample county's layout. The app key and signing secret apart.
 */
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
// an empty help names what the field holds: the county platform's own field name or code for it
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh || `本县平台中“${zh}”的字段名或代码`, hen || `The county platform’s field name or code for “${en}”`) });
const str = (zh: string, en: string, hzh: string, hen: string, dflt: string) => ({ type: 'string', minLength: 1, maxLength: 64, default: dflt, ...label(zh, en, hzh, hen) });

/** What a 派单 carries, by our names; the values are the county's field names. */
export interface InboundFields { orderNo: string; dispatchedAt: string; title: string; content: string; address: string; callerName: string; callerPhone: string; deadline: string; category: string; urgency: string; area: string; lat: string; lng: string }
/** What we send back, by our names; the values are the county's field names. */
export interface OutboundFields { orderNo: string; status: string; time: string; unit: string; note: string; reason: string; extension: string; dueAt: string; result: string; closeReason: string }
/** The hotline's paths for each status we report. */
export interface Endpoints { sign: string; return: string; extend: string; close: string }
/** A hotline category code → our event class. */
export interface ClassRule { category: string; majorClass: string; minorClass: string; isDispute?: boolean }
/** An area: orders whose area code equals `code` or whose address contains one of `match` land in this grid. */
export interface Area { gridPath: string; code?: string; match?: string[] }

/** Plain settings. */
export interface HotlineConfig {
  baseUrl: string; definition: string; timeoutMs: number; successCodes: string[]; datum: 'CGCS2000' | 'WGS84';
  endpoints: Endpoints; inbound: InboundFields; outbound: OutboundFields; statusCodes: Record<keyof Endpoints, string>;
  classes: ClassRule[]; defaultClass: { majorClass: string; minorClass: string }; urgentCodes: string[]; areas: Area[]; defaultGridPath: string;
}
/** Secrets: the app key the platform issued and the HMAC secret shared with it (both directions). */
export interface HotlineSecrets { appKey: string; signingSecret: string }

const gridPath = { type: 'string', pattern: '^(/[0-9]{6,15}){4}$' };

export const configSchema = {
  type: 'object', additionalProperties: false, required: ['baseUrl', 'defaultGridPath'],
  properties: {
    baseUrl: { type: 'string', format: 'uri', pattern: '^https?://', ...label('热线平台地址', 'Hotline API URL', '本县12345平台工单接口的地址；未配置时回传暂存不发', 'The county 12345 platform’s work-order API; until set, status reports wait') },
    definition: { type: 'string', default: 'grid-incident', ...label('服务事项', 'Service item', '派单开启的服务事项', 'The item an order opens') },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 30_000, default: 8000, ...label('超时（毫秒）', 'Timeout (ms)', '等待热线平台应答的最长时间', 'How long to wait for the platform') },
    successCodes: { type: 'array', items: { type: 'string', maxLength: 16 }, default: ['0', '200'], ...label('成功代码', 'Success codes', '平台应答 code 为其中之一即成功', 'An answer whose code is one of these succeeded') },
    datum: { type: 'string', enum: ['CGCS2000', 'WGS84'], default: 'CGCS2000', ...label('坐标系', 'Datum', '派单中经纬度的坐标系', 'The datum of the order’s coordinates') },
    endpoints: { type: 'object', additionalProperties: false, default: {}, ...label('回传接口', 'Status endpoints', '各状态回传的路径（接在平台地址后）', 'The path of each status report (after the base URL)'), properties: {
      sign: str('签收', 'Sign-for', '签收回传路径', 'Sign-for path', '/order/sign'), return: str('退单', 'Return', '退单回传路径', 'Return path', '/order/return'),
      extend: str('延期', 'Extension', '延期回传路径', 'Extension path', '/order/delay'), close: str('办结', 'Closing', '办结回传路径', 'Closing path', '/order/finish') } },
    statusCodes: { type: 'object', additionalProperties: false, default: {}, ...label('状态代码', 'Status codes', '平台对各状态的代码', 'The platform’s code for each status'), properties: {
      sign: str('签收', 'Sign-for', '签收状态码', 'Sign-for code', '20'), return: str('退单', 'Return', '退单状态码', 'Return code', '30'),
      extend: str('延期', 'Extension', '延期状态码', 'Extension code', '40'), close: str('办结', 'Closing', '办结状态码', 'Closing code', '50') } },
    inbound: { type: 'object', additionalProperties: false, default: {}, ...label('派单字段', 'Order fields', '本县平台派单报文的字段名', 'The field names of the county’s order message'), properties: {
      orderNo: str('工单编号', 'Order no.', '', '', 'gdbh'), dispatchedAt: str('派单时间', 'Dispatched at', '', '', 'pdsj'), title: str('标题', 'Title', '', '', 'bt'),
      content: str('诉求内容', 'Content', '', '', 'sqnr'), address: str('事发地址', 'Address', '', '', 'sfdz'), callerName: str('来电人', 'Caller', '', '', 'ldrxm'),
      callerPhone: str('来电号码', 'Caller phone', '', '', 'ldhm'), deadline: str('办理时限', 'Deadline', '', '', 'blsx'), category: str('诉求类别', 'Category', '', '', 'sqlb'),
      urgency: str('紧急程度', 'Urgency', '', '', 'jjcd'), area: str('所属区域', 'Area', '', '', 'ssqy'), lat: str('纬度', 'Latitude', '', '', 'wd'), lng: str('经度', 'Longitude', '', '', 'jd') } },
    outbound: { type: 'object', additionalProperties: false, default: {}, ...label('回传字段', 'Report fields', '回传报文的字段名', 'The field names of status reports'), properties: {
      orderNo: str('工单编号', 'Order no.', '', '', 'gdbh'), status: str('状态', 'Status', '', '', 'zt'), time: str('时间', 'Time', '', '', 'czsj'),
      unit: str('承办单位', 'Unit', '', '', 'cbdw'), note: str('意见', 'Note', '', '', 'clyj'), reason: str('退单理由', 'Return reason', '', '', 'thly'),
      extension: str('延期时长', 'Extension', '', '', 'yqsc'), dueAt: str('新办结期限', 'New deadline', '', '', 'yqjzsj'), result: str('办理结果', 'Result', '', '', 'bljg'),
      closeReason: str('办结类型', 'Close type', '', '', 'bjlx') } },
    classes: { type: 'array', default: [], maxItems: 500, ...label('类别对照', 'Category mapping', '热线诉求类别对应县事件分类', 'Hotline categories to county event classes'), items: {
      type: 'object', additionalProperties: false, required: ['category', 'majorClass', 'minorClass'], properties: {
        category: { type: 'string', minLength: 1, maxLength: 32, ...label('热线类别', 'Hotline category', '', '') },
        majorClass: { type: 'string', pattern: '^\\d{2}$', ...label('大类', 'Major class', '', '') }, minorClass: { type: 'string', pattern: '^\\d{4}$', ...label('小类', 'Minor class', '', '') },
        isDispute: { type: 'boolean', ...label('矛盾纠纷', 'Dispute', '此类诉求为矛盾纠纷', 'This category is a dispute') } } } },
    defaultClass: { type: 'object', additionalProperties: false, default: { majorClass: '99', minorClass: '9999' }, ...label('默认类别', 'Default class', '未对照的类别，由社区核实时改正', 'Unmapped categories; corrected at verification'), properties: {
      majorClass: { type: 'string', pattern: '^\\d{2}$', ...label('大类', 'Major class', '', '') }, minorClass: { type: 'string', pattern: '^\\d{4}$', ...label('小类', 'Minor class', '', '') } } },
    urgentCodes: { type: 'array', items: { type: 'string', maxLength: 16 }, default: ['1', '紧急'], ...label('紧急代码', 'Urgent codes', '紧急程度为其中之一按紧急事件办理', 'Orders with one of these urgencies are urgent') },
    areas: { type: 'array', default: [], maxItems: 2000, ...label('区域对照', 'Areas', '按区域代码或地址关键字落网格', 'Grids by area code or address words'), items: {
      type: 'object', additionalProperties: false, required: ['gridPath'], properties: {
        gridPath: { ...gridPath, ...label('网格', 'Grid', '网格组织路径', 'The grid’s org path') },
        code: { type: 'string', maxLength: 32, ...label('区域代码', 'Area code', '平台的区域代码', 'The platform’s area code') },
        match: { type: 'array', items: { type: 'string', minLength: 2 }, ...label('地址关键字', 'Address words', '地址包含任一即匹配', 'Any of these in the address matches') } } } },
    defaultGridPath: { ...gridPath, ...label('默认网格', 'Default grid', '无法匹配区域时落到该网格，由网格长分拨', 'Orders no area matches land here for triage') },
  },
};

export const secretsSchema = {
  type: 'object', additionalProperties: false, required: ['signingSecret'],
  properties: {
    appKey: { type: 'string', minLength: 8, ...label('接入密钥', 'App key', '平台分配的接入标识', 'The key the platform issued') },
    signingSecret: { type: 'string', minLength: 16, ...label('签名密钥', 'Signing secret', '派单验签和回传签名共用', 'Checks orders and signs reports') },
  },
};
