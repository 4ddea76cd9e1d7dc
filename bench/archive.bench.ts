/**
 * Benchmark: the archive package (REC-08) of ONE case file with 5,000 records of 1 MiB (~5.2 GB):
 * export over loopback (`GET /api/case-files/:id/package`, the server in its own process —
 * bench/archive-child.ts — whose peak RSS is measured) and offline verification of the ZIP
 * (`verifyPackageFile` in this process, and the real CLI `zhifa archive verify --key … --json`
 * under /usr/bin/time for its peak RSS). MB = 10^6 bytes.
 *
 * Data, made through the product on SQLite with the fs blob store in a temp data dir: the demo
 * office; one ordinary penalty case filed and moved through the API (app.inject, as in
 * test/http/archives.test.ts) with BENCH_STEPS non-field steps; BENCH_RECORDS records of random
 * bytes (kinds photo/scan/document in turn) through `createRecord` with case metadata (streams into
 * the blob store hashing SHA-256 + SM3, fsyncs, writes the row and ledger entry); then the rest of
 * the procedure as the tests run it (test/proceeding.ts `runTo`: approvals, evidence, 告知书 and
 * 决定书, payment, closing approval) and the case file accepted by the records keeper (with a note:
 * the 送达回证 is missing). Export and verify then run over that.
 *
 * Baselines in the same run, on the blob files of the same records (page cache, like the
 * product): streaming SHA-256 (createReadStream → node:crypto), and SHA-256 + SM3 per chunk (what
 * the verifier computes); each run before the export and again at the end, best of the two.
 *
 * The client either writes the ZIP to disk through a createWriteStream (`disk`, what the offline
 * verification then reads) or only counts the bytes and checks that the ZIP's end records add up to
 * the length received (`discard`: the export without the client's disk write). BENCH_EXPORTS names
 * the exports to run, in order, each against a fresh server process (e.g. `discard,disk,discard,disk`);
 * the verification runs on the last `disk` export, and is skipped if there is none.
 *
 *   node --import tsx bench/archive.bench.ts
 *   (BENCH_RECORDS=5000 BENCH_RECORD_KIB=1024 BENCH_STEPS=10 BENCH_EXPORTS=disk
 *   BENCH_PROFILE_DIR=<--cpu-prof of the server and the CLI>
 *   BENCH_DATA=<dir: generated data kept there and reused by later runs of the same sizes>;
 *   needs ~2.1 × records × size free in the temp dir, all removed at the end, also on failure or Ctrl-C,
 *   except BENCH_DATA)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadTransparency, openBlobStore, openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { creditCodeCheckChar } from '../src/domain/identity';
import { buildApp } from '../src/http/app';
import { verifyPackageFile } from '../src/services/archive-zip';
import { createRecord, type RecordDeps, type RecordKind } from '../src/services/record-service';
import { DEMO_PASSWORD, seedDemo } from '../src/services/seed-service';
import { findUserIdByName } from '../src/services/user-service';
import { login as testLogin } from '../test/app';
import { proceedings } from '../test/proceeding';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 5000);
const RECORD_BYTES = Number(process.env.BENCH_RECORD_KIB ?? 1024) * 1024;
const STEPS = Number(process.env.BENCH_STEPS ?? 10);
const PROFILE = process.env.BENCH_PROFILE_DIR;
const EXPORTS = (process.env.BENCH_EXPORTS ?? 'disk').split(',').map((m) => {
  if (m !== 'disk' && m !== 'discard') throw new Error(`BENCH_EXPORTS: disk or discard, not ${m}`);
  return m;
});
/** Enough for the ZIP64 end of central directory record, its locator and the end record (no comment). */
const TAIL_BYTES = 56 + 20 + 22;
const KEEP = process.env.BENCH_DATA ? path.resolve(process.env.BENCH_DATA) : null;
const REPO = path.resolve(import.meta.dirname, '..');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-archive-'));
const children: ChildProcess[] = [];
const cleanup = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  fs.rmSync(dir, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    cleanup();
    process.exit(130);
  });
try {
  await main();
} finally {
  cleanup();
}

// ---- helpers --------------------------------------------------------------------------------------

