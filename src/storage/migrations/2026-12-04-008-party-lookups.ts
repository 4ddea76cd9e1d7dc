import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Party lookups by ID number (PLT-08): who looked, when, and which party it found. A filing that
 * names an existing party the filer has no other relation to must follow a lookup that found it,
 * so knowing a party's id is not enough to become its case officer and read its personal data.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('party_lookups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // Null when nothing matched: the lookup is logged all the same.
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('party_lookups_user_party')
    .on('party_lookups')
    .columns(['user_id', 'party_id'])
    .execute();
}
