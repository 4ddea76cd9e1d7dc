import { sql } from 'kysely';
import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

// ---- templates ----
export const insertTemplate = (ex: Executor, row: NewRow<'document_templates'>) =>
  ex.insertInto('document_templates').values(row).execute();

/** The version in force of a kind (the newest), or a given version. */
export function getTemplate(ex: Executor, kind: string, version?: number) {
  let q = ex.selectFrom('document_templates').selectAll().where('kind', '=', kind);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  return q.executeTakeFirst();
}

export const getTemplateById = (ex: Executor, id: string) =>
  ex.selectFrom('document_templates').selectAll().where('id', '=', id).executeTakeFirst();

/** The newest version of every kind. */
export const currentTemplates = (ex: Executor) =>
  ex
    .selectFrom('document_templates as t')
    .selectAll('t')
    .where((eb) =>
      eb(
        't.version',
        '=',
        eb
          .selectFrom('document_templates as n')
          .select((e) => e.fn.max('n.version').as('v'))
          .whereRef('n.kind', '=', 't.kind'),
      ),
    )
    .execute();

export const templateVersions = (ex: Executor, kind: string) =>
  ex
    .selectFrom('document_templates')
    .select(['id', 'version', 'title', 'created_by', 'created_at'])
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .execute();

// ---- 文号 ----
/**
 * Takes the next number of an agency's code and year inside the caller's transaction, with the
 * upsert of `nextCaseSeq`: the counter row is locked (PostgreSQL) or the database is (SQLite)
 * until commit, so concurrent finalisations queue and a rolled-back one gives its number back.
 */
export async function nextDocumentSeq(ex: Executor, agencyId: string, code: string, year: number) {
  const row = await ex
    .insertInto('document_counters')
    .values({ agency_id: agencyId, code, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'code', 'year']).doUpdateSet({ last: sql`document_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

// ---- documents ----
export type DocumentRow = Row<'documents'> & {
  creator_name: string;
  template_title: string;
  /** The signed scan attached (documents the party signs), if any. */
  signed_record_id: string | null;
  signed_at: string | null;
  signed_by: string | null;
  signed_by_name: string | null;
  finaliser_name: string | null;
};

const documentColumns = (ex: Executor) =>
  ex
    .selectFrom('documents as d')
    .innerJoin('users as u', 'u.id', 'd.created_by')
    .innerJoin('document_templates as t', 't.id', 'd.template_id')
    .leftJoin('document_signatures as g', 'g.document_id', 'd.id')
    .leftJoin('users as gu', 'gu.id', 'g.attached_by')
    .leftJoin('users as fu', 'fu.id', 'd.finalised_by')
    .selectAll('d')
    .select([
      'u.display_name as creator_name',
      't.title as template_title',
      'g.record_id as signed_record_id',
      'g.attached_at as signed_at',
      'g.attached_by as signed_by',
      'gu.display_name as signed_by_name',
      'fu.display_name as finaliser_name',
    ]);

export const insertDocument = (ex: Executor, row: NewRow<'documents'>) =>
  ex.insertInto('documents').values(row).execute();
export const updateDocument = (ex: Executor, id: string, patch: Partial<NewRow<'documents'>>) =>
  ex.updateTable('documents').set(patch).where('id', '=', id).execute();
export const getDocument = (ex: Executor, id: string): Promise<DocumentRow | undefined> =>
  documentColumns(ex).where('d.id', '=', id).executeTakeFirst();
export const caseDocuments = (ex: Executor, caseId: string): Promise<DocumentRow[]> =>
  documentColumns(ex).where('d.case_id', '=', caseId).orderBy('d.id').execute();
export const successorOfDocument = (ex: Executor, id: string) =>
  ex.selectFrom('documents').select(['id', 'state']).where('version_of', '=', id).executeTakeFirst();
/** The newest finalised, numbered document of a case (what a 送达回证 names). */
/** The latest numbered document of the given kinds (those served on the party). */
export const latestNumberedDocument = (ex: Executor, caseId: string, kinds: readonly string[]) =>
  ex
    .selectFrom('documents')
    .select(['kind', 'number'])
    .where('case_id', '=', caseId)
    .where('kind', 'in', kinds)
    .where('state', '=', 'final')
    .where('number', 'is not', null)
    .orderBy('finalised_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The kinds of document issued (final) on a case. */
export async function issuedKinds(ex: Executor, caseId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('documents')
    .select('kind')
    .distinct()
    .where('case_id', '=', caseId)
    .where('state', '=', 'final')
    .execute();
  return rows.map((r) => r.kind);
}
