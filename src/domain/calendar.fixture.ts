/**
 * The 2026 schedule as the State Council published it (DOMAIN.md), typed in by hand for tests that
 * count working days against it, and a plausible 2027 schedule as if its notice had been imported.
 *
 *   2026 holidays: 01-01–03, 02-15–23, 04-04–06, 05-01–05, 06-19–21, 09-25–27, 10-01–07
 *   adjusted working days: Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10
 */
import { makeCalendar, type YearSchedule } from './calendar';
import { addDays } from './dates';

export function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const schedule2026: YearSchedule = {
  year: 2026,
  holidays: new Set([
    ...span('2026-01-01', '2026-01-03'),
    ...span('2026-02-15', '2026-02-23'),
    ...span('2026-04-04', '2026-04-06'),
    ...span('2026-05-01', '2026-05-05'),
    ...span('2026-06-19', '2026-06-21'),
    ...span('2026-09-25', '2026-09-27'),
    ...span('2026-10-01', '2026-10-07'),
  ]),
  workdays: new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
};

/** 2026 confirmed; 2025 and 2027 unconfirmed (weekends alone). */
export const cal = makeCalendar([schedule2026]);

/** As if the 2027 notice (New Year 01-01–03) had been imported. */
export const with2027 = makeCalendar([
  schedule2026,
  { year: 2027, holidays: new Set(span('2027-01-01', '2027-01-03')), workdays: new Set<string>() },
]);
