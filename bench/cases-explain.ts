/**
 * The database side of `cases.bench.ts`: for each case-list filter, the SQL the repository sends
 * (`listCases` of src/repositories/case-repository.ts, captured through Kysely's log), its plan
 * (SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)`), and its time in the
 * database alone — median and max of BENCH_RUNS runs (default 7), no HTTP.
 *
 * Same variables as the generator and the benchmark. To try an index or a query change by hand:
 *   BENCH_TRY="create index … on cases (…)"  runs it first and prints before/after; the index stays
 *   unless BENCH_TRY_UNDO="drop index …" is given too. BENCH_ONLY=<regex> picks filters.
 *   BENCH_VARIANT=ids-first measures the rewrite recommended in bench/README.md instead of the
 *   repository's query: the 51 ids are chosen first by a subquery that reads only `cases` (covering
 *   indexes where it can), then the rows and their joins are read for those ids alone.
 *
 *   ZHIFA_DATA_DIR=/tmp/zhifa-cases-sqlite node --import tsx bench/cases-explain.ts
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { listCases, type CaseFilter } from '../src/repositories/case-repository';
import type { DB } from '../src/storage/schema';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const VARIANT = process.env.BENCH_VARIANT ?? 'repository';
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let captured: CompiledQuery | undefined;
const log = (e: { level: string; query: CompiledQuery }) => {
  captured = e.query;
};
let sqlite: SQLite.Database | undefined;
let pool: pg.Pool | undefined;
let db: Kysely<DB>;
if (config.database.kind === 'sqlite') {
  sqlite = new SQLite(config.database.file);
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log });
} else {
  pool = new pg.Pool({
    connectionString: config.database.url,
    max: 2,
    ...(config.database.schema && { options: `-c search_path=${config.database.schema}` }),
  });
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
}

async function raw(sql: string, params: readonly unknown[] = []): Promise<Array<Record<string, unknown>>> {
  if (sqlite) {
    const s = sqlite.prepare(sql);
    return s.reader ? (s.all(...params) as Array<Record<string, unknown>>) : (s.run(...params), []);
  }
  return (await pool!.query(sql, params as unknown[])).rows as Array<Record<string, unknown>>;
}

const unit = (await db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
const officer = (await db.selectFrom('officers').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow())
  .id;
const person = (
  await db
    .selectFrom('parties')
    .select('name')
    .where('kind', '=', 'person')
    .orderBy('id')
    .executeTakeFirstOrThrow()
).name;
const filters: Array<[string, Omit<CaseFilter, 'limit'>]> = [
  ['none', {}],
  ['state=hearing', { state: 'hearing' }],
  ['actType=licensing', { actType: 'licensing' }],
  ['unitId', { unitId: unit }],
  ['officerId', { officerId: officer }],
  ['partyName=上海', { partyName: '上海' }],
  ['partyName=上海朱家角', { partyName: '上海朱家角' }],
  [`partyName=${person}`, { partyName: person }],
  ['filed 2025-07', { filedFrom: '2025-07-01', filedTo: '2025-07-31' }],
  ['filed 2024-03', { filedFrom: '2024-03-01', filedTo: '2024-03-31' }],
  ['overdue', { overdueOn: today }],
  ['unit+closed+2025', { unitId: unit, state: 'closed', filedFrom: '2025-01-01', filedTo: '2025-12-31' }],
];

/** The same filters as listCases, on `cases as c` alone. */
function filtered<O>(q: SelectQueryBuilder<DB & { c: DB['cases'] }, 'c', O>, f: CaseFilter) {
  if (f.actType) q = q.where('c.act_type', '=', f.actType);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.unitId) q = q.where('c.unit_id', '=', f.unitId);
  if (f.partyId) q = q.where('c.party_id', '=', f.partyId);
  if (f.partyName)
    q = q.where('c.party_name', '>=', f.partyName).where('c.party_name', '<', `${f.partyName}\uffff`);
  if (f.filedFrom) q = q.where('c.filed_on', '>=', f.filedFrom);
  if (f.filedTo) q = q.where('c.filed_on', '<=', f.filedTo);
  if (f.overdueOn) q = q.where('c.next_due', '<', f.overdueOn);
  if (f.officerId) {
    const officerId = f.officerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as co')
          .select('co.case_id')
          .whereRef('co.case_id', '=', 'c.id')
          .where('co.officer_id', '=', officerId),
      ),
    );
  }
  if (f.beforeId) q = q.where('c.id', '<', f.beforeId);
  return q;
}

/** The recommended rewrite: ids first (ORDER BY id LIMIT n over `cases` only), then the rows. */
function idsFirst(f: CaseFilter) {
  const ids = filtered(db.selectFrom('cases as c').select('c.id'), f).orderBy('c.id', 'desc').limit(f.limit);
  return db
    .selectFrom('cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .innerJoin('power_items as p', 'p.id', 'c.power_item_id')
    .selectAll('c')
    .select(['u.name as unit_name', 'p.name as power_item_name', 'p.code as power_item_code'])
    .where('c.id', 'in', ids)
    .orderBy('c.id', 'desc')
    .execute();
}

async function measure(name: string, f: Omit<CaseFilter, 'limit'>) {
  captured = undefined;
  if (VARIANT === 'ids-first') await idsFirst({ ...f, limit: 51 });
  else await listCases(db, { ...f, limit: 51 });
  const q = captured!;
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    n = (await raw(q.sql, q.parameters)).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `\n## ${name}: ${n} rows, median ${times[Math.floor(RUNS / 2)]!.toFixed(2)} ms, max ${times[RUNS - 1]!.toFixed(2)} ms`,
  );
  if (sqlite) {
    for (const r of await raw(`explain query plan ${q.sql}`, q.parameters))
      console.log(`   ${r.detail as string}`);
  } else {
    for (const r of await raw(`explain (analyze, buffers) ${q.sql}`, q.parameters))
      console.log(`   ${r['QUERY PLAN'] as string}`);
  }
  return q;
}

console.log(`variant: ${VARIANT}`);
const first = await measure('none (SQL shown once)', {});
console.log(`\n   ${first.sql}`);
if (process.env.BENCH_TRY) {
  for (const [name, f] of filters) if (!ONLY || ONLY.test(name)) await measure(`before: ${name}`, f);
  const t = performance.now();
  for (const s of process.env.BENCH_TRY.split(';').filter((x) => x.trim())) await raw(s);
  console.log(`\n>>> ${process.env.BENCH_TRY}  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  for (const [name, f] of filters) if (!ONLY || ONLY.test(name)) await measure(`after: ${name}`, f);
  if (process.env.BENCH_TRY_UNDO)
    for (const s of process.env.BENCH_TRY_UNDO.split(';').filter((x) => x.trim())) await raw(s);
} else for (const [name, f] of filters) if (!ONLY || ONLY.test(name)) await measure(name, f);
await db.destroy();
