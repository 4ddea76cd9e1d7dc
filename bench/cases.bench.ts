/**
 * Benchmark (issue 4): the case list under its common filters, the case page and the records of a
 * case with 1,000 records, over 1,000,000 generated cases and 10,000,000 steps — p50, p99 and
 * req/s beside a bare Fastify hello-world measured in the same run — and the filing rate of 20
 * concurrent clients (`POST /api/cases`, cases/s, p50, p99).
 *
 * Fill a throwaway database first with `bench/generate-cases.ts`, then point this at it with the
 * same variables (the app's own):
 *
 *   ZHIFA_DATA_DIR=/tmp/zhifa-cases-sqlite node --import tsx bench/cases.bench.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ZHIFA_PG_SCHEMA=bench_cases \
 *     ZHIFA_DATA_DIR=/tmp/zhifa-cases-pg node --import tsx bench/cases.bench.ts
 *   (BENCH_SECONDS=5 BENCH_CONNECTIONS=16 BENCH_FILE_SECONDS=20 BENCH_FILE_CLIENTS=20
 *    BENCH_ONLY=<regex over scenario names> BENCH_FILE=0 to skip filing
 *    BENCH_PROFILE_DIR=<dir for --cpu-prof of the product's server>)
 *
 * The servers (hello-world, zhifa) run in their own processes; the load comes from this one, on the
 * same two cores. Filing writes cases (with ledger entries) into the database: run the list
 * queries before it (this file does) and regenerate for a clean second run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { load, type LoadResult } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const FILE_SECONDS = Number(process.env.BENCH_FILE_SECONDS ?? 20);
const FILE_CLIENTS = Number(process.env.BENCH_FILE_CLIENTS ?? 20);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const PROFILE = process.env.BENCH_PROFILE_DIR;
const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });

interface Info {
  port: number;
  dialect: string;
  token: string;
  leaderToken: string;
  units: string[];
  officers: Array<{ id: string; unit_id: string }>;
  powerItems: Array<{ id: string; act_type: string }>;
  parties: Array<{ id: string; name: string }>;
  bigCaseId: string;
  bigRecords: number;
  deepCursor: string | null;
}

async function start(
  file: string,
  args: string[],
): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const profile = PROFILE && file === 'cases-server.ts' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
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

/** One request; resolves with status and body. */
function request(
  port: number,
  method: string,
  p: string,
  headers: Record<string, string>,
  agent: http.Agent,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: p,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Closed loop like load.ts, but each iteration is `one()` — a POST, or several requests in a row —
 * timed as a whole; `ok` says whether it succeeded.
 */
async function loop(opts: {
  connections: number;
  seconds: number;
  one: (agent: http.Agent) => Promise<boolean>;
}): Promise<LoadResult & { firstError?: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + opts.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const ok = await opts.one(agent).catch(() => false);
      if (ok) latencies.push(performance.now() - t);
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
  };
}

const rows: Array<{ name: string; r: LoadResult; note: string }> = [];
const baseline: { r?: LoadResult } = {};
const ratio = (r: LoadResult) => (baseline.r ? r.perSecond / baseline.r.perSecond : 1);
const fmt = (name: string, r: LoadResult, note = '') =>
  `${name.padEnd(46)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99
    .toFixed(2)
    .padStart(
      7,
    )} ms  ratio ${ratio(r).toFixed(3)}  (${r.requests} req, ${r.errors} err)${note ? `  ${note}` : ''}`;
function report(name: string, r: LoadResult, note = '') {
  rows.push({ name, r, note });
  console.log(fmt(name, r, note));
}

// ---- servers ----
const hello = await start('server.ts', ['hello']);
const t0 = performance.now();
const zhifa = await start('cases-server.ts', []);
const info = zhifa.info as unknown as Info;
const port = info.port;
const auth = { authorization: `Bearer ${info.token}` };
// The big case's page and records, as the leader (officer1 may not read that case: PLT-07).
const leaderAuth = { authorization: `Bearer ${info.leaderToken}` };
const where =
  config.database.kind === 'sqlite'
    ? `SQLite ${config.database.file}`
    : `PostgreSQL schema ${config.database.schema}`;
console.log(
  `cases benchmark on ${where}; app ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; ` +
    `${CONNECTIONS} connections × ${SECONDS} s per figure\n`,
);

const warm = async (p: () => string, headers?: Record<string, string>) =>
  load({ port, path: p, connections: 4, seconds: 1, ...(headers && { headers }) });

// ---- baseline ----
await load({ port: hello.info.port as number, path: () => '/hello', connections: 4, seconds: 1 });
baseline.r = await load({
  port: hello.info.port as number,
  path: () => '/hello',
  connections: CONNECTIONS,
  seconds: SECONDS,
});
report('baseline GET /hello (bare Fastify)', baseline.r);
await warm(() => '/healthz');
report(
  'GET /healthz (the app, no database)',
  await load({ port, path: () => '/healthz', connections: CONNECTIONS, seconds: SECONDS }),
);

