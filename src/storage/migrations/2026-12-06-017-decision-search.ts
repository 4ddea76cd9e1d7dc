import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Portal search over the published decisions at scale (issue 14, benchmarks).
 *
 * PostgreSQL: the tsvector of `search_tokens` becomes a stored generated column, `search_vector`,
 * indexed by GIN, in place of 015's expression index. The database keeps it in step on every
 * insert and update (the publish, withdraw and take-down paths write `search_tokens` only), the
 * planner has statistics on the column itself, and a plan that walks the date index newest first
 * checks a row's stored vector instead of tokenising its text again for every row it passes.
 *
 * SQLite keeps 015's FTS5 table: the repository chooses the plan (see
 * `public-decision-query-repository.ts`), nothing in the schema changes.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`alter table public_decisions add column search_vector tsvector
    generated always as (to_tsvector('simple'::regconfig, search_tokens)) stored`.execute(db);
  await sql`drop index if exists public_decisions_search`.execute(db);
  await sql`create index public_decisions_search_vector on public_decisions using gin (search_vector)`.execute(
    db,
  );
}
