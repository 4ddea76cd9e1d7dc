import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Enforcement documents (REC-02): templates kept as versions (an edit is a new row, never an
 * update), 文号 counters per agency, code and year, and the documents generated from a case — a
 * draft with its filled data, then final with its 文号 and the record holding the .docx.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('document_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON TemplateBody: the 文号 code and the sections of paragraphs with placeholders.
    .addColumn('body', 'text', (c) => c.notNull())
    // A user, or the system actor that seeded version 1.
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_templates_kind_version', ['kind', 'version'])
    .execute();

  // One row per agency, 文号 code and year; incremented in the transaction that finalises the
  // document, so a number is used exactly when its document commits (gapless, never reused).
  await db.schema
    .createTable('document_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['agency_id', 'code', 'year'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('step_id', 'text', (c) => c.references('steps.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull().references('document_templates.id'))
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // The 文号: null for a draft and for kinds that are not numbered; a re-issue keeps it.
    .addColumn('number', 'text')
    .addColumn('record_id', 'text', (c) => c.references('records.id'))
    // JSON DocumentData: the filled values (personal data masked) and the conditions that held.
    .addColumn('data', 'text', (c) => c.notNull())
    // A re-issue names the version it replaces (one successor each).
    .addColumn('version_of', 'text', (c) => c.references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finalised_by', 'text', (c) => c.references('users.id'))
    .addColumn('finalised_at', 'text')
    .execute();
  await db.schema.createIndex('documents_case').on('documents').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('documents_version_of').on('documents').column('version_of').unique().execute();
  // A 文号 belongs to one document (its versions share it, one row per version).
  await db.schema
    .createIndex('documents_number')
    .on('documents')
    .columns(['number', 'version'])
    .unique()
    .execute();
}
