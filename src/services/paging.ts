/**
 * Cursor pagination: repositories are asked for `limit + 1` rows; the extra row only tells that
 * another page exists, and the cursor is the key of the last row shown.
 */
export function pageOf<R, V, C>(
  rows: R[],
  limit: number,
  view: (r: R) => V,
  cursorOf: (v: V) => C,
): { items: V[]; nextCursor: C | null } {
  const items = rows.slice(0, limit).map(view);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
