/**
 * Benchmark: a 2 GiB file uploaded over loopback through tus and made a record — MB/s (10^6 bytes)
 * end to end (tus upload of 64 MiB chunks + POST /api/records/from-upload, which streams the file
 * into the blob store hashing SHA-256 and SM3 and fsyncs it), and the server process's peak RSS
 * (VmHWM from /proc, and the highest VmRSS polled every 50 ms), goal < 200 MB.
 * The server is the product (`buildApp`, SQLite, fs blob store, temp data dir) in its own process;
 * the tus-js-client upload runs in another (bench/upload-child.ts). Login: demo user officer1.
 * Baseline in the same run: what `sha256sum file && cp file copy && sync` costs — streaming
 * SHA-256 (node:crypto) of the same file, then fs.copyFile and an fsync of the copy — as MB/s.
 * Goal ratio ≥ 0.7, server peak RSS < 150 MiB. For diagnosis, SM3 alone (node:crypto, streaming
 * the same file) is also shown.
 *
 *   node --import tsx bench/upload.bench.ts
 *   (BENCH_UPLOAD_MIB=2048 BENCH_CHUNK_MIB=64 BENCH_PROFILE_DIR=<dir for --cpu-prof of both children>;
 *   BENCH_SERVER=dist runs the server as production does — `node dist/cli.js serve`, after
 *   `npm run build:server` — instead of the sources through tsx;
 *   needs ~6 GiB free in the temp dir, all removed at the end)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { DEMO_PASSWORD } from '../src/services/seed-service';

const BYTES = Number(process.env.BENCH_UPLOAD_MIB ?? 2048) * 1024 * 1024;
const CHUNK = Number(process.env.BENCH_CHUNK_MIB ?? 64) * 1024 * 1024;
const MB = BYTES / 1e6;
/** A directory for CPU profiles of the server and client processes (--cpu-prof), if wanted. */
const PROFILE = process.env.BENCH_PROFILE_DIR;
/** `tsx` (default): bench/upload-child.ts server through the loader; `dist`: the compiled build. */
const SERVER = process.env.BENCH_SERVER ?? 'tsx';
const ROOT = path.resolve(import.meta.dirname, '..');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-upload-'));
const children: ChildProcess[] = [];
try {
  await main();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

function child(args: string[]): { proc: ChildProcess; line: Promise<Record<string, unknown>> } {
  const proc = spawn(
    process.execPath,
    [
      ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'upload-child.ts'),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(proc);
  const rl = readline.createInterface({ input: proc.stdout });
  const line = new Promise<Record<string, unknown>>((resolve, reject) => {
    rl.once('line', (l) => resolve(JSON.parse(l) as Record<string, unknown>));
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited ${code}`)));
  });
  return { proc, line };
}

/** kB values of VmRSS and VmHWM (peak resident set) of a process. */
function memory(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** `zhifa serve` from the compiled build on a free port (demo office: SQLite seeds it); resolves
 *  { port } once /healthz answers. */
async function distServer(
  dataDir: string,
): Promise<{ proc: ChildProcess; line: Promise<Record<string, unknown>> }> {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('BENCH_SERVER=dist: run `npm run build:server` first');
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const proc = spawn(
    process.execPath,
    [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), cli, 'serve'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ZHIFA_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ZHIFA_CHECKPOINT_INTERVAL: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(proc);
  const line = (async () => {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`dist server exited ${proc.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return { port };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { proc, line };
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, (performance.now() - t) / 1000];
}

async function digest(file: string, algorithm: string): Promise<string> {
  const h = createHash(algorithm);
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

async function main(): Promise<void> {
  // The file: a 16 MiB random block repeated, each copy stamped with its number (no two alike).
  const file = path.join(dir, 'upload.bin');
  const [, genS] = await timed(async () => {
    const block = randomBytes(16 * 1024 * 1024);
    const fd = fs.openSync(file, 'w');
    for (let off = 0, n = 0; off < BYTES; off += block.length, n++) {
      block.writeUInt32LE(n, 16);
      // The file must look like what it is declared to be (PLT-05): an MP4 starts with an ftyp box.
      if (n === 0) Buffer.from('00000010667479706d703432000000006d703432', 'hex').copy(block, 0);
      fs.writeSync(fd, block, 0, Math.min(block.length, BYTES - off));
      if (n === 0) block.fill(0x5a, 0, 16);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  });
  console.log(
    `upload: ${(BYTES / 1024 ** 3).toFixed(2)} GiB file (made in ${genS.toFixed(1)} s), tus chunks of ${CHUNK / 1024 ** 2} MiB, ` +
      `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );

  // ---- Baseline: sha256sum + cp (+ sync) of the same file.
  const [sha256, hashS] = await timed(() => digest(file, 'sha256'));
  const copy = path.join(dir, 'copy.bin');
  const [, copyS] = await timed(async () => {
    await fs.promises.copyFile(file, copy);
    const fh = await fs.promises.open(copy, 'r');
    await fh.sync();
    await fh.close();
  });
  fs.rmSync(copy);
  const baseS = hashS + copyS;
  const [, sm3S] = await timed(() => digest(file, 'sm3'));

  // ---- The product.
  const server =
    SERVER === 'dist' ? await distServer(path.join(dir, 'data')) : child(['server', path.join(dir, 'data')]);
  const { port, memory: usage } = (await server.line) as { port: number; memory?: NodeJS.MemoryUsage };
  const pid = server.proc.pid!;
  const idle = memory(pid);
  let peakRss = idle.rss;
  const poll = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, memory(pid).rss);
    } catch {
      // the process has gone; the failure shows elsewhere
    }
  }, 50);

  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer1', password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const session = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zhifa_session='));
  if (!session) throw new Error('no session cookie');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

  const client = child(['client', String(port), file, session, csrf, String(CHUNK)]);
  const { uploadId, seconds: tusS } = (await client.line) as { uploadId: string; seconds: number };
  const afterTus = memory(pid);
  const [record, fromS] = await timed(async () => {
    const res = await fetch(`${base}/api/records/from-upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session, 'x-csrf-token': csrf },
      body: JSON.stringify({ uploadId }),
    });
    if (res.status !== 201) throw new Error(`from-upload: ${res.status} ${await res.text()}`);
    return (await res.json()) as { sha256: string; size: number };
  });
  clearInterval(poll);
  const end = memory(pid);
  peakRss = Math.max(peakRss, end.rss);
  if (record.sha256 !== sha256 || record.size !== BYTES)
    throw new Error(`record ${record.sha256} (${record.size} bytes) is not the file ${sha256}`);
  server.proc.kill();
  await new Promise((resolve) => server.proc.once('exit', resolve));

  const rate = (s: number) => `${(MB / s).toFixed(0).padStart(5)} MB/s (${s.toFixed(1).padStart(5)} s)`;
  const e2eS = tusS + fromS;
  console.log(`\nbaseline  SHA-256 stream + copyFile + fsync       ${rate(baseS)}`);
  console.log(`            SHA-256 ${rate(hashS)}   copyFile + fsync ${rate(copyS)}`);
  console.log(
    `zhifa     tus upload + from-upload (end to end)  ${rate(e2eS)}   ratio ${(baseS / e2eS).toFixed(3)} of baseline`,
  );
  console.log(
    `            tus PATCHes ${rate(tusS)}   POST /api/records/from-upload ${rate(fromS)}   (SM3 alone on this file: ${rate(sm3S)})`,
  );
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
  console.log(
    `server (${SERVER}) RSS: idle ${mb(idle.rss)}, after tus ${mb(afterTus.rss)}, highest polled ${mb(peakRss)}, peak VmHWM ${mb(end.hwm)} (goal < 150 MiB)`,
  );
  if (usage)
    console.log(
      `            at idle: V8 heap used ${mb(usage.heapUsed / 1024)} of ${mb(usage.heapTotal / 1024)}, external ${mb(usage.external / 1024)}, array buffers ${mb(usage.arrayBuffers / 1024)}`,
    );
}
