import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * A case's own facts for the classification of major decisions (REV-01) and where it stands.
 * `case_filing_facts`: what the filing proposed beyond the case row — the sanctions proposed for a
 * penalty (in the classification's vocabulary, JSON `[{ kind, amountFen? }]`), the method of a
 * compulsory execution, the licence and the action on it, and whether the officer filed it as
 * major — one row per case, written with the filing. `case_classifications`: the current
 * classification of each case, computed from its facts whenever one changes (the manual categories
 * 6 and 7 are rows of `legal_review_marks` and join the result): whether it is major, its
 * categories with their reasons (JSON `[{ category, reason }]`), the facts they were computed from
 * (JSON, the pure function's input), and when and by whose act. The case's `major` column is kept
 * in step with it; every change is a ledger entry. No row: never classified major.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('case_filing_facts')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('proposed_sanctions', 'text')
    .addColumn('execution_method', 'text')
    // JSON: { kind, action }
    .addColumn('licence', 'text')
    // The officer filed the case as major (the filing's own mark, kept by every reclassification).
    .addColumn('filed_major', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('case_classifications')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('major', 'integer', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('classified_at', 'text', (c) => c.notNull())
    .addColumn('classified_by', 'text', (c) => c.notNull())
    .execute();
}
