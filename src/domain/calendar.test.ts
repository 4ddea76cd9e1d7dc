import { describe, expect, it } from 'vitest';
import {
  addNaturalDays,
  addWorkingDays,
  isWorkingDay,
  makeCalendar,
  subtractWorkingDays,
  validateSchedule,
  type YearSchedule,
} from './calendar';
import { packageSchedules } from '../storage/calendar-package';

const cal = makeCalendar(packageSchedules());
const withoutAdjusted = makeCalendar(packageSchedules(), false);
const schedule2027: YearSchedule = {
  year: 2027,
  // A plausible 2027 schedule for the tests (the official one is imported when published).
  holidays: new Set([
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
    '2027-02-13',
  ]),
  workdays: new Set(['2027-02-14', '2027-02-20']),
};
const with2027 = makeCalendar([...packageSchedules(), schedule2027]);

describe('working-day calendar', () => {
  it('PLT-01 the package schedule of 2026 matches the State Council notice', () => {
    const s = cal.schedules.get(2026)!;
    const holidays = [
      '2026-01-01',
      '2026-01-03',
      '2026-02-15',
      '2026-02-23',
      '2026-04-04',
      '2026-04-06',
      '2026-05-01',
      '2026-05-05',
      '2026-06-19',
      '2026-06-21',
      '2026-09-25',
      '2026-09-27',
      '2026-10-01',
      '2026-10-07',
    ];
    for (const d of holidays) expect(s.holidays.has(d), d).toBe(true);
    expect([...s.workdays].sort()).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect([...cal.schedules.get(2025)!.workdays].sort()).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(cal.schedules.has(2027)).toBe(false);
  });

  it.each([
    ['2026-09-20', true, 'adjusted working Sunday'],
    ['2026-09-19', false, 'Saturday'],
    ['2026-09-25', false, 'Mid-Autumn holiday on a Friday'],
    ['2026-10-08', true, 'first day after National Day'],
    ['2026-10-10', true, 'adjusted working Saturday'],
    ['2026-02-16', false, 'Spring Festival Monday'],
    ['2026-02-14', true, 'adjusted working Saturday before Spring Festival'],
    ['2027-01-04', true, 'a Monday in an unscheduled year'],
    ['2027-01-03', false, 'a Sunday in an unscheduled year'],
  ])('PLT-01 %s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('PLT-01 adjusted working days can be configured not to count', () => {
    expect(isWorkingDay(withoutAdjusted, '2026-09-20')).toBe(false);
    expect(addWorkingDays(withoutAdjusted, '2026-09-18', 7).date).toBe('2026-09-30');
  });

  it.each([
    // [start, n, due, confirmed, why]
    ['2026-09-18', 7, '2026-09-29', true, 'DOMAIN.md worked example: 9-20 counts, 9-25..27 holidays'],
    ['2026-09-18', 1, '2026-09-20', true, 'the adjusted Sunday is the first working day'],
    ['2026-02-13', 1, '2026-02-14', true, 'adjusted Saturday before Spring Festival'],
    ['2026-02-14', 1, '2026-02-24', true, 'over Spring Festival 2026 (2-15..2-23)'],
    ['2026-02-12', 3, '2026-02-24', true, '2-13, 2-14 (adjusted), then 2-24'],
    ['2026-09-30', 2, '2026-10-09', true, 'over National Day'],
    ['2026-09-30', 3, '2026-10-10', true, 'adjusted Saturday 10-10 counts'],
    ['2026-04-03', 2, '2026-04-08', true, 'over Qingming'],
    ['2026-04-30', 3, '2026-05-08', true, 'over Labour Day 5-1..5-5'],
    ['2026-04-30', 4, '2026-05-09', true, 'adjusted Saturday 5-9 counts'],
    ['2026-12-30', 2, '2027-01-01', false, 'year end: 12-31, then 2027-01-01 (unscheduled: weekends only)'],
    ['2026-12-28', 3, '2026-12-31', true, 'stays in 2026'],
    ['2026-12-31', 20, '2027-01-28', false, '20 working days into an unscheduled year'],
    ['2025-12-31', 1, '2026-01-04', true, 'year end 2025/2026: 1-1..1-3 holidays, 1-4 adjusted Sunday'],
    ['2025-12-30', 2, '2026-01-04', true, 'touches 2025 and 2026, both scheduled'],
  ])('PLT-02 %s + %i working days → %s (confirmed %s): %s', (start, n, due, confirmed) => {
    const r = addWorkingDays(cal, start, n);
    expect(r).toEqual({ date: due, confirmed });
  });

  it('PLT-01 a 2027 deadline becomes confirmed once a 2027 schedule is present', () => {
    expect(addWorkingDays(cal, '2026-12-31', 1)).toEqual({ date: '2027-01-01', confirmed: false });
    expect(addWorkingDays(with2027, '2026-12-31', 1)).toEqual({ date: '2027-01-04', confirmed: true });
    expect(addWorkingDays(with2027, '2027-02-05', 1)).toEqual({ date: '2027-02-14', confirmed: true });
  });

  it.each([
    ['2026-01-01', 15, '2026-01-16', true, 'plain 15 days ending on a Friday'],
    ['2026-01-31', 15, '2026-02-24', true, 'ends 2-15 in Spring Festival → first working day after it'],
    ['2026-09-10', 15, '2026-09-28', true, 'ends 9-25 (Mid-Autumn) → Monday 9-28'],
    ['2026-09-05', 15, '2026-09-20', true, 'ends on the adjusted working Sunday: stays'],
    ['2026-11-06', 15, '2026-11-23', true, 'ends on a Saturday (rest day) → Monday'],
    ['2026-07-03', 90, '2026-10-08', true, '90-day penalty period ending on National Day'],
    ['2026-12-17', 15, '2027-01-01', false, 'ends in unscheduled 2027'],
    ['2026-10-02', 60, '2026-12-01', true, '60 days for administrative reconsideration'],
  ])('PLT-02 natural days: %s + %i → %s (confirmed %s): %s', (start, n, due, confirmed) => {
    expect(addNaturalDays(cal, start, n)).toEqual({ date: due, confirmed });
  });

  it.each([
    // [date, n, result, confirmed, hand count going back; the given date itself is not counted]
    [
      '2026-09-29',
      7,
      '2026-09-18',
      true,
      '9-28(1), 9-25..27 holidays, 9-24(2) 23(3) 22(4) 21(5), Sun 9-20 adjusted(6), Sat 9-19 rest, 9-18(7)',
    ],
    ['2026-10-08', 1, '2026-09-30', true, '10-01..07 National Day, 9-30(1)'],
    ['2026-10-12', 2, '2026-10-09', true, 'Sun 10-11 rest, Sat 10-10 adjusted(1), 10-09(2)'],
    ['2026-02-24', 2, '2026-02-13', true, '2-15..23 Spring Festival, Sat 2-14 adjusted(1), 2-13(2)'],
    [
      '2026-01-05',
      2,
      '2025-12-31',
      true,
      'Sun 1-04 adjusted(1), 1-01..03 holidays, 2025-12-31(2); 2025 scheduled',
    ],
    [
      '2027-01-05',
      3,
      '2026-12-31',
      false,
      '1-04(1), weekend, Fri 2027-01-01 counts on weekends alone(2), 12-31(3)',
    ],
    ['2026-11-16', 0, '2026-11-16', true, 'zero days is the day itself'],
  ])('PLT-02 %s − %i working days → %s (confirmed %s): %s', (date, n, result, confirmed) => {
    expect(subtractWorkingDays(cal, date, n)).toEqual({ date: result, confirmed });
  });

  it('PLT-02 subtracting working days mirrors adding them, and honours the adjusted-day setting', () => {
    // Without adjusted days: 9-28(1), 9-24(2) 23(3) 22(4) 21(5), 9-20 and 9-19 rest, 9-18(6), 9-17(7).
    expect(subtractWorkingDays(withoutAdjusted, '2026-09-29', 7).date).toBe('2026-09-17');
    for (const d of ['2026-09-29', '2026-10-08', '2026-02-24', '2026-05-11']) {
      expect(addWorkingDays(cal, subtractWorkingDays(cal, d, 5).date, 5).date, d).toBe(d);
    }
    expect(() => subtractWorkingDays(cal, '2026-13-01', 1)).toThrow(RangeError);
    expect(() => subtractWorkingDays(cal, '2026-01-01', -1)).toThrow(RangeError);
  });

  it('PLT-02 the start day is not counted and bad input is refused', () => {
    expect(addWorkingDays(cal, '2026-11-02', 0).date).toBe('2026-11-02');
    expect(() => addWorkingDays(cal, '2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('schedule import validation', () => {
  it('PLT-01 accepts a proper schedule and names every bad date', () => {
    expect(validateSchedule({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-20'] })).toEqual([]);
    const problems = validateSchedule({
      year: 2027,
      holidays: ['2027-13-01', '2026-12-31', '2027-01-01'],
      workdays: ['2027-01-01', '2027-01-04'],
    });
    expect(problems.map(([f]) => f)).toEqual(['holidays[0]', 'holidays[1]', 'workdays[0]', 'workdays[1]']);
    expect(validateSchedule({ year: 1999, holidays: [], workdays: [] })[0]![0]).toBe('year');
  });
});
