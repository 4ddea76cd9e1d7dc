import { decodeDecisionCursor, encodeDecisionCursor, type DecisionCursor } from '../domain/decision-cursor';
import { isIsoDate, shanghaiDate } from '../domain/dates';
import { invalid } from '../domain/errors';
import {
  DECISION_COUNT_CAP,
  MIN_QUERY_CHARS,
  normaliseQuery,
  QUERY_TOO_SHORT_MESSAGE,
  queryLength,
  type DecisionFilters,
  type DecisionTotal,
  type PublicDecision,
} from '../domain/public-decision';
import { queryTokens, tokenSearchable } from '../domain/search-tokens';
import * as repo from '../repositories/public-decision-query-repository';
import type { Deps } from './deps';

/**
 * Reading the published decisions (PUB-04, PUB-03): the portal pages and the open data ask here.
 * Only rows on display today (Beijing date) are answered; a withdrawn one is answered as withdrawn.
 */
export interface DecisionPage {
  items: PublicDecision[];
  nextCursor: string | null;
  /** How many match (capped), when the caller asked for it or the search needed it. */
  total?: DecisionTotal;
}

/** The filters checked and turned into what the repository matches. */
export function checkFilters(f: DecisionFilters): repo.DecisionMatch {
  const q = normaliseQuery(f.q);
  if (q !== undefined && (queryLength(q) < MIN_QUERY_CHARS || !tokenSearchable(q)))
    throw invalid('SEARCH_QUERY_TOO_SHORT', QUERY_TOO_SHORT_MESSAGE, 'q');
  for (const [field, v] of [
    ['from', f.from],
    ['to', f.to],
  ] as const)
    if (v !== undefined && !isIsoDate(v))
      throw invalid('DATE_INVALID', '日期应为有效的“年-月-日”，如 2026-01-31', field);
  if (f.from && f.to && f.from > f.to) throw invalid('DATE_INVALID', '起始日期不能晚于截止日期', 'from');
  return {
    ...(q !== undefined && { tokens: queryTokens(q) }),
    ...(f.actType && { actType: f.actType }),
    ...(f.unitId && { unitId: f.unitId }),
    ...(f.from && { from: f.from }),
    ...(f.to && { to: f.to }),
    ...(f.partyKind && { partyKind: f.partyKind }),
  };
}

const today = (deps: Deps) => shanghaiDate(deps.clock.now());

/**
 * The capped count, when asked for or when the search has words: it tells the repository whether
 * the words match many rows (walk the date index) or few (fetch the matches and sort them).
 */
async function measure(
  deps: Deps,
  match: repo.DecisionMatch,
  on: string,
  wanted: boolean,
): Promise<{ total?: DecisionTotal; plan: repo.PagePlan }> {
  if (!wanted && !match.tokens) return { plan: {} };
  const n = await repo.countDecisions(deps.db, match, on, DECISION_COUNT_CAP + 1);
  const more = n > DECISION_COUNT_CAP;
  return { total: { count: Math.min(n, DECISION_COUNT_CAP), more }, plan: { manyMatches: more } };
}

/**
 * One page, newest decision first; `cursor` is the token a previous page gave; `count` asks for
 * the capped number of matches (the portal shows it).
 */
export async function searchDecisions(
  deps: Deps,
  filters: DecisionFilters,
  opts: { cursor?: string | undefined; limit: number; count?: boolean },
): Promise<DecisionPage> {
  const match = checkFilters(filters);
  const after = opts.cursor ? decodeDecisionCursor(opts.cursor) : null;
  const on = today(deps);
  const { total, plan } = await measure(deps, match, on, opts.count ?? false);
  const rows = await repo.pageDecisions(deps.db, match, on, after, opts.limit + 1, plan);
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > opts.limit && last
        ? encodeDecisionCursor({ date: last.decisionDate, id: last.id })
        : null,
    ...(opts.count && total && { total }),
  };
}

/** A decision on display today, or null (unknown, not yet published, or its display ended). */
export async function getDecision(deps: Deps, id: string): Promise<PublicDecision | null> {
  return (await repo.decisionById(deps.db, id, today(deps))) ?? null;
}

/**
 * Every matching decision, newest first, in batches of keyset pages: memory stays two batches however
 * many rows there are, and no connection or transaction is held between batches (SQLite has one).
 * The next page is asked for before a batch is handed over, so that PostgreSQL reads it while the
 * caller writes this one (on SQLite, whose queries run on this thread, it changes nothing).
 */
export async function* everyDecision(
  deps: Deps,
  filters: DecisionFilters,
  batch = 1000,
): AsyncGenerator<PublicDecision[]> {
  const match = checkFilters(filters);
  const on = today(deps);
  const { plan } = await measure(deps, match, on, false);
  const page = (after: DecisionCursor | null) => repo.pageDecisions(deps.db, match, on, after, batch, plan);
  let next: Promise<PublicDecision[]> | null = page(null);
  try {
    while (next) {
      const rows: PublicDecision[] = await next;
      next = null;
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      if (rows.length === batch) {
        const ahead = page({ date: last.decisionDate, id: last.id });
        // Handled at once: while this generator waits at `yield` for a slow client, a failure of
        // the page (a dropped connection) would otherwise be an unhandled rejection, which ends
        // the process. The failure still reaches the caller at `await next`.
        ahead.catch(() => undefined);
        next = ahead;
      }
      yield rows;
    }
  } finally {
    // The caller stopped early (a client that went away): the page asked for ahead is not wanted,
    // but its query is let finish, and a failure of it is not left unhandled.
    if (next) await next.catch(() => undefined);
  }
}

/** When the newest decision on display was published, for the feed and the catalogue. */
export async function lastPublishedAt(deps: Deps): Promise<string | null> {
  return repo.lastPublishedAt(deps.db, today(deps));
}
