import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency } from '../src/bootstrap';
import type { Deps } from '../src/services/deps';
import { verifyLedger } from '../src/services/verify-service';
import { testConfig, TestClock } from './app';
import { freshDatabase, type TestDatabase } from './db';

const run = promisify(execFile);

describe('one order, many writers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('postgres');
  });
  afterAll(() => db?.cleanup());

  it('PLT-04 two processes appending concurrently to one PostgreSQL database make one gapless ledger that verifies', async () => {
    const worker = path.resolve(import.meta.dirname, 'append-worker.ts');
    const N = 150;
    await Promise.all(
      ['node-a', 'node-b'].map((who) =>
        run(process.execPath, ['--import', 'tsx', worker, db.url, db.pgSchema!, who, String(N)]),
      ),
    );
    const rows = await db.db.selectFrom('ledger').select(['seq', 'actor_id']).orderBy('seq').execute();
    expect(rows.length).toBe(2 * N);
    rows.forEach((r, i) => expect(r.seq).toBe(i + 1));
    // The writers really interleaved.
    const switches = rows.filter((r, i) => i > 0 && r.actor_id !== rows[i - 1]!.actor_id).length;
    expect(switches).toBeGreaterThan(1);
    const deps: Deps = {
      db: db.db,
      dialect: 'postgres',
      clock: new TestClock(),
      adjustedWorkdaysCount: true,
    };
    const report = await verifyLedger(deps, loadTransparency(testConfig()));
    expect(report.problems).toEqual([]);
    expect(report.entries).toBe(2 * N);
  });
});
