/** Public types of the calendar module (see index.ts for the rules they follow). */

/** How a clock counts: 24x7 (`natural`, `urgent`) or office hours on working days (`working`). */
export const Clock = { natural: 'natural', working: 'working', urgent: 'urgent' } as const;
/** One of the three clocks an SLA can run on. */
export type Clock = (typeof Clock)[keyof typeof Clock];

/** The State Council notice a year's data was copied from. */
export interface CalendarSource {
  title: string;
  /** 文号, e.g. 国办发明电〔2024〕12号; optional because reposts often omit it. */
  number?: string;
  /** YYYY-MM-DD */
  published: string;
  url?: string;
}

/** One year of national holidays and 调休 make-up workdays (one `cn-YYYY.json` file). */
export interface NationalYear {
  year: number;
  source: CalendarSource;
  /** Inclusive local-date ranges, YYYY-MM-DD. */
  holidays: { name: { 'zh-CN': string; en: string }; from: string; to: string }[];
  /** Saturdays or Sundays that become working days. */
  makeUpWorkdays: { date: string; for?: string }[];
}

/** A county's office hours and local closures on top of the national calendar. */
export interface CountyCalendarConfig {
  id: string;
  /** Fixed offset from UTC (China: 480, no DST). */
  utcOffsetMinutes: number;
  /** Sorted, non-overlapping HH:MM periods, end exclusive; the same on every working day. */
  workingHours: { start: string; end: string }[];
  /** Local dates (YYYY-MM-DD) on which the county offices are closed. */
  localClosures?: string[];
  /** Local dates (YYYY-MM-DD) that the county declares working days. */
  extraWorkdays?: string[];
}

/** A half-open span of time [from, to) in epoch milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

/** The parts of an ISO 8601 duration, each a non-negative number. */
export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Deadline arithmetic for one county; every instant is epoch ms. */
export interface WorkCalendar {
  /** The county calendar config's id (a definition names the calendar it counts on by this id). */
  readonly id: string;
  /** The instant a local date ('YYYY-MM-DD') begins (local midnight), or undefined for a bad date. */
  startOfDay(localDate: string): number | undefined;
  /**
   * The instant of an ISO date-time; one without a zone ('2026-05-02T01:00') is local time in the county's
   * zone (`utcOffsetMinutes`), one with `Z` or an offset keeps it. Undefined when it is not a real date-time.
   */
  instantOf(localDateTime: string): number | undefined;
  /** The next day-N (or Nth-working-day) of a month strictly after `after`, at the start of office hours; undefined past 36 months. */
  nextMonthly(after: number, rule: { day: number } | { workingDay: number }): number | undefined;
  /** True if the local date ('YYYY-MM-DD') is a working day. */
  isWorkingDay(localDate: string): boolean;
  /** Adds an ISO 8601 duration (PT2H, PT30M, P1D, P5D, P1DT4H, P1W) on a clock; returns the due instant. */
  add(start: number, duration: string, clock: Clock): number;
  /** Adds a raw amount of clock time in ms; returns the earliest instant at which it has elapsed. */
  addMs(start: number, ms: number, clock: Clock): number;
  /** Clock time elapsed between two instants, excluding the pause intervals (0 if `to <= from`). */
  elapsed(from: number, to: number, clock: Clock, pauses?: Interval[]): number;
  /** The instant at which `fraction` (0..1) of the clock time between start and due has elapsed. */
  fractionPoint(start: number, due: number, fraction: number, clock: Clock): number;
  /** Years a computation needed but that have no national data, ascending (to warn the admin). */
  unknownYears(): number[];
}
