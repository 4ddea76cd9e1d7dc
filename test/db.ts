import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';

const ALL_DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/**
 * The dialects `ZHIFA_TEST_DIALECTS` names (`sqlite`, `postgres` or `sqlite,postgres`), all of them
 * when it is unset; an unknown name fails rather than silently running nothing.
 */
export function testDialects(value = process.env.ZHIFA_TEST_DIALECTS): readonly DialectName[] {
  if (value === undefined || value.trim() === '') return ALL_DIALECTS;
  const names = value.split(/[,|\s]+/u).filter((n) => n !== '');
  for (const n of names)
    if (!(ALL_DIALECTS as readonly string[]).includes(n))
      throw new Error(
        `ZHIFA_TEST_DIALECTS: unknown dialect ${JSON.stringify(n)} (use ${ALL_DIALECTS.join(', ')})`,
      );
  return ALL_DIALECTS.filter((d) => names.includes(d));
}

/** Every repository and service test runs on both dialects (or those ZHIFA_TEST_DIALECTS names). */
export const DIALECTS: readonly DialectName[] = testDialects();

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
