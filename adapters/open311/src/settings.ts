/** open311 settings: the services offered (minor class codes), where reports land, and the API keys per client (secret). */
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh, hen) });

/** One public service: a minor event class of the county code table. */
export interface Service { code: string; name: string; description: string; group: string; keywords?: string }
/** An area: reports whose address contains one of `match` land in this grid. */
export interface Area { gridPath: string; match: string[] }

/** Plain settings. */
export interface Open311Config { jurisdiction: string; contact: string; definition: string; services: Service[]; areas: Area[]; defaultGridPath: string; serviceNotice: string }
/** Secrets: API keys issued per client. */
export interface Open311Secrets { apiKeys: Array<{ client: string; key: string }> }

export const configSchema = {
  type: 'object', additionalProperties: false, required: ['defaultGridPath'],
  properties: {
    jurisdiction: { type: 'string', default: '涪江县', ...label('辖区', 'Jurisdiction', '发现接口中显示的辖区名', 'Shown in discovery') },
    contact: { type: 'string', default: '涪江县综治中心 12345', ...label('联系方式', 'Contact', '发现接口中的联系方式', 'Shown in discovery') },
    definition: { type: 'string', default: 'grid-incident', ...label('服务事项', 'Service item', '公众上报开启的服务事项', 'The item a public report opens') },
    serviceNotice: { type: 'string', default: '已受理，将在1个工作日内核实处置', ...label('受理提示', 'Service notice', '回复给上报人的办理承诺', 'The promise returned to the reporter') },
    defaultGridPath: { type: 'string', pattern: '^(/[0-9]{6,15}){4}$', ...label('默认网格', 'Default grid', '地址无法匹配时落到该网格，由网格长分拨', 'Reports no area matches land here for triage') },
    services: { type: 'array', default: [], ...label('服务列表', 'Services', '对公众开放的事件小类', 'The minor classes open to the public'), items: {
      type: 'object', required: ['code', 'name', 'description', 'group'], properties: {
        code: { type: 'string', pattern: '^[0-9]{4}$', ...label('小类代码', 'Minor class', '县事件分类代码表的小类', 'From the county code table') },
        name: { type: 'string', ...label('名称', 'Name', '服务名称', 'Service name') },
        description: { type: 'string', ...label('说明', 'Description', '服务说明', 'Service description') },
        group: { type: 'string', ...label('分组', 'Group', '服务分组', 'Service group') },
        keywords: { type: 'string', ...label('关键词', 'Keywords', '逗号分隔', 'Comma-separated') } } } },
    areas: { type: 'array', default: [], ...label('区域匹配', 'Areas', '按地址关键字落网格', 'Grids chosen by address words'), items: {
      type: 'object', required: ['gridPath', 'match'], properties: {
        gridPath: { type: 'string', pattern: '^(/[0-9]{6,15}){4}$', ...label('网格', 'Grid', '网格组织路径', 'The grid’s org path') },
        match: { type: 'array', items: { type: 'string' }, ...label('地址关键字', 'Address words', '地址包含任一即匹配', 'Any of these in the address matches') } } } },
  },
};

export const secretsSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    apiKeys: { type: 'array', default: [], ...label('API 密钥', 'API keys', '按客户端分别签发', 'One per client'), items: {
      type: 'object', required: ['client', 'key'], properties: {
        client: { type: 'string', ...label('客户端', 'Client', '使用该密钥的应用', 'The app using the key') },
        key: { type: 'string', minLength: 16, ...label('密钥', 'Key', '至少 16 位', 'At least 16 characters') } } } },
  },
};
