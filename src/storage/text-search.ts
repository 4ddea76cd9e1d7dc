import { PostgresAdapter, sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from './database';

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern (escape `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text` anywhere, ignoring the case of Latin letters (substring search, e.g.
 * 置业 finds 上海某某置业有限公司). The user's `%` and `_` are literal. Which index can serve it is
 * the handle's capability, like row locks: PostgreSQL runs `ILIKE '%…%'`, which a pg_trgm GIN index
 * (`gin_trgm_ops`) on the column serves where the migration could create one; SQLite runs
 * `LIKE '%…%'` (case-insensitive for ASCII), which no SQLite index can serve — it is checked row
 * by row on the rows the other conditions leave.
 */
export function containsText(ex: Executor, column: string, text: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(text)}%`;
  const op = ex.getExecutor().adapter instanceof PostgresAdapter ? sql.raw('ilike') : sql.raw('like');
  return sql<SqlBool>`${sql.ref(column)} ${op} ${pattern} escape '\\'`;
}
