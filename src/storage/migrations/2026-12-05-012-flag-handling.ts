import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * A supervisor's handling of a flag (REC-11): who, when and the note, one row per flag, written
 * once with its `flag.handled@1` ledger entry. The unique flag id makes a second handling of the
 * same flag fail even when two supervisors press at once; a flag with a row has left the open list.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('flag_handlings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flag_id', 'text', (c) => c.notNull().unique().references('flags.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
