/** alarm-receiver settings: where to listen (this machine by default), time tolerance, limits; the account registry (personal data) as a secret. */
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh, hen) });

/** An alarm panel account bound to a resident and grid. */
export interface PanelAccount { account: string; deviceId: string; deviceType?: string; gridPath: string; elder: { name: string; residentId?: string }; emergencyContacts: Array<{ name: string; phone: string; relation?: string }>; livingStatus?: string[] }

/** Plain settings. */
export interface ReceiverConfig { host: string; port: number; definition: string; toleranceMinutes: number; framesPerMinute: number }
/** Secrets. */
export interface ReceiverSecrets { accounts: PanelAccount[] }

export const configSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    host: { type: 'string', default: '127.0.0.1', ...label('监听地址', 'Listen address', '默认只监听本机；对报警主机开放时改为网卡地址', 'This machine only by default; set the interface panels reach') },
    port: { type: 'integer', minimum: 0, maximum: 65535, default: 7007, ...label('端口', 'Port', 'DC-09 TCP 端口', 'The DC-09 TCP port') },
    definition: { type: 'string', default: 'elderly-call', ...label('服务事项', 'Service item', '报警开启的服务事项', 'The item an alarm opens') },
    toleranceMinutes: { type: 'integer', minimum: 1, maximum: 1440, default: 20, ...label('时间容差（分钟）', 'Time tolerance (min)', '报文时间与本机相差超过即 NAK', 'A frame further off than this is NAKed') },
    framesPerMinute: { type: 'integer', minimum: 1, maximum: 6000, default: 120, ...label('每连接每分钟帧数上限', 'Frames per connection per minute', '超出后断开连接', 'Beyond this the connection is closed') },
  },
};

const contact = { type: 'object', required: ['name', 'phone'], properties: {
  name: { type: 'string', 'x-pii': 'name', ...label('姓名', 'Name', '联系人', 'Contact') },
  phone: { type: 'string', pattern: '^1[3-9][0-9]{9}$', 'x-pii': 'phone', ...label('电话', 'Phone', '大陆手机号', 'Mainland mobile') },
  relation: { type: 'string', ...label('关系', 'Relation', '与老人关系', 'Relation') } } };

export const secretsSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    accounts: { type: 'array', default: [], ...label('报警主机账号', 'Panel accounts', '账号 → 设备 → 居民 → 网格（含个人信息，加密保存）', 'Account → device → resident → grid (personal data, stored encrypted)'), items: {
      type: 'object', required: ['account', 'deviceId', 'gridPath', 'elder', 'emergencyContacts'], properties: {
        account: { type: 'string', pattern: '^[0-9A-F]{3,16}$', ...label('账号', 'Account', '主机上报的 #账号', 'The #account the panel sends') },
        deviceId: { type: 'string', ...label('设备编号', 'Device id', '主机编号', 'Panel id') },
        deviceType: { type: 'string', enum: ['sos_button', 'pendant', 'fall', 'smoke', 'gas', 'water', 'door', 'pir'], default: 'sos_button', ...label('设备类型', 'Device type', '主机接入的探测器类型', 'The detector the panel serves') },
        gridPath: { type: 'string', pattern: '^(/[0-9]{6,15}){4}$', ...label('网格', 'Grid', '网格组织路径', 'The grid’s org path') },
        elder: { type: 'object', required: ['name'], ...label('老人', 'Elder', '服务对象', 'The elder'), properties: {
          name: { type: 'string', 'x-pii': 'name', ...label('姓名', 'Name', '老人姓名', 'Name') }, residentId: { type: 'string', ...label('居民编号', 'Resident id', '居民档案', 'Resident record') } } },
        emergencyContacts: { type: 'array', minItems: 1, items: contact, ...label('紧急联系人', 'Emergency contacts', '报警时通知', 'Notified on alarm') },
        livingStatus: { type: 'array', items: { type: 'string' }, 'x-pii': 'special-identity', ...label('居住状况', 'Living status', '独居、空巢等', 'Alone, empty nest…') } } } },
  },
};