function secs(t0: number): number {
  return (performance.now() - t0) / 1000;
}
function load(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}

/** kB values of VmRSS and VmHWM (peak resident set) of a live process. */
function memory(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Streams files through the named hashes (node:crypto), updating each per chunk; seconds. */
async function hashFiles(files: string[], algorithms: string[]): Promise<number> {
  const t0 = performance.now();
  for (const f of files) {
    const hs = algorithms.map((a) => createHash(a));
    await pipeline(
      fs.createReadStream(f),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          for (const h of hs) h.update(chunk);
          cb();
        },
      }),
    );
    for (const h of hs) h.digest('hex');
  }
  return secs(t0);
}

// ---- the benchmark --------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dataDir = path.join(KEEP ?? dir, 'data');
  const statePath = KEEP && path.join(KEEP, 'state.json');
  type State = { sizes: string; fileId: string; blobFiles: string[]; blobBytes: number };
  const sizes = `${RECORDS}×${RECORD_BYTES}/${STEPS}`;
  const kept =
    statePath && fs.existsSync(statePath) ? (JSON.parse(fs.readFileSync(statePath, 'utf8')) as State) : null;
  if (kept && kept.sizes !== sizes) throw new Error(`BENCH_DATA holds ${kept.sizes}, not ${sizes}`);
  const zipPath = path.join(dir, 'package.zip');
  console.log(
    `archive: 1 case file, ${RECORDS} records × ${RECORD_BYTES / 1024} KiB = ${((RECORDS * RECORD_BYTES) / 1e6).toFixed(0)} MB on ${STEPS} steps; ` +
      `${os.cpus().length} cores, Node ${process.versions.node}, load average ${load()}; temp dir ${dir}`,
  );

  // ---- 1. Generate through the product.
  const config = loadConfig({
    ZHIFA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ZHIFA_CHECKPOINT_INTERVAL: '0',
    ZHIFA_RATE_LIMIT_LOGIN: '100000',
  });
  if (config.blobs.kind !== 'fs') throw new Error('fs blob store expected');
  const blobRoot = config.blobs.root;
  const blobFiles: string[] = kept?.blobFiles ?? [];
  let blobBytes = kept?.blobBytes ?? 0;
  let fileId = kept?.fileId ?? '';
  let createS = 0;
  const tGen = performance.now();
  if (kept) console.log(`reusing the data generated in ${KEEP}`);
  else await generate();
  async function generate(): Promise<void> {
    const { database, deps } = await openReady(config);
    try {
      await seedDemo(deps);
      const app = await buildApp({ config, database });
      await app.ready();
      try {
        const session = async (username: string) => {
          const res = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username, password: DEMO_PASSWORD },
          });
          if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
          const cookie = `zhifa_session=${res.cookies.find((c) => c.name === 'zhifa_session')!.value}`;
          return { cookie, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
        };
        const officer = await session('officer1');
        const officerSession = await testLogin(app, 'officer1');
        const leaderSession = await testLogin(app, 'leader');
        const keeper = await session('keeper');
        const admin = await session('admin');
        const call = async <T>(
          headers: Record<string, string>,
          method: 'GET' | 'POST',
          url: string,
          payload?: object,
          status = 200,
        ): Promise<T> => {
          const r = await app.inject({ method, url, headers, ...(payload && { payload }) });
          if (r.statusCode !== status)
            throw new Error(`${method} ${url}: ${r.statusCode} ${r.body.slice(0, 500)}`);
          return r.json<T>();
        };
        const officers = new Map(
          (
            await call<{ items: Array<{ id: string; name: string }> }>(admin, 'GET', '/api/officers')
          ).items.map((o) => [o.name, o.id]),
        );
        const items = new Map(
          (await call<Array<{ id: string; code: string }>>(admin, 'GET', '/api/power-items')).map((i) => [
            i.code,
            i.id,
          ]),
        );
        const unitId = (
          await call<{ items: Array<{ id: string; name: string }> }>(admin, 'GET', '/api/units')
        ).items.find((u) => u.name === '执法科')!.id;
        const team = [officers.get('王建国')!, officers.get('李明')!];
        const orgCode = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');
        const c = await call<{ id: string }>(
          officer,
          'POST',
          '/api/cases',
          {
            actType: 'penalty',
            procedure: 'ordinary',
            title: '出租未经竣工验收的民防工程案',
            powerItemId: items.get('QPMF-CF-002'),
            party: {
              kind: 'organisation',
              name: '上海某某置业有限公司',
              idType: 'creditCode',
              idNumber: orgCode,
              legalRepresentative: '钱某',
              phone: '021-59721234',
              address: '上海市青浦区华新镇华志路100号',
            },
            unitId,
            officerIds: team,
          },
          201,
        );
        // The procedure's gates (filing approval, evidence, documents, approvals, payment) as the tests
        // pass them.
        const procedure = proceedings(() => app, {
          officer: () => officerSession,
          leader: () => leaderSession,
          officerIds: () => team,
        });
        await procedure.runTo(c.id, 'investigating');
        const stepIds: string[] = [];
        const occurredAt = new Date(Date.now() - 60_000).toISOString();
        for (let s = 0; s < STEPS; s++)
          stepIds.push(
            (
              await call<{ id: string }>(
                officer,
                'POST',
                `/api/cases/${c.id}/steps`,
                {
                  kind: 'other',
                  occurredAt,
                  place: '上海市青浦区华志路100号地下室',
                  notes: `调取证据材料（第 ${s + 1} 批）`,
                  officerIds: team,
                  inField: false,
                },
                201,
              )
            ).id,
          );

        // The records: createRecord with case metadata, one after another (as uploads would come).
        const blobs = await openBlobStore(config);
        const rdeps: RecordDeps = { ...deps, blobs, uploads: config.uploads, retrievalPurposeRequired: true };
        const actor = { type: 'user' as const, id: await findUserIdByName(deps, 'officer1') };
        const kinds: Array<[RecordKind, string, string, string]> = [
          ['photo', 'image/jpeg', '现场照片', '.jpg'],
          ['scan', 'application/pdf', '询问笔录扫描件', '.pdf'],
          ['document', 'application/pdf', '电子证据', '.pdf'],
        ];
        const tRec = performance.now();
        let tLast = tRec;
        for (let i = 0; i < RECORDS; i++) {
          const [kind, mediaType, name, ext] = kinds[i % kinds.length]!;
          const content = randomBytes(RECORD_BYTES);
          // Each file starts as its declared type does (PLT-05 checks the leading bytes).
          (mediaType === 'image/jpeg'
            ? Buffer.from([0xff, 0xd8, 0xff, 0xe0])
            : Buffer.from('%PDF-1.4\n')
          ).copy(content);
          const r = await createRecord(rdeps, actor, {
            content,
            fileName: `${name}-${String(i + 1).padStart(5, '0')}${ext}`,
            mediaType,
            meta: { caseId: c.id, stepId: stepIds[i % STEPS]!, kind, protection: 'internal' },
          });
          blobFiles.push(path.join(blobRoot, r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256));
          blobBytes += r.size ?? 0;
          if ((i + 1) % 500 === 0 || i + 1 === RECORDS) {
            const now = performance.now();
            console.log(
              `  records ${String(i + 1).padStart(5)}/${RECORDS}  ${((((i % 500) + 1) * RECORD_BYTES) / 1e6 / ((now - tLast) / 1000)).toFixed(0)} MB/s since the last line  (load ${load()})`,
            );
            tLast = now;
          }
        }
        createS = secs(tRec);

        await procedure.runTo(c.id, 'closed');
        const pending = await call<{ id: string; missing: Array<{ message: string }>; index: unknown[] }>(
          keeper,
          'GET',
          `/api/cases/${c.id}/case-file`,
        );
        fileId = pending.id;
        const tAccept = performance.now();
        await call(keeper, 'POST', `/api/case-files/${fileId}/accept`, {
          note: '送达回证原件另存纸质卷，已核对',
        });
        console.log(
          `  case file: ${pending.index.length} items, missing [${pending.missing.map((m) => m.message).join('；')}], accepted in ${secs(tAccept).toFixed(1)} s`,
        );
      } finally {
        await app.close();
      }
    } finally {
      await database.destroy();
    }
    if (statePath)
      fs.writeFileSync(statePath, JSON.stringify({ sizes, fileId, blobFiles, blobBytes } satisfies State));
  }
  const genS = secs(tGen);
  const transparency = loadTransparency(config);
  const dbBytes = fs.statSync(config.database.kind === 'sqlite' ? config.database.file : dataDir).size;
  const MB = blobBytes / 1e6;
  if (!kept)
    console.log(
      `generated in ${genS.toFixed(0)} s (createRecord ×${RECORDS}: ${createS.toFixed(0)} s, ${(MB / createS).toFixed(0)} MB/s incl. random bytes); ` +
        `SQLite ${(dbBytes / 1e6).toFixed(0)} MB; load ${load()}`,
    );

  // ---- 4a. Baselines, before the export.
  const sha1 = await hashFiles(blobFiles, ['sha256']);
  const both1 = await hashFiles(blobFiles, ['sha256', 'sm3']);
  console.log(
    `baseline (1st): SHA-256 ${(MB / sha1).toFixed(0)} MB/s, SHA-256+SM3 ${(MB / both1).toFixed(0)} MB/s (load ${load()})`,
  );

  // ---- 2. Export over loopback, each export against a fresh server process.
  type Export = {
    mode: 'disk' | 'discard';
    zipBytes: number;
    headersS: number;
    firstByteS: number;
    exportS: number;
    load: string;
    idleRss: number;
    rssAtFirstByte: number;
    peakRss: number;
    hwm: number;
  };
  const exports: Export[] = [];
  for (const [n, mode] of EXPORTS.entries()) {
    const e = await exportOnce(mode);
    exports.push(e);
    console.log(
      `export ${n + 1} (${mode}): ${(e.zipBytes / 1e6).toFixed(0)} MB in ${e.exportS.toFixed(1)} s = ${(e.zipBytes / 1e6 / e.exportS).toFixed(0)} MB/s ` +
        `(headers ${e.headersS.toFixed(2)} s, first byte ${e.firstByteS.toFixed(2)} s); server RSS idle ${(e.idleRss / 1024).toFixed(0)} MiB, ` +
        `peak ${(e.peakRss / 1024).toFixed(0)} MiB (VmHWM ${(e.hwm / 1024).toFixed(0)}); load ${e.load}`,
    );
  }
  const onDisk = exports.some((e) => e.mode === 'disk');
  if (onDisk) {
    // Not timed as export: the package's dirty pages written out, so that both verifications read
    // a settled file from the page cache rather than racing the writeback.
    const tSync = performance.now();
    const fh = await fs.promises.open(zipPath, 'r');
    await fh.sync();
    await fh.close();
    console.log(`fsync of the package ${secs(tSync).toFixed(1)} s; load ${load()}`);
  }

  async function exportOnce(mode: 'disk' | 'discard'): Promise<Export> {
    const server = spawn(
      process.execPath,
      [
        ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'archive-child.ts'),
        'server',
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(server);
    const { port } = await new Promise<{ port: number }>((resolve, reject) => {
      readline.createInterface({ input: server.stdout }).once('line', (l) => resolve(JSON.parse(l)));
      server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const pid = server.pid!;
    const idle = memory(pid);
    let peakRss = idle.rss;
    let rssAtFirstByte = 0;
    const poll = setInterval(() => {
      try {
        peakRss = Math.max(peakRss, memory(pid).rss);
      } catch {
        // gone; the failure shows elsewhere
      }
    }, 50);

    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'keeper', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('zhifa_session='))!;

    // A fresh file each time: truncating the last one would wait on its writeback.
    if (mode === 'disk') fs.rmSync(zipPath, { force: true });
    const t0 = performance.now();
    let headersS = 0;
    let firstByteS = 0;
    // The last bytes received: the ZIP's end records, checked against the length in discard mode.
    let tail: Buffer = Buffer.alloc(0);
    const zipBytes = await new Promise<number>((resolve, reject) => {
      const req = http.get(
        `${base}/api/case-files/${fileId}/package?purpose=${encodeURIComponent('移交档案馆')}`,
        { headers: { cookie } },
        (res) => {
          headersS = secs(t0);
          if (res.statusCode !== 200) {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => reject(new Error(`package: ${res.statusCode} ${body.slice(0, 500)}`)));
            return;
          }
          let n = 0;
          res.on('data', (d: Buffer) => {
            if (n === 0) {
              firstByteS = secs(t0);
              rssAtFirstByte = memory(pid).rss;
            }
            n += d.length;
            if (mode === 'discard')
              tail =
                d.length >= TAIL_BYTES
                  ? d.subarray(d.length - TAIL_BYTES)
                  : Buffer.concat([tail, d]).subarray(-TAIL_BYTES);
          });
          if (mode === 'disk') pipeline(res, fs.createWriteStream(zipPath)).then(() => resolve(n), reject);
          else {
            res.once('end', () => resolve(n));
            res.once('error', reject);
          }
        },
      );
      req.on('error', reject);
    });
    const exportS = secs(t0);
    const loadNow = load();
    clearInterval(poll);
    const end = memory(pid);
    peakRss = Math.max(peakRss, end.rss);
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    if (mode === 'discard') checkZipLength(tail, zipBytes);
    return {
      mode,
      zipBytes,
      headersS,
      firstByteS,
      exportS,
      load: loadNow,
      idleRss: idle.rss,
      rssAtFirstByte,
      peakRss,
      hwm: end.hwm,
    };
  }

  // ---- 3. Verify the last package written to disk: in this process, then the CLI as a child under
  // /usr/bin/time.
  const verified = onDisk ? await verify() : null;
  async function verify() {
    const t1 = performance.now();
    const result = await verifyPackageFile(zipPath, transparency.verifier);
    const verifyS = secs(t1);
    if (result.problems.length > 0)
      console.log(
        `VERIFY PROBLEMS (${result.problems.length}):`,
        JSON.stringify(result.problems.slice(0, 10), null, 1),
      );
    const contentFiles = result.manifest?.files.filter((f) => f.inclusion === 'content').length ?? 0;
    const entries = result.manifest?.ledger.entries.length ?? 0;
    console.log(
      `verify (in-process): ${result.files} entries, ${(result.bytes / 1e6).toFixed(0)} MB in ${verifyS.toFixed(1)} s, problems ${result.problems.length}, warnings ${result.warnings.length}; load ${load()}`,
    );

    const timeFile = path.join(dir, 'time.txt');
    const t2 = performance.now();
    const cli = spawn(
      '/usr/bin/time',
      [
        '-f',
        '%M %e %U %S',
        '-o',
        timeFile,
        process.execPath,
        ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
        path.join(REPO, 'bin', 'zhifa.mjs'),
        'archive',
        'verify',
        zipPath,
        '--key',
        transparency.verifierKey,
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO },
    );
    children.push(cli);
    let cliOut = '';
    let cliErr = '';
    cli.stdout.on('data', (d: Buffer) => (cliOut += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (cliErr += d.toString()));
    const cliCode = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    const cliS = secs(t2);
    const [cliMaxRssKb, , cliUser, cliSys] = fs
      .readFileSync(timeFile, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (cliCode !== 0) console.log(`CLI exit ${cliCode}\n${cliOut.slice(0, 2000)}\n${cliErr.slice(0, 2000)}`);
    console.log(
      `verify (CLI): exit ${cliCode} in ${cliS.toFixed(1)} s, max RSS ${(cliMaxRssKb! / 1024).toFixed(0)} MiB; load ${load()}`,
    );
    return {
      result,
      verifyS,
      contentFiles,
      entries,
      cliS,
      cliCode,
      cliMaxRssKb: cliMaxRssKb!,
      cliUser,
      cliSys,
    };
  }

  // ---- 4b. Baselines again, after.
  const sha2 = await hashFiles(blobFiles, ['sha256']);
  const both2 = await hashFiles(blobFiles, ['sha256', 'sm3']);
  const shaS = Math.min(sha1, sha2);
  const bothS = Math.min(both1, both2);
  console.log(
    `baseline (2nd): SHA-256 ${(MB / sha2).toFixed(0)} MB/s, SHA-256+SM3 ${(MB / both2).toFixed(0)} MB/s (load ${load()})`,
  );

  // ---- 5. The table.
  // Each export logs a ledger entry, so each package is a few kB longer than the one before; the
  // verification reads the last one written to disk.
  const zBytes = exports.findLast((e) => e.mode === 'disk')?.zipBytes ?? exports.at(-1)!.zipBytes;
  const zMB = zBytes / 1e6;
  const row = (label: string, mb: number, s: number, ratioTo: number | null, extra = '') =>
    console.log(
      `${label.padEnd(58)} ${(mb / s).toFixed(0).padStart(5)} MB/s ${s.toFixed(1).padStart(7)} s` +
        (ratioTo === null ? '        ' : `  ${(mb / s / (MB / ratioTo)).toFixed(3).padStart(6)}`) +
        (extra ? `  ${extra}` : ''),
    );
  const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
  console.log(
    `\n${RECORDS} records, ${(MB / 1).toFixed(0)} MB of content; package ${zMB.toFixed(0)} MB` +
      (verified
        ? `, ${verified.contentFiles} content files, ${verified.entries} ledger entries with proofs`
        : ''),
  );
  console.log(`${'figure'.padEnd(58)} ${'rate'.padStart(10)} ${'time'.padStart(9)}  ratio`);
  row('baseline SHA-256 of the blob files (best of 2)', MB, shaS, shaS);
  row('baseline SHA-256 + SM3 of the blob files (best of 2)', MB, bothS, shaS);
  for (const [n, e] of exports.entries()) {
    const label = `export ${n + 1} (${e.mode})`;
    const eMB = e.zipBytes / 1e6;
    row(`${label}, to first byte`, eMB, e.firstByteS, null, '(planPackage)');
    row(`${label}, first byte → last byte`, eMB, e.exportS - e.firstByteS, shaS);
    row(
      `${label}, whole request`,
      eMB,
      e.exportS,
      shaS,
      `load ${e.load}; server RSS idle ${mib(e.idleRss)}, first byte ${mib(e.rssAtFirstByte)}, ` +
        `peak ${mib(e.peakRss)} (VmHWM ${mib(e.hwm)})`,
    );
  }
  if (verified) {
    row(
      'verifyPackageFile (in-process)',
      zMB,
      verified.verifyS,
      shaS,
      `ratio to SHA-256+SM3 ${(zMB / verified.verifyS / (MB / bothS)).toFixed(3)}`,
    );
    row(
      'zhifa archive verify --key --json (CLI child)',
      zMB,
      verified.cliS,
      shaS,
      `ratio to SHA-256+SM3 ${(zMB / verified.cliS / (MB / bothS)).toFixed(3)}; CPU user ${verified.cliUser} s sys ${verified.cliSys} s; max RSS ${mib(verified.cliMaxRssKb)}`,
    );
  }
  console.log(`load average now ${load()}`);
  if (verified && (verified.result.problems.length > 0 || verified.cliCode !== 0)) process.exitCode = 1;
}

/**
 * Checks a ZIP received without keeping it: its end records (from `tail`, its last bytes) must put
 * the central directory right before them and end exactly at `length`.
 */
function checkZipLength(tail: Buffer, length: number): void {
  const eocd = tail.subarray(tail.length - 22);
  if (eocd.readUInt32LE(0) !== 0x06054b50)
    throw new Error('discarded ZIP: no end of central directory record');
  let cdSize = eocd.readUInt32LE(12);
  let cdOffset = eocd.readUInt32LE(16);
  let endRecords = 22;
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || eocd.readUInt16LE(10) === 0xffff) {
    const z = tail.subarray(tail.length - TAIL_BYTES, tail.length - 42);
    if (z.readUInt32LE(0) !== 0x06064b50) throw new Error('discarded ZIP: no ZIP64 end record');
    cdSize = Number(z.readBigUInt64LE(40));
    cdOffset = Number(z.readBigUInt64LE(48));
    endRecords = TAIL_BYTES;
  }
  if (cdOffset + cdSize + endRecords !== length)
    throw new Error(
      `discarded ZIP: central directory ${cdOffset} + ${cdSize} + ${endRecords} ≠ ${length} bytes received`,
    );
}
