/**
 * Lock-out after repeated failed logins (PLT-03): after MAX_FAILURES consecutive failures the
 * account is locked for LOCK_MINUTES; a success resets the count. Pure: times are passed in.
 */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 10;
export const SESSION_IDLE_MINUTES = 30;

export interface LoginState {
  failedCount: number;
  lockedUntil: string | null;
}

export function isLocked(s: LoginState, now: Date): boolean {
  return s.lockedUntil !== null && Date.parse(s.lockedUntil) > now.getTime();
}

/** The state after one more failure, and whether this failure caused a lock. */
export function afterFailure(s: LoginState, now: Date): { state: LoginState; lockedNow: boolean } {
  // A lock that has run out starts a fresh count.
  const base = s.lockedUntil !== null && !isLocked(s, now) ? 0 : s.failedCount;
  const failedCount = base + 1;
  if (failedCount >= MAX_FAILURES) {
    return {
      state: { failedCount: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() },
      lockedNow: true,
    };
  }
  return { state: { failedCount, lockedUntil: null }, lockedNow: false };
}

export function sessionExpired(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) > SESSION_IDLE_MINUTES * 60_000;
}
