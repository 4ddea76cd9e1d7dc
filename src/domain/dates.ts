/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). All arithmetic is done on the string's UTC
 * reading, so the machine's time zone never shifts a date; "today" is taken in Asia/Shanghai.
 */
import { invalid } from './errors';
import { chineseDate } from './shanghai-time';

// Readings in Asia/Shanghai live in shanghai-time.ts (shared with the workbench); re-exported here.
export { chineseDate, isIsoDate, shanghaiDate } from './shanghai-time';

export type IsoDate = string;

const DAY_MS = 86_400_000;

export function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The earliest act date accepted unless configured otherwise (`ZHIFA_MIN_ACT_DATE`). */
export const DEFAULT_MIN_ACT_DATE: IsoDate = '2000-01-01';

/**
 * The lower bound of every act date (filing, transitions, steps, AV recordings; PLT-05): a date
 * such as 0226-11-25 or 1900-01-01 is a typing error, and would put a case in a year whose
 * numbering, deadlines and retention make no sense. The upper bound (not after today) is the
 * caller's, as it needs the clock.
 */
export function checkActDateNotBefore(date: IsoDate, earliest: IsoDate, field: string): void {
  if (date < earliest)
    throw invalid(
      'DATE_TOO_EARLY',
      `日期不能早于 ${chineseDate(earliest)}（本系统登记执法活动的最早日期）`,
      field,
    );
}
