import { describe, expect, it } from 'vitest';
import { checkActDateNotBefore, chineseDate, isIsoDate, shanghaiDate } from './dates';
import { uuidv7 } from './ids';

describe('dates', () => {
  it('PLT-01 today is taken in Asia/Shanghai whatever the machine zone', () => {
    // 2026-12-31 17:30 UTC is already 2027-01-01 in Shanghai.
    expect(shanghaiDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });
  it('PLT-06 dates in documents read 2026年4月16日', () => {
    expect(chineseDate('2026-04-16')).toBe('2026年4月16日');
  });
  it.each(['2026-02-29', '2026-13-01', '2026-1-1', '20260101', '', '2024-02-30'])(
    'PLT-05 %s is not a date',
    (s) => {
      expect(isIsoDate(s)).toBe(false);
    },
  );
  it('PLT-05 an act date before the earliest accepted date is refused, naming the field and the bound', () => {
    expect(() => checkActDateNotBefore('2000-01-01', '2000-01-01', 'filedOn')).not.toThrow();
    expect(() => checkActDateNotBefore('2026-11-25', '2000-01-01', 'filedOn')).not.toThrow();
    for (const d of ['1999-12-31', '0226-11-25', '1900-01-01'])
      expect(() => checkActDateNotBefore(d, '2000-01-01', 'occurredOn')).toThrow(
        expect.objectContaining({
          code: 'DATE_TOO_EARLY',
          field: 'occurredOn',
          message: expect.stringContaining('2000年1月1日') as string,
        }),
      );
    expect(() => checkActDateNotBefore('2014-12-31', '2015-01-01', 'filedOn')).toThrow(/2015年1月1日/);
  });
  it('uuidv7 ids sort by time', () => {
    const a = uuidv7(1_700_000_000_000, new Uint8Array(10).fill(255));
    const b = uuidv7(1_700_000_000_001, new Uint8Array(10));
    expect(a < b).toBe(true);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
