import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  chineseDateTime,
  formFieldFor,
  isIsoDate,
  lockoutLines,
  monthGrid,
  parseSchedule,
  shanghaiToday,
  standingColor,
  userStatus,
} from './format';
import { buildUrl } from './api';

describe('chineseDate', () => {
  it('writes an ISO date the Chinese way without leading zeros', () => {
    expect(chineseDate('2026-04-16')).toBe('2026年4月16日');
    expect(chineseDate('2027-10-01')).toBe('2027年10月1日');
  });
  it('leaves anything that is not an ISO date unchanged', () => {
    expect(chineseDate('16/04/2026')).toBe('16/04/2026');
  });
});

describe('chineseDateTime', () => {
  // vitest runs with TZ=America/Los_Angeles, so these prove the zone is pinned to Asia/Shanghai.
  it('shows an instant in Asia/Shanghai', () => {
    expect(chineseDateTime('2026-04-16T02:20:00Z')).toBe('2026年4月16日 10:20');
  });
  it('moves to the next Shanghai day after 16:00 UTC', () => {
    expect(chineseDateTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
  });
  it('gives today in Shanghai', () => {
    expect(shanghaiToday(new Date('2026-04-15T20:00:00Z'))).toBe('2026-04-16');
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
  });
});

describe('standingColor', () => {
  it('maps each certificate standing to its tag colour', () => {
    expect(standingColor('valid')).toBe('green');
    expect(standingColor('expired')).toBe('orange');
    expect(standingColor('suspended')).toBe('orange');
    expect(standingColor('revoked')).toBe('red');
    expect(standingColor('notYetValid')).toBe('blue');
  });
});

describe('userStatus', () => {
  const now = new Date('2026-04-16T02:00:00Z');
  it('is active when neither disabled nor locked', () => {
    expect(userStatus({ disabled: false, lockedUntil: null }, now).label).toBe('正常');
  });
  it('shows until when a locked account stays locked', () => {
    const s = userStatus({ disabled: false, lockedUntil: '2026-04-16T02:15:00Z' }, now);
    expect(s.kind).toBe('locked');
    expect(s.label).toBe('已锁定至 2026年4月16日 10:15');
  });
  it('ignores a lock that has run out', () => {
    expect(userStatus({ disabled: false, lockedUntil: '2026-04-16T01:00:00Z' }, now).kind).toBe('active');
  });
  it('ranks disabled above locked', () => {
    expect(userStatus({ disabled: true, lockedUntil: '2026-04-16T03:00:00Z' }, now).label).toBe('停用');
  });
});

describe('lockoutLines', () => {
  const now = new Date('2026-04-16T02:00:00Z');
  it('PLT-03 lists each lock-out still in force by masked address, latest first', () => {
    expect(
      lockoutLines(
        [
          { source: '203.0.113.*', until: '2026-04-16T02:08:00Z' },
          { source: '198.51.100.*', until: '2026-04-16T01:59:00Z' },
          { source: '2001:db8:1:*', until: '2026-04-16T02:10:00Z' },
        ],
        now,
      ),
    ).toEqual([
      '来自 2001:db8:1:* 的登录锁定至 2026年4月16日 10:10',
      '来自 203.0.113.* 的登录锁定至 2026年4月16日 10:08',
    ]);
  });
});

describe('monthGrid', () => {
  it('starts weeks on Monday and pads with nulls', () => {
    // 1 April 2026 is a Wednesday.
    const weeks = monthGrid(2026, 4);
    expect(weeks[0]).toEqual([
      null,
      null,
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-04',
      '2026-04-05',
    ]);
    expect(weeks.flat().filter((d) => d !== null)).toHaveLength(30);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
  it('knows leap years', () => {
    expect(monthGrid(2028, 2).flat().filter(Boolean)).toHaveLength(29);
  });
});

describe('parseSchedule', () => {
  it('accepts a well-formed yearly schedule', () => {
    const r = parseSchedule('{"year":2027,"holidays":["2027-01-01"],"workdays":[]}');
    expect(r).toEqual({ ok: true, value: { year: 2027, holidays: ['2027-01-01'], workdays: [] } });
  });
  it('names the bad entry', () => {
    const r = parseSchedule('{"year":2027,"holidays":["2027-01-01","2027-02-30"],"workdays":[]}');
    expect(r).toEqual({ ok: false, message: 'holidays[1] 不是 YYYY-MM-DD 日期' });
  });
  it('rejects text that is not JSON', () => {
    expect(parseSchedule('{year: 2027}').ok).toBe(false);
  });
});

describe('formFieldFor', () => {
  it('maps a server field to the form field it belongs to', () => {
    expect(formFieldFor('name', ['name', 'isLegalReview'])).toBe('name');
    expect(formFieldFor('domains[1]', ['number', 'domains'])).toBe('domains');
    expect(formFieldFor('unknown', ['name'])).toBeNull();
    expect(formFieldFor(undefined, ['name'])).toBeNull();
  });
});

describe('buildUrl', () => {
  it('drops empty query values', () => {
    expect(buildUrl('/api/officers', { limit: 50, cursor: null, q: '', unitId: undefined })).toBe(
      '/api/officers?limit=50',
    );
    expect(buildUrl('/api/officers', { q: '张 三' })).toBe('/api/officers?q=%E5%BC%A0+%E4%B8%89');
  });
});
