/**
 * HTTP Range requests (RFC 9110 §14) for record playback: one byte range; several ranges or a
 * malformed header are ignored (the whole content is sent, which HTTP allows).
 */
export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m as unknown as [string, string, string];
  if (a === '' && b === '') return null;
  if (a === '') {
    // Suffix: the last N bytes.
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return null; // invalid: ignore the header
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
