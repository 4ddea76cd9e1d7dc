import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Legal review of major decisions (issue 13). A review is one submission of one stage of a case
 * (`round` counts resubmissions of the stage); its opinion, the unit's objection, the review unit's
 * reply and the leader's final decision are set once each, every act with its ledger entry in the
 * same transaction. Manual categories (6, 7) and the art. 58 complex mark are rows of their own;
 * the case's `major` column is kept in step with them. The case-review meeting is one row per case.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('legal_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('review_unit_id', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    // JSON: [{ kind: 'record' | 'document', id }]
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('due_confirmed', 'integer', (c) => c.notNull())
    .addColumn('reviewer_user_id', 'text')
    // JSON: { reason, requestedBy, requestedAt, state, decidedBy?, decidedAt?, opinion? }
    .addColumn('extension', 'text')
    // JSON: { kind, reasons, checklist, participants, by, issuedAt, issuedOn, documentId }
    .addColumn('opinion', 'text')
    .addColumn('opinion_kind', 'text')
    .addColumn('adopted_at', 'text')
    // JSON: { reasons, by, at, on, reply?, finalDecision? }
    .addColumn('objection', 'text')
    .addColumn('passed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('legal_reviews_case')
    .on('legal_reviews')
    .columns(['case_id', 'stage'])
    .execute();
  await db.schema
    .createIndex('legal_reviews_queue')
    .on('legal_reviews')
    .columns(['review_unit_id', 'state', 'due'])
    .execute();
  await db.schema
    .createTable('legal_review_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // category6 | category7 | complex
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_review_marks_case').on('legal_review_marks').column('case_id').execute();
  await db.schema
    .createTable('review_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    // JSON: [{ userId, view }]
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('discussion', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .execute();
  // 法律职业资格 of a user (REV-05), set by an administrator.
  await db.schema
    .createTable('legal_qualifications')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('qualified', 'integer', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
}
