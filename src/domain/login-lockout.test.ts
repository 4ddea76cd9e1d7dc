import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, sessionExpired } from './login-lockout';

describe('login lock-out', () => {
  const t0 = new Date('2026-11-25T02:00:00Z');
  it('PLT-03 five consecutive failures lock the account for ten minutes', () => {
    let s = { failedCount: 0, lockedUntil: null as string | null };
    for (let i = 1; i <= 4; i++) {
      const r = afterFailure(s, t0);
      expect(r.lockedNow).toBe(false);
      s = r.state;
    }
    const fifth = afterFailure(s, t0);
    expect(fifth.lockedNow).toBe(true);
    expect(isLocked(fifth.state, new Date(t0.getTime() + 9 * 60_000 + 59_000))).toBe(true);
    expect(isLocked(fifth.state, new Date(t0.getTime() + 10 * 60_000))).toBe(false);
    // After the lock runs out the count starts afresh.
    expect(afterFailure(fifth.state, new Date(t0.getTime() + 11 * 60_000)).state).toEqual({
      failedCount: 1,
      lockedUntil: null,
    });
  });
  it('PLT-03 sessions idle for more than 30 minutes expire', () => {
    expect(sessionExpired('2026-11-25T02:00:00.000Z', new Date('2026-11-25T02:30:00Z'))).toBe(false);
    expect(sessionExpired('2026-11-25T02:00:00.000Z', new Date('2026-11-25T02:30:01Z'))).toBe(true);
  });
});
