/**
 * Benchmark (issue 14): the public portal's decision search over the published decisions that
 * `bench/generate-decisions.ts` made — a two-character term, a full party name, a 文号 and a
 * filter-only page: p50, p99 and req/s beside a bare Fastify hello-world under the same load
 * generator — and the CSV export of every row on display: MB/s beside the bare server streaming the
 * same number of bytes from memory, with the product server's RSS sampled during the export.
 *
 *   ZHIFA_DATA_DIR=/tmp/zhifa-portal-sqlite node --import tsx bench/portal.bench.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ZHIFA_PG_SCHEMA=bench_portal \
 *     ZHIFA_DATA_DIR=/tmp/zhifa-portal-pg node --import tsx bench/portal.bench.ts
 *   (BENCH_SECONDS=5 BENCH_CONNECTIONS=16 BENCH_ONLY=<regex over scenario names> BENCH_CSV=0 to skip
 *    the export, BENCH_PROFILE_DIR=<dir for --cpu-prof of the product's server>)
 *
 * Servers run in their own processes; the load comes from this one, on the same cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { load, type LoadResult } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const PROFILE = process.env.BENCH_PROFILE_DIR;

interface Info {
  port: number;
  pid: number;
  dialect: string;
  rows: number;
  names: string[];
  numbers: string[];
}

async function start(
  file: string,
  args: string[],
): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const profile = PROFILE && file === 'portal-server.ts' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(import.meta.dirname, file), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const rl = readline.createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${file} exited ${code}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, unknown> };
}

const rssOf = (pid: number, field = 'VmRSS') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

const rot = <T>(xs: readonly T[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};
const q = (params: Record<string, string>) => `/decisions?${new URLSearchParams(params).toString()}`;

const rows: Array<{ name: string; r: LoadResult; note: string }> = [];
const base0: { r?: LoadResult } = {};
const ratio = (r: LoadResult) => (base0.r ? r.perSecond / base0.r.perSecond : 1);
function report(name: string, r: LoadResult, note = '') {
  rows.push({ name, r, note });
  console.log(
    `${name.padEnd(44)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2).padStart(8)} ms  p99 ${r.p99
      .toFixed(2)
      .padStart(
        8,
      )} ms  ratio ${ratio(r).toFixed(3)}  (${r.requests} req, ${r.errors} err)${note ? `  ${note}` : ''}`,
  );
}

/** GET a path, counting bytes; resolves with status, bytes and seconds. */
function download(
  port: number,
  p: string,
): Promise<{ status: number; bytes: number; seconds: number; head: string }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    http
      .get({ host: '127.0.0.1', port, path: p }, (res) => {
        let bytes = 0;
        let head = '';
        res.on('data', (c: Buffer) => {
          if (bytes === 0) head = c.subarray(0, 200).toString('utf8');
          bytes += c.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, bytes, seconds: (performance.now() - t) / 1000, head }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

// ---- servers ----
const hello = await start('server.ts', ['hello']);
const t0 = performance.now();
const zhifa = await start('portal-server.ts', []);
const info = zhifa.info as unknown as Info;
const port = info.port;
console.log(
  `portal benchmark on ${info.dialect}, ${info.rows.toLocaleString()} published decisions; app ready in ${(
    (performance.now() - t0) /
    1000
  ).toFixed(
    1,
  )} s; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; ${CONNECTIONS} connections × ${SECONDS} s per figure\n`,
);

await load({ port: hello.info.port as number, path: () => '/hello', connections: 4, seconds: 1 });
const baseline = (base0.r = await load({
  port: hello.info.port as number,
  path: () => '/hello',
  connections: CONNECTIONS,
  seconds: SECONDS,
}));
report('baseline GET /hello (bare Fastify)', baseline);

const scenarios: Array<{ name: string; path: () => string }> = [
  { name: 'q=<two characters> (朱家: a place)', path: () => q({ q: '朱家' }) },
  {
    name: 'q=<two characters> (rotating 5)',
    path: rot(['朱家', '盈浦', '物业', '置业', '金泽'].map((t) => q({ q: t }))),
  },
  {
    name: `q=<full party name> (rotating ${info.names.length})`,
    path: rot(info.names.map((n) => q({ q: n }))),
  },
  { name: `q=<文号> (rotating ${info.numbers.length})`, path: rot(info.numbers.map((n) => q({ q: n }))) },
  {
    name: 'filters only: actType+partyKind+one month',
    path: rot(
      ['2024-03', '2024-09', '2025-02', '2025-07', '2026-05'].map((m) =>
        q({ actType: 'penalty', partyKind: 'organisation', from: `${m}-01`, to: `${m}-28` }),
      ),
    ),
  },
  { name: 'no filter (first page)', path: () => '/decisions' },
  {
    name: 'open data JSON, q=<two characters>',
    path: () => '/open/decisions.json?q=%E6%9C%B1%E5%AE%B6&limit=100',
  },
];
for (const s of scenarios) {
  if (ONLY && !ONLY.test(s.name)) continue;
  const probe = await download(port, s.path());
  if (probe.status !== 200) throw new Error(`${s.name}: ${probe.status} ${probe.head}`);
  await load({ port, path: s.path, connections: 4, seconds: 1 });
  report(s.name, await load({ port, path: s.path, connections: CONNECTIONS, seconds: SECONDS }));
}

// ---- CSV export ----
if (process.env.BENCH_CSV !== '0') {
  const idle = rssOf(info.pid);
  let peak = idle;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const r = rssOf(info.pid);
    samples.push(r);
    peak = Math.max(peak, r);
  }, 200);
  const csv = await download(port, '/open/decisions.csv');
  clearInterval(timer);
  if (csv.status !== 200 || !csv.head.startsWith('\uFEFF')) throw new Error(`CSV: ${csv.status} ${csv.head}`);
  const base = await download(hello.info.port as number, `/bytes/${csv.bytes}`);
  const mb = csv.bytes / 1e6;
  const q1 = samples[Math.floor(samples.length / 4)] ?? idle;
  const q3 = samples[Math.floor((samples.length * 3) / 4)] ?? idle;
  console.log(
    `\nCSV export: ${mb.toFixed(0)} MB in ${csv.seconds.toFixed(1)} s = ${(mb / csv.seconds).toFixed(1)} MB/s; ` +
      `baseline (bare Fastify streaming the same bytes) ${(mb / base.seconds).toFixed(1)} MB/s; ratio ${(
        base.seconds / csv.seconds
      ).toFixed(
        3,
      )}\nserver RSS: idle ${idle.toFixed(0)} MiB, at a quarter ${q1.toFixed(0)} MiB, at three quarters ${q3.toFixed(
        0,
      )} MiB, peak ${peak.toFixed(0)} MiB (VmHWM ${rssOf(info.pid, 'VmHWM').toFixed(0)} MiB), ${samples.length} samples`,
  );
}

console.log('\n| query | p50 | p99 | req/s | ratio |\n| --- | --- | --- | --- | --- |');
for (const { name, r } of rows)
  console.log(
    `| ${name} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.perSecond.toFixed(0)} | ${ratio(r).toFixed(3)} |`,
  );
hello.child.kill();
zhifa.child.kill();
