/** mqtt-devices settings: the broker, the county's topic prefix, limits; the broker password and the device registry (personal data) as secrets. */
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const label = (zh: string, en: string, hzh: string, hen: string) => ({ 'x-title': t(zh, en), 'x-help': t(hzh, hen) });

/** Where a grid sensor stands (from the device registry): a map point, a place name, a building. */
export interface DeviceSite { lat: number; lng: number; datum: 'CGCS2000' | 'WGS84'; place?: string; buildingId?: string }

/** What a grid sensor's alarm opens: the county's event class and urgency for that kind of alarm. */
export interface GridClass { majorClass: string; minorClass: string; urgency: 'general' | 'urgent' | 'major'; title: string }

/**
 * A registered device: which resident it serves, in which grid, whom to call — or, for a sensor that
 * serves the grid itself (a smoke detector in a stairwell, a water sensor in a pump room), where it stands.
 */
export interface RegisteredDevice {
  id: string; type: string; gridPath: string;
  elder?: { name: string; residentId?: string };
  emergencyContacts?: Array<{ name: string; phone: string; relation?: string }>;
  /** a grid sensor: no resident; its alarms open grid incidents at this site */
  site?: DeviceSite;
  ageBand?: string; livingStatus?: string[]; location?: { addressId?: string; room?: string };
  /** the resident's separate-consent records (consent registry ids) and the door lock a responder may open */
  consents?: { sensor?: string; door?: string; provider?: string }; doorDeviceId?: string;
}

/** Plain settings. */
export interface MqttConfig { brokerUrl: string; username?: string; county: string; definition: string; gridDefinition: string; gridClasses: Record<string, GridClass>; offlineAfterMinutes: number; floodPerMinute: number; ackTimeoutMs: number; serviceType: string }
/** Secrets. */
export interface MqttSecrets { password?: string; registry: RegisteredDevice[] }

/** The sample county's classes for grid sensor alarms (a county edits them in the adapter's settings). */
export const defaultGridClasses: Record<string, GridClass> = {
  smoke: { majorClass: '06', minorClass: '0601', urgency: 'urgent', title: '烟感报警' },
  gas: { majorClass: '06', minorClass: '0602', urgency: 'urgent', title: '燃气泄漏报警' },
  water: { majorClass: '04', minorClass: '0401', urgency: 'urgent', title: '水浸报警' },
  door_open_abnormal: { majorClass: '06', minorClass: '0603', urgency: 'general', title: '门磁异常开启' },
  inactivity: { majorClass: '06', minorClass: '0603', urgency: 'general', title: '设备异常静止' },
};

export const configSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    brokerUrl: { type: 'string', pattern: '^mqtts?://', default: 'mqtt://127.0.0.1:1883', ...label('MQTT 服务器', 'Broker URL', '如 mqtts://iot.example.gov.cn:8883；默认本机', 'e.g. mqtts://broker:8883; default: this machine') },
    username: { type: 'string', maxLength: 100, ...label('用户名', 'Username', 'MQTT 登录用户名', 'The MQTT user name') },
    county: { type: 'string', pattern: '^[0-9]{6}$', default: '510722', ...label('县区划代码', 'County code', '主题前缀 zhsq/v1/{县代码}', 'Topic prefix zhsq/v1/{county}') },
    definition: { type: 'string', default: 'elderly-call', ...label('服务事项', 'Service item', '报警开启的服务事项', 'The item an alarm opens') },
    gridDefinition: { type: 'string', default: 'grid-incident', ...label('网格传感器事项', 'Grid sensor item', '网格传感器（无绑定老人）报警开启的服务事项', 'The item a grid sensor’s alarm opens (a sensor bound to no resident)') },
    gridClasses: {
      type: 'object', maxProperties: 20, default: defaultGridClasses, ...label('传感器报警分类', 'Sensor alarm classes', '事件类型 → 事件大类、小类、紧急程度与标题（按县事件分类代码表）', 'Event type → major and minor class, urgency and title (the county code table)'),
      propertyNames: { enum: ['sos', 'fall', 'smoke', 'gas', 'door_open_abnormal', 'inactivity', 'geofence_exit', 'service_request', 'water'] },
      additionalProperties: { type: 'object', additionalProperties: false, required: ['majorClass', 'minorClass', 'urgency', 'title'], properties: {
        majorClass: { type: 'string', pattern: '^[0-9]{2}$', ...label('事件大类', 'Major class', '两位代码', 'Two digits') },
        minorClass: { type: 'string', pattern: '^[0-9]{4}$', ...label('事件小类', 'Minor class', '四位代码', 'Four digits') },
        urgency: { type: 'string', enum: ['general', 'urgent', 'major'], ...label('紧急程度', 'Urgency', '一般、紧急、重大突发', 'General, urgent, major') },
        title: { type: 'string', minLength: 2, maxLength: 40, ...label('标题', 'Title', '如 烟感报警', 'e.g. smoke alarm') } } },
    },
    offlineAfterMinutes: { type: 'integer', minimum: 1, maximum: 1440, default: 30, ...label('离线判定（分钟）', 'Offline after (min)', '超过该时间无消息即生成运维工单', 'A device silent this long becomes a technical ticket') },
    floodPerMinute: { type: 'integer', minimum: 1, maximum: 600, default: 20, ...label('每设备每分钟上限', 'Events per device per minute', '超出的事件丢弃并计数', 'Events beyond this are dropped and counted') },
    ackTimeoutMs: { type: 'integer', minimum: 100, maximum: 60_000, default: 5000, ...label('指令回执超时（毫秒）', 'Command ack timeout (ms)', '等待设备 cmd/ack 的时间', 'How long to wait for cmd/ack') },
    serviceType: { type: 'string', enum: ['meal', 'cleaning', 'repair', 'escort', 'other'], default: 'other', ...label('绿键默认服务类型', 'Green-button service', '生活服务键对应的服务类型', 'The service a green button asks for') },
  },
};

