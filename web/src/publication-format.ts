import type { ImportRowError } from '../../src/http/routes/publications.schema';

/**
 * Pure helpers of 公示管理: cutting a text into plain and highlighted pieces for the side-by-side
 * masking review, and the words for the working days left before a due date.
 */

/** A stretch of text; `marked` when a masking change covers it. */
export interface MarkedPiece {
  text: string;
  marked: boolean;
}

/**
 * The text cut at the given [start, end) ranges (string offsets, as the server's masking changes
 * carry them), in order: overlapping or touching ranges are joined, ranges beyond the text are
 * clipped, empty ones dropped, so every character appears once and the pieces join to the text.
 */
export function markPieces(
  text: string,
  ranges: ReadonlyArray<{ start: number; end: number }>,
): MarkedPiece[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const joined: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = joined.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else joined.push({ ...r });
  }
  const pieces: MarkedPiece[] = [];
  let at = 0;
  for (const r of joined) {
    if (r.start > at) pieces.push({ text: text.slice(at, r.start), marked: false });
    pieces.push({ text: text.slice(r.start, r.end), marked: true });
    at = r.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

/** 剩 3 个工作日 / 今日到期 / 逾期 2 个工作日, from the server's count (negative once overdue). */
export function workingDaysText(left: number): string {
  if (left > 0) return `剩 ${left} 个工作日`;
  if (left === 0) return '今日到期';
  return `逾期 ${-left} 个工作日`;
}

/**
 * The strings a preparer typed to mask beyond the automatic changes: one per line (or separated by
 * 、，, ; or commas), trimmed, without duplicates or empty ones.
 */
export function maskStrings(input: string): string[] {
  const seen = new Set<string>();
  for (const s of input.split(/[\n\r、，,；;]+/)) {
    const t = s.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

/**
 * Where each change of one field stands in the masked text: the changes carry offsets into the
 * original, and each replacement shifts what follows by its difference in length. Changes must
 * not overlap (masking returns them sorted and apart); they are sorted here all the same.
 */
export function maskedRanges(
  changes: ReadonlyArray<{ start: number; end: number; replacement: string }>,
): Array<{ start: number; end: number }> {
  let shift = 0;
  return [...changes]
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      const start = c.start + shift;
      shift += c.replacement.length - (c.end - c.start);
      return { start, end: start + c.replacement.length };
    });
}

/**
 * The refused rows of an import from the error's `details.rows` (422), ordered by row number;
 * anything that is not a row problem is left out.
 */
export function importRowErrors(details: Record<string, unknown> | undefined): ImportRowError[] {
  const rows = details?.rows;
  if (!Array.isArray(rows)) return [];
  return rows
    .flatMap((r: unknown) => {
      if (typeof r !== 'object' || r === null) return [];
      const { row, field, message } = r as Record<string, unknown>;
      return typeof row === 'number' && typeof message === 'string'
        ? [{ row, field: typeof field === 'string' ? field : '', message }]
        : [];
    })
    .sort((a, b) => a.row - b.row);
}
