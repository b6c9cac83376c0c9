/**
 * The workbench's live countdown and the server's deadline agree: the same engine calendar, the
 * same rules (on track → at risk → overdue), at every second across office hours, lunch, a weekend,
 * a statutory holiday and a 调休 make-up Sunday.
 */
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@tongban/engine';
import { countyCalendars, countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { describeDeadline } from '../../runtime/src/deadlines/describeDeadline.ts';
import { calendarsOf, liveDeadline } from '../../workbench/src/deadlines/liveDeadline.ts';

const server = createWorkCalendar(countyDefault as never, nationalYears as never);
const client = calendarsOf({ serverTime: 0, idCardBridgeUrl: null, oidc: false, attachments: { maxBytes: 1, types: [] }, calendar: { county: countyDefault as never, years: nationalYears as never, calendars: countyCalendars as never } });
const at = (s: string) => Date.parse(s + '+08:00');

describe('countdowns agree with the server', () => {
  it.each([
    ['a working afternoon into lunch', '2025-03-14T11:00:00', '2025-03-17T10:00:00', 'working'],
    ['across National Day and the make-up Sunday', '2025-09-27T16:00:00', '2025-10-09T11:00:00', 'working'],
    ['24x7', '2025-10-01T08:00:00', '2025-10-01T20:00:00', 'urgent'],
  ] as const)('%s', (_name, from, due, clock) => {
    const dueAt = at(due);
    const warnAt = server.fractionPoint(at(from), dueAt, 0.67, clock);
    const served = describeDeadline(server, { dueAt, warnAt, clock, open: true }, at(from));
    for (let now = at(from); now <= dueAt + 3 * 3_600_000; now += 997_003) {
      const expected = describeDeadline(server, { dueAt, warnAt, clock, open: true }, now);
      const live = liveDeadline(client, served as never, now);
      expect({ status: live.status, remainingMs: live.remainingMs, overdueMs: live.overdueMs }).toEqual({ status: expected.status, remainingMs: expected.remainingMs, overdueMs: expected.overdueMs });
    }
  });
});
