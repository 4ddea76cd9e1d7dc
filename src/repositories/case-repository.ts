import { sql } from 'kysely';
import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';
import type { CaseListScope } from '../domain/case-access';
import { caseReadable } from './case-access-repository';

// ---- parties ----
export const insertParty = (ex: Executor, row: NewRow<'parties'>) =>
  ex.insertInto('parties').values(row).execute();
export const getParty = (ex: Executor, id: string) =>
  ex.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
export const findPartyByDigest = (ex: Executor, agencyId: string, digest: string) =>
  ex
    .selectFrom('parties')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id_digest', '=', digest)
    .orderBy('id', 'desc')
    .executeTakeFirst();
export const listParties = (
  ex: Executor,
  q: {
    agencyId: string;
    name?: string;
    digest?: string;
    beforeId?: string;
    limit: number;
    /** Only parties this user registered, found by number, or whose cases they may read (PLT-07). */
    knownTo?: { userId: string; scope: CaseListScope };
  },
) => {
  let query = ex
    .selectFrom('parties')
    .selectAll()
    .where('agency_id', '=', q.agencyId)
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.name) query = query.where('name', 'like', `%${q.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.digest) query = query.where('id_digest', '=', q.digest);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  if (q.knownTo) {
    const { userId, scope } = q.knownTo;
    query = query.where((eb) =>
      eb.or([
        eb('created_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('party_lookups as pl')
            .select('pl.id')
            .whereRef('pl.party_id', '=', 'parties.id')
            .where('pl.user_id', '=', userId),
        ),
        eb.exists(
          eb
            .selectFrom('cases as pc')
            .select('pc.id')
            .whereRef('pc.party_id', '=', 'parties.id')
            .where((e2) => caseReadable(e2, scope, { id: 'pc.id', unit: 'pc.unit_id', state: 'pc.state' })),
        ),
      ]),
    );
  }
  return query.execute();
};
export const insertPartyLookup = (ex: Executor, row: NewRow<'party_lookups'>) =>
  ex.insertInto('party_lookups').values(row).execute();
/** Whether this user's lookup by ID number found this party (they know its number). */
export const hasFoundParty = async (ex: Executor, userId: string, partyId: string) =>
  (await ex
    .selectFrom('party_lookups')
    .select('id')
    .where('user_id', '=', userId)
    .where('party_id', '=', partyId)
    .executeTakeFirst()) !== undefined;
export const insertDisclosure = (ex: Executor, row: NewRow<'party_disclosures'>) =>
  ex.insertInto('party_disclosures').values(row).execute();

// ---- power items ----
export const insertPowerItem = (ex: Executor, row: NewRow<'power_items'>) =>
  ex.insertInto('power_items').values(row).execute();
export const updatePowerItem = (ex: Executor, id: string, patch: Partial<NewRow<'power_items'>>) =>
  ex.updateTable('power_items').set(patch).where('id', '=', id).execute();
export const getPowerItem = (ex: Executor, id: string) =>
  ex.selectFrom('power_items').selectAll().where('id', '=', id).executeTakeFirst();
export const listPowerItems = (ex: Executor, agencyId: string) =>
  ex.selectFrom('power_items').selectAll().where('agency_id', '=', agencyId).orderBy('code').execute();

// ---- case numbers ----
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

// ---- cases ----
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
 * Newest first. Two steps, measured at 10⁶ cases: the ids of one page are chosen on `cases` alone
 * (each filter an indexed equality or range), then only those rows are joined for display — joining
 * first lets SQLite's planner start from the small tables and scan millions of rows. With a
 * filing-date range the order is (filed_on, id), so the range index also gives the order; the
 * cursor then carries both.
 */
export function listCases(ex: Executor, f: CaseFilter & { before?: { filedOn: string; id: string } }) {
  const byFiled = f.filedFrom !== undefined || f.filedTo !== undefined;
  let ids = ex.selectFrom('cases as c').select('c.id').limit(f.limit);
  ids = byFiled ? ids.orderBy('c.filed_on', 'desc').orderBy('c.id', 'desc') : ids.orderBy('c.id', 'desc');
  if (f.actType) ids = ids.where('c.act_type', '=', f.actType);
  if (f.state) ids = ids.where('c.state', '=', f.state);
  if (f.unitId) ids = ids.where('c.unit_id', '=', f.unitId);
  if (f.partyId) ids = ids.where('c.party_id', '=', f.partyId);
  if (f.partyName)
    ids = ids.where('c.party_name', '>=', f.partyName).where('c.party_name', '<', `${f.partyName}\uffff`);
  if (f.filedFrom) ids = ids.where('c.filed_on', '>=', f.filedFrom);
  if (f.filedTo) ids = ids.where('c.filed_on', '<=', f.filedTo);
  if (f.overdueOn) ids = ids.where('c.next_due', '<', f.overdueOn);
  if (f.scope && !f.scope.all) {
    const scope = f.scope;
    ids = ids.where((eb) => caseReadable(eb, scope, { id: 'c.id', unit: 'c.unit_id', state: 'c.state' }));
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
/** What deciding who may see records needs: their case and protection class. */
export const recordAccessRows = (ex: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : ex.selectFrom('records').select(['id', 'case_id', 'protection']).where('id', 'in', ids).execute();
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

// ---- steps ----
export const insertStep = (ex: Executor, row: NewRow<'steps'>) =>
  ex.insertInto('steps').values(row).execute();
export const updateStep = (ex: Executor, id: string, patch: Partial<NewRow<'steps'>>) =>
  ex.updateTable('steps').set(patch).where('id', '=', id).execute();
export const getStep = (ex: Executor, id: string) =>
  ex.selectFrom('steps').selectAll().where('id', '=', id).executeTakeFirst();
export const insertStepOfficers = (ex: Executor, rows: NewRow<'step_officers'>[]) =>
  ex.insertInto('step_officers').values(rows).execute();
export const caseSteps = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('steps as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.display_name as creator_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.occurred_at')
    .orderBy('s.id')
    .execute();
export const stepOfficersOfCase = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('step_officers as so')
    .innerJoin('steps as s', 's.id', 'so.step_id')
    .innerJoin('officers as o', 'o.id', 'so.officer_id')
    .select(['so.step_id', 'so.officer_id', 'so.certificate_number', 'o.name'])
    .where('s.case_id', '=', caseId)
    .execute();
export const stepOfficers = (ex: Executor, stepId: string) =>
  ex.selectFrom('step_officers').selectAll().where('step_id', '=', stepId).execute();

// ---- records of a case ----
export type RecordRow = Row<'records'> & { creator_name: string };
export const caseRecords = (ex: Executor, caseId: string, q: { afterId?: string; limit: number }) => {
  let query = ex
    .selectFrom('records as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select('u.display_name as creator_name')
    .where('r.case_id', '=', caseId)
    .orderBy('r.id')
    .limit(q.limit);
  if (q.afterId) query = query.where('r.id', '>', q.afterId);
  return query.execute();
};
export const stepHasAvRecord = async (ex: Executor, stepId: string) =>
  (await ex
    .selectFrom('records')
    .select('id')
    .where('step_id', '=', stepId)
    .where('kind', 'in', ['audio', 'video'])
    .executeTakeFirst()) !== undefined;
export const successorOf = (ex: Executor, recordId: string) =>
  ex.selectFrom('records').select('id').where('version_of', '=', recordId).executeTakeFirst();

// ---- recorders ----
export const insertRecorder = (ex: Executor, row: NewRow<'recorders'>) =>
  ex.insertInto('recorders').values(row).execute();
export const updateRecorder = (ex: Executor, id: string, patch: Partial<NewRow<'recorders'>>) =>
  ex.updateTable('recorders').set(patch).where('id', '=', id).execute();
export const getRecorder = (ex: Executor, id: string) =>
  ex.selectFrom('recorders').selectAll().where('id', '=', id).executeTakeFirst();
export const listRecorders = (ex: Executor, agencyId: string) =>
  ex
    .selectFrom('recorders as r')
    .leftJoin('officers as o', 'o.id', 'r.holder_officer_id')
    .selectAll('r')
    .select('o.name as holder_name')
    .where('r.agency_id', '=', agencyId)
    .orderBy('r.number')
    .execute();
export const holdersOf = (ex: Executor, officerIds: string[]) =>
  officerIds.length === 0
    ? Promise.resolve([])
    : ex
        .selectFrom('recorders')
        .select(['id', 'number', 'holder_officer_id'])
        .where('status', '=', 'checkedOut')
        .where('holder_officer_id', 'in', officerIds)
        .execute();
export const insertLoan = (ex: Executor, row: NewRow<'recorder_loans'>) =>
  ex.insertInto('recorder_loans').values(row).execute();
export const closeLoan = (ex: Executor, recorderId: string, at: string, by: string) =>
  ex
    .updateTable('recorder_loans')
    .set({ returned_at: at, returned_by: by })
    .where('recorder_id', '=', recorderId)
    .where('returned_at', 'is', null)
    .execute();
export const loansOf = (ex: Executor, recorderId: string) =>
  ex
    .selectFrom('recorder_loans as l')
    .innerJoin('officers as o', 'o.id', 'l.officer_id')
    .selectAll('l')
    .select('o.name as officer_name')
    .where('l.recorder_id', '=', recorderId)
    .orderBy('l.id', 'desc')
    .execute();

// ---- flags (REC-11) ----
export const insertFlag = (ex: Executor, row: NewRow<'flags'>) =>
  ex.insertInto('flags').values(row).execute();
export const listFlags = (ex: Executor, q: { kind?: string; beforeId?: string; limit: number }) => {
  let query = ex
    .selectFrom('flags as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    .selectAll('f')
    .select(['u.display_name as user_name', 'c.number as case_number'])
    .orderBy('f.id', 'desc')
    .limit(q.limit);
  if (q.kind) query = query.where('f.kind', '=', q.kind);
  if (q.beforeId) query = query.where('f.id', '<', q.beforeId);
  return query.execute();
};

// ---- timers and alerts ----
export const deletePendingTimers = (ex: Executor, caseId: string) =>
  ex.deleteFrom('case_timers').where('case_id', '=', caseId).where('fired_at', 'is', null).execute();
export const insertTimers = (ex: Executor, rows: NewRow<'case_timers'>[]) =>
  rows.length === 0 ? Promise.resolve() : ex.insertInto('case_timers').values(rows).execute();
export function claimDueTimers(ex: Executor, today: string, limit: number) {
  return (
    ex
      .selectFrom('case_timers')
      .selectAll()
      .where('fired_at', 'is', null)
      .where('fire_on', '<=', today)
      .orderBy('fire_on')
      .limit(limit)
      // Several nodes may run the job: each takes timers no other node holds (PostgreSQL).
      .forUpdate()
      .skipLocked()
      .execute()
  );
}
export const markTimerFired = (ex: Executor, id: string, at: string) =>
  ex.updateTable('case_timers').set({ fired_at: at }).where('id', '=', id).execute();
export const insertAlertOnce = (ex: Executor, row: NewRow<'alerts'>) =>
  ex
    .insertInto('alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'deadline', 'stage', 'due']).doNothing())
    .returning('id')
    .executeTakeFirst();
export const listAlerts = (
  ex: Executor,
  q: { officerId?: string; beforeId?: string; limit: number; scope: CaseListScope },
) => {
  let query = ex
    .selectFrom('alerts as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .selectAll('a')
    .select(['c.number as case_number', 'c.title as case_title', 'c.state as case_state'])
    .orderBy('a.id', 'desc')
    .limit(q.limit);
  if (q.officerId) {
    const officerId = q.officerId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as co')
          .select('co.case_id')
          .whereRef('co.case_id', '=', 'a.case_id')
          .where('co.officer_id', '=', officerId),
      ),
    );
  }
  if (q.beforeId) query = query.where('a.id', '<', q.beforeId);
  if (!q.scope.all) {
    const scope = q.scope;
    query = query.where((eb) =>
      caseReadable(eb, scope, { id: 'a.case_id', unit: 'c.unit_id', state: 'c.state' }),
    );
  }
  return query.execute();
};

// ---- settings ----
export const insertSetting = (ex: Executor, row: NewRow<'settings'>) =>
  ex.insertInto('settings').values(row).execute();
export const currentSetting = (ex: Executor, key: string) =>
  ex
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', key)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Whether the case has a completed step of this kind (e.g. a hearing held). */
export const hasCompletedStep = async (ex: Executor, caseId: string, kind: string) =>
  (await ex
    .selectFrom('steps')
    .select('id')
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('state', '=', 'completed')
    .executeTakeFirst()) !== undefined;
