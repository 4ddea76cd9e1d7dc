/**
 * Benchmark (issue 15): the filing rate under concurrent clients on a fresh database, SQLite and
 * PostgreSQL — `POST /api/cases` through the real app (number, case, officers, timers, filing
 * facts, ledger entry, then the case view), cases/s, p50, p99 — beside the baseline of the same
 * run and the same clients: `POST /bench/plain-insert` on the same server process, which INSERTs a
 * case-sized row in a transaction of its own. Baseline and filing alternate in slices
 * (BENCH_ROUNDS × BENCH_SECONDS each), after a short warm-up of both.
 *
 * Afterwards it checks what concurrency must not break: the case numbers are 1…n with no gap or
 * repeat, and `verifyLedger` over the whole database finds a gap-free ledger, the stored Merkle
 * nodes equal to the recomputed ones, and every case row equal to its latest entry. On PostgreSQL
 * it samples pg_stat_activity and pg_locks every 50 ms while filing and prints what the app's
 * connections were waiting on.
 *
 *   node --import tsx bench/filing.bench.ts
 *   (BENCH_DIALECTS=sqlite,postgres BENCH_CLIENTS=20 BENCH_SECONDS=10 BENCH_ROUNDS=2 BENCH_PARTIES=200
 *    ZHIFA_TEST_PG_URL; BENCH_PROFILE_DIR=<dir> runs the server under `node --cpu-prof` into it)
 *
 * The server runs in its own process; the load comes from this one, on the same cores. The data
 * directory (a temp dir) and the PostgreSQL schema are removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { loadTransparency } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { systemClock, type Deps } from '../src/services/deps';
import { verifyLedger } from '../src/services/verify-service';
import { openDatabase } from '../src/storage/database';
import type { LoadResult } from './load';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PG_URL = process.env.ZHIFA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

interface Info {
  port: number;
  dialect: string;
  token: string;
  unitId: string;
  officers: string[];
  powerItems: Array<{ id: string; act_type: string; violations: string[] }>;
  parties: string[];
}

async function start(env: Record<string, string>, profileDir?: string) {
  const args = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'filing-server.ts'),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const rl = readline.createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`filing-server.ts exited ${code}`)));
  });
  return { child, info: JSON.parse(line) as Info };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function post(port: number, p: string, headers: Record<string, string>, agent: http.Agent, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: p,
        agent,
        headers: { ...headers, 'content-type': 'application/json' },
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

/** Closed loop: `clients` keep-alive connections, each sending its next POST when the last returns. */
async function loop(clients: number, seconds: number, one: (a: http.Agent) => Promise<boolean>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const ok = await one(agent).catch(() => false);
      if (ok) latencies.push(performance.now() - t);
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, errors, elapsed };
}

function summarise(parts: Array<{ latencies: number[]; errors: number; elapsed: number }>): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const elapsed = parts.reduce((s, p) => s + p.elapsed, 0);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: pct(0.5),
    p99: pct(0.99),
    errors: parts.reduce((s, p) => s + p.errors, 0),
  };
}

const fmt = (name: string, r: LoadResult, ratio: number) =>
  `${name.padEnd(44)} ${r.perSecond.toFixed(1).padStart(7)} /s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99
    .toFixed(1)
    .padStart(7)} ms  ratio ${ratio.toFixed(3)}  (${r.requests} ok, ${r.errors} err)`;

