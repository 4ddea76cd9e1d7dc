/**
 * Resume after a crash: a 2 GiB tus upload is cut at half, the server is killed with SIGKILL and
 * started again on the same data, the client resumes where the server says it stopped, and the
 * finished upload becomes a record whose SHA-256 is the file's. Prints where it resumed, the
 * record, MB/s of the whole, and the restarted server's peak RSS (VmHWM).
 *
 *   node --import tsx bench/upload-resume.bench.ts      (BENCH_UPLOAD_MIB=2048 BENCH_CHUNK_MIB=64)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { DEMO_PASSWORD } from '../src/services/seed-service';

const BYTES = Number(process.env.BENCH_UPLOAD_MIB ?? 2048) * 1024 * 1024;
const CHUNK = Number(process.env.BENCH_CHUNK_MIB ?? 64) * 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-resume-'));
const children: ChildProcess[] = [];

function child(args: string[]): { proc: ChildProcess; line: Promise<Record<string, unknown>> } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'upload-child.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(proc);
  const rl = readline.createInterface({ input: proc.stdout });
  const line = new Promise<Record<string, unknown>>((resolve, reject) => {
    rl.once('line', (l) => resolve(JSON.parse(l) as Record<string, unknown>));
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited ${code}`)));
  });
  return { proc, line };
}

const hwm = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

try {
  const file = path.join(dir, 'upload.bin');
  const block = randomBytes(16 * 1024 * 1024);
  const fd = fs.openSync(file, 'w');
  for (let off = 0, n = 0; off < BYTES; off += block.length, n++) {
    block.writeUInt32LE(n, 0);
    fs.writeSync(fd, block, 0, Math.min(block.length, BYTES - off));
  }
  fs.closeSync(fd);
  const h = createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  const sha256 = h.digest('hex');

  const data = path.join(dir, 'data');
  const first = child(['server', data]);
  const { port } = (await first.line) as { port: number };
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer1', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('zhifa_session='))!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

  const t0 = performance.now();
  const cut = child([
    'client',
    String(port),
    file,
    cookie,
    csrf,
    String(CHUNK),
    String(Math.floor(BYTES / 2)),
  ]);
  const { uploadId, stoppedAt } = (await cut.line) as { uploadId: string; stoppedAt: number };
  first.proc.kill('SIGKILL');
  await new Promise((r) => first.proc.once('exit', r));
  console.log(
    `cut at ${(stoppedAt / 1024 ** 2).toFixed(0)} MiB of ${(BYTES / 1024 ** 2).toFixed(0)} MiB; server killed with SIGKILL`,
  );

  // The session lives in the database: the same cookie works on the restarted server.
  const second = child(['server', data]);
  const { port: port2 } = (await second.line) as { port: number };
  const resumed = child(['client', String(port2), file, cookie, csrf, String(CHUNK), '0', uploadId]);
  const { resumedFrom } = (await resumed.line) as { resumedFrom: number };
  const res = await fetch(`http://127.0.0.1:${port2}/api/records/from-upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ uploadId, sha256 }),
  });
  const record = (await res.json()) as { sha256: string; size: number };
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 201 || record.sha256 !== sha256 || record.size !== BYTES)
    throw new Error(`from-upload ${res.status}: ${JSON.stringify(record)}`);
  console.log(
    `resumed from ${(resumedFrom / 1024 ** 2).toFixed(0)} MiB; record ${record.sha256.slice(0, 16)}… = the file's SHA-256, ${record.size} bytes`,
  );
  console.log(
    `whole (upload, kill, restart, resume, record): ${(BYTES / 1e6 / seconds).toFixed(0)} MB/s over ${seconds.toFixed(1)} s`,
  );
  console.log(`restarted server peak RSS (VmHWM): ${hwm(second.proc.pid!).toFixed(0)} MiB (goal < 200 MB)`);
  second.proc.kill();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}
