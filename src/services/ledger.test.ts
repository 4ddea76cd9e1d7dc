import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryLeafHash } from '../domain/ledger-entry';
import { hashChildrenHex } from '../domain/merkle';
import { allNodes, listEntries, rowToEntry } from '../repositories/ledger-repository';
import { getAgency, insertUnit } from '../repositories/org-repository';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test/db';
import { TestClock } from '../../test/app';
import { systemClock, type Deps } from './deps';
import { appendEntries, appendEntry } from './ledger';
import { createAgency, createUnit, listUnits } from './org-service';

describe.each(DIALECTS)('ledger on %s', (dialect) => {
  let db: TestDatabase;
  let deps: Deps;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    deps = { db: db.db, dialect, clock: new TestClock(), adjustedWorkdaysCount: true };
    await createAgency(
      deps,
      { type: 'system', id: 'test' },
      { name: '测试机关', shortName: '测', address: '地址', phone: '1' },
    );
  });
  afterAll(() => db?.cleanup());

  it('PLT-04 every state change writes its entry in the same transaction; a failed change leaves neither', async () => {
    const before = await listEntries(db.db, { limit: 1000 });
    await createUnit(deps, { type: 'user', id: 'u1' }, { name: '执法科' });
    const afterOk = await listEntries(db.db, { limit: 1000 });
    expect(afterOk.length).toBe(before.length + 1);
    expect(afterOk[0]!.action).toBe('unit.created@1');

    // A change that fails after its row was written: the row and the entry both roll back.
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await insertUnit(trx, {
          id: '019a0000-0000-7000-8000-000000000001',
          agency_id: (await getAgency(trx))!.id,
          name: '临时科',
          is_legal_review: 0,
          created_at: 'x',
        });
        await appendEntry(
          trx,
          deps,
          { type: 'user', id: 'u1' },
          'unit.created@1',
          { type: 'unit', id: 'x' },
          { name: '临时科' },
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await listUnits(deps)).map((u) => u.name)).not.toContain('临时科');
    expect((await listEntries(db.db, { limit: 1000 })).length).toBe(afterOk.length);

    // A refused change (duplicate name) writes no entry either.
    await expect(createUnit(deps, { type: 'user', id: 'u1' }, { name: '执法科' })).rejects.toMatchObject({
      code: 'UNIT_NAME_TAKEN',
    });
    expect((await listEntries(db.db, { limit: 1000 })).length).toBe(afterOk.length);
  });

  it('PLT-04 entries are gapless, commit-ordered, and their leaf hashes recompute from the stored columns', async () => {
    const realDeps = { ...deps, clock: systemClock };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        deps.db
          .transaction()
          .execute((trx) =>
            appendEntry(
              trx,
              realDeps,
              { type: 'system', id: 'test' },
              'test.appended@1',
              { type: 'test', id: String(i) },
              { i },
            ),
          ),
      ),
    );
    const rows = (await listEntries(db.db, { limit: 1000 })).reverse();
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(entryLeafHash(rowToEntry(r))).toBe(r.leaf_hash);
    });
  });

  it('appendEntries gives the entries, leaf hashes and stored nodes of as many appendEntry calls', async () => {
    const actor = { type: 'user' as const, id: 'u1' };
    // Single appends first, so that the batch starts mid-tree and needs older left siblings.
    for (let i = 0; i < 5; i++)
      await deps.db
        .transaction()
        .execute((trx) =>
          appendEntry(trx, deps, actor, 'unit.created@1', { type: 'unit', id: `single-${i}` }, { i }),
        );
    const before = (await listEntries(db.db, { limit: 10_000 })).length;
    const items = Array.from({ length: 70 }, (_, i) => ({
      action: 'unit.created@1' as const,
      subject: { type: 'unit', id: `batch-${i}` },
      data: { i },
    }));
    const made = await deps.db.transaction().execute((trx) => appendEntries(trx, deps, actor, items));
    expect(made.map((e) => e.seq)).toEqual(items.map((_, i) => before + i + 1));
    await deps.db
      .transaction()
      .execute((trx) => appendEntry(trx, deps, actor, 'unit.created@1', { type: 'unit', id: 'after' }, {}));

    const rows = (await listEntries(db.db, { limit: 10_000 })).reverse();
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(entryLeafHash(rowToEntry(r))).toBe(r.leaf_hash);
    });
    // Every perfect subtree of the leaves is stored once, with the hash recomputed from them.
    const leaves = rows.map((r) => r.leaf_hash);
    const subtree = (level: number, idx: number): string =>
      level === 0
        ? leaves[idx]!
        : hashChildrenHex(subtree(level - 1, 2 * idx), subtree(level - 1, 2 * idx + 1));
    const expected = new Map<string, string>();
    for (let level = 1; 2 ** level <= leaves.length; level++)
      for (let idx = 0; (idx + 1) * 2 ** level <= leaves.length; idx++)
        expected.set(`${level}/${idx}`, subtree(level, idx));
    const stored = await allNodes(db.db, 0, -1, 100_000);
    expect(new Map(stored.map((n) => [`${Number(n.level)}/${Number(n.idx)}`, n.hash]))).toEqual(expected);
  });
});
