/**
 * Benchmark (issue: foundation): requests/s and p99 of the officer list API and of the portal's
 * certificate page on SQLite with 10,000 officers, each beside a bare Fastify hello-world measured
 * in the same run. Servers run in their own processes; the load comes from this one.
 *
 *   npm run bench            (BENCH_SECONDS=5 BENCH_CONNECTIONS=32 BENCH_OFFICERS=10000
 *                             BENCH_PROFILE_DIR=<dir for --cpu-prof of the product's server>)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { load, type LoadResult } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 10_000);
const PROFILE = process.env.BENCH_PROFILE_DIR;

async function start(args: string[]): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const child = spawn(
    process.execPath,
    [
      ...(PROFILE && args[0] === 'zhifa' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'server.ts'),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const rl = readline.createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, unknown> };
}

const fmt = (r: LoadResult) =>
  `${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  (${r.requests} requests, ${r.errors} errors)`;

const hello = await start(['hello']);
const zhifa = await start(['zhifa', path.join(os.tmpdir(), 'zhifa-bench'), String(OFFICERS)]);
const { token, seedMs, count, dbBytes } = zhifa.info as {
  token: string;
  seedMs: number;
  count: number;
  dbBytes: number;
};
console.log(
  `seeded ${count} officers with certificates in ${seedMs} ms (one transaction, with ledger entries); database ${(dbBytes / 1e6).toFixed(1)} MB`,
);
console.log(`load: ${CONNECTIONS} keep-alive connections, ${SECONDS} s per run, ${os.cpus().length} cores\n`);

const warm = { connections: 4, seconds: 1 };
await load({ port: hello.info.port as number, path: () => '/hello', ...warm });
const base = await load({
  port: hello.info.port as number,
  path: () => '/hello',
  connections: CONNECTIONS,
  seconds: SECONDS,
});
console.log(`baseline  GET /hello (bare Fastify)             ${fmt(base)}`);

const auth = { authorization: `Bearer ${token}` };
await load({ port: zhifa.info.port as number, path: () => '/api/officers?limit=50', headers: auth, ...warm });
const list = await load({
  port: zhifa.info.port as number,
  path: () => '/api/officers?limit=50',
  headers: auth,
  connections: CONNECTIONS,
  seconds: SECONDS,
});
console.log(
  `zhifa     GET /api/officers?limit=50            ${fmt(list)}   ratio ${(list.perSecond / base.perSecond).toFixed(3)} of baseline`,
);

let i = 0;
const certPath = () => `/verify/certificate/B${String((i++ * 7919) % count).padStart(8, '0')}`;
await load({ port: zhifa.info.port as number, path: certPath, ...warm });
const cert = await load({
  port: zhifa.info.port as number,
  path: certPath,
  connections: CONNECTIONS,
  seconds: SECONDS,
});
console.log(
  `zhifa     GET /verify/certificate/<number>      ${fmt(cert)}   ratio ${(cert.perSecond / base.perSecond).toFixed(3)} of baseline`,
);

hello.child.kill();
zhifa.child.kill();
