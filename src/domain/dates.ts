/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). All arithmetic is done on the string's UTC
 * reading, so the machine's time zone never shifts a date; "today" is taken in Asia/Shanghai.
 */
import { invalid } from './errors';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `s` is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

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

const shanghaiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Shanghai at the given instant, whatever the machine's zone. */
export function shanghaiDate(instant: Date): IsoDate {
  return shanghaiFormat.format(instant);
}

/** 2026-04-16 → 2026年4月16日, the form used in documents and pages. */
export function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
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
