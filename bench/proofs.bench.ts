/**
 * Benchmark: Merkle root and inclusion-proof time at 1,000,000 ledger entries on SQLite — the
 * product's `rootAt(size, nodeGetter(db))` and `inclusionProof(index, size, nodeGetter(db))` (and
 * the `inclusion` service behind GET /transparency/proof/inclusion) for random sizes and indexes,
 * mean and p99 over a few hundred calls, with the number of node reads each does (O(log n)).
 * Baseline, interleaved with them in the same run: one indexed `SELECT leaf_hash FROM ledger WHERE
 * seq = ?` through the same Kysely driver (the repository's `leafHashAt`).
 *
 * The ledger is built fast by inserting rows directly (better-sqlite3, big transactions) with leaf
 * hashes from `entryLeafHash` and interior nodes from `CompactRange` — the values `appendEntry`
 * stores. That this is the product's tree is checked, not assumed: `rootAt` at the sampled sizes
 * must equal the roots the in-memory tree had at those sizes, one more entry is appended through
 * `appendEntry` on top of the stored nodes, every proof is checked with `verifyInclusion`, and
 * `verifyLedger` recomputes all 1M leaves and nodes from the rows (BENCH_VERIFY=0 skips it).
 *
 *   node --import tsx bench/proofs.bench.ts
 *   (BENCH_ENTRIES=1000000 BENCH_CALLS=500 BENCH_VERIFY=1; ~0.6 GB in a temp dir, removed at the end)
 */
import { createHash, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadTransparency } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { CompactRange } from '../src/domain/compact-range';
import { canonicalJson, entryBytes, entryLeafHash, type LedgerEntry } from '../src/domain/ledger-entry';
import {
  consistencyProof,
  fromHex,
  hashesEqual,
  inclusionProof,
  rootAt,
  toHex,
  verifyInclusion,
  type NodeGetter,
} from '../src/domain/merkle';
import { leafHashAt, rowToEntry } from '../src/repositories/ledger-repository';
import { systemClock, type Deps } from '../src/services/deps';
import { appendEntry } from '../src/services/ledger';
import { inclusion, nodeGetter } from '../src/services/transparency-service';
import { verifyLedger } from '../src/services/verify-service';
import { openDatabase } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';

