import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import utc from 'dayjs/plugin/utc';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { isIsoDate } from '../../src/domain/shanghai-time';

/**
 * The values of the workbench's date and time fields, between the forms and antd's pickers. A form
 * holds what a native input held: a calendar date `YYYY-MM-DD`, or a Beijing wall-clock time
 * `YYYY-MM-DDTHH:mm[:ss]` (turned into an instant by `shanghaiInputToIso`). The picker gets a dayjs
 * in UTC mode carrying those same digits: UTC has no daylight saving, so no zone of the browser
 * can shift a day or an hour on the way (the tests run in America/Los_Angeles).
 */
dayjs.extend(utc);
dayjs.extend(customParseFormat);
// Month and weekday names, and weeks from Monday, in the pickers' panels.
dayjs.locale('zh-cn');

/** What the field shows; the other forms are also accepted when typed. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYYMMDD', 'YYYY年M月D日'];
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';
export const DATE_TIME_SECONDS_FORMAT = 'YYYY-MM-DD HH:mm:ss';

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A form's value → the picker's (null: empty or unreadable). */
export function toPicker(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  if (isIsoDate(value)) return dayjs.utc(`${value}T00:00:00Z`);
  const m = LOCAL_INPUT.exec(value);
  if (!m || !isIsoDate(m[1]!)) return null;
  const d = dayjs.utc(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}Z`);
  return d.isValid() ? d : null;
}

/**
 * The picker's value → the form's: its digits as they read (a typed value may come in the
 * browser's zone, a picked one in UTC mode; both read as what the person saw).
 */
export function fromPicker(
  d: Dayjs | null | undefined,
  kind: 'date' | 'minute' | 'second',
): string | undefined {
  if (!d || !d.isValid()) return undefined;
  if (kind === 'date') return d.format('YYYY-MM-DD');
  return d.format(kind === 'second' ? 'YYYY-MM-DDTHH:mm:ss' : 'YYYY-MM-DDTHH:mm');
}

/** Whether a day shown in a picker lies outside `[min, max]` (ISO dates; either may be absent). */
export function outsideDays(d: Dayjs, min?: string, max?: string): boolean {
  const day = d.format('YYYY-MM-DD');
  return (min !== undefined && day < min) || (max !== undefined && day > max);
}

/** Said beside a deadline in a year whose holidays are not yet published (PLT-01), not only on hover. */
export const UNCONFIRMED_DEADLINE_TEXT = '该年度节假日安排尚未公布，期限按周末推算，仅供参考';
