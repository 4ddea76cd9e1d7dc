import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  chineseDateTime,
  isIsoDate,
  shanghaiClock,
  shanghaiDate,
  shanghaiHour,
} from './shanghai-time';
import { sourcesMatching } from '../../test/source-files';

// vitest runs in America/Los_Angeles: every reading below would shift if the machine's zone leaked in.
describe('readings in Asia/Shanghai', () => {
  it('reads the date, the hour and the clock of an instant in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiHour(new Date('2026-04-15T16:05:00Z'))).toBe(0);
    expect(shanghaiClock(new Date('2026-04-16T01:30:00Z'))).toEqual({
      year: '2026',
      month: '04',
      day: '16',
      hour: '09',
      minute: '30',
    });
  });

  it('reads the same date as the clock for every instant, across summer-time changes and midnights', () => {
    const clockDate = (d: Date) => {
      const c = shanghaiClock(d);
      return `${c.year}-${c.month}-${c.day}`;
    };
    const instants: Date[] = [];
    // Every 7 minutes across the summer-time changes of 1940–41 and 1986–91, and 2026 around midnights.
    for (const [from, to] of [
      ['1940-05-30T00:00:00Z', '1940-06-03T00:00:00Z'],
      ['1940-10-11T00:00:00Z', '1940-10-14T00:00:00Z'],
      ['1986-05-03T00:00:00Z', '1986-05-06T00:00:00Z'],
      ['1986-09-13T00:00:00Z', '1986-09-15T00:00:00Z'],
      ['1991-04-13T00:00:00Z', '1991-04-15T00:00:00Z'],
      ['1991-09-14T00:00:00Z', '1991-09-16T00:00:00Z'],
      ['2026-12-30T12:00:00Z', '2027-01-01T20:00:00Z'],
    ] as const)
      for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 60_000) instants.push(new Date(t));
    instants.push(new Date('1900-12-31T15:59:59Z'), new Date('1900-12-31T16:00:00Z'), new Date(0));
    for (const d of instants) {
      expect(shanghaiDate(d), d.toISOString()).toBe(clockDate(d));
      expect(shanghaiDate(new Date(d.getTime() + 59_999)), d.toISOString()).toBe(
        clockDate(new Date(d.getTime() + 59_999)),
      );
    }
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('writes dates and instants the way people read them', () => {
    expect(chineseDate('2026-04-16')).toBe('2026年4月16日');
    expect(chineseDate('not a date')).toBe('not a date');
    expect(chineseDateTime('2026-04-15T16:05:00Z')).toBe('2026年4月16日 00:05');
    expect(chineseDateTime('garbage')).toBe('garbage');
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
  });

  it('is the only place that names the zone or builds a date formatter (server and workbench)', () => {
    const copies = sourcesMatching(/'Asia\/Shanghai'|Intl\.DateTimeFormat/, 'shanghai-time.ts');
    expect(copies).toEqual([]);
  });
});
