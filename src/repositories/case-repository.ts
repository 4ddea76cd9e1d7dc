import { sql } from 'kysely';
import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';
import type { CaseListScope } from '../domain/case-access';
import { caseReadable } from './case-access-repository';
import { containsText } from '../storage/text-search';

/**
 * Takes the next number of an agency's year inside the caller's transaction. The upsert locks the
 * counter row (PostgreSQL) or the database (SQLite) until commit, so concurrent filings queue and a
 * rolled-back filing gives its number back: numbers are gapless and never reused.
 */
export async function nextCaseSeq(ex: Executor, agencyId: string, year: number): Promise<number> {
  const row = await ex
    .insertInto('case_counters')
    .values({ agency_id: agencyId, year, last: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last: sql`case_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export const insertCase = (ex: Executor, row: NewRow<'cases'>) =>
  ex.insertInto('cases').values(row).execute();

export const updateCase = (ex: Executor, id: string, patch: Partial<NewRow<'cases'>>) =>
  ex.updateTable('cases').set(patch).where('id', '=', id).execute();

const caseColumns = (ex: Executor) =>
  ex
    .selectFrom('cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .innerJoin('power_items as p', 'p.id', 'c.power_item_id')
    .selectAll('c')
    .select(['u.name as unit_name', 'p.name as power_item_name', 'p.code as power_item_code'])
    .select((eb) =>
      eb.selectFrom('case_files as f').select('f.state').whereRef('f.case_id', '=', 'c.id').as('file_state'),
    );

export const getCase = (ex: Executor, id: string) =>
  caseColumns(ex).where('c.id', '=', id).executeTakeFirst();

/** Locks the case row for the rest of the transaction (PostgreSQL); SQLite writers are serial anyway. */
export function lockCase(ex: Executor, id: string) {
  // The case file's state rides along: an archived case is read-only (REC-08).
  return ex
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) =>
      eb
        .selectFrom('case_files as f')
        .select('f.state')
        .whereRef('f.case_id', '=', 'cases.id')
        .as('file_state'),
    )
    .where('cases.id', '=', id)
    .forUpdate('cases')
    .executeTakeFirst();
}

export interface CaseFilter {
  actType?: string;
  state?: string;
  unitId?: string;
  officerId?: string;
  partyId?: string;
  partyName?: string;
  filedFrom?: string;
  filedTo?: string;
  overdueOn?: string;
  beforeId?: string;
  limit: number;
  /** The cases the viewer may read (PLT-07); absent only for tools that read every case. */
  scope?: CaseListScope;
}

/**
 * The ids of the cases the filter and the viewer's scope select, unordered and unlimited: the one
 * condition the page and its count share, so `total` counts exactly what the pages list. `page`:
 * the rows are walked for one page, so the scope is checked row by row (see `caseReadable`).
 */
function filteredCaseIds(ex: Executor, f: Omit<CaseFilter, 'limit' | 'beforeId'>, page = false) {
  let ids = ex.selectFrom('cases as c');
  if (f.actType) ids = ids.where('c.act_type', '=', f.actType);
  if (f.state) ids = ids.where('c.state', '=', f.state);
  if (f.unitId) ids = ids.where('c.unit_id', '=', f.unitId);
  if (f.partyId) ids = ids.where('c.party_id', '=', f.partyId);
  // Any part of the name (置业 finds 上海某某置业有限公司). PostgreSQL: ILIKE, served by the pg_trgm
  // index `cases_party_name_trgm` (migration 2026-12-05-013) where the extension could be created —
  // a text of three or more characters narrows by the index, a shorter one reads the whole index
  // but is still answered right; without the extension the other filters' indexes or a scan.
  // SQLite: LIKE, which no index serves: checked on the rows the other conditions leave.
  if (f.partyName) ids = ids.where(containsText(ex, 'c.party_name', f.partyName));
  if (f.filedFrom) ids = ids.where('c.filed_on', '>=', f.filedFrom);
  if (f.filedTo) ids = ids.where('c.filed_on', '<=', f.filedTo);
  if (f.overdueOn) ids = ids.where('c.next_due', '<', f.overdueOn);
  if (f.scope && !f.scope.all) {
    const scope = f.scope;
    ids = ids.where((eb) =>
      caseReadable(eb, scope, { id: 'c.id', unit: 'c.unit_id', state: 'c.state', perRow: page }),
    );
  }
  if (f.officerId) {
    const officerId = f.officerId;
    ids = ids.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as co')
          .select('co.case_id')
          .whereRef('co.case_id', '=', 'c.id')
          .where('co.officer_id', '=', officerId),
      ),
    );
  }
  return ids;
}

const byFiledOn = (f: { filedFrom?: string; filedTo?: string }) =>
  f.filedFrom !== undefined || f.filedTo !== undefined;

/**
 * Up to `limit` ids of `filteredCaseIds`, newest first as the pages list them: by filing date and id
 * when a filing-date range is given (its index then gives the order), else by id.
 */
function orderedCaseIds(
  ex: Executor,
  f: Omit<CaseFilter, 'limit' | 'beforeId'>,
  limit: number,
  page: boolean,
) {
  const ids = filteredCaseIds(ex, f, page).select('c.id').limit(limit);
  return byFiledOn(f)
    ? ids.orderBy('c.filed_on', 'desc').orderBy('c.id', 'desc')
    : ids.orderBy('c.id', 'desc');
}

/**
 * Newest first. Two steps, measured at 10⁶ cases: the ids of one page are chosen on `cases` alone
 * (each filter an indexed equality or range), then only those rows are joined for display — joining
 * first lets SQLite's planner start from the small tables and scan millions of rows. With a
 * filing-date range the order is (filed_on, id), so the range index also gives the order; the
 * cursor then carries both.
 */
export function listCases(ex: Executor, f: CaseFilter & { before?: { filedOn: string; id: string } }) {
  const byFiled = byFiledOn(f);
  let ids = orderedCaseIds(ex, f, f.limit, true);
  if (f.before) {
    const b = f.before;
    ids = ids.where((eb) =>
      eb.or([
        eb('c.filed_on', '<', b.filedOn),
        eb.and([eb('c.filed_on', '=', b.filedOn), eb('c.id', '<', b.id)]),
      ]),
    );
  } else if (f.beforeId) ids = ids.where('c.id', '<', f.beforeId);
  const q = caseColumns(ex).where('c.id', 'in', ids);
  return (
    byFiled ? q.orderBy('c.filed_on', 'desc').orderBy('c.id', 'desc') : q.orderBy('c.id', 'desc')
  ).execute();
}

/**
 * How many cases the filter and the viewer's scope select, counting no further than `upTo`: the
 * count stops once it has seen that many, so its cost does not grow with the whole installation.
 * The rows are walked in the page's order so that the planner takes the page's index: left
 * unordered, SQLite walked the covering index `cases_unit` in unit order, so for a viewer of a
 * later unit the cap bounded nothing (0.56–0.89 s at 10⁶ cases, against 6.5–13.5 ms in id order).
 */
export async function countCases(
  ex: Executor,
  f: Omit<CaseFilter, 'limit' | 'beforeId'>,
  upTo: number,
): Promise<number> {
  const capped = orderedCaseIds(ex, f, upTo, false);
  const row = await ex
    .selectFrom(capped.as('capped'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  // countAll is a number on SQLite and a (bigint) string on PostgreSQL.
  return Number(row.n);
}

export const insertCaseOfficers = (ex: Executor, rows: NewRow<'case_officers'>[]) =>
  rows.length === 0 ? Promise.resolve() : ex.insertInto('case_officers').values(rows).execute();

export const caseOfficers = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('case_officers as co')
    .innerJoin('officers as o', 'o.id', 'co.officer_id')
    .select(['co.officer_id', 'co.role', 'o.name'])
    .where('co.case_id', '=', caseId)
    .orderBy('co.role')
    .orderBy('o.name')
    .execute();

export const isCaseOfficer = async (ex: Executor, caseId: string, officerId: string) =>
  (await ex
    .selectFrom('case_officers')
    .select('case_id')
    .where('case_id', '=', caseId)
    .where('officer_id', '=', officerId)
    .executeTakeFirst()) !== undefined;

export const insertTransition = (ex: Executor, row: NewRow<'case_transitions'>) =>
  ex.insertInto('case_transitions').values(row).execute();

export const caseTransitions = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('case_transitions as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('t')
    .select('u.display_name as user_name')
    .where('t.case_id', '=', caseId)
    .orderBy('t.id')
    .execute();

/** Whether this case was opened under the 告知承诺 (commitment) procedure. */
export const isCommitmentCase = async (ex: Executor, id: string) =>
  (await ex
    .selectFrom('cases')
    .select('id')
    .where('id', '=', id)
    .where('procedure', '=', 'commitment')
    .executeTakeFirst()) !== undefined;