async function runDialect(dialect: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zhifa-bench-filing-${dialect}-`));
  const schema = `bench_filing_${process.pid}`;
  const appName = `zhifa_bench_filing_${process.pid}`;
  const env: Record<string, string> = { ZHIFA_DATA_DIR: dir };
  if (dialect === 'postgres') {
    env.DATABASE_URL = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=${appName}`;
    env.ZHIFA_PG_SCHEMA = schema;
  } else if (dialect !== 'sqlite') throw new Error(`unknown dialect ${dialect}`);
  const profileDir = PROFILE_DIR ? path.resolve(PROFILE_DIR, dialect) : undefined;
  const admin = dialect === 'postgres' ? new pg.Client({ connectionString: PG_URL }) : null;
  await admin?.connect();
  const lines: string[] = [];
  let server: Awaited<ReturnType<typeof start>> | undefined;
  try {
    const t0 = performance.now();
    server = await start(env, profileDir);
    const info = server.info;
    const auth = { authorization: `Bearer ${info.token}` };
    const kinds = (
      [
        ['penalty', 'ordinary'],
        ['inspection', 'standard'],
        ['licensing', 'standard'],
        ['compulsion', 'measure'],
      ] as const
    ).filter(([a]) => info.powerItems.some((p) => p.act_type === a));
    let k = 0;
    const body = () => {
      const [actType, procedure] = kinds[k % kinds.length]!;
      const items = info.powerItems.filter((p) => p.act_type === actType);
      // The filer's own officer leads (officers[0]); the member rotates over the others.
      const lead = info.officers[0]!;
      const member = info.officers[1 + (k % (info.officers.length - 1))]!;
      const partyId = info.parties[(k * 7919) % info.parties.length]!;
      k++;
      const item = items[k % items.length]!;
      return {
        actType,
        procedure,
        title: `基准测试立案${k}`,
        powerItemId: item.id,
        ...(item.violations.length > 0 && { chargedViolations: item.violations }),
        partyId,
        unitId: info.unitId,
        officerIds: [lead, member],
      };
    };
    // The baseline's row: about what a case row holds (its columns as JSON, ~700 bytes).
    const plainRow = () => {
      const b = body();
      return JSON.stringify({
        ...b,
        number: `青国动立字〔2026〕第${k}号`,
        year: 2026,
        seq: k,
        state: 'filed',
        party_name: `基准当事人${k}`,
        major: 0,
        linked_case_id: null,
        charged_violations: '[]',
        facts: JSON.stringify({ procedure: b.procedure }),
        dates: JSON.stringify({ filedOn: '2026-12-06' }),
        filed_on: '2026-12-06',
        next_due: '2027-03-06',
        created_by: info.officers[0],
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
    };
    let firstError: string | undefined;
    const file = async (a: http.Agent) => {
      const res = await post(info.port, '/api/cases', auth, a, JSON.stringify(body()));
      if (res.status !== 201) firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
      return res.status === 201;
    };
    const plain = async (a: http.Agent) => {
      const res = await post(info.port, '/bench/plain-insert', auth, a, plainRow());
      if (res.status !== 201) firstError ??= `plain ${res.status} ${res.body.slice(0, 300)}`;
      return res.status === 201;
    };

    // What the app's PostgreSQL connections wait on while filing (50 ms samples).
    const waits = new Map<string, number>();
    let samples = 0;
    const sampler = async (until: () => boolean) => {
      while (!until()) {
        const r = await admin!.query<{ what: string; n: string }>(
          `select coalesce(a.wait_event_type || ':' || a.wait_event, 'on CPU / in the app') ||
                  coalesce(' (' || l.locktype || ')', '') ||
                  case when a.wait_event_type = 'Lock' then ': ' || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 60) else '' end
                  as what, count(*) as n
             from pg_stat_activity a
             left join pg_locks l on l.pid = a.pid and not l.granted
            where a.application_name = $1 and a.state in ('active', 'idle in transaction')
              and a.pid <> pg_backend_pid()
            group by 1`,
          [appName],
        );
        const idleInTx = await admin!.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity where application_name = $1 and state = 'idle in transaction'`,
          [appName],
        );
        samples++;
        for (const row of r.rows) waits.set(row.what, (waits.get(row.what) ?? 0) + Number(row.n));
        waits.set(
          '(of which idle in transaction)',
          (waits.get('(of which idle in transaction)') ?? 0) + Number(idleInTx.rows[0]!.n),
        );
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    lines.push(
      `## ${dialect}: fresh database, ${info.parties.length} parties; server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `${CLIENTS} clients, ${ROUNDS} × ${SECONDS} s each, alternating; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(lines.at(-1));
    await loop(CLIENTS, 2, plain);
    await loop(CLIENTS, 3, file);
    const base: Awaited<ReturnType<typeof loop>>[] = [];
    const filing: Awaited<ReturnType<typeof loop>>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      base.push(await loop(CLIENTS, SECONDS, plain));
      let done = false;
      const sampling = admin ? sampler(() => done) : Promise.resolve();
      filing.push(await loop(CLIENTS, SECONDS, file));
      done = true;
      await sampling;
      console.log(
        `  round ${r + 1}: baseline ${(base[r]!.latencies.length / base[r]!.elapsed).toFixed(1)}/s, filing ${(filing[r]!.latencies.length / filing[r]!.elapsed).toFixed(1)}/s, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
    const b = summarise(base);
    const f = summarise(filing);
    lines.push(fmt('baseline POST /bench/plain-insert', b, 1));
    lines.push(fmt('POST /api/cases (cases/s)', f, f.perSecond / b.perSecond));
    lines.push(
      `load average after: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    if (firstError) lines.push(`first error: ${firstError}`);
    if (admin && samples > 0) {
      lines.push(`PostgreSQL, app connections busy per 50 ms sample while filing (${samples} samples):`);
      for (const [what, n] of [...waits].sort((x, y) => y[1] - x[1]))
        lines.push(`  ${(n / samples).toFixed(2).padStart(6)}  ${what}`);
    }
    for (const l of lines.slice(1)) console.log(l);
    await stop(server.child);
    server = undefined;

    // ---- what concurrency must not break
    const config = loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent' });
    const database = await openDatabase(config.database);
    try {
      const deps: Deps = {
        db: database.db,
        dialect: database.dialect,
        clock: systemClock,
        adjustedWorkdaysCount: true,
      };
      const cases = await database.db.selectFrom('cases').select(['year', 'seq']).execute();
      const counters = await database.db.selectFrom('case_counters').select(['year', 'last']).execute();
      let gapless = true;
      for (const c of counters) {
        const seqs = cases.filter((x) => x.year === c.year).map((x) => Number(x.seq));
        const distinct = new Set(seqs);
        gapless &&=
          distinct.size === seqs.length &&
          seqs.length === Number(c.last) &&
          Math.max(...seqs) === Number(c.last);
      }
      const t = performance.now();
      const report = await verifyLedger(deps, loadTransparency(config));
      lines.push(
        `checked: ${cases.length} cases, numbers 1…n without gap or repeat: ${gapless}; verifyLedger: ${report.entries} entries, ` +
          `${report.nodes} nodes, ${report.rows} rows, ${report.problems.length} problems (${((performance.now() - t) / 1000).toFixed(1)} s)` +
          (report.problems.length > 0 ? ` first: ${JSON.stringify(report.problems.slice(0, 3))}` : ''),
      );
      console.log(lines.at(-1));
      if (!gapless || report.problems.length > 0) process.exitCode = 1;
    } finally {
      await database.destroy();
    }
  } finally {
    if (server) await stop(server.child);
    fs.rmSync(dir, { recursive: true, force: true });
    if (admin) {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }
  return lines;
}

const all: string[] = [];
for (const d of DIALECTS) all.push(...(await runDialect(d)), '');
console.log('\n' + all.join('\n'));
