import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import type { DB } from './schema';
import { SqliteRowLocks } from './row-locks';
import { CachedStatements } from './statement-cache';

export type DialectName = 'sqlite' | 'postgres';

/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** PostgreSQL: the schema the tables live in, when not the default. */
  pgSchema?: string;
  /** PostgreSQL: the connection string, for what needs connections of its own (upload locks). */
  pgUrl?: string;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL only: use this schema (created if missing). Lets test runs not collide. */
  pgSchema?: string;
  pgPoolSize?: number;
}

export async function openDatabase(cfg: Config['database'], opts: DatabaseOptions = {}): Promise<Database> {
  if (cfg.kind === 'sqlite') {
    if (cfg.file !== ':memory:') fs.mkdirSync(path.dirname(cfg.file), { recursive: true });
    const conn = new SQLite(cfg.file);
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
    // FULL: a committed ledger entry survives a power cut, not only a process crash.
    conn.pragma('synchronous = FULL');
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: new CachedStatements(conn) }),
      plugins: [new SqliteRowLocks()],
    });
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  if (!opts.pgSchema && cfg.schema) opts = { ...opts, pgSchema: cfg.schema };
  if (opts.pgSchema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(opts.pgSchema)) throw new Error('bad schema name');
    const admin = new pg.Client({ connectionString: cfg.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${opts.pgSchema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: cfg.url,
    max: opts.pgPoolSize ?? 10,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    // bigint (int8) as a JS number: our counts and sequence numbers stay far below 2^53.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20
          ? (v: string) => Number(v)
          : (pg.types.getTypeParser(oid, format as 'text') as (v: string) => unknown),
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    pgUrl: cfg.url,
    ...(opts.pgSchema && { pgSchema: opts.pgSchema }),
    destroy: () => db.destroy(),
  };
}