const contact = {
  type: 'object', required: ['name', 'phone'],
  properties: {
    name: { type: 'string', 'x-pii': 'name', ...label('姓名', 'Name', '紧急联系人姓名', 'Contact name') },
    phone: { type: 'string', pattern: '^1[3-9][0-9]{9}$', 'x-pii': 'phone', ...label('电话', 'Phone', '大陆手机号', 'Mainland mobile') },
    relation: { type: 'string', ...label('关系', 'Relation', '与老人的关系', 'Relation to the elder') },
  },
};

export const secretsSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    password: { type: 'string', ...label('密码', 'Password', 'MQTT 登录密码', 'The MQTT password') },
    registry: {
      type: 'array', default: [], maxItems: 100_000, ...label('设备登记', 'Device registry', '设备 → 居民 → 网格的绑定（含个人信息，加密保存）', 'Device → resident → grid bindings (personal data, stored encrypted)'),
      items: {
        // a care device names its elder and whom to call; a grid sensor names its site instead
        type: 'object', required: ['id', 'type', 'gridPath'], anyOf: [{ required: ['elder', 'emergencyContacts'] }, { required: ['site'] }],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', ...label('设备编号', 'Device id', '主题中的设备编号', 'The id in the topic') },
          type: { type: 'string', ...label('设备类型', 'Device type', '如 sos_button、fall、smoke', 'e.g. sos_button, fall, smoke') },
          gridPath: { type: 'string', pattern: '^(/[0-9]{6,15}){4}$', ...label('所属网格', 'Grid', '网格的组织路径', 'The grid’s org path') },
          elder: { type: 'object', required: ['name'], ...label('老人', 'Elder', '设备服务的老人', 'The elder the device serves'), properties: {
            name: { type: 'string', 'x-pii': 'name', ...label('姓名', 'Name', '老人姓名', 'Name') },
            residentId: { type: 'string', ...label('居民编号', 'Resident id', '居民档案编号', 'Resident record id') } } },
          emergencyContacts: { type: 'array', minItems: 1, items: contact, ...label('紧急联系人', 'Emergency contacts', '报警时通知的人', 'Whom an alarm notifies') },
          ageBand: { type: 'string', ...label('年龄段', 'Age band', '如 80-89', 'e.g. 80-89') },
          livingStatus: { type: 'array', items: { type: 'string' }, 'x-pii': 'special-identity', ...label('居住状况', 'Living status', '独居、空巢等', 'Alone, empty nest, …') },
          location: { type: 'object', ...label('位置', 'Location', '地址编号与房间', 'Address id and room'), properties: {
            addressId: { type: 'string', ...label('地址编号', 'Address id', '地址库编号', 'Address record id') },
            room: { type: 'string', ...label('房间', 'Room', '如 卧室', 'e.g. bedroom') } } },
          consents: { type: 'object', additionalProperties: false, ...label('单独同意', 'Consents', '同意登记中的记录编号：传感器监测、报警开门、向服务商提供', 'Consent registry ids: sensor monitoring, door access, sharing with providers'), properties: {
            sensor: { type: 'string', maxLength: 64, ...label('传感器监测', 'Sensor monitoring', '被动传感器（跌倒、门磁、红外、床垫）须有', 'Needed for passive sensors (fall, door, PIR, bed)') },
            door: { type: 'string', maxLength: 64, ...label('报警开门', 'Door access', '无此授权不得远程开门', 'Without it the door is never opened remotely') },
            provider: { type: 'string', maxLength: 64, ...label('向服务商提供', 'Sharing with providers', '生活服务单须有', 'Needed for service orders') } } },
          doorDeviceId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', ...label('门禁设备', 'Door lock', '可远程开门的门禁设备编号', 'The door lock a responder may open') },
          site: { type: 'object', additionalProperties: false, required: ['lat', 'lng', 'datum'], ...label('安装位置', 'Site', '网格传感器的安装位置（不绑定老人）', 'Where a grid sensor stands (bound to no resident)'), properties: {
            lat: { type: 'number', minimum: 3, maximum: 54, ...label('纬度', 'Latitude', '安装点纬度', 'Latitude') },
            lng: { type: 'number', minimum: 73, maximum: 136, ...label('经度', 'Longitude', '安装点经度', 'Longitude') },
            datum: { type: 'string', enum: ['CGCS2000', 'WGS84'], ...label('坐标系', 'Datum', 'CGCS2000 或 WGS84', 'CGCS2000 or WGS84') },
            place: { type: 'string', maxLength: 60, ...label('位置说明', 'Place', '如 金鱼路12号泵房', 'e.g. pump room, 12 Jinyu Rd') },
            buildingId: { type: 'string', maxLength: 40, ...label('楼栋编码', 'Building id', '楼栋编码', 'Building id') } } },
        },
      },
    },
  },
};
