/**
 * Identifiers are UUID version 7: time-ordered, so a primary key is also a stable cursor for
 * pagination, and safe to create on any number of app nodes without a shared counter.
 * Pure: the caller passes the time and the random bytes.
 */
export function uuidv7(unixMs: number, random: Uint8Array, counter?: number): string {
  if (random.length < 10) throw new RangeError('uuidv7 needs 10 random bytes');
  const b = new Uint8Array(16);
  let ms = unixMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b.set(random.subarray(0, 10), 6);
  // RFC 9562 §6.2 method 1: a 12-bit counter in rand_a keeps ids from one process ordered within a millisecond.
  if (counter !== undefined) {
    b[6] = (counter >> 8) & 0x0f;
    b[7] = counter & 0xff;
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** State for monotonic ids: the last millisecond used and the counter within it. */
export interface IdState {
  ms: number;
  counter: number;
}

/** The next (ms, counter) pair: never goes backwards, even if the clock does. */
export function nextIdState(prev: IdState, nowMs: number): IdState {
  if (nowMs > prev.ms) return { ms: nowMs, counter: 0 };
  if (prev.counter < 0xfff) return { ms: prev.ms, counter: prev.counter + 1 };
  return { ms: prev.ms + 1, counter: 0 };
}
