import { PostgresAdapter, sql, type Expression, type SqlBool } from 'kysely';
import type { DecisionCursor } from '../domain/decision-cursor';
import type { ActType, PartyKind } from '../domain/case-types';
import type { PublicDecision } from '../domain/public-decision';
import type { Executor } from '../storage/database';
import type { Row } from '../storage/schema';

/**
 * Reads of the public decisions table (PUB-04, PUB-03), read-only: the portal and open data never
 * write. The table holds only masked data. A row is on display while its display end has not
 * passed (`today` is the Beijing date the caller passes).
 */
export interface DecisionMatch {
  /** The query's search tokens (`domain/search-tokens.queryTokens`): a row must have all. */
  tokens?: string[];
  actType?: ActType;
  unitId?: string;
  from?: string;
  to?: string;
  partyKind?: PartyKind;
}

/** Every column the pages read: not the search columns (tokens; PostgreSQL's vector). */
const PAGE_COLUMNS = [
  'id',
  'item_id',
  'act_type',
  'number',
  'decision_date',
  'unit_id',
  'unit_name',
  'responsible_name',
  'party_kind',
  'party_name',
  'credit_code',
  'legal_representative',
  'facts',
  'basis',
  'result_kind',
  'result_content',
  'fine_amount',
  'display_end',
  'withdrawn',
  'withdrawal_reason',
  'withdrawn_at',
  'expired',
  'expired_at',
  'published_at',
  'ledger_seq',
  'leaf_hash',
] as const;

/** The columns a decision is made of (`toDecision` reads these; the pages also select the rest). */
const DECISION_COLUMNS = PAGE_COLUMNS.filter(
  (c): c is Exclude<(typeof PAGE_COLUMNS)[number], 'item_id' | 'expired' | 'expired_at'> =>
    c !== 'item_id' && c !== 'expired' && c !== 'expired_at',
);

type DecisionRow = Pick<Row<'public_decisions'>, (typeof DECISION_COLUMNS)[number]>;

function toDecision(r: DecisionRow): PublicDecision {
  return {
    id: r.id,
    actType: r.act_type as ActType,
    documentNumber: r.number ?? '',
    decisionDate: r.decision_date,
    unitId: r.unit_id,
    unitName: r.unit_name,
    responsiblePerson: r.responsible_name,
    partyKind: r.party_kind as PartyKind,
    partyName: r.party_name,
    creditCode: r.credit_code,
    legalRepresentative: r.legal_representative,
    facts: r.facts,
    basis: r.basis,
    resultKind: r.result_kind,
    result: r.result_content,
    fine: r.fine_amount === null ? null : Number(r.fine_amount),
    displayEnd: r.display_end,
    withdrawn: r.withdrawn === 1,
    withdrawalReason: r.withdrawal_reason,
    withdrawnAt: r.withdrawn_at,
    publishedAt: r.published_at,
    ledgerSeq: Number(r.ledger_seq),
    leafHash: r.leaf_hash,
  };
}

const isPostgres = (ex: Executor) => ex.getExecutor().adapter instanceof PostgresAdapter;

/** The FTS5 query of the tokens: each quoted, implicitly ANDed. */
const ftsQuery = (tokens: string[]) => tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');

/**
 * Every token is among the row's. PostgreSQL: the stored `search_vector` (GIN, migration 017)
 * against the query parsed by the same parser as the column, words ANDed — the planner picks the
 * GIN bitmap for a rare query and the date index newest first, checking each row's vector, for a
 * common one. SQLite: the FTS5 table, whose rowids are the table's, in one of two shapes:
 * - `few`: the matching rowids drive (the set is small: fetch them, then sort by date);
 * - `many`: the date index drives newest first and each row is looked up in the FTS index by its
 *   rowid (`+rowid` keeps SQLite from driving by the match set) — a page then reads about
 *   limit ÷ (share of rows matching) rows instead of every match.
 */
function tokenMatch(ex: Executor, tokens: string[], many: boolean): Expression<SqlBool> {
  if (isPostgres(ex))
    return sql<SqlBool>`public_decisions.search_vector @@ plainto_tsquery('simple'::regconfig, ${tokens.join(' ')})`;
  if (many)
    return sql<SqlBool>`exists (select 1 from public_decisions_fts where public_decisions_fts match ${ftsQuery(tokens)} and public_decisions_fts.rowid = +public_decisions.rowid)`;
  return sql<SqlBool>`public_decisions.rowid in (select rowid from public_decisions_fts where public_decisions_fts match ${ftsQuery(tokens)})`;
}

/** How a page is fetched. */
export interface PagePlan {
  /**
   * The capped count reached its cap: the query matches many rows (SQLite then walks the date
   * index, see `tokenMatch`). PostgreSQL's planner decides by itself and ignores this.
   */
  manyMatches?: boolean;
}

