import type { CaseListScope } from '../domain/case-access';
import { caseReadable } from './case-access-repository';
import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

export const insertRecord = (ex: Executor, row: NewRow<'records'>) =>
  ex.insertInto('records').values(row).execute();

export const getRecord = (ex: Executor, id: string) =>
  ex
    .selectFrom('records as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select('u.display_name as creator_name')
    .where('r.id', '=', id)
    .executeTakeFirst();

/**
 * Newest first, with the case's number and title (the list shows them); records of cases the
 * viewer may not read are left out (plain records stay).
 */
export const listRecords = (ex: Executor, q: { beforeId?: string; limit: number; scope: CaseListScope }) => {
  let query = ex
    .selectFrom('records as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .leftJoin('cases as c', 'c.id', 'r.case_id')
    .selectAll('r')
    .select(['u.display_name as creator_name', 'c.number as case_number', 'c.title as case_title'])
    .orderBy('r.id', 'desc')
    .limit(q.limit);
  if (q.beforeId) query = query.where('r.id', '<', q.beforeId);
  if (!q.scope.all) {
    const scope = q.scope;
    query = query.where((eb) =>
      eb.or([eb('r.case_id', 'is', null), caseReadable(eb, scope, { id: 'r.case_id' })]),
    );
  }
  return query.execute();
};

export const recordsFrom = (ex: Executor, afterId: string, limit: number) =>
  ex
    .selectFrom('records')
    .select(['id', 'sha256', 'size'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

export const insertRetrieval = (ex: Executor, row: NewRow<'retrievals'>) =>
  ex.insertInto('retrievals').values(row).execute();

/** Many retrieval rows, in multi-row inserts of at most 500 (3,500 parameters, within both databases' limits). */
export async function insertRetrievals(
  ex: Executor,
  rows: ReadonlyArray<NewRow<'retrievals'>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await ex
      .insertInto('retrievals')
      .values(rows.slice(i, i + 500))
      .execute();
}

export const listRetrievals = (ex: Executor, q: { recordId: string; beforeId?: string; limit: number }) => {
  let query = ex
    .selectFrom('retrievals as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('t')
    .select('u.display_name as user_name')
    .where('t.record_id', '=', q.recordId)
    .orderBy('t.id', 'desc')
    .limit(q.limit);
  if (q.beforeId) query = query.where('t.id', '<', q.beforeId);
  return query.execute();
};

/** What deciding who may see records needs: their case and protection class. */
export const recordAccessRows = (ex: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : ex.selectFrom('records').select(['id', 'case_id', 'protection']).where('id', 'in', ids).execute();

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
export const recordIdsOfCase = (ex: Executor, caseId: string) =>
  ex.selectFrom('records').select('id').where('case_id', '=', caseId).execute();
/** Whole rows of these records, read 500 ids at a time (bound-parameter limits). */
export async function recordsByIds(ex: Executor, ids: readonly string[]): Promise<Row<'records'>[]> {
  const rows: Row<'records'>[] = [];
  for (let i = 0; i < ids.length; i += 500)
    rows.push(
      ...(await ex
        .selectFrom('records')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return rows;
}

/**
 * How many records of a case are evidence: every record on it except the issued documents' own
 * files (a document is the agency's act, not evidence of the facts).
 */
export async function countEvidenceRecords(ex: Executor, caseId: string): Promise<number> {
  const r = await ex
    .selectFrom('records as r')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('r.case_id', '=', caseId)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('documents as d').select('d.id').whereRef('d.record_id', '=', 'r.root_id')),
      ),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('documents as d').select('d.id').whereRef('d.record_id', '=', 'r.id'))),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
