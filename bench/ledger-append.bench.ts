/**
 * Benchmark: ledger append rate (entries/s) through the product's `appendEntry` — canonical JSON,
 * leaf hash, the ledger lock, max(seq), the row and the Merkle nodes it completes — on SQLite (a
 * file in a temp dir, opened by `openDatabase`: WAL, synchronous=FULL) and on PostgreSQL (a fresh
 * schema in the test database, dropped afterwards), for
 *   (a) one entry per transaction, and
 *   (b) 100 entries per transaction.
 * The entry carries a `state` (given, as calendar-service does), so no row projection query runs.
 * Baseline, measured in the same run with the same transaction pattern through the same Kysely
 * driver: a plain INSERT of a row of the same size (same columns and values, a constant hash, seq
 * from a counter) into a scratch table — no hashing, no lock, no tree.
 *
 *   node --import tsx bench/ledger-append.bench.ts
 *   (BENCH_ENTRIES=3000 per case; BENCH_DIALECTS=sqlite,postgres; ZHIFA_TEST_PG_URL as for the tests)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { canonicalJson, type Actor } from '../src/domain/ledger-entry';
import { systemClock } from '../src/services/deps';
import { appendEntry } from '../src/services/ledger';
import { openDatabase, type Database, type DialectName } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';
import { freshDatabase } from '../test/db';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 3000);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[];
const BATCH = 100;
const SLICES = 6;

const actor: Actor = { type: 'user', id: '019a3c5e-7f10-7000-8000-0000000000a1' };
// The shape of a real entry (record.created@1): about 300 bytes of data.
const data = (i: number) => ({
  fileName: `执法记录仪-${String(i).padStart(6, '0')}.mp4`,
  mediaType: 'video/mp4',
  size: 1_234_567_890 + i,
  sha256: 'a3f1c2d4e5b6a7980f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978',
  sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
});
const subjectId = (i: number) => `019a3c5e-7f10-7000-8000-${String(i).padStart(12, '0')}`;

interface Case {
  name: string;
  perTx: number;
}
const CASES: Case[] = [
  { name: '(a) 1 entry/transaction   ', perTx: 1 },
  { name: `(b) ${BATCH} entries/transaction`, perTx: BATCH },
];

async function open(dialect: DialectName): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-append-'));
    const database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'zhifa.sqlite') });
    await migrateToLatest(database);
    return {
      database,
      cleanup: async () => {
        await database.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const d = await freshDatabase('postgres');
  return { database: d, cleanup: () => d.cleanup() };
}

/** The scratch table: the ledger's columns, nothing else (no index but the key, no triggers). */
async function createScratch(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const seqType = dialect === 'postgres' ? 'bigint' : 'integer';
  let t = db.schema.createTable('bench_plain').addColumn('seq', seqType, (c) => c.primaryKey());
  for (const col of ['recorded_at', 'actor_type', 'actor_id', 'action', 'subject_type', 'subject_id'])
    t = t.addColumn(col, 'text', (c) => c.notNull());
  await t
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .execute();
}

async function run(
  dialect: DialectName,
  database: Database,
  perTx: number,
  n: number,
  which: 'product' | 'baseline',
  counter: { next: number },
): Promise<number> {
  const db = database.db;
  const deps = { dialect, clock: systemClock };
  const hash = 'f'.repeat(64);
  const t0 = performance.now();
  for (let done = 0; done < n; done += perTx) {
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < perTx; k++) {
        const i = counter.next++;
        if (which === 'product') {
          await appendEntry(
            trx,
            deps,
            actor,
            'record.created@1',
            { type: 'record', id: subjectId(i) },
            data(i),
            {
              state: data(i),
            },
          );
        } else {
          await (trx as unknown as Plain)
            .insertInto('bench_plain')
            .values({
              seq: i + 1,
              recorded_at: new Date().toISOString(),
              actor_type: actor.type,
              actor_id: actor.id,
              action: 'record.created@1',
              subject_type: 'record',
              subject_id: subjectId(i),
              data: canonicalJson({ ...data(i), state: data(i) }),
              leaf_hash: hash,
            })
            .execute();
        }
      }
    });
  }
  return n / ((performance.now() - t0) / 1000);
}

type Plain = Kysely<{ bench_plain: Record<string, unknown> }>;
const fmt = (x: number) => x.toFixed(0).padStart(7);

console.log(
  `ledger append: ${ENTRIES} entries per case (in ${SLICES} slices alternating with the baseline), ` +
    `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
for (const dialect of DIALECTS) {
  const { database, cleanup } = await open(dialect);
  try {
    await createScratch(database.db as unknown as Kysely<unknown>, dialect);
    if (dialect === 'sqlite') {
      const r = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      const s = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db);
      console.log(
        `\nSQLite (file in ${os.tmpdir()}, journal_mode=${r.rows[0]?.journal_mode}, synchronous=${s.rows[0]?.synchronous} (2 = FULL))`,
      );
    } else console.log(`\nPostgreSQL (${database.pgSchema})`);
    const product = { next: 0 };
    const baseline = { next: 0 };
    // Warm-up: the first transactions of each kind (connection, statement caches, file growth).
    await run(dialect, database, BATCH, 2 * BATCH, 'baseline', baseline);
    await run(dialect, database, BATCH, 2 * BATCH, 'product', product);
    for (const c of CASES) {
      // Alternating slices, so that a busy moment on this shared machine hits both alike.
      let baseS = 0;
      let prodS = 0;
      const slice = Math.max(c.perTx, Math.floor(ENTRIES / SLICES / c.perTx) * c.perTx);
      for (let done = 0; done < ENTRIES; done += slice) {
        baseS += slice / (await run(dialect, database, c.perTx, slice, 'baseline', baseline));
        prodS += slice / (await run(dialect, database, c.perTx, slice, 'product', product));
      }
      const total = Math.ceil(ENTRIES / slice) * slice;
      const base = total / baseS;
      const prod = total / prodS;
      console.log(
        `  ${c.name}  appendEntry ${fmt(prod)} entries/s   baseline plain INSERT ${fmt(base)} rows/s   ratio ${(prod / base).toFixed(3)}`,
      );
    }
  } finally {
    await cleanup();
  }
}
