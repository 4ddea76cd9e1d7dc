import type { CaseListScope } from '../domain/case-access';
import { caseReadable } from './case-access-repository';
import { sql } from 'kysely';
import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

// ---- case files ----
export type CaseFileRow = Row<'case_files'> & {
  case_number: string;
  party_name: string;
  closed_on: string | null;
  accepted_by_name: string | null;
};

const caseFileColumns = (ex: Executor) =>
  ex
    .selectFrom('case_files as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .leftJoin('users as u', 'u.id', 'f.accepted_by')
    .selectAll('f')
    .select(['c.number as case_number', 'c.party_name', 'c.closed_on', 'u.display_name as accepted_by_name']);

export const insertCaseFile = (ex: Executor, row: NewRow<'case_files'>) =>
  ex.insertInto('case_files').values(row).execute();
export const updateCaseFile = (ex: Executor, id: string, patch: Partial<NewRow<'case_files'>>) =>
  ex.updateTable('case_files').set(patch).where('id', '=', id).execute();
export const getCaseFile = (ex: Executor, id: string): Promise<CaseFileRow | undefined> =>
  caseFileColumns(ex).where('f.id', '=', id).executeTakeFirst();
export const caseFileOfCase = (ex: Executor, caseId: string): Promise<CaseFileRow | undefined> =>
  caseFileColumns(ex).where('f.case_id', '=', caseId).executeTakeFirst();

/** Locks the case file row for an acceptance (a no-op on SQLite: `storage/row-locks`). */
export const lockCaseFile = (ex: Executor, id: string) =>
  ex.selectFrom('case_files').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface CaseFileFilter {
  state?: string;
  /** Prefix of an archive number, case number or party name. */
  q?: string;
  /** Archive year (archived) or closing year (pending). */
  year?: number;
  afterId?: string;
  limit: number;
  /** The cases the viewer may read (PLT-07). */
  scope: CaseListScope;
}

/** Case files newest first by id (UUIDv7), cursor = last id. */
export function listCaseFiles(ex: Executor, f: CaseFileFilter): Promise<CaseFileRow[]> {
  let q = caseFileColumns(ex);
  if (f.state) q = q.where('f.state', '=', f.state);
  if (f.q) {
    const like = `${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('f.archive_number', 'like', sql<string>`${like} escape '\\'`),
        eb('c.number', 'like', sql<string>`${like} escape '\\'`),
        eb('c.party_name', 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  if (f.year !== undefined) {
    const year = f.year;
    q = q.where((eb) =>
      eb.or([
        eb('f.archive_year', '=', year),
        eb.and([eb('f.archive_year', 'is', null), eb('c.closed_on', 'like', `${year}-%`)]),
      ]),
    );
  }
  if (f.afterId) q = q.where('f.id', '<', f.afterId);
  if (!f.scope.all) {
    const scope = f.scope;
    q = q.where((eb) => caseReadable(eb, scope, { id: 'f.case_id', unit: 'c.unit_id', state: 'c.state' }));
  }
  return q.orderBy('f.id', 'desc').limit(f.limit).execute();
}

/** The next archive sequence of an agency and closing year, inside the accepting transaction:
 *  the upserted counter row is locked until commit, so numbers are gapless and never reused. */
export async function nextArchiveSeq(ex: Executor, agencyId: string, year: number): Promise<number> {
  const row = await ex
    .insertInto('archive_counters')
    .values({ agency_id: agencyId, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet({ last: sql`archive_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

// ---- the records of a case, with what the case file needs ----
export interface CaseRecordItem {
  id: string;
  kind: string | null;
  protection: string | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  sm3: string;
  version: number | null;
  created_by: string;
  creator_name: string;
  created_at: string;
  step_kind: string | null;
  document_id: string | null;
  document_kind: string | null;
  document_number: string | null;
  scan_of_record: string | null;
}

export async function caseRecordItems(ex: Executor, caseId: string): Promise<CaseRecordItem[]> {
  const rows = await ex
    .selectFrom('records as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .leftJoin('steps as s', 's.id', 'r.step_id')
    .leftJoin('documents as d', 'd.record_id', 'r.id')
    .leftJoin('document_signatures as g', 'g.record_id', 'r.id')
    .leftJoin('documents as gd', 'gd.id', 'g.document_id')
    .where('r.case_id', '=', caseId)
    .select([
      'r.id',
      'r.kind',
      'r.protection',
      'r.file_name',
      'r.media_type',
      'r.size',
      'r.sha256',
      'r.sm3',
      'r.version',
      'r.created_by',
      'u.display_name as creator_name',
      'r.created_at',
      's.kind as step_kind',
      'd.id as document_id',
      'd.kind as document_kind',
      'd.number as document_number',
      'gd.record_id as scan_of_record',
    ])
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    size: Number(r.size),
    version: r.version === null ? null : Number(r.version),
  }));
}

// ---- signatures ----
export const insertSignature = (ex: Executor, row: NewRow<'document_signatures'>) =>
  ex.insertInto('document_signatures').values(row).execute();
export const signatureOf = (ex: Executor, documentId: string) =>
  ex
    .selectFrom('document_signatures as g')
    .innerJoin('users as u', 'u.id', 'g.attached_by')
    .selectAll('g')
    .select('u.display_name as attached_by_name')
    .where('g.document_id', '=', documentId)
    .executeTakeFirst();
export const signaturesOfCase = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('document_signatures as g')
    .innerJoin('documents as d', 'd.id', 'g.document_id')
    .innerJoin('users as u', 'u.id', 'g.attached_by')
    .selectAll('g')
    .select('u.display_name as attached_by_name')
    .where('d.case_id', '=', caseId)
    .execute();

// ---- marks ----
export const insertMark = (ex: Executor, row: NewRow<'record_marks'>) =>
  ex.insertInto('record_marks').values(row).execute();
export const marksOf = (ex: Executor, recordIds: readonly string[]) =>
  recordIds.length === 0
    ? Promise.resolve([] as Row<'record_marks'>[])
    : ex.selectFrom('record_marks').selectAll().where('record_id', 'in', recordIds).execute();

// ---- legal holds ----
export type HoldRow = Row<'legal_holds'> & { placed_by_name: string };
const holdColumns = (ex: Executor) =>
  ex
    .selectFrom('legal_holds as h')
    .innerJoin('users as u', 'u.id', 'h.placed_by')
    .selectAll('h')
    .select('u.display_name as placed_by_name');
export const insertHold = (ex: Executor, row: NewRow<'legal_holds'>) =>
  ex.insertInto('legal_holds').values(row).execute();
export const updateHold = (ex: Executor, id: string, patch: Partial<NewRow<'legal_holds'>>) =>
  ex.updateTable('legal_holds').set(patch).where('id', '=', id).execute();
export const getHold = (ex: Executor, id: string): Promise<HoldRow | undefined> =>
  holdColumns(ex).where('h.id', '=', id).executeTakeFirst();
/** Active holds on any of these records or their cases. */
export function activeHolds(ex: Executor, q: { recordIds: readonly string[]; caseIds: readonly string[] }) {
  if (q.recordIds.length === 0 && q.caseIds.length === 0) return Promise.resolve([] as HoldRow[]);
  return holdColumns(ex)
    .where('h.released_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(q.recordIds.length > 0 ? [eb('h.record_id', 'in', q.recordIds)] : []),
        ...(q.caseIds.length > 0 ? [eb('h.case_id', 'in', q.caseIds)] : []),
      ]),
    )
    .orderBy('h.id')
    .execute();
}
export function listHolds(
  ex: Executor,
  q: { active?: boolean; afterId?: string; limit: number; scope: CaseListScope },
) {
  let s = holdColumns(ex);
  if (!q.scope.all) {
    const scope = q.scope;
    // A hold is on a case or on a record of one: its case decides who sees it (PLT-07).
    s = s.where((eb) =>
      eb.or([
        eb.and([eb('h.case_id', 'is not', null), caseReadable(eb, scope, { id: 'h.case_id' })]),
        eb.exists(
          eb
            .selectFrom('records as hr')
            .select('hr.id')
            .whereRef('hr.id', '=', 'h.record_id')
            .where((e2) =>
              e2.or([e2('hr.case_id', 'is', null), caseReadable(e2, scope, { id: 'hr.case_id' })]),
            ),
        ),
      ]),
    );
  }
  if (q.active === true) s = s.where('h.released_at', 'is', null);
  if (q.active === false) s = s.where('h.released_at', 'is not', null);
  if (q.afterId) s = s.where('h.id', '<', q.afterId);
  return s.orderBy('h.id', 'desc').limit(q.limit).execute();
}

