import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedStatements } from './statement-cache';

interface Scratch {
  t: { id: number; name: string };
}

describe('SQLite prepared-statement cache', () => {
  const open: Kysely<Scratch>[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });

  function scratch(max?: number) {
    const conn = new SQLite(':memory:');
    conn.exec('create table t (id integer primary key, name text not null)');
    const cache = new CachedStatements(conn, max);
    const db = new Kysely<Scratch>({ dialect: new SqliteDialect({ database: cache }) });
    open.push(db);
    return { conn, cache, db };
  }

  it('reuses the statement of a SQL text and prepares distinct texts apart', () => {
    const { cache } = scratch();
    const a = cache.prepare('select * from t where id = ?');
    expect(cache.prepare('select * from t where id = ?')).toBe(a);
    const b = cache.prepare('select * from t where name = ?');
    expect(b).not.toBe(a);
    expect(cache.size).toBe(2);
  });

  it('binds each run’s parameters afresh through Kysely', async () => {
    const { db, cache } = scratch();
    await db
      .insertInto('t')
      .values([
        { id: 1, name: '甲' },
        { id: 2, name: '乙' },
      ])
      .execute();
    const byId = (id: number) => db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst();
    expect(await byId(1)).toEqual({ name: '甲' });
    const size = cache.size;
    expect(await byId(2)).toEqual({ name: '乙' });
    expect(await byId(3)).toBeUndefined();
    expect(cache.size).toBe(size);
  });

  it('is bounded: the least recently used statement is dropped first', () => {
    const { cache } = scratch(3);
    const q = (n: number) => `select ${n} as n`;
    const first = cache.prepare(q(1));
    cache.prepare(q(2));
    cache.prepare(q(3));
    expect(cache.prepare(q(1))).toBe(first); // now the most recently used
    cache.prepare(q(4)); // drops 2
    expect(cache.size).toBe(3);
    expect(cache.prepare(q(1))).toBe(first);
    const second = cache.prepare(q(2));
    expect(second.all([])).toEqual([{ n: 2 }]);
    expect(cache.size).toBe(3);
  });

  it('sees schema changes made after a statement was cached', async () => {
    const { db, conn } = scratch();
    await db.insertInto('t').values({ id: 1, name: '甲' }).execute();
    const all = () => sql<Record<string, unknown>>`select * from t order by id`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1, name: '甲' }]);
    conn.exec("alter table t add column note text not null default '备注'");
    expect((await all()).rows).toEqual([{ id: 1, name: '甲', note: '备注' }]);
  });

  it('transactions commit and roll back with cached begin/commit/rollback statements', async () => {
    const { db } = scratch();
    for (let i = 1; i <= 3; i++)
      await db.transaction().execute((trx) =>
        trx
          .insertInto('t')
          .values({ id: i, name: `n${i}` })
          .execute(),
      );
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 9, name: 'x' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const ids = (await db.selectFrom('t').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toEqual([1, 2, 3]);
  });

  it('a statement still being iterated is not handed out again', async () => {
    const { db, cache } = scratch();
    await db
      .insertInto('t')
      .values([1, 2, 3].map((id) => ({ id, name: `n${id}` })))
      .execute();
    const text = 'select id from t order by id';
    const iterating = cache.prepare(text);
    const it = iterating.iterate([]);
    it.next();
    const again = cache.prepare(text);
    expect(again).not.toBe(iterating);
    expect(again.all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    it.return?.();
    expect(cache.prepare(text)).toBe(iterating);
  });
});