function matching(ex: Executor, m: DecisionMatch, today: string, plan: PagePlan = {}) {
  let q = ex.selectFrom('public_decisions').where('expired', '=', 0).where('display_end', '>=', today);
  if (m.tokens && m.tokens.length > 0) q = q.where(tokenMatch(ex, m.tokens, plan.manyMatches ?? false));
  if (m.actType) q = q.where('act_type', '=', m.actType);
  if (m.unitId) q = q.where('unit_id', '=', m.unitId);
  if (m.partyKind) q = q.where('party_kind', '=', m.partyKind);
  if (m.from) q = q.where('decision_date', '>=', m.from);
  if (m.to) q = q.where('decision_date', '<=', m.to);
  return q;
}

/** The rows of one page, in order, before the columns are chosen. */
function pageRows(
  ex: Executor,
  m: DecisionMatch,
  today: string,
  after: DecisionCursor | null,
  limit: number,
  plan: PagePlan,
) {
  let q = matching(ex, m, today, plan);
  // A row-value comparison: one range on (decision_date, id) for both planners, where the
  // equivalent OR of two conditions made SQLite re-scan for every page.
  if (after) q = q.where((eb) => eb(eb.refTuple('decision_date', 'id'), '<', eb.tuple(after.date, after.id)));
  return q.orderBy('decision_date', 'desc').orderBy('id', 'desc').limit(limit);
}

/** The query of one page (exported for the plan tests: they EXPLAIN exactly what runs). */
export function pageQuery(
  ex: Executor,
  m: DecisionMatch,
  today: string,
  after: DecisionCursor | null,
  limit: number,
  plan: PagePlan = {},
) {
  return pageRows(ex, m, today, after, limit, plan).select(PAGE_COLUMNS);
}

/**
 * SQLite: each row as one JSON array of the decision's columns (text, integers and nulls only, as
 * stored), parsed here. better-sqlite3 builds a JavaScript object of 26 properties for each row, which
 * cost more than SQLite's own work on a page of 1,000 rows (the open-data CSV reads all of them); one
 * string a row, `JSON.parse` and an object built here take about 40 % less. Same plan as `pageQuery`.
 */
const decisionAsJson = sql<string>`json_array(${sql.join(DECISION_COLUMNS.map((c) => sql.ref(`public_decisions.${c}`)))})`;

/** The row of `decisionAsJson`'s array: each column at its place in `DECISION_COLUMNS`. */
function decisionRow(v: unknown[]): DecisionRow {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < DECISION_COLUMNS.length; i++) row[DECISION_COLUMNS[i]!] = v[i];
  return row as DecisionRow;
}

/** Up to `limit` decisions after `after`, newest decision date first (then id, descending). */
export async function pageDecisions(
  ex: Executor,
  m: DecisionMatch,
  today: string,
  after: DecisionCursor | null,
  limit: number,
  plan: PagePlan = {},
): Promise<PublicDecision[]> {
  if (isPostgres(ex)) {
    const rows = await pageQuery(ex, m, today, after, limit, plan).execute();
    return rows.map(toDecision);
  }
  const rows = await pageRows(ex, m, today, after, limit, plan).select(decisionAsJson.as('row')).execute();
  return rows.map((r) => toDecision(decisionRow(JSON.parse(r.row) as unknown[])));
}

/**
 * The query counting the matches, stopping at `upTo` rows: the count of a common term is never a
 * scan of all its matches. On SQLite the FTS index drives, newest rowid first (the rows a page
 * reads next, and the ones still on display), joined to the table for the filters: it streams,
 * where `rowid in (…)` would first collect every match.
 */
export function countQuery(ex: Executor, m: DecisionMatch, today: string, upTo: number) {
  const tokens = m.tokens && m.tokens.length > 0 ? m.tokens : null;
  let capped;
  if (tokens && !isPostgres(ex))
    capped = matching(ex, { ...m, tokens: [] }, today)
      .innerJoin(sql<{ rowid: number }>`public_decisions_fts`.as('f'), (j) =>
        j.on(sql<SqlBool>`f.rowid = public_decisions.rowid`),
      )
      .where(sql<SqlBool>`f.public_decisions_fts match ${ftsQuery(tokens)}`)
      .select(sql<number>`1`.as('one'))
      .orderBy(sql`f.rowid`, 'desc')
      .limit(upTo);
  else
    capped = matching(ex, m, today)
      .select(sql<number>`1`.as('one'))
      .limit(upTo);
  return ex.selectFrom(capped.as('capped')).select((eb) => eb.fn.countAll<number | string>().as('n'));
}

/** How many decisions on display match, counting no further than `upTo`. */
export async function countDecisions(
  ex: Executor,
  m: DecisionMatch,
  today: string,
  upTo: number,
): Promise<number> {
  const r = await countQuery(ex, m, today, upTo).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function decisionById(
  ex: Executor,
  id: string,
  today: string,
): Promise<PublicDecision | undefined> {
  const r = await ex
    .selectFrom('public_decisions')
    .select(PAGE_COLUMNS)
    .where('id', '=', id)
    .where('expired', '=', 0)
    .where('display_end', '>=', today)
    .executeTakeFirst();
  return r && toDecision(r);
}

export async function lastPublishedAt(ex: Executor, today: string): Promise<string | null> {
  const r = await ex
    .selectFrom('public_decisions')
    .select((eb) => eb.fn.max('published_at').as('at'))
    .where('expired', '=', 0)
    .where('display_end', '>=', today)
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}
