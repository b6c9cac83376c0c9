/**
 * A grid sensor's alarm (a smoke detector in a stairwell, a water sensor in a pump room: bound to no
 * resident) as a grid incident: the source channel `sensor`, the device id, the site's map point from the
 * registry binding (no photo, no address, no reporter), the county's class and urgency for that kind of
 * alarm. Pure: the caller passes the receive time.
 */
import type { DeviceEvent } from './parseDeviceEvent.ts';
import type { GridClass, RegisteredDevice } from './settings.ts';

/** Event types a grid sensor raises an incident for (tests, restores and technical signals never do). */
export const gridAlarmTypes = new Set(['smoke', 'gas', 'water', 'door_open_abnormal', 'inactivity', 'sos']);

/** The grid-incident intake data of one alarm, or undefined when the county has no class for its type. */
export function gridIncidentData(d: RegisteredDevice & { site: NonNullable<RegisteredDevice['site']> }, ev: DeviceEvent, classes: Record<string, GridClass>): Record<string, unknown> | undefined {
  const cls = classes[ev.type];
  if (!cls) return undefined;
  const where = d.site.place ? `${d.site.place}` : `网格 ${d.gridPath.split('/').pop()}`;
  const data: Record<string, unknown> = {
    sourceChannel: 'sensor', deviceId: d.id, urgency: cls.urgency, majorClass: cls.majorClass, minorClass: cls.minorClass, isDispute: false,
    title: `${cls.title}：${where}`.slice(0, 100),
    description: `传感器 ${d.id} 于 ${ev.ts} 报警（${cls.title}），位置：${where}。请核实现场。`.slice(0, 4000),
    discoveredAt: ev.ts, gridCode: d.gridPath.split('/').pop(),
    location: { lat: d.site.lat, lng: d.site.lng, datum: d.site.datum },
  };
  if (d.site.buildingId) data.buildingId = d.site.buildingId;
  return data;
}

/** The case data a repeated alarm of the same sensor brings to its open case (`sensor_repeat`): when it alarmed. */
export function repeatData(ev: DeviceEvent): Record<string, unknown> {
  return { lastAlarmAt: ev.ts };
}
