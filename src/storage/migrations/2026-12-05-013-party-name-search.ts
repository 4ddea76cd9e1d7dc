import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * The case list finds a party by any part of its name (`ILIKE '%置业%'` on PostgreSQL). A B-tree
 * cannot serve a pattern that starts with `%`; a pg_trgm GIN index (`gin_trgm_ops`) can, and it
 * indexes CJK text under a UTF-8 ctype (C.UTF-8, zh_CN.UTF-8). The extension is used where it is
 * installed, or created in `public` when this database user may (it is a trusted extension since
 * PostgreSQL 13: a user with CREATE on the database may create it). `public` rather than the
 * application's schema, so that dropping one schema (a test's) never drops an extension indexes in
 * other schemas depend on. Where it can be neither found nor created the search still works, as a
 * plain ILIKE without an index. SQLite has no index for `LIKE '%…%'`: nothing to do there.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  let schema = await trgmSchema(db);
  if (schema === null && (await trgmAvailable(db))) {
    // A failed statement aborts the migration's transaction: try it behind a savepoint.
    await sql`savepoint trgm`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm with schema public`.execute(db);
      await sql`release savepoint trgm`.execute(db);
    } catch {
      // No privilege, no public schema, or another session creating it at the same moment.
      await sql`rollback to savepoint trgm`.execute(db);
    }
    schema = await trgmSchema(db);
  }
  if (schema === null) return;
  await sql`create index cases_party_name_trgm on cases using gin (party_name ${sql.id(schema)}.gin_trgm_ops)`.execute(
    db,
  );
}

async function trgmSchema(db: Kysely<unknown>): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema ?? null;
}

async function trgmAvailable(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    select name from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  return rows.length > 0;
}
