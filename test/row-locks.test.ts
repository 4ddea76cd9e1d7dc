import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockLoginFailure } from '../src/repositories/user-repository';
import { lockLedger } from '../src/storage/row-locks';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';

const row = (key: string) => ({
  key,
  user_id: null,
  source: '127.0.0.x',
  last_failed_at: '2026-01-01T00:00:00Z',
});

describe.each(DIALECTS)('row locks on %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(() => db?.cleanup());

  const lockingQuery = () =>
    db.db
      .selectFrom('case_timers')
      .selectAll()
      .where('fired_at', 'is', null)
      .where('case_id', 'in', (eb) => eb.selectFrom('cases').select('id').forUpdate())
      .forUpdate()
      .skipLocked();

  it('the handle decides: FOR UPDATE … SKIP LOCKED is sent to PostgreSQL and stripped on SQLite', async () => {
    const text = lockingQuery().compile().sql.toLowerCase();
    if (dialect === 'postgres') {
      expect(text).toMatch(/for update skip locked$/);
      expect(text.match(/for update/g)).toHaveLength(2);
    } else {
      expect(text).not.toMatch(/for update|skip locked/);
      // Without the handle's plugin SQLite refuses the clause: the plugin is what makes it run.
      await expect(
        db.db.withoutPlugins().selectFrom('cases').selectAll().forUpdate().execute(),
      ).rejects.toThrow();
    }
    await expect(lockingQuery().execute()).resolves.toEqual([]);
  });

  it('a repository lock holds the row until commit on PostgreSQL and is a plain read on SQLite', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // The row exists first (committed), so another connection sees it to wait for.
    await db.db.transaction().execute((trx) => lockLoginFailure(trx, row('k1')));
    const holder = db.db.transaction().execute(async (trx) => {
      const got = await lockLoginFailure(trx, row('k1'));
      expect(got.failed_count).toBe(0);
      await lockLedger(trx);
      locked();
      await released;
    });
    await isLocked;
    if (dialect === 'postgres') {
      // Another connection may not take the same row while the first transaction holds it.
      await expect(
        db.db.selectFrom('login_failures').selectAll().where('key', '=', 'k1').forUpdate().noWait().execute(),
      ).rejects.toThrow(/could not obtain lock/);
      // Nor the ledger's advisory lock.
      const probe = await db.db
        .selectNoFrom((eb) => eb.fn<boolean>('pg_try_advisory_lock', [eb.lit(7013224)]).as('got'))
        .executeTakeFirstOrThrow();
      expect(probe.got).toBe(false);
    }
    release();
    await holder;
    await expect(
      db.db.selectFrom('login_failures').select('key').where('key', '=', 'k1').forUpdate().execute(),
    ).resolves.toEqual([{ key: 'k1' }]);
  });
});