// ---- what the lists return (one request each, to show what was asked) ----
const agent = new http.Agent({ keepAlive: true });
async function getJson<T>(p: string, headers: Record<string, string> = auth): Promise<T> {
  const r = await request(port, 'GET', p, headers, agent);
  if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body) as T;
}
type Page = { items: Array<{ id: string }>; nextCursor: string | null };
const first = await getJson<Page>('/api/cases?limit=50');
const rot = <T>(xs: readonly T[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};
const officerIds = info.officers.map((o) => o.id);
// Prefixes: every organisation's name starts with 上海 (about 60 % of cases); 上海朱家角 is one
// area in twelve (about 5 %); a person's full name matches a handful of cases.
const personNames = info.parties.filter((p) => !p.name.startsWith('上海')).map((p) => p.name);
const months = ['2024-03', '2024-09', '2025-02', '2025-07', '2025-12', '2026-05'];
const lastDay = (m: string) =>
  new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

const scenarios: Array<{
  name: string;
  path: () => string;
  note?: string;
  headers?: Record<string, string>;
}> = [
  { name: 'GET /api/cases?limit=50', path: () => '/api/cases?limit=50' },
  { name: '  second page (cursor)', path: () => `/api/cases?limit=50&cursor=${first.nextCursor}` },
  ...(info.deepCursor
    ? [
        {
          name: '  deep page (cursor at 2025-06-30)',
          path: () => `/api/cases?limit=50&cursor=${info.deepCursor}`,
        },
      ]
    : []),
  {
    name: '  state= (rotating 6 states)',
    path: (
      (s) => () =>
        `/api/cases?limit=50&state=${s()}`
    )(rot(['closed', 'investigating', 'noticed', 'served', 'planned', 'hearing'])),
  },
  {
    name: '  actType= (rotating 5 types)',
    path: (
      (s) => () =>
        `/api/cases?limit=50&actType=${s()}`
    )(rot(['penalty', 'inspection', 'licensing', 'compulsion', 'expropriation'])),
  },
  {
    name: '  unitId= (rotating 3 units)',
    path: (
      (s) => () =>
        `/api/cases?limit=50&unitId=${s()}`
    )(rot(info.units)),
  },
  {
    name: `  officerId= (rotating ${officerIds.length} officers)`,
    path: (
      (s) => () =>
        `/api/cases?limit=50&officerId=${s()}`
    )(rot(officerIds)),
  },
  {
    name: '  filedFrom/filedTo one month (rotating 6)',
    path: ((s) => () => {
      const m = s();
      return `/api/cases?limit=50&filedFrom=${m}-01&filedTo=${lastDay(m)}`;
    })(rot(months)),
  },
  { name: '  overdue=1', path: () => '/api/cases?limit=50&overdue=1' },
  {
    name: '  unitId + state=closed + filed 2025',
    path: (
      (s) => () =>
        `/api/cases?limit=50&unitId=${s()}&state=closed&filedFrom=2025-01-01&filedTo=2025-12-31`
    )(rot(info.units)),
  },
  {
    name: 'GET /api/cases/:id (big case: + steps, timeline; as the leader)',
    path: () => `/api/cases/${info.bigCaseId}`,
    headers: leaderAuth,
  },
];

// The records pages of the big case, found by following the cursors (only when they are measured).
const recordPages: string[] = [];
if (!ONLY || ONLY.test('GET /api/cases/:id/records')) {
  let cursor: string | null = null;
  do {
    const p: string = `/api/cases/${info.bigCaseId}/records?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    recordPages.push(p);
    cursor = (await getJson<Page>(p, leaderAuth)).nextCursor;
  } while (cursor);
}
if (recordPages.length > 0)
  scenarios.push({
    name: `GET /api/cases/:id/records?limit=200 (${recordPages.length} pages; as the leader)`,
    path: rot(recordPages),
    headers: leaderAuth,
  });

console.log('');
for (const s of scenarios) {
  if (ONLY && !ONLY.test(s.name)) continue;
  const headers = s.headers ?? auth;
  const probe = await getJson<Page & { steps?: unknown[]; timeline?: unknown[] }>(s.path(), headers);
  const shown = probe.items
    ? `${probe.items.length} items${probe.nextCursor ? ', more' : ''}`
    : `${probe.steps?.length ?? 0} steps, ${probe.timeline?.length ?? 0} transitions`;
  await warm(s.path, headers);
  report(
    s.name,
    await load({ port, path: s.path, headers, connections: CONNECTIONS, seconds: SECONDS }),
    shown,
  );
}
// A search by party name goes in a POST body, never a URL (PLT-08).
const nameSearches: Array<{ name: string; partyName: () => string }> = [
  { name: 'POST /api/cases/search partyName=上海 (broad, ~60 %)', partyName: () => '上海' },
  { name: 'POST /api/cases/search partyName=上海朱家角 (~5 %)', partyName: () => '上海朱家角' },
  {
    name: 'POST /api/cases/search partyName=<person full name> (rotating)',
    partyName: rot(personNames.slice(0, 200)),
  },
];
for (const n of nameSearches) {
  if (ONLY && !ONLY.test(n.name)) continue;
  const body = () => JSON.stringify({ limit: 50, partyName: n.partyName() });
  const probe = await request(port, 'POST', '/api/cases/search', auth, new http.Agent(), body());
  const shown = `${(JSON.parse(probe.body) as Page).items.length} items`;
  report(
    n.name,
    await loop({
      connections: CONNECTIONS,
      seconds: SECONDS,
      one: async (a) => (await request(port, 'POST', '/api/cases/search', auth, a, body())).status === 200,
    }),
    shown,
  );
}
if (!ONLY || ONLY.test('all records')) {
  const all = await loop({
    connections: CONNECTIONS,
    seconds: SECONDS,
    one: async (a) => {
      let n = 0;
      for (const p of recordPages) {
        const r = await request(port, 'GET', p, leaderAuth, a);
        if (r.status !== 200) return false;
        n += (JSON.parse(r.body) as Page).items.length;
      }
      return n === info.bigRecords;
    },
  });
  report(`  all ${info.bigRecords} records (${recordPages.length} requests in a row)`, all, 'per sequence');
}

// ---- filing ----
async function counters(): Promise<{ cases: number; last: number }> {
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  if (config.database.kind === 'sqlite') {
    const d = new SQLite(config.database.file, { readonly: true });
    const c = d.prepare('select count(*) as n from cases where year = ?').get(year) as { n: number };
    const l = d.prepare('select last from case_counters where year = ?').get(year) as { last: number };
    d.close();
    return { cases: c.n, last: l.last };
  }
  const client = new pg.Client({
    connectionString: config.database.url,
    ...(config.database.schema && { options: `-c search_path=${config.database.schema}` }),
  });
  await client.connect();
  const c = await client.query<{ n: string }>('select count(*) as n from cases where year = $1', [year]);
  const l = await client.query<{ last: number }>('select last from case_counters where year = $1', [year]);
  await client.end();
  return { cases: Number(c.rows[0]!.n), last: Number(l.rows[0]!.last) };
}
if (process.env.BENCH_FILE !== '0') {
  const before = await counters();
  const kinds: Array<[string, string]> = [
    ['penalty', 'ordinary'],
    ['inspection', 'standard'],
    ['licensing', 'standard'],
    ['compulsion', 'measure'],
  ];
  let k = 0;
  let firstError: string | undefined;
  const body = () => {
    const [actType, procedure] = kinds[k % kinds.length]!;
    const items = info.powerItems.filter((p) => p.act_type === actType);
    const unit = info.units[k % info.units.length]!;
    const team = info.officers.filter((o) => o.unit_id === unit);
    const pool = team.length >= 2 ? team : info.officers;
    const lead = pool[k % pool.length]!.id;
    const member = pool[(k + 1) % pool.length]!.id;
    const party = info.parties[(k * 7919) % info.parties.length]!;
    k++;
    return JSON.stringify({
      actType,
      procedure,
      title: `${party.name}基准测试立案${k}`,
      powerItemId: items[k % items.length]!.id,
      partyId: party.id,
      unitId: unit,
      officerIds: [lead, member],
    });
  };
  console.log('');
  const r = await loop({
    connections: FILE_CLIENTS,
    seconds: FILE_SECONDS,
    one: async (a) => {
      const res = await request(port, 'POST', '/api/cases', auth, a, body());
      if (res.status !== 201) firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
      return res.status === 201;
    },
  });
  const after = await counters();
  report(
    `POST /api/cases (${FILE_CLIENTS} concurrent clients, ${FILE_SECONDS} s)`,
    r,
    `cases/s; numbers ${before.last + 1}–${after.last}, ${after.cases - before.cases} cases, gapless: ${
      after.last - before.last === r.requests && after.cases - before.cases === r.requests
    }`,
  );
  if (firstError) console.log(`first error: ${firstError}`);
}

// ---- the table for bench/README.md ----
console.log('\n| query | p50 | p99 | req/s | ratio |\n| --- | --- | --- | --- | --- |');
for (const { name, r } of rows)
  console.log(
    `| ${name.trim()} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.perSecond.toFixed(0)} | ${ratio(r).toFixed(3)} |`,
  );
agent.destroy();
hello.child.kill();
zhifa.child.kill();
