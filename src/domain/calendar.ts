import { addDays, dayOfWeek, isIsoDate, yearOf, type IsoDate } from './dates';

/**
 * The working-day calendar (PLT-01, PLT-02).
 *
 * A year has a *schedule* when its statutory holidays and adjusted working days (调休上班日) are
 * known — from the maintained data package or from an administrator's import. A year without one
 * is computed on weekends alone, and every result that touches it is marked unconfirmed.
 */
export interface YearSchedule {
  year: number;
  holidays: ReadonlySet<IsoDate>;
  /** Adjusted working days: weekend days on which people work to make up for a holiday. */
  workdays: ReadonlySet<IsoDate>;
}

export interface WorkCalendar {
  schedules: ReadonlyMap<number, YearSchedule>;
  /** Whether adjusted working days count as working days (default yes; DOMAIN.md). */
  adjustedWorkdaysCount: boolean;
}

/** Where a year's schedule came from: the maintained data package or an administrator's import. */
export const CALENDAR_ORIGINS = ['package', 'import'] as const;
export type CalendarOrigin = (typeof CALENDAR_ORIGINS)[number];

/** How a period is counted: working days (the default) or natural days. */
export const DAY_KINDS = ['working', 'natural'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export interface DeadlineResult {
  date: IsoDate;
  /** True when every year the computation looked at has a schedule. */
  confirmed: boolean;
}

/** The longest period we compute, in days; guards against absurd inputs looping for long. */
export const MAX_PERIOD_DAYS = 3660;

export function makeCalendar(schedules: Iterable<YearSchedule>, adjustedWorkdaysCount = true): WorkCalendar {
  return { schedules: new Map([...schedules].map((s) => [s.year, s])), adjustedWorkdaysCount };
}

export function isStatutoryHoliday(cal: WorkCalendar, date: IsoDate): boolean {
  return cal.schedules.get(yearOf(date))?.holidays.has(date) ?? false;
}

export function isWorkingDay(cal: WorkCalendar, date: IsoDate): boolean {
  const schedule = cal.schedules.get(yearOf(date));
  if (schedule?.holidays.has(date)) return false;
  if (schedule?.workdays.has(date)) return cal.adjustedWorkdaysCount;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

function assertPeriod(start: IsoDate, n: number): void {
  if (!isIsoDate(start)) throw new RangeError(`not a date: ${start}`);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PERIOD_DAYS) throw new RangeError(`bad period: ${n}`);
}

/**
 * The last day of a period of `n` working days after `start`: the start day is not counted
 * (民法典 art. 201), and the period ends at the end of the n-th working day after it.
 */
export function addWorkingDays(cal: WorkCalendar, start: IsoDate, n: number): DeadlineResult {
  assertPeriod(start, n);
  const years = new Set<number>();
  let date = start;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    years.add(yearOf(date));
    if (isWorkingDay(cal, date)) left -= 1;
  }
  return { date, confirmed: allScheduled(cal, years) };
}

/**
 * The latest day from which `n` working days still fit before `date`: counting back from `date`
 * (which is not counted), the n-th working day before it. The mirror of {@link addWorkingDays}:
 * for any working day `d`, `addWorkingDays(cal, subtractWorkingDays(cal, d, n).date, n).date === d`.
 * Used for "at least 7 working days before the hearing" (行政处罚法 art. 64) and early alerts.
 */
export function subtractWorkingDays(cal: WorkCalendar, date: IsoDate, n: number): DeadlineResult {
  assertPeriod(date, n);
  const years = new Set<number>();
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, -1);
    years.add(yearOf(day));
    if (isWorkingDay(cal, day)) left -= 1;
  }
  return { date: day, confirmed: allScheduled(cal, years) };
}

/**
 * The last day of a period of `n` natural days after `start`. When that day is not a working day
 * (a statutory holiday or a rest day), the period ends on the next working day (民法典 art. 203).
 */
export function addNaturalDays(cal: WorkCalendar, start: IsoDate, n: number): DeadlineResult {
  assertPeriod(start, n);
  let date = addDays(start, n);
  const years = new Set<number>([yearOf(date)]);
  while (!isWorkingDay(cal, date)) {
    date = addDays(date, 1);
    years.add(yearOf(date));
  }
  return { date, confirmed: allScheduled(cal, years) };
}

function allScheduled(cal: WorkCalendar, years: Iterable<number>): boolean {
  for (const y of years) if (!cal.schedules.has(y)) return false;
  return true;
}

/** Problems with an imported year schedule, as [field, Chinese message] pairs; empty when valid. */
export function validateSchedule(input: {
  year: number;
  holidays: string[];
  workdays: string[];
}): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    problems.push(['year', '年份须为 2000 至 2100 之间的整数']);
    return problems;
  }
  const seen = new Map<string, string>();
  for (const field of ['holidays', 'workdays'] as const) {
    input[field].forEach((d, i) => {
      const at = `${field}[${i}]`;
      if (!isIsoDate(d)) problems.push([at, `日期格式应为 YYYY-MM-DD 且为真实日期：${d}`]);
      else if (yearOf(d) !== input.year) problems.push([at, `日期 ${d} 不属于 ${input.year} 年`]);
      else if (seen.has(d)) problems.push([at, `日期 ${d} 重复出现（已在 ${seen.get(d)} 中）`]);
      else if (field === 'workdays' && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6)
        problems.push([at, `调休上班日 ${d} 应为周末`]);
      seen.set(d, field);
    });
  }
  return problems;
}
