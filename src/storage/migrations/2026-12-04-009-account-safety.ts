import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Account safety (PLT-03). `must_change_password`: an account whose password someone else chose
 * (the first administrator from `zhifa init`, a reset by an administrator) must set its own before
 * it can do anything else. `login_failures`: failed logins counted per account name and client
 * address, so that failing from one address locks that address out, not the real user elsewhere.
 * The row is named by a keyed hash of (name, address); only a masked address is kept for display.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('login_failures')
    // HMAC-SHA-256 of (user name as typed, client address), hex.
    .addColumn('key', 'text', (c) => c.primaryKey())
    // Null when the name belongs to no account: unknown names are counted like known ones.
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    // The client address masked for administrators (203.0.113.*), never the full address.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failed_count', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_user').on('login_failures').column('user_id').execute();
  await db.schema
    .createIndex('login_failures_last_failed')
    .on('login_failures')
    .column('last_failed_at')
    .execute();
}
