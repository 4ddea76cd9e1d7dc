import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTransparency } from '../src/bootstrap';
import { syncPackageCalendar } from '../src/services/calendar-service';
import { CLI, type Deps } from '../src/services/deps';
import { createUnit } from '../src/services/org-service';
import { seedDemo } from '../src/services/seed-service';
import { makeCheckpoint, type Transparency } from '../src/services/transparency-service';
import { verifyLedger, type Problem } from '../src/services/verify-service';
import type { DialectName } from '../src/storage/database';
import { testConfig, TestClock } from './app';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';

/** Lifts the database's append-only guard, as an attacker with database access would. */
async function dropGuard(db: TestDatabase, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`drop trigger ledger_no_update`.execute(db.db);
    await sql`drop trigger ledger_no_delete`.execute(db.db);
  } else await sql`drop trigger ledger_append_only on ledger`.execute(db.db);
}

const kinds = (ps: Problem[]) => [...new Set(ps.map((p) => p.kind))].sort();

describe.each(DIALECTS)('tamper drills on %s (zhifa verify)', (dialect) => {
  let db: TestDatabase;
  let deps: Deps;
  let t: Transparency;
  let dir: string;
  beforeEach(async () => {
    db = await freshDatabase(dialect);
    deps = { db: db.db, dialect, clock: new TestClock(), adjustedWorkdaysCount: true };
    const config = testConfig();
    dir = config.dataDir;
    t = loadTransparency(config);
    await syncPackageCalendar(deps);
    await seedDemo(deps);
    await makeCheckpoint(deps, t);
    for (let i = 0; i < 5; i++) await createUnit(deps, CLI, { name: `科室${i}` });
  });
  afterEach(async () => {
    await db.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PLT-04 an untouched ledger verifies intact', async () => {
    const r = await verifyLedger(deps, t);
    expect(r.problems).toEqual([]);
    expect(r.entries).toBeGreaterThan(50);
    expect(r.checkpoints).toBe(2); // the stored one and the copy outside the database
  });

  it('PLT-04 an edited ledger entry is found and named by its sequence number', async () => {
    await dropGuard(db, dialect);
    await db.db.updateTable('ledger').set({ data: '{"name":"伪造科"}' }).where('seq', '=', 30).execute();
    const r = await verifyLedger(deps, t);
    const altered = r.problems.filter((p) => p.kind === 'ledger.entryAltered');
    expect(altered.map((p) => p.where)).toEqual([expect.stringMatching(/^ledger seq 30 /)]);
    // The signed checkpoint covers seq 30: its root no longer matches.
    expect(kinds(r.problems)).toContain('checkpoint.mismatch');
  });

  it('PLT-04 a deleted ledger entry shows as a gap', async () => {
    await dropGuard(db, dialect);
    await db.db.deleteFrom('ledger').where('seq', '=', 40).execute();
    const r = await verifyLedger(deps, t);
    expect(r.problems.find((p) => p.kind === 'ledger.gap')?.where).toBe('ledger seq 40–40');
  });

  it('PLT-04 two swapped entries are both named', async () => {
    await dropGuard(db, dialect);
    const [a, b] = await db.db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', 'in', [20, 21])
      .orderBy('seq')
      .execute();
    const { seq: _sa, ...restA } = a!;
    const { seq: _sb, ...restB } = b!;
    await db.db.updateTable('ledger').set(restB).where('seq', '=', 20).execute();
    await db.db.updateTable('ledger').set(restA).where('seq', '=', 21).execute();
    const r = await verifyLedger(deps, t);
    expect(
      r.problems.filter((p) => p.kind === 'ledger.entryAltered').map((p) => p.where.split(' (')[0]),
    ).toEqual(['ledger seq 20', 'ledger seq 21']);
  });

  it('PLT-04 a truncated ledger is found against the signed checkpoint', async () => {
    await makeCheckpoint(deps, t);
    await dropGuard(db, dialect);
    const last = Number(
      (
        await db.db
          .selectFrom('ledger')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    await db.db
      .deleteFrom('ledger')
      .where('seq', '>', last - 3)
      .execute();
    const r = await verifyLedger(deps, t);
    expect(kinds(r.problems)).toEqual(expect.arrayContaining(['checkpoint.ahead', 'tree.extraNodes']));
    expect(r.problems.find((p) => p.kind === 'checkpoint.ahead')!.detail).toContain(`${last}`);
  });

  it('PLT-04 an old backup restored while a newer checkpoint exists is found', async () => {
    // What an older backup holds: the history up to the first checkpoint, and that checkpoint only.
    const first = Number(
      (
        await db.db
          .selectFrom('checkpoints')
          .select((eb) => eb.fn.min('tree_size').as('s'))
          .executeTakeFirstOrThrow()
      ).s,
    );
    await makeCheckpoint(deps, t); // newer history, signed and published
    await dropGuard(db, dialect);
    await db.db.deleteFrom('ledger').where('seq', '>', first).execute();
    await db.db.deleteFrom('checkpoints').where('tree_size', '>', first).execute();
    await db.db.deleteFrom('ledger_nodes').execute();
    // Even with the tree rebuilt to look consistent, the copy outside the database remembers.
    const r = await verifyLedger(deps, t);
    const ahead = r.problems.filter((p) => p.kind === 'checkpoint.ahead');
    expect(ahead.map((p) => p.where)).toEqual([expect.stringContaining('latest-checkpoint.note')]);
    // A checkpoint kept by an outsider (a witness) is checked too.
    const witness = path.join(os.tmpdir(), `witness-${process.pid}.note`);
    fs.copyFileSync(t.copyFile!, witness);
    fs.rmSync(t.copyFile!);
    const r2 = await verifyLedger(deps, t, { extraCheckpoints: [witness] });
    expect(r2.problems.filter((p) => p.kind === 'checkpoint.ahead').map((p) => p.where)).toEqual([
      `file ${witness}`,
    ]);
    fs.rmSync(witness);
  });

  it('PLT-04 a row field edited in the database is found and named, as are deleted and unrecorded rows', async () => {
    const officer = await db.db
      .selectFrom('officers')
      .selectAll()
      .where('name', '=', '李明')
      .executeTakeFirstOrThrow();
    await db.db.updateTable('officers').set({ post: '处长' }).where('id', '=', officer.id).execute();
    const cert = await db.db
      .selectFrom('certificates')
      .selectAll()
      .where('state', '=', 'suspended')
      .executeTakeFirstOrThrow();
    await db.db.updateTable('certificates').set({ state: 'valid' }).where('id', '=', cert.id).execute();
    const token = await db.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await db.db
      .updateTable('users')
      .set({ password_hash: 'scrypt$1$1$1$AAAA$BBBB' })
      .where('id', '=', token.id)
      .execute();
    const r = await verifyLedger(deps, t);
    const got = r.problems.map((p) => `${p.kind} ${p.where} ${p.detail.split(': ')[1] ?? ''}`);
    expect(got).toEqual(
      expect.arrayContaining([
        `row.altered officers id ${officer.id} post`,
        `row.altered certificates id ${cert.id} state`,
        `row.altered users id ${token.id} passwordDigest`,
      ]),
    );
    expect(r.problems).toHaveLength(3);

    await db.db
      .insertInto('units')
      .values({
        id: '01a00000-0000-7000-8000-000000000099',
        agency_id: officer.agency_id,
        name: '暗设科',
        is_legal_review: 0,
        created_at: 'x',
      })
      .execute();
    await db.db
      .deleteFrom('user_roles')
      .where('user_id', 'in', db.db.selectFrom('users').select('id').where('username', '=', 'supervisor'))
      .execute();
    const r2 = await verifyLedger(deps, t);
    expect(r2.problems.map((p) => `${p.kind} ${p.where}`)).toEqual(
      expect.arrayContaining([
        'row.unrecorded units id 01a00000-0000-7000-8000-000000000099',
        expect.stringMatching(/^row.altered users id /),
      ]),
    );
  });

  it('PLT-04 a deleted tree node is named as missing, and only it: the nodes beside it still compare', async () => {
    await db.db.deleteFrom('ledger_nodes').where('level', '=', 1).where('idx', '=', 5).execute();
    await db.db.deleteFrom('ledger_nodes').where('level', '=', 3).where('idx', '=', 0).execute();
    await db.db
      .updateTable('ledger_nodes')
      .set({ hash: '00'.repeat(32) })
      .where('level', '=', 1)
      .where('idx', '=', 6)
      .execute();
    const r = await verifyLedger(deps, t);
    expect(r.problems.map((p) => `${p.kind} ${p.where}`).sort()).toEqual([
      'tree.nodeAltered ledger_nodes level 1 idx 6',
      'tree.nodeMissing ledger_nodes level 1 idx 5',
      'tree.nodeMissing ledger_nodes level 3 idx 0',
    ]);
  });

  it('PLT-04 an altered tree node or a forged checkpoint is found', async () => {
    await db.db
      .updateTable('ledger_nodes')
      .set({ hash: '00'.repeat(32) })
      .where('level', '=', 2)
      .where('idx', '=', 3)
      .execute();
    await db.db.updateTable('checkpoints').set({ note: 'forged\n1\nAAAA\n\n— x y\n' }).execute();
    const r = await verifyLedger(deps, t);
    expect(r.problems.map((p) => `${p.kind} ${p.where}`)).toEqual(
      expect.arrayContaining([
        'tree.nodeAltered ledger_nodes level 2 idx 3',
        expect.stringMatching(/^checkpoint.badSignature checkpoints tree_size/),
      ]),
    );
  });
});
