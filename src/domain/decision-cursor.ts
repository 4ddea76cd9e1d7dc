import { invalid } from './errors';
import { isIsoDate } from './shanghai-time';

/**
 * Where a page of public decisions ends: the last row's decision date and id. The list is ordered
 * newest first by (decision date, id), so the next page is everything strictly after this pair —
 * keyset pagination, stable while rows are added. Clients get it as an opaque base64url token.
 */
export interface DecisionCursor {
  date: string;
  id: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeDecisionCursor(c: DecisionCursor): string {
  return Buffer.from(JSON.stringify([c.date, c.id]), 'utf8').toString('base64url');
}

/** The cursor a token stands for; 400 `CURSOR_INVALID` for anything this module did not make. */
export function decodeDecisionCursor(token: string): DecisionCursor {
  const bad = () => invalid('CURSOR_INVALID', '翻页标记无效，请从第一页重新查询', 'cursor');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [date, id] = parsed as unknown[];
  if (typeof date !== 'string' || typeof id !== 'string' || !isIsoDate(date) || !ID.test(id)) throw bad();
  return { date, id };
}
