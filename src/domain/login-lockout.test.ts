import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  currentState,
  isForgotten,
  isLocked,
  maskSource,
  sessionExpired,
} from './login-lockout';

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
  it('PLT-03 a recorded count is forgotten when its lock has run out or after 24 quiet hours', () => {
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const four = { failedCount: 4, lockedUntil: null, lastFailedAt: t0.toISOString() };
    expect(currentState(four, at(23 * 60 + 59))).toEqual({ failedCount: 4, lockedUntil: null });
    expect(isForgotten(four, at(24 * 60))).toBe(true);
    expect(currentState(four, at(24 * 60))).toEqual({ failedCount: 0, lockedUntil: null });
    const locked = { failedCount: 0, lockedUntil: at(10).toISOString(), lastFailedAt: t0.toISOString() };
    expect(isForgotten(locked, at(9))).toBe(false);
    expect(isLocked(currentState(locked, at(9)), at(9))).toBe(true);
    expect(isForgotten(locked, at(10))).toBe(true);
    expect(currentState(undefined, t0)).toEqual({ failedCount: 0, lockedUntil: null });
  });
  it('PLT-08 a client address is shown to administrators masked: the network, not the machine', () => {
    expect(maskSource('203.0.113.57')).toBe('203.0.113.*');
    expect(maskSource('::ffff:10.1.2.3')).toBe('10.1.2.*');
    expect(maskSource('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3:*');
    expect(maskSource('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8:0:*');
    expect(maskSource('::1')).toBe('0:0:0:*');
    expect(maskSource('fe80::1%eth0')).toBe('fe80:0:0:*');
    for (const bad of ['', 'unknown', '1:2:3', '1::2::3', 'zz::1', '1:2:3:4:5:6:7:8:9'])
      expect(maskSource(bad), bad).toBe('*');
  });
  it('PLT-03 sessions idle for more than 30 minutes expire', () => {
    expect(sessionExpired('2026-11-25T02:00:00.000Z', new Date('2026-11-25T02:30:00Z'))).toBe(false);
    expect(sessionExpired('2026-11-25T02:00:00.000Z', new Date('2026-11-25T02:30:01Z'))).toBe(true);
  });
});
