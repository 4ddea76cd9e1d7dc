import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';

/** Every repository and service test runs on both dialects. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export const PG_URL = process.env.ZHIFA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  /** Drops what the test created (the PostgreSQL schema); closes the pool. */
  cleanup(): Promise<void>;
  /** A config fragment that opens the same database again (e.g. from a second process). */
  url: string;
  pgSchema?: string;
}

/** A fresh, migrated database: in-memory SQLite, or a new PostgreSQL schema in the test database. */
export async function freshDatabase(
  dialect: DialectName,
  opts: { sqliteFile?: string } = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const file = opts.sqliteFile ?? ':memory:';
    const d = await openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(d);
    return { ...d, cleanup: () => d.destroy(), url: `sqlite:${file}` };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const d = await openDatabase({ kind: 'postgres', url: PG_URL }, { pgSchema: schema, pgPoolSize: 4 });
  await migrateToLatest(d);
  return {
    ...d,
    url: PG_URL,
    pgSchema: schema,
    cleanup: async () => {
      await d.destroy();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
