import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { fromPicker, outsideDays, toPicker } from './date-input';

// vitest runs these in America/Los_Angeles: a zone with daylight saving, west of UTC.
describe('date and time field values', () => {
  it('PLT-06 a date goes to the picker and back unchanged, whatever the browser zone', () => {
    for (const d of ['2026-04-16', '2026-03-08', '2026-11-01', '2026-12-31', '2027-01-01'])
      expect(fromPicker(toPicker(d), 'date')).toBe(d);
    expect(toPicker('2026-04-16')!.format('YYYY年M月D日 dddd')).toBe('2026年4月16日 星期四');
  });

  it('PLT-06 a Beijing wall-clock time survives the hour daylight saving skips in the browser zone', () => {
    // 2026-03-08 02:30 does not exist in Los Angeles; in Beijing it does.
    expect(fromPicker(toPicker('2026-03-08T02:30:05'), 'second')).toBe('2026-03-08T02:30:05');
    expect(fromPicker(toPicker('2026-03-08T02:30'), 'minute')).toBe('2026-03-08T02:30');
    expect(fromPicker(toPicker('2026-11-25T23:59'), 'second')).toBe('2026-11-25T23:59:00');
    expect(toPicker('2026-11-25T23:06:23')!.format('HH:mm:ss')).toBe('23:06:23');
  });

  it('PLT-05 empty and unreadable values are empty fields, not invalid dates', () => {
    expect(toPicker('')).toBeNull();
    expect(toPicker(undefined)).toBeNull();
    expect(toPicker('2026-02-30')).toBeNull();
    expect(toPicker('11/25/2026')).toBeNull();
    expect(fromPicker(null, 'date')).toBeUndefined();
    expect(fromPicker(dayjs('not a date'), 'date')).toBeUndefined();
  });

  it('PLT-06 a typed value (browser zone) reads as the digits typed', () => {
    expect(fromPicker(dayjs('2026年4月16日', 'YYYY年M月D日', true), 'date')).toBe('2026-04-16');
    expect(fromPicker(dayjs('2026-04-16 09:05', 'YYYY-MM-DD HH:mm', true), 'minute')).toBe(
      '2026-04-16T09:05',
    );
  });

  it('PLT-05 days outside the allowed range are disabled (e.g. after today)', () => {
    const d = toPicker('2026-11-26')!;
    expect(outsideDays(d, undefined, '2026-11-25')).toBe(true);
    expect(outsideDays(d, undefined, '2026-11-26')).toBe(false);
    expect(outsideDays(d, '2026-11-27')).toBe(true);
    expect(outsideDays(d)).toBe(false);
  });
});
