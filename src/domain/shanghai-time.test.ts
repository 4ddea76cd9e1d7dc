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
