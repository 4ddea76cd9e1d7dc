/**
 * Lock-out after repeated failed logins (PLT-03): after MAX_FAILURES consecutive failures the
 * account is locked for LOCK_MINUTES; a success resets the count. Pure: times are passed in.
 *
 * The count is kept per account name and client address: someone failing from one address locks
 * the name out for that address only, so a lock-out cannot be used to keep the real user out.
 * Unknown names are counted and locked exactly like known ones, so the answers tell nobody which
 * names exist.
 */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 10;
export const SESSION_IDLE_MINUTES = 30;
/**
 * A count below the limit is forgotten after this long without another failure. This costs no
 * protection (a guesser is held to MAX_FAILURES per LOCK_MINUTES by the lock itself) and means the
 * record of someone's mistyped password does not stay forever.
 */
export const FAILURE_MEMORY_HOURS = 24;

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

/** The count as it stands now: nothing recorded, or recorded so long ago that it is forgotten. */
export function currentState(
  row: { failedCount: number; lockedUntil: string | null; lastFailedAt: string } | undefined,
  now: Date,
): LoginState {
  if (!row || isForgotten(row, now)) return { failedCount: 0, lockedUntil: null };
  return { failedCount: row.failedCount, lockedUntil: row.lockedUntil };
}

/**
 * Whether a recorded count no longer matters (and can be deleted): its lock has run out — after
 * which the count starts afresh anyway — or it never locked and the last failure is too old.
 */
export function isForgotten(row: { lockedUntil: string | null; lastFailedAt: string }, now: Date): boolean {
  if (row.lockedUntil !== null) return Date.parse(row.lockedUntil) <= now.getTime();
  return now.getTime() - Date.parse(row.lastFailedAt) >= FAILURE_MEMORY_HOURS * 3_600_000;
}

/**
 * A client address as administrators see it in a lock-out: the network, not the machine
 * (IPv4: the last octet hidden; IPv6: the first 48 bits kept). Anything else is shown as "*".
 */
export function maskSource(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 3).join(':')}:*` : '*';
}

function expandIpv6(address: string): string[] | null {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  if (!/^[0-9a-f:]+$/.test(bare) || bare.split('::').length > 2) return null;
  const [head = '', tail] = bare.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

export function sessionExpired(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) > SESSION_IDLE_MINUTES * 60_000;
}
