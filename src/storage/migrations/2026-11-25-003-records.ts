import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/** Records (记录资料) stored in the blob store, and the log of their retrievals (调阅). */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('size', big, (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('records_sha256').on('records').column('sha256').execute();
  await db.schema
    .createTable('retrievals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('range_start', big)
    .addColumn('range_end', big)
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retrievals_record').on('retrievals').columns(['record_id', 'id']).execute();
}
