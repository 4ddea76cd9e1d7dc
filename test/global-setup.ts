import pg from 'pg';
import { PG_URL, testDialects } from './db';

/**
 * Drops test schemas left behind by runs that died before their clean-up (the schema name
 * carries the test process id; a schema whose process is gone belongs to nobody).
 */
export default async function setup(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  try {
    await c.connect();
  } catch (e) {
    // A run limited to SQLite (ZHIFA_TEST_DIALECTS=sqlite) may go without PostgreSQL.
    if (!testDialects().includes('postgres')) return;
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL}: run scripts/test-all.sh (it starts it). ${(e as Error).message}`,
    );
  }
  try {
    const { rows } = await c.query<{ name: string }>(
      "select schema_name as name from information_schema.schemata where schema_name ~ '^t_[0-9]+_[0-9a-f]+$'",
    );
    for (const { name } of rows) {
      const pid = Number(name.split('_')[1]);
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive) await c.query(`drop schema if exists ${name} cascade`);
    }
  } finally {
    await c.end();
  }
}
