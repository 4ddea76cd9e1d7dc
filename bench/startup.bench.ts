/**
 * Start-up time and memory of `zhifa serve` run three ways: the sources through the tsx loader (the
 * baseline, as development runs it), the compiled build (`node dist/cli.js`) and the `zhifa` command
 * (`bin/zhifa.mjs`, which picks the build when it is fresh). For each: time from spawn to the first
 * healthy `/healthz`, on an empty data directory (migrations + demo seed) and again on the same
 * directory (a restart); resident memory (RSS) when idle and after a small load. Runs alternate the
 * ways so machine load hits all of them alike. Builds dist/ first.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LOAD_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 300);

const WAYS = {
  tsx: ['--import', 'tsx', 'src/cli/main.ts', 'serve'],
  dist: ['dist/cli.js', 'serve'],
  bin: ['bin/zhifa.mjs', 'serve'],
} as const;
type Way = keyof typeof WAYS;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function healthy(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** Starts the server, waits for /healthz; returns the process and the milliseconds it took. */
async function start(way: Way, dataDir: string): Promise<{ child: ChildProcess; ms: number; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, WAYS[way], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ZHIFA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!(await healthy(base))) {
    if (exited) throw new Error(`${way}: the server exited before it was healthy`);
    await sleep(5);
  }
  return { child, ms: performance.now() - t0, base };
}

async function stop(child: ChildProcess): Promise<void> {
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

/** A small load: public pages, the API document, and an officer's reads with a session. */
async function load(base: string): Promise<void> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'zhifa-demo-2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const urls = ['/', '/api/openapi.json', '/api/officers', '/api/cases', '/api/power-items', '/transparency'];
  for (let i = 0; i < LOAD_REQUESTS; i++) {
    const r = await fetch(base + urls[i % urls.length]!, { headers: { cookie } });
    await r.arrayBuffer();
  }
}

interface Sample {
  first: number;
  restart: number;
  idle: number;
  loaded: number;
}

async function sample(way: Way): Promise<Sample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-startup-'));
  try {
    const a = await start(way, dataDir);
    await stop(a.child);
    const b = await start(way, dataDir);
    await sleep(2000);
    const idle = rssMb(b.child.pid!);
    await load(b.base);
    await sleep(500);
    const loaded = rssMb(b.child.pid!);
    await stop(b.child);
    return { first: a.ms, restart: b.ms, idle, loaded };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
const samples: Record<Way, Sample[]> = { tsx: [], dist: [], bin: [] };
for (let run = 1; run <= RUNS; run++) {
  for (const way of Object.keys(WAYS) as Way[]) samples[way].push(await sample(way));
  const line = (Object.keys(WAYS) as Way[])
    .map((w) => {
      const s = samples[w].at(-1)!;
      return `${w} ${s.first.toFixed(0)}/${s.restart.toFixed(0)} ms ${s.idle.toFixed(0)}/${s.loaded.toFixed(0)} MB`;
    })
    .join(' | ');
  console.log(
    `run ${run} (first/restart start, idle/loaded RSS; load ${os.loadavg()[0]!.toFixed(1)}): ${line}`,
  );
}

console.log(`\nmedians of ${RUNS} runs; ratio = way / tsx baseline of the same runs`);
console.log('| way | first start ms | restart ms | idle RSS MB | RSS after load MB |');
console.log('| --- | --- | --- | --- | --- |');
const base = (k: keyof Sample) => median(samples.tsx.map((s) => s[k]));
for (const way of Object.keys(WAYS) as Way[]) {
  const cell = (k: keyof Sample) => {
    const m = median(samples[way].map((s) => s[k]));
    return way === 'tsx' ? m.toFixed(0) : `${m.toFixed(0)} (${(m / base(k)).toFixed(2)}×)`;
  };
  console.log(`| ${way} | ${cell('first')} | ${cell('restart')} | ${cell('idle')} | ${cell('loaded')} |`);
}
