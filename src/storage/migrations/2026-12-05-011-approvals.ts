import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * The procedure of a case as the law has it (issue 12): the violations a case charges (案由), and
 * approvals by the responsible person (负责人审批: 立案, 决定, 结案; 行政处罚法 art. 57).
 *
 * An approval is asked for once and decided once: the row is written when asked and its decision
 * columns are set exactly once (approved or returned; a returned approval is asked for again as a
 * new row). Both acts are ledger entries written in the same transaction.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // JSON array of the violations charged, each one of the power item's violations.
  await db.schema
    .alterTable('cases')
    .addColumn('charged_violations', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // filing | decision | closing
    .addColumn('kind', 'text', (c) => c.notNull())
    // pending | approved | returned
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON: what is asked to be approved (a decision's outcome, sanction, grade, reasons).
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('opinion', 'text')
    .execute();
  await db.schema.createIndex('approvals_case').on('approvals').columns(['case_id', 'kind']).execute();
  // Leaders' 待办: the pending ones, oldest first.
  await db.schema.createIndex('approvals_state').on('approvals').columns(['state', 'requested_at']).execute();
  // One open request per case and kind.
  await sql`create unique index approvals_one_pending on approvals (case_id, kind) where state = 'pending'`.execute(
    db,
  );
}
