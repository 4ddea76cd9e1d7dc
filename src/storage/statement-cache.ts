import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct SQL texts stay prepared: every query the app sends, with room to spare. */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * The SQLite connection as Kysely's dialect sees it, keeping prepared statements by SQL text.
 *
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and preparing (parsing and
 * planning) cost as much as running the query itself on the everyday list routes. A statement holds
 * no state between runs — its parameters are bound anew on each `all`/`run`/`iterate` — so the same
 * text can reuse it. SQLite re-prepares a statement itself when the schema changes under it. The
 * cache is a bounded LRU: queries with a varying number of `in (?, …)` parameters make many texts.
 */
export class CachedStatements implements SqliteDatabase {
  readonly #conn: SQLite.Database;
  readonly #max: number;
  // A Map iterates in insertion order: the first key is the least recently used.
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(conn: SQLite.Database, max = STATEMENT_CACHE_SIZE) {
    this.#conn = conn;
    this.#max = max;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      // A statement still being iterated (a streamed query) cannot run again until it finishes.
      if (cached.busy) return this.#conn.prepare(sql);
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const stmt = this.#conn.prepare(sql);
    this.#statements.set(sql, stmt);
    if (this.#statements.size > this.#max) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return stmt;
  }

  /** How many statements are kept (for tests). */
  get size(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.#conn.close();
  }
}