const N = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const VERIFY = process.env.BENCH_VERIFY !== '0';
const TX_ROWS = 50_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-proofs-'));
const file = path.join(dir, 'zhifa.sqlite');
try {
  await main();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  console.log(`proofs: ${N} entries on SQLite, ${CALLS} calls per figure, ${os.cpus().length} cores`);
  const created = await openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(created);
  await created.destroy();

  // ---- Build the ledger and its stored nodes directly.
  const sampleSizes = new Set<number>([N]);
  while (sampleSizes.size < CALLS) sampleSizes.add(1 + randomInt(N));
  const rootsAt = new Map<number, Uint8Array>();
  const tree = new CompactRange();
  const t0 = performance.now();
  {
    const conn = new SQLite(file);
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = OFF'); // the build only; the benchmark reopens it as the product does
    const insLeaf = conn.prepare(
      `insert into ledger (seq, recorded_at, actor_type, actor_id, action, subject_type, subject_id, data, leaf_hash)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insNode = conn.prepare('insert into ledger_nodes (level, idx, hash) values (?, ?, ?)');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const batch = conn.transaction((from: number, to: number) => {
      for (let seq = from; seq <= to; seq++) {
        const data = {
          fileName: `执法记录仪-${seq}.mp4`,
          mediaType: 'video/mp4',
          size: 100_000 + seq,
          sha256: (seq * 2654435761).toString(16).padStart(64, '0'),
        };
        const canonicalData = canonicalJson(data);
        const entry: LedgerEntry = {
          seq,
          recordedAt: new Date(start + seq * 1000).toISOString(),
          actor: { type: 'user', id: `019a3c5e-7f10-7000-8000-${String(seq % 97).padStart(12, '0')}` },
          action: 'record.created@1',
          subject: { type: 'record', id: `019a3c5e-7f10-7000-9000-${String(seq).padStart(12, '0')}` },
          data: JSON.parse(canonicalData) as unknown,
        };
        const leaf = entryLeafHash(entry);
        insLeaf.run(
          seq,
          entry.recordedAt,
          entry.actor.type,
          entry.actor.id,
          entry.action,
          entry.subject.type,
          entry.subject.id,
          canonicalData,
          leaf,
        );
        for (const n of tree.push(fromHex(leaf))) insNode.run(n.level, n.index, toHex(n.hash));
        if (sampleSizes.has(tree.size)) rootsAt.set(tree.size, tree.root());
      }
    });
    for (let from = 1; from <= N; from += TX_ROWS) batch(from, Math.min(N, from + TX_ROWS - 1));
    conn.pragma('wal_checkpoint(TRUNCATE)');
    conn.close();
  }
  const buildS = (performance.now() - t0) / 1000;
  console.log(
    `built ${N} entries + their nodes in ${buildS.toFixed(1)} s (direct inserts); database ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`,
  );

  // ---- Reopen as the product does and check that this is the product's tree.
  const database = await openDatabase({ kind: 'sqlite', file });
  const db = database.db;
  const deps: Deps = { db, dialect: 'sqlite', clock: systemClock, adjustedWorkdaysCount: true };
  const get = nodeGetter(db);
  for (const [size, root] of rootsAt)
    if (!hashesEqual(await rootAt(size, get), root))
      throw new Error(`rootAt(${size}) differs from the built tree`);
  const appended = await db
    .transaction()
    .execute((trx) =>
      appendEntry(
        trx,
        deps,
        { type: 'system', id: 'bench' },
        'bench.appended@1',
        { type: 'bench', id: 'x' },
        { n: N + 1 },
      ),
    );
  tree.push(fromHex(entryLeafHash(appended)));
  if (appended.seq !== N + 1 || !hashesEqual(await rootAt(N + 1, get), tree.root()))
    throw new Error('appendEntry on top of the built tree gives another root');
  console.log(
    `checked: rootAt at ${rootsAt.size} sizes = the built tree's; appendEntry #${N + 1} extends it`,
  );
  const size = N + 1;

  // ---- Timings, interleaved; node reads counted.
  let reads = 0;
  const counted: NodeGetter = (level, index) => {
    reads++;
    return get(level, index);
  };
  const sizes = [...rootsAt.keys()];
  const t = { base: [] as number[], root: [] as number[], proof: [] as number[], service: [] as number[] };
  const readsOf = { root: [] as number[], proof: [] as number[] };
  const time = async <T>(into: number[], f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    into.push(performance.now() - s);
    return r;
  };
  for (let k = -20; k < CALLS; k++) {
    const warm = k < 0; // the first rounds warm caches and the JIT; not counted
    const sz = sizes[Math.abs(k) % sizes.length]!;
    const i = randomInt(sz);
    const sink = {
      base: [] as number[],
      root: [] as number[],
      proof: [] as number[],
      service: [] as number[],
    };
    const into = warm ? sink : t;
    await time(into.base, () => leafHashAt(db, randomInt(size)));
    reads = 0;
    const root = await time(into.root, () => rootAt(sz, counted));
    if (!warm) readsOf.root.push(reads);
    reads = 0;
    const proof = await time(into.proof, () => inclusionProof(i, sz, counted));
    if (!warm) readsOf.proof.push(reads);
    await time(into.service, () => inclusion(deps, i, sz));
    if (!verifyInclusion(i, sz, await get(0, i), proof, root))
      throw new Error(`inclusion proof ${i} in ${sz} does not verify`);
  }
  // And a few consistency proofs, for the record.
  const cons: number[] = [];
  for (let k = 0; k < 100; k++) {
    const b = 2 + randomInt(size - 1);
    const a = 1 + randomInt(b - 1);
    await time(cons, () => consistencyProof(a, b, get));
  }

  const stat = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return {
      mean: s.reduce((a, b) => a + b, 0) / s.length,
      p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]!,
    };
  };
  const base = stat(t.base);
  const line = (name: string, xs: number[], extra = '') => {
    const s = stat(xs);
    console.log(
      `${name.padEnd(46)} mean ${s.mean.toFixed(3).padStart(7)} ms  p99 ${s.p99.toFixed(3).padStart(7)} ms   ratio ${(s.mean / base.mean).toFixed(1).padStart(5)}× baseline mean${extra}`,
    );
  };
  const avg = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
  console.log(
    `\ntree size ${size} (log2 = ${Math.log2(size).toFixed(1)}); random sizes ≤ ${size}, random index < size`,
  );
  console.log(
    `${'baseline  SELECT leaf_hash WHERE seq = ? (1 row)'.padEnd(46)} mean ${base.mean.toFixed(3).padStart(7)} ms  p99 ${base.p99.toFixed(3).padStart(7)} ms`,
  );
  line(
    'rootAt(size, nodeGetter(db))',
    t.root,
    `   node reads mean ${avg(readsOf.root)}, max ${Math.max(...readsOf.root)}`,
  );
  line(
    'inclusionProof(i, size, nodeGetter(db))',
    t.proof,
    `   node reads mean ${avg(readsOf.proof)}, max ${Math.max(...readsOf.proof)}`,
  );
  line('inclusion(deps, i, size) (the HTTP service)', t.service);
  line('consistencyProof(a, b, nodeGetter(db))', cons);

  if (VERIFY) {
    const config = loadConfig({ ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    // Baseline, before and after the product (the better of the two): one pass over the rows as
    // stored — read back in seq order through better-sqlite3, each entry's canonical bytes
    // (`entryBytes`) hashed with SHA-256. That is the least any verifier of these entries must do.
    // A second, stricter one: the same pass with each entry's leaf hash computed as the verifier
    // computes it (`entryLeafHash`, a one-shot digest of the same bytes with the 0x00 prefix, which
    // costs less than the hash object above) — all that `verifyLedger` adds to it is its own work.
    const baselinePass = (asLeaf = false) => {
      const conn = new SQLite(file, { readonly: true });
      const c = process.cpuUsage();
      const s = performance.now();
      let n = 0;
      let bytes = 0;
      for (const r of conn.prepare('select * from ledger order by seq').iterate() as IterableIterator<
        Parameters<typeof rowToEntry>[0]
      >) {
        n++;
        if (asLeaf) {
          entryLeafHash(rowToEntry(r));
          continue;
        }
        const b = entryBytes(rowToEntry(r));
        createHash('sha256').update(b).digest();
        bytes += b.length;
      }
      const secs = (performance.now() - s) / 1000;
      conn.close();
      return { n, bytes, secs, cpu: cpuSecs(c) };
    };
    const b1 = baselinePass();
    const l1 = baselinePass(true);
    // Two passes of the product as well, the better kept (wall and CPU each), as for the baselines.
    const verifyPass = async () => {
      const c = process.cpuUsage();
      const s = performance.now();
      const report = await verifyLedger(deps, loadTransparency(config));
      return { report, secs: (performance.now() - s) / 1000, cpu: cpuSecs(c) };
    };
    const v1 = await verifyPass();
    const v2 = await verifyPass();
    const { report } = v1;
    const secs = Math.min(v1.secs, v2.secs);
    const cpu = Math.min(v1.cpu, v2.cpu);
    const l2 = baselinePass(true);
    const b2 = baselinePass();
    const base = b1.secs <= b2.secs ? b1 : b2;
    const leaves = Math.min(l1.secs, l2.secs);
    // CPU seconds too (user + system, all threads): on a shared machine wall time counts the waits
    // for a core, which vary from pass to pass; CPU time counts only the work.
    const baseCpu = Math.min(b1.cpu, b2.cpu);
    const leavesCpu = Math.min(l1.cpu, l2.cpu);
    if (report.problems.length > 0 || report.entries !== size || v2.report.problems.length > 0)
      throw new Error(
        `verifyLedger: ${report.entries} entries, problems ${JSON.stringify(report.problems.slice(0, 3))}`,
      );
    console.log(
      `\nbaseline SHA-256 of every entry's canonical bytes, read back in one pass: ${base.n} entries, ${(base.bytes / 1e6).toFixed(0)} MB in ${base.secs.toFixed(2)} s (${(base.n / base.secs).toFixed(0)} entries/s; passes ${b1.secs.toFixed(2)} s and ${b2.secs.toFixed(2)} s, load average ${os.loadavg()[0]!.toFixed(1)}); CPU ${baseCpu.toFixed(2)} s`,
    );
    console.log(
      `verifyLedger: ${report.entries} entries and ${report.nodes} nodes recomputed, no problems, in ${secs.toFixed(1)} s (${(report.entries / secs).toFixed(0)} entries/s; passes ${v1.secs.toFixed(2)} s and ${v2.secs.toFixed(2)} s)  ratio ${(base.secs / secs).toFixed(3)}; CPU ${cpu.toFixed(2)} s, ratio ${(baseCpu / cpu).toFixed(3)}`,
    );
    console.log(
      `stricter baseline, the same pass hashed with entryLeafHash: ${leaves.toFixed(2)} s (passes ${l1.secs.toFixed(2)} s and ${l2.secs.toFixed(2)} s)  ratio ${(leaves / secs).toFixed(3)}; CPU ${leavesCpu.toFixed(2)} s, ratio ${(leavesCpu / cpu).toFixed(3)}`,
    );
  }
  await database.destroy();
}

/** CPU seconds (user + system, all threads) since `from`. */
function cpuSecs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}
