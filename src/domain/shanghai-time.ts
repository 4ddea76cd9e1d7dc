/**
 * Dates and instants as people in the office read them: in Asia/Shanghai, whatever the zone of the
 * machine (server or browser). The one copy of these readings, imported by the server and by the
 * workbench (which is why this module imports nothing).
 *
 * Calendar dates are ISO strings (`YYYY-MM-DD`) checked on their UTC reading, so no zone shifts them.
 */

/** The zone every date of the platform is in. */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's wall-clock reading in Shanghai, every part zero-padded (hour 00–23). */
export interface ShanghaiClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

export function shanghaiClock(instant: Date): ShanghaiClock {
  const p: Record<string, string> = {};
  for (const part of PARTS.formatToParts(instant)) p[part.type] = part.value;
  return {
    year: p.year ?? '',
    month: p.month ?? '',
    day: p.day ?? '',
    hour: p.hour ?? '',
    minute: p.minute ?? '',
  };
}

function readDate(instant: Date): string {
  const c = shanghaiClock(instant);
  return `${c.year}-${c.month}-${c.day}`;
}

const HOUR_MS = 3_600_000;
/** Since 1901 every Shanghai offset (+8, +9 in summer time) and every change of it fell on a whole UTC hour. */
const WHOLE_HOURS_SINCE = Date.UTC(1901, 0, 1);
const DATE_OF_HOUR = new Map<number, string>();
const DATE_OF_HOUR_MAX = 10_000;

/**
 * The calendar date in Shanghai at the given instant, `YYYY-MM-DD`.
 *
 * Intl's reading costs microseconds, and the open-data CSV reads one per row (a fifth of its time at
 * 10⁶ rows). Every instant of one UTC hour has the same Shanghai date (offsets and their changes are
 * whole UTC hours since 1901), so the date is read once per UTC hour and kept (a bounded map, emptied
 * when full); earlier and invalid instants are read every time, as before.
 */
export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  if (!(t >= WHOLE_HOURS_SINCE)) return readDate(instant);
  const hour = Math.floor(t / HOUR_MS);
  let date = DATE_OF_HOUR.get(hour);
  if (date === undefined) {
    if (DATE_OF_HOUR.size >= DATE_OF_HOUR_MAX) DATE_OF_HOUR.clear();
    date = readDate(new Date(hour * HOUR_MS));
    DATE_OF_HOUR.set(hour, date);
  }
  return date;
}

/** The hour in Shanghai at the given instant (0–23). */
export function shanghaiHour(instant: Date): number {
  return Number(shanghaiClock(instant).hour);
}

/** True when `s` is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** 2026-04-16 → 2026年4月16日, the form of documents and pages. Anything else is returned unchanged. */
export function chineseDate(date: string): string {
  const m = ISO_DATE.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** An instant as 2026年4月16日 10:20, read in Shanghai; an unreadable one is returned as it came. */
export function chineseDateTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return String(instant);
  const c = shanghaiClock(d);
  return `${chineseDate(`${c.year}-${c.month}-${c.day}`)} ${c.hour}:${c.minute}`;
}
