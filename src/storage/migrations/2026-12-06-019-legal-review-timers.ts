import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Deadline timers of legal reviews (REV-05, REV-07): the review period (after any extension), the
 * handling unit's objection window and the review unit's reply, each alerted one working day before,
 * on the due day and once after it. The same timer/alert pattern as `case_timers`/`alerts`, apart
 * because a case's re-planning replaces all of its timers and a review's run on their own. A timer
 * row is removed once its deadline is met; a timer of kind `overdue` whose day has come marks the
 * review overdue (the queue's filter). One alert per review, deadline, stage and due day, however
 * many nodes run the job.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('legal_review_timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('legal_reviews.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // review | objection | reply
    .addColumn('deadline', 'text', (c) => c.notNull())
    // before | due | overdue
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('fire_on', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text')
    .execute();
  await db.schema
    .createIndex('legal_review_timers_fire')
    .on('legal_review_timers')
    .columns(['fired_at', 'fire_on'])
    .execute();
  await db.schema
    .createIndex('legal_review_timers_review')
    .on('legal_review_timers')
    .columns(['review_id', 'deadline'])
    .execute();
  await db.schema
    .createTable('legal_review_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('legal_reviews.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('legal_review_alerts_once', ['review_id', 'deadline', 'stage', 'due'])
    .execute();
}
