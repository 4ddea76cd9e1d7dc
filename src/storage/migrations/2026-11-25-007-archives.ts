import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Case files and retention (REC-08, REC-10): the case file a closed case becomes, archive numbers
 * per agency and closing year, signed scans of documents the party signs, evidence/dispute marks
 * on records, legal holds, and disposals with their two approvals and undo window. Records
 * themselves are never changed: a disposal removes content from the blob store and is a row here
 * plus a ledger entry.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('case_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    // pending (assembled at closing, awaiting the records keeper) → archived (read-only).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('archive_year', 'integer')
    .addColumn('archive_seq', 'integer')
    .addColumn('archive_number', 'text', (c) => c.unique())
    // JSON cover and index (卷内目录), frozen when archived; null while pending (computed live).
    .addColumn('cover', 'text')
    .addColumn('index_items', 'text')
    .addColumn('assembled_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
    .addColumn('accepted_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('case_files_state').on('case_files').columns(['state', 'id']).execute();

  // One row per agency and closing year, incremented in the accepting transaction (gapless).
  await db.schema
    .createTable('archive_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_counters_pk', ['agency_id', 'year'])
    .execute();

  // The scan of a document the party signed (笔录, 送达回证): the scan is a record of the case.
  await db.schema
    .createTable('document_signatures')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('attached_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('attached_at', 'text', (c) => c.notNull())
    .execute();

  // Evidence / disputed marks move a record into its case's retention class; never removed.
  await db.schema
    .createTable('record_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('mark', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('record_marks_record_mark', ['record_id', 'mark'])
    .execute();

  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('record_id', 'text', (c) => c.references('records.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('released_by', 'text', (c) => c.references('users.id'))
    .addColumn('released_at', 'text')
    .addColumn('release_reason', 'text')
    .execute();
  await db.schema.createIndex('legal_holds_case').on('legal_holds').column('case_id').execute();
  await db.schema.createIndex('legal_holds_record').on('legal_holds').column('record_id').execute();

  // A disposal of one record's content: approvals by the records keeper and a leader, then an undo
  // window; cancelled ones stay (a new one may follow), so at most one is not cancelled.
  await db.schema
    .createTable('disposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('keeper_by', 'text', (c) => c.references('users.id'))
    .addColumn('keeper_at', 'text')
    .addColumn('leader_by', 'text', (c) => c.references('users.id'))
    .addColumn('leader_at', 'text')
    .addColumn('undo_until', 'text')
    .addColumn('disposed_at', 'text')
    .addColumn('cancelled_by', 'text', (c) => c.references('users.id'))
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disposals_live_record')
    .on('disposals')
    .column('record_id')
    .unique()
    .where(sql.ref('state'), '<>', 'cancelled')
    .execute();
  await db.schema.createIndex('disposals_state').on('disposals').columns(['state', 'undo_until']).execute();
}
