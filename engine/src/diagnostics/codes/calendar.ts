import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the calendar area. */
export const calendarCodes: CodeCatalog = {
  'calendar.unknown-year': {
    severity: 'warning',
    'zh-CN': '日历缺少 {year} 年的节假日数据，按仅周末休息计算',
    en: 'No holiday data for {year}; counting weekends only',
  },
  'calendar.bad-duration': {
    severity: 'error',
    'zh-CN': '时长 {duration} 格式不正确，应为 ISO 8601 时长，如 PT2H、PT30M、P5D',
    en: '{duration} is not an ISO 8601 duration (e.g. PT2H, PT30M, P5D)',
  },
  'calendar.fractional-date-part': {
    severity: 'error',
    'zh-CN': '时长 {duration} 中只有时、分、秒可以带小数，天、周、月、年须为整数',
    en: 'In {duration} only hours, minutes and seconds may have a fraction; days, weeks, months and years must be whole',
  },
  'calendar.unsupported-duration': {
    severity: 'error',
    'zh-CN': '工作时钟不能按月或年计算时长 {duration}，请改用工作日（如 P20D）',
    en: 'The working clock cannot count months or years ({duration}); use working days instead (e.g. P20D)',
  },
  'calendar.duration-too-long': {
    severity: 'error',
    'zh-CN': '时长 {duration} 超过上限 {maxDays} 天',
    en: 'Duration {duration} exceeds the limit of {maxDays} days',
  },
  'calendar.bad-amount': {
    severity: 'error',
    'zh-CN': '时长毫秒数 {value} 无效，须为非负有限数',
    en: 'Duration amount {value} ms is invalid; it must be a finite, non-negative number',
  },
  'calendar.bad-instant': {
    severity: 'error',
    'zh-CN': '时间点 {name} 的值 {value} 无效，须为公元 1–9999 年之间的毫秒时间戳',
    en: 'Instant {name} = {value} is invalid; it must be epoch milliseconds within years 1–9999',
  },
  'calendar.bad-interval': {
    severity: 'error',
    'zh-CN': '暂停区间 {index} 无效：结束时间早于开始时间或不是有效时间戳',
    en: 'Pause interval {index} is invalid: it ends before it starts or is not a valid instant',
  },
  'calendar.bad-fraction': {
    severity: 'error',
    'zh-CN': '比例 {value} 无效，须在 0 到 1 之间',
    en: 'Fraction {value} is invalid; it must be between 0 and 1',
  },
  'calendar.unknown-clock': {
    severity: 'error',
    'zh-CN': '未知的时钟类型 {clock}，应为 natural（自然时）、working（工作时）或 urgent（紧急工作时）',
    en: 'Unknown clock {clock}; expected natural, working or urgent',
  },
  'calendar.no-working-day': {
    severity: 'error',
    'zh-CN': '自 {from} 起连续 {days} 天没有工作日，请检查节假日和停止办公日数据',
    en: 'No working day in the {days} days from {from}; check the holiday and closure data',
  },
  'calendar.invalid-config': {
    severity: 'error',
    'zh-CN': '日历配置 {id} 有误，无法计算时限',
    en: 'Calendar configuration {id} is invalid; deadlines cannot be computed',
  },
  'calendar.not-object': {
    severity: 'error',
    'zh-CN': '{what}必须是一个对象',
    en: '{what} must be an object',
  },
  'calendar.missing-field': {
    severity: 'error',
    'zh-CN': '缺少或无效的字段 {field}',
    en: 'Missing or invalid field {field}',
  },
  'calendar.bad-offset': {
    severity: 'error',
    'zh-CN': 'UTC 偏移 {value} 无效，须为 -720 到 840 之间的整数分钟（中国为 480）',
    en: 'UTC offset {value} is invalid; it must be whole minutes between -720 and 840 (China is 480)',
  },
  'calendar.no-working-hours': {
    severity: 'error',
    'zh-CN': '至少需要一个办公时段',
    en: 'At least one office-hours period is required',
  },
  'calendar.bad-time': {
    severity: 'error',
    'zh-CN': '时间 {value} 无效，应为 HH:MM（00:00–24:00）',
    en: 'Time {value} is invalid; expected HH:MM (00:00–24:00)',
  },
  'calendar.empty-period': {
    severity: 'error',
    'zh-CN': '办公时段 {start}–{end} 的结束时间须晚于开始时间',
    en: 'Office-hours period {start}–{end} must end after it starts',
  },
  'calendar.overlapping-hours': {
    severity: 'error',
    'zh-CN': '办公时段 {start}–{end} 与前一时段重叠或未按时间先后排列',
    en: 'Office-hours period {start}–{end} overlaps the previous one or is out of order',
  },
  'calendar.bad-date': {
    severity: 'error',
    'zh-CN': '日期 {value} 无效，应为 YYYY-MM-DD',
    en: 'Date {value} is invalid; expected YYYY-MM-DD',
  },
  'calendar.conflicting-day': {
    severity: 'warning',
    'zh-CN': '{date} 同时列为停止办公日和加班工作日，按停止办公处理',
    en: '{date} is both a local closure and an extra workday; the closure wins',
  },
  'calendar.bad-year': {
    severity: 'error',
    'zh-CN': '年份 {value} 无效，须为 1900–9999 之间的整数',
    en: 'Year {value} is invalid; it must be an integer between 1900 and 9999',
  },
  'calendar.duplicate-year': {
    severity: 'error',
    'zh-CN': '{year} 年的节假日数据重复',
    en: 'Holiday data for {year} is given more than once',
  },
  'calendar.bad-range': {
    severity: 'error',
    'zh-CN': '节假日 {from} 至 {to} 的结束日期早于开始日期',
    en: 'Holiday {from} to {to} ends before it starts',
  },
  'calendar.holiday-too-long': {
    severity: 'error',
    'zh-CN': '节假日 {from} 至 {to} 超过 {maxDays} 天，请核对',
    en: 'Holiday {from} to {to} is longer than {maxDays} days; check the data',
  },
  'calendar.date-outside-year': {
    severity: 'warning',
    'zh-CN': '日期 {date} 不在 {year} 年内，请确认是否录入到了正确的年份',
    en: 'Date {date} is outside {year}; check it belongs in this year’s file',
  },
  'calendar.makeup-not-weekend': {
    severity: 'warning',
    'zh-CN': '调休上班日 {date} 不是周六或周日',
    en: 'Make-up workday {date} is not a Saturday or Sunday',
  },
  'calendar.makeup-in-holiday': {
    severity: 'error',
    'zh-CN': '调休上班日 {date} 落在放假期间内',
    en: 'Make-up workday {date} falls inside a holiday',
  },
};