// ---- disposals ----
export const insertDisposal = (ex: Executor, row: NewRow<'disposals'>) =>
  ex.insertInto('disposals').values(row).execute();
export const updateDisposal = (ex: Executor, id: string, patch: Partial<NewRow<'disposals'>>) =>
  ex.updateTable('disposals').set(patch).where('id', '=', id).execute();
export const getDisposal = (ex: Executor, id: string) =>
  ex.selectFrom('disposals').selectAll().where('id', '=', id).executeTakeFirst();
/** The live (not cancelled) disposal of each of these records. */
export const liveDisposals = (ex: Executor, recordIds: readonly string[]) =>
  recordIds.length === 0
    ? Promise.resolve([] as Row<'disposals'>[])
    : ex
        .selectFrom('disposals')
        .selectAll()
        .where('record_id', 'in', recordIds)
        .where('state', '<>', 'cancelled')
        .execute();
/** Approved disposals whose undo window has passed. */
export const readyDisposals = (ex: Executor, now: string, limit: number) =>
  ex
    .selectFrom('disposals')
    .selectAll()
    .where('state', '=', 'approved')
    .where('undo_until', '<=', now)
    .orderBy('undo_until')
    .limit(limit)
    .execute();
/** Whether other records, not disposed of, keep the same content (the blob store holds it once). */
export async function contentStillUsed(ex: Executor, sha256: string, recordId: string): Promise<boolean> {
  const other = await ex
    .selectFrom('records as r')
    .select('r.id')
    .where('r.sha256', '=', sha256)
    .where('r.id', '<>', recordId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('disposals as d')
            .select('d.id')
            .whereRef('d.record_id', '=', 'r.id')
            .where('d.state', '=', 'disposed'),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return other !== undefined;
}
/** Disposed records (for the verifier: their content is gone by design). */
export const disposedRecordIds = (ex: Executor) =>
  ex.selectFrom('disposals').select(['record_id', 'disposed_at']).where('state', '=', 'disposed').execute();

/**
 * The ledger entries about a case and everything in it — the case, its case file, steps, records,
 * documents, the records' disposals and the holds on either — in sequence order, up to `maxSeq`.
 * (The case's 留痕 tab, and the entries an archive package proves.)
 */
export async function caseLedgerRows(ex: Executor, caseId: string, maxSeq?: number) {
  const ids = async (q: Promise<Array<{ id: string }>>) => (await q).map((r) => r.id);
  const recordIds = await ids(ex.selectFrom('records').select('id').where('case_id', '=', caseId).execute());
  const subjects: Array<[string, string[]]> = [
    ['case', [caseId]],
    ['caseFile', await ids(ex.selectFrom('case_files').select('id').where('case_id', '=', caseId).execute())],
    ['step', await ids(ex.selectFrom('steps').select('id').where('case_id', '=', caseId).execute())],
    ['record', recordIds],
    ['document', await ids(ex.selectFrom('documents').select('id').where('case_id', '=', caseId).execute())],
    ['approval', await ids(ex.selectFrom('approvals').select('id').where('case_id', '=', caseId).execute())],
    [
      'disposal',
      await ids(
        ex
          .selectFrom('disposals as d')
          .innerJoin('records as r', 'r.id', 'd.record_id')
          .select('d.id')
          .where('r.case_id', '=', caseId)
          .execute(),
      ),
    ],
    [
      'legalHold',
      await ids(
        ex
          .selectFrom('legal_holds as h')
          .leftJoin('records as r', 'r.id', 'h.record_id')
          .select('h.id')
          .where((eb) => eb.or([eb('h.case_id', '=', caseId), eb('r.case_id', '=', caseId)]))
          .execute(),
      ),
    ],
  ];
  const rows: Array<Row<'ledger'> & { actor_name: string | null }> = [];
  for (const [type, list] of subjects)
    for (let i = 0; i < list.length; i += 1000) {
      const part = list.slice(i, i + 1000);
      if (part.length === 0) continue;
      let q = ex
        .selectFrom('ledger')
        .leftJoin('users as u', 'u.id', 'ledger.actor_id')
        .selectAll('ledger')
        .select('u.display_name as actor_name')
        .where('subject_type', '=', type)
        .where('subject_id', 'in', part);
      if (maxSeq !== undefined) q = q.where('seq', '<=', maxSeq);
      rows.push(...(await q.execute()));
    }
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
}

export const caseFileIdByArchiveNumber = (ex: Executor, archiveNumber: string) =>
  ex.selectFrom('case_files').select('id').where('archive_number', '=', archiveNumber).executeTakeFirst();

// Retention candidates (services/retention-service): each found by index, judged by the domain.
/** Audio and video records of closed inspection cases created before `beforeIso`. */
export const closedInspectionAvIds = (ex: Executor, beforeIso: string) =>
  ex
    .selectFrom('records as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select('r.id')
    .where('c.act_type', '=', 'inspection')
    .where('c.closed_on', 'is not', null)
    .where('r.kind', 'in', ['audio', 'video'])
    .where('r.created_at', '<', beforeIso)
    .execute();
/** Archived case files kept for a term (not permanently). */
export const termCaseFiles = (ex: Executor) =>
  ex
    .selectFrom('case_files')
    .select(['case_id', 'retention', 'accepted_at'])
    .where('state', '=', 'archived')
    .where('retention', '<>', 'permanent')
    .execute();
/** Records with a disposal under way or done. */
export const disposalRecordIds = (ex: Executor) =>
  ex.selectFrom('disposals').select('record_id').where('state', '<>', 'cancelled').execute();
/** Holds not yet released. */
export const unreleasedHolds = (ex: Executor) =>
  ex.selectFrom('legal_holds').select(['record_id', 'case_id']).where('released_at', 'is', null).execute();
