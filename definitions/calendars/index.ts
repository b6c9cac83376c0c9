/**
 * Calendar data as JSON: one file per year of national holidays and 调休 make-up workdays
 * (from the State Council notice published each November), plus the default county config.
 * An admin adds a year by adding a `cn-YYYY.json` file that validates against
 * `calendar.schema.json`; no code change is needed beyond listing it here.
 */
import cn2025 from './cn-2025.json' with { type: 'json' };
import cn2026 from './cn-2026.json' with { type: 'json' };
import countyDefaultJson from './county-default.json' with { type: 'json' };
import autonomousExampleJson from './autonomous-county-example.json' with { type: 'json' };

/** National holiday data, one entry per year, oldest first. */
export const nationalYears = [cn2025, cn2026];

/** The default county calendar: UTC+8, office hours 08:30–12:00 and 14:00–17:30, no local closures. */
export const countyDefault = countyDefaultJson;

/**
 * A second county calendar, as an example of local closures: a 民族自治地方 sets its own festival
 * days off (《全国年节及纪念日放假办法》 第四条); the two dates here are placeholders an admin replaces
 * with the local government's notice. A definition counts on it with `"calendar": "autonomous-county-example"`.
 */
export const autonomousCountyExample = autonomousExampleJson;

/** Every county calendar the deployment ships, the default first; a definition's `calendar` names one by `id`. */
export const countyCalendars = [countyDefault, autonomousCountyExample];
