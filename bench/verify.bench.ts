/**
 * Benchmark: `verifyLedger(deps, transparency, { blobs })` throughput on record content — MB/s
 * (10^6 bytes) of blob content re-hashed, over the whole verification (ledger, rows and blobs).
 * Data, made through the product on SQLite with the fs blob store in a temp dir: 20 records of
 * 50 MiB random bytes (`createRecord`), and a few thousand more ledger entries from retrievals
 * (`retrieve`, each a retrievals row and its entry). Baseline in the same run: raw SHA-256
 * (node:crypto) streaming the same blob files with fs.createReadStream, one after another.
 * Both read from the page cache (the content was just written; a warm-up pass reads it once);
 * baseline and verifier alternate for BENCH_ROUNDS rounds and the best time of each is shown.
 *
 *   node --import tsx bench/verify.bench.ts
 *   (BENCH_FILES=20 BENCH_FILE_MIB=50 BENCH_RETRIEVALS=3000 BENCH_ROUNDS=3; ~1 GB in a temp dir, removed at the end)
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadTransparency, openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { createRecord, retrieve, type RecordDeps } from '../src/services/record-service';
import { seedDemo } from '../src/services/seed-service';
import { findUserIdByName } from '../src/services/user-service';
import { verifyLedger } from '../src/services/verify-service';
import { FsBlobStore, type BlobStore, type ByteRange } from '../src/storage/blobs';

const FILES = Number(process.env.BENCH_FILES ?? 20);
const FILE_BYTES = Number(process.env.BENCH_FILE_MIB ?? 50) * 1024 * 1024;
const RETRIEVALS = Number(process.env.BENCH_RETRIEVALS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-verify-'));
try {
  await main();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const config = loadConfig({ ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const { database, deps } = await openReady(config);
  try {
    await seedDemo(deps);
    if (config.blobs.kind !== 'fs') throw new Error('fs blob store expected');
    const blobs = new FsBlobStore(config.blobs.root);
    // The same store, noting when the verifier opens its first blob and when it reads a last byte.
    const span = { first: 0, last: 0 };
    const timed: BlobStore = Object.assign(Object.create(blobs) as FsBlobStore, {
      get: async (sha256: string, range?: ByteRange) => {
        if (span.first === 0) span.first = performance.now();
        const stream = await blobs.get(sha256, range);
        stream.on('end', () => (span.last = performance.now()));
        return stream;
      },
    });
    const rdeps: RecordDeps = { ...deps, blobs, uploads: config.uploads, retrievalPurposeRequired: true };
    const actor = { type: 'user' as const, id: await findUserIdByName(deps, 'officer1') };

    let t = performance.now();
    const viewer = { userId: actor.id, roles: ['officer' as const], officerId: null, unitId: null };
    const records: Array<{ id: string; sha256: string }> = [];
    for (let i = 0; i < FILES; i++) {
      const r = await createRecord(rdeps, actor, {
        content: randomBytes(FILE_BYTES),
        fileName: `执法记录仪-${i}.mp4`,
        mediaType: 'video/mp4',
      });
      records.push(r);
    }
    const createS = (performance.now() - t) / 1000;
    t = performance.now();
    for (let i = 0; i < RETRIEVALS; i++) {
      const { stream } = await retrieve(rdeps, actor, viewer, records[i % records.length]!.id, {
        purpose: '案件办理调阅',
        range: { start: 0, end: 1023 },
      });
      stream.destroy();
    }
    const retrieveS = (performance.now() - t) / 1000;
    const files = records.map((r) =>
      path.join(blobs.root, r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256),
    );
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    console.log(
      `verify: ${FILES} records × ${FILE_BYTES / 1024 / 1024} MiB = ${(bytes / 1e6).toFixed(0)} MB (createRecord ${(bytes / 1e6 / createS).toFixed(0)} MB/s incl. random generation), ` +
        `${RETRIEVALS} retrievals (${(RETRIEVALS / retrieveS).toFixed(0)}/s); ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    const baseline = async () => {
      const s = performance.now();
      for (const f of files) {
        const h = createHash('sha256');
        await pipeline(fs.createReadStream(f), h);
        h.digest('hex');
      }
      return (performance.now() - s) / 1000;
    };
    await baseline(); // warm-up: every blob in the page cache, for both
    const transparency = loadTransparency(config);
    // Interleaved rounds, best of each: the machine is shared, so a slow moment hits both alike.
    let baseS = Infinity;
    let ledgerS = Infinity;
    let verifyS = Infinity;
    let blobS = Infinity;
    let report!: Awaited<ReturnType<typeof verifyLedger>>;
    for (let round = 0; round < ROUNDS; round++) {
      baseS = Math.min(baseS, await baseline());
      t = performance.now();
      const noBlobs = await verifyLedger(deps, transparency);
      ledgerS = Math.min(ledgerS, (performance.now() - t) / 1000);
      t = performance.now();
      span.first = 0;
      report = await verifyLedger(deps, transparency, { blobs: timed });
      verifyS = Math.min(verifyS, (performance.now() - t) / 1000);
      blobS = Math.min(blobS, (span.last - span.first) / 1000);
      if (report.problems.length > 0 || noBlobs.problems.length > 0)
        throw new Error(`verifyLedger found problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
      if (report.blobBytes !== bytes)
        throw new Error(`verifyLedger re-hashed ${report.blobBytes} bytes, not ${bytes}`);
    }

    const mbs = (s: number) => (bytes / 1e6 / s).toFixed(0).padStart(5);
    console.log(
      `\nbaseline  SHA-256 of the blob files (createReadStream → createHash)  ${mbs(baseS)} MB/s  (${baseS.toFixed(2)} s)`,
    );
    console.log(
      `verifyLedger(deps, transparency, { blobs })                           ${mbs(verifyS)} MB/s  (${verifyS.toFixed(2)} s: ${report.entries} entries, ${report.rows} rows, ${report.blobs} blobs)   ratio ${(baseS / verifyS).toFixed(3)}`,
    );
    console.log(
      `  of which the blob pass (first blob opened → last byte read)        ${mbs(blobS)} MB/s  (${blobS.toFixed(2)} s)   ratio ${(baseS / blobS).toFixed(3)}`,
    );
    console.log(
      `  (verifyLedger without blobs — ledger, tree, rows: ${ledgerS.toFixed(2)} s; load average now ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')})`,
    );
  } finally {
    await database.destroy();
  }
}
