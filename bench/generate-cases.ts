/**
 * Bulk generator for the cases benchmark (issue 4): fills a migrated, demo-seeded database with
 * BENCH_CASES cases (default 1,000,000) filed 2024-01-01 … yesterday over every act type,
 * procedure, state, unit and officer; BENCH_PARTIES parties (default 200,000: persons and
 * organisations, masked fields, dummy sealed values); 2 case officers per case; 10 steps per case
 * (10,000,000) with their step officers (2 per step, 20,000,000 — BENCH_STEP_OFFICERS_EVERY=k keeps
 * them for every k-th batch only); and one "big" case with BENCH_BIG_RECORDS records (default
 * 1,000) pointing at one shared blob, plus a few transitions. case_counters are set to the highest
 * number of each year, so filing continues the sequence.
 *
 * It BYPASSES THE SERVICES: rows are written with batched multi-row INSERTs (parties, cases, case
 * officers) and INSERT … SELECT from the cases of each batch × 10 (steps, step officers), in big
 * transactions, with no ledger entries. `zhifa verify` would flag every generated row: run it on a
 * throwaway database only. (Only the extra officers — BENCH_OFFICERS, default 100 in all — are made
 * through the services, with their ledger entries.)
 *
 * Where: the same variables as the app. SQLite: ZHIFA_DATA_DIR (zhifa.sqlite in it). PostgreSQL:
 * DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ZHIFA_PG_SCHEMA=bench_cases (created), and
 * ZHIFA_DATA_DIR for the blob and keys. It refuses a database that has cases already.
 *
 *   ZHIFA_DATA_DIR=/tmp/zhifa-cases node --import tsx bench/generate-cases.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ZHIFA_PG_SCHEMA=bench_cases \
 *     ZHIFA_DATA_DIR=/tmp/zhifa-cases-pg node --import tsx bench/generate-cases.ts
 *   (BENCH_CASES=1000000 BENCH_PARTIES=200000 BENCH_OFFICERS=100 BENCH_BATCH=5000
 *    BENCH_STEP_OFFICERS_EVERY=1 BENCH_BIG_RECORDS=1000)
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { isClosed, lifecycleOf, statesOf, type CaseState } from '../src/domain/case-machine';
import { formatCaseNumber } from '../src/domain/case-number';
import { PROCEDURES_OF, type ActType, type Procedure } from '../src/domain/case-types';
import { uuidv7 } from '../src/domain/ids';
import { CLI } from '../src/services/deps';
import { createCertificate, createOfficer } from '../src/services/org-service';
import { seedDemo } from '../src/services/seed-service';
import { FsBlobStore } from '../src/storage/blobs/fs-blob-store';

const N = Number(process.env.BENCH_CASES ?? 1_000_000);
const PARTIES = Number(process.env.BENCH_PARTIES ?? 200_000);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 100);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const SO_EVERY = Number(process.env.BENCH_STEP_OFFICERS_EVERY ?? 1);
const BIG_RECORDS = Number(process.env.BENCH_BIG_RECORDS ?? 1000);
const STEPS = 10;

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const dialect = config.database.kind === 'postgres' ? 'postgres' : 'sqlite';
const T0 = performance.now();
const secs = () => ((performance.now() - T0) / 1000).toFixed(1);
const log = (s: string) => console.log(`[${secs().padStart(7)} s] ${s}`);

// ---- deterministic pseudo-random numbers (mulberry32) ----
let seed = 0x2026_1125;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
function weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T {
  let r = rand() * xs.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of xs) if ((r -= w) < 0) return x;
  return xs[xs.length - 1]![0];
}
const rnd10 = () => Uint8Array.from({ length: 10 }, () => int(256));
const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');

// ---- 1. schema, demo data, extra officers (through the services) ----
const { database, deps } = await openReady(config);
await seedDemo(deps);
if (await deps.db.selectFrom('cases').select('id').limit(1).executeTakeFirst())
  throw new Error('this database has cases already: generate into a fresh, throwaway database');
const agency = await deps.db.selectFrom('agencies').selectAll().executeTakeFirstOrThrow();
const units = await deps.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute();
{
  const have = (await deps.db.selectFrom('officers').select('id').execute()).length;
  const unitIds = units.map((u) => u.id);
  await deps.db.transaction().execute(async (trx) => {
    for (let i = have; i < OFFICERS; i++) {
      const { id } = await createOfficer(
        deps,
        CLI,
        { name: `测试执法${i}`, unitId: unitIds[i % unitIds.length]!, post: '科员', duties: '行政执法' },
        trx,
      );
      await createCertificate(
        deps,
        CLI,
        id,
        {
          number: `B31011${String(i).padStart(5, '0')}`,
          domains: ['民防工程建设', '人防工程使用管理'],
          validFrom: '2024-01-01',
          validTo: '2029-12-31',
        },
        trx,
      );
    }
  });
}
const officers = await deps.db
  .selectFrom('officers')
  .select(['id', 'unit_id'])
  .where('active', '=', 1)
  .execute();
const officersOf = new Map(
  units.map((u) => [u.id, officers.filter((o) => o.unit_id === u.id).map((o) => o.id)]),
);
const allOfficerIds = officers.map((o) => o.id);
const powerItems = await deps.db.selectFrom('power_items').select(['id', 'act_type']).execute();
const itemsOf = (t: ActType) => powerItems.filter((p) => p.act_type === t).map((p) => p.id);
const creator = (
  await deps.db.selectFrom('users').select('id').where('username', '=', 'officer1').executeTakeFirstOrThrow()
).id;
const blob = await new FsBlobStore(
  config.blobs.kind === 'fs' ? config.blobs.root : path.join(config.dataDir, 'blobs'),
).put(Buffer.from('现场检查照片（基准测试共用的一份内容）\n'.repeat(200)));
await database.destroy();
log(
  `${dialect}: schema, demo data and ${officers.length} officers ready; ${units.length} units, ${powerItems.length} power items`,
);

// ---- 2. a raw connection for the bulk writes ----
interface Bulk {
  run(sql: string, params?: unknown[]): Promise<number>;
  ph(i: number): string;
  maxParams: number;
  close(): Promise<void>;
}
async function openBulk(): Promise<Bulk> {
  if (config.database.kind === 'sqlite') {
    const db = new SQLite(config.database.file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Bulk load only: the app opens its own connection with synchronous = FULL.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    db.pragma('temp_store = MEMORY');
    const stmts = new Map<string, SQLite.Statement>();
    return {
      async run(sql, params = []) {
        let s = stmts.get(sql);
        if (!s) stmts.set(sql, (s = db.prepare(sql)));
        return s.run(...params).changes;
      },
      ph: () => '?',
      maxParams: 30000,
      async close() {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      },
    };
  }
  const schema = config.database.schema;
  const client = new pg.Client({
    connectionString: config.database.url,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  await client.query('set synchronous_commit = off');
  return {
    async run(sql, params = []) {
      return (await client.query(sql, params)).rowCount ?? 0;
    },
    ph: (i) => `$${i}`,
    maxParams: 60000,
    close: () => client.end(),
  };
}
const bulk = await openBulk();

async function insertRows(table: string, cols: readonly string[], rows: unknown[][]): Promise<void> {
  const per = Math.min(1000, Math.floor(bulk.maxParams / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    let p = 0;
    const values = chunk.map(() => `(${cols.map(() => bulk.ph(++p)).join(',')})`).join(',');
    await bulk.run(`insert into ${table} (${cols.join(',')}) values ${values}`, chunk.flat());
  }
}

// ---- 3. parties ----
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志晓燕文辉鹏飞红梅春海丹玉萍宇浩俊凯婷雪琳佳欣怡子轩梓涵思雨嘉诚浩然'.split(
    '',
  );
const AREAS = [
  '青浦',
  '徐泾',
  '赵巷',
  '华新',
  '重固',
  '白鹤',
  '朱家角',
  '练塘',
  '金泽',
  '夏阳',
  '盈浦',
  '香花桥',
];
const WORD = '宏达鑫源恒泰永盛华信金桥博远中建绿地嘉禾瑞丰天成东方新城安泰利民众诚卓越佳和润'.split('');
const TRADES = [
  '建设工程',
  '房地产开发',
  '物业管理',
  '置业',
  '建筑安装',
  '市政工程',
  '实业',
  '商贸',
  '停车管理',
  '投资',
];
const ROADS = [
  '公园路',
  '城中东路',
  '盈港东路',
  '华青路',
  '崧泽大道',
  '外青松公路',
  '沪青平公路',
  '淀山湖大道',
];
const dummySealed = () => `v1.${Buffer.from(hex(56), 'hex').toString('base64')}`;

const partyCols = [
  'id',
  'agency_id',
  'kind',
  'name',
  'id_type',
  'id_masked',
  'id_sealed',
  'id_digest',
  'legal_representative',
  'phone_masked',
  'phone_sealed',
  'address_masked',
  'address_sealed',
  'created_by',
  'created_at',
] as const;
const partyNames: string[] = [];
const partyIds: string[] = [];
const personName = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
let rowsTotal = 0;
{
  const t = performance.now();
  const base = Date.parse('2023-12-01T01:00:00Z');
  await bulk.run('begin');
  let rows: unknown[][] = [];
  for (let i = 0; i < PARTIES; i++) {
    const person = rand() < 0.4;
    const name = person
      ? personName()
      : `上海${pick(AREAS)}${pick(WORD)}${pick(WORD)}${pick(TRADES)}有限公司`;
    const id = uuidv7(base + i * 10, rnd10());
    const phone = `1${3 + int(6)}${int(10)}****${String(int(10000)).padStart(4, '0')}`;
    const road = pick(ROADS);
    partyNames.push(name);
    partyIds.push(id);
    rows.push([
      id,
      agency.id,
      person ? 'person' : 'organisation',
      name,
      person ? 'residentId' : 'creditCode',
      person
        ? `310${'*'.repeat(11)}${String(int(10000)).padStart(4, '0')}`
        : `91310118MA1${hex(7).toUpperCase()}`,
      dummySealed(),
      hex(64),
      person ? '' : personName(),
      phone,
      dummySealed(),
      person ? `上海市青浦区${road}******` : `上海市青浦区${road}${1 + int(999)}号`,
      dummySealed(),
      creator,
      new Date(base + i * 10).toISOString(),
    ]);
    if (rows.length === 5000) {
      await insertRows('parties', partyCols, rows);
      rows = [];
    }
  }
  await insertRows('parties', partyCols, rows);
  await bulk.run('commit');
  rowsTotal += PARTIES;
  log(
    `parties: ${PARTIES.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${(PARTIES / ((performance.now() - t) / 1000)).toFixed(0)} rows/s)`,
  );
}

// ---- 4. cases, case officers, steps, step officers ----
const DAY = 86_400_000;
const todayShanghai = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const start = Date.parse('2024-01-01T00:00:00Z');
const days = Math.round((Date.parse(todayShanghai) - start) / DAY); // up to yesterday
const ACT_MIX: ReadonlyArray<readonly [ActType, number]> = [
  ['penalty', 45],
  ['inspection', 35],
  ['licensing', 10],
  ['compulsion', 6],
  ['expropriation', 4],
];
const TITLE: Record<ActType, string[]> = {
  penalty: ['未按规定修建防空地下室案', '擅自拆除民防工程案', '不缴民防工程建设费案', '损坏民防工程设施案'],
  inspection: ['民防工程使用情况检查', '防空地下室维护管理检查', '民防工程建设质量检查'],
  licensing: ['民防工程拆除审批', '防空地下室易地建设审批'],
  compulsion: ['查封擅自拆除现场', '强制执行罚款决定'],
  expropriation: ['民防工程临时征用'],
};
const caseCols = [
  'id',
  'agency_id',
  'number',
  'year',
  'seq',
  'act_type',
  'procedure',
  'state',
  'title',
  'power_item_id',
  'party_id',
  'party_name',
  'unit_id',
  'major',
  'linked_case_id',
  'facts',
  'dates',
  'filed_on',
  'closed_on',
  'next_due',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);
const isSqlite = dialect === 'sqlite';
const stepDate = isSqlite
  ? `min(date(c.filed_on, '+' || (k.n * 3) || ' days'), '${todayShanghai}')`
  : `least(to_char(c.filed_on::date + k.n * 3, 'YYYY-MM-DD'), '${todayShanghai}')`;
const occurred = `${stepDate} || 'T0' || k.n || ':30:00.000Z'`;
// n, kind, service manner, in field, contact with party, AV required, AV reasons, notes
const K: Array<[number, string, string | null, number, number, number, string, string]> = [
  [0, 'inspection', null, 1, 1, 1, '["contactInspection"]', '现场检查民防工程使用情况，当事人在场。'],
  [1, 'inquiry', null, 0, 1, 0, '[]', '询问当事人，制作询问笔录。'],
  [2, 'examination', null, 1, 0, 1, '["examination"]', '对防空地下室进行勘验，绘制现场图。'],
  [3, 'sampling', null, 1, 0, 1, '["sampling"]', '抽样取证，开具抽样取证凭证。'],
  [4, 'inquiry', null, 0, 1, 0, '[]', '再次询问，核实有关情况。'],
  [5, 'notice', null, 0, 1, 0, '[]', '告知拟作出的决定及其事实、理由、依据和当事人依法享有的权利。'],
  [6, 'service', 'direct', 0, 1, 0, '[]', '直接送达，当事人签收。'],
  [7, 'other', null, 0, 0, 0, '[]', '法制审核。'],
  [8, 'execution', null, 1, 1, 0, '[]', '执行决定，当事人已履行。'],
  [9, 'service', 'leftAtPremises', 0, 0, 1, '["leftOrPublicService"]', '当事人拒收，留置送达并拍照记录。'],
];
const kValues = K.map(
  ([n, kind, manner, f, c, av, reasons, notes]) =>
    `(${n}, '${kind}', ${manner === null ? 'null' : `'${manner}'`}, ${f}, ${c}, ${av}, '${reasons}', '${notes}')`,
).join(', ');
const PLACES = [
  '青浦区公园路某防空地下室',
  '青浦区盈港东路某小区地下车库',
  '青浦区华新镇某在建工地',
  '本机关询问室',
];
const placeExpr = `case c.seq % 4 ${PLACES.map((p, i) => `when ${i} then '${p}'`).join(' ')} end`;
const stepsSql = (lo: string, hi: string) => `
  with k(n, kind, manner, in_field, contact, av, reasons, notes) as (values ${kValues})
  insert into steps (id, case_id, kind, service_manner, in_field, contact_with_party, designated_site, occurred_at,
    place, notes, av_required, av_reasons, recorder_warning, state, av_missing_reason, flagged, completed_at,
    created_by, created_at)
  select substr(c.id, 1, 19) || 'b00' || k.n || '-' || substr(c.id, 25, 12), c.id, k.kind, k.manner, k.in_field,
    k.contact, 0, ${occurred}, ${placeExpr}, k.notes, k.av, k.reasons, null,
    case when c.closed_on is null and k.n = 9 then 'open' else 'completed' end, null, 0,
    case when c.closed_on is null and k.n = 9 then null else ${occurred} end, c.created_by, ${occurred}
  from cases c cross join k
  where c.id >= ${lo} and c.id <= ${hi}
  order by c.id, k.n`;
// The range is given on both sides of the join: SQLite does not carry a bound parameter's range from
// s.case_id over to co.case_id, and without it reads every case officer of each officer per batch.
const stepOfficersSql = (lo: string, hi: string, lo2: string, hi2: string) => `
  insert into step_officers (step_id, officer_id, certificate_number)
  select s.id, co.officer_id, x.number
  from steps s join case_officers co on co.case_id = s.case_id
  join (select officer_id, min(number) as number from certificates group by officer_id) x on x.officer_id = co.officer_id
  where s.case_id >= ${lo} and s.case_id <= ${hi} and co.case_id >= ${lo2} and co.case_id <= ${hi2}
  order by s.id, co.officer_id`;

const bigIndex = Math.floor(N * 0.95);
let big: { id: string; filedOn: string; officers: string[] } | undefined;
const counters = new Map<number, number>();
const counts = { cases: 0, case_officers: 0, steps: 0, step_officers: 0 };
/** Seconds spent in the database per table (the rest is generating the rows in Node). */
const secsOf = { cases: 0, case_officers: 0, steps: 0, step_officers: 0, commit: 0 };
let lastLog = performance.now();
const tCases = performance.now();
for (let b0 = 0, batchNo = 0; b0 < N; b0 += BATCH, batchNo++) {
  const caseRows: unknown[][] = [];
  const coRows: unknown[][] = [];
  const end = Math.min(N, b0 + BATCH);
  for (let i = b0; i < end; i++) {
    const day = Math.floor((i * days) / N);
    const dayFirst = Math.ceil((day * N) / days);
    const dayCount = Math.ceil(((day + 1) * N) / days) - dayFirst;
    // 08:00–17:00 Shanghai (00:00–09:00 UTC), evenly spaced: every case gets its own millisecond.
    const ms = start + day * DAY + Math.floor(((i - dayFirst) * 9 * 3600_000) / Math.max(1, dayCount));
    const filedOn = dateOf(ms);
    const year = Number(filedOn.slice(0, 4));
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const isBig = i === bigIndex;
    const actType: ActType = isBig ? 'penalty' : weighted(ACT_MIX);
    const procedure: Procedure = isBig
      ? 'ordinary'
      : actType === 'penalty'
        ? rand() < 0.6
          ? 'ordinary'
          : 'simplified'
        : pick(PROCEDURES_OF[actType]);
    const lifecycle = lifecycleOf(actType, procedure)!;
    const states = statesOf(lifecycle);
    const open = states.filter((s) => !isClosed(lifecycle, s));
    const closedStates = states.filter((s) => isClosed(lifecycle, s));
    const age = Math.round((Date.parse(todayShanghai) - Date.parse(filedOn)) / DAY);
    const closed = !isBig && rand() < Math.min(0.97, age / 180);
    const state: CaseState = isBig
      ? 'noticed'
      : closed
        ? closedStates.length > 1 && rand() < 0.1
          ? pick(closedStates.slice(1))
          : closedStates[0]!
        : pick(open);
    const closedOn = closed
      ? dateOf(Math.min(ms + (20 + int(70)) * DAY, Date.parse(todayShanghai) - DAY))
      : null;
    const nextDue = closed ? null : dateOf(ms + (30 + int(90)) * DAY);
    const p = int(partyIds.length);
    const unit = weighted(units.map((u) => [u, officersOf.get(u.id)?.length ?? 1] as const));
    const pool = (officersOf.get(unit.id)?.length ?? 0) >= 2 ? officersOf.get(unit.id)! : allOfficerIds;
    const lead = pick(pool);
    let member = pick(pool);
    while (member === lead) member = pick(pool);
    const id = uuidv7(ms, rnd10());
    const dates: Record<string, unknown> = { filedOn, ...(closedOn && { closedOn }) };
    if (isBig) {
      dates.noticedOn = dateOf(ms + 20 * DAY);
      big = { id, filedOn, officers: [lead, member] };
    }
    caseRows.push([
      id,
      agency.id,
      formatCaseNumber(agency.short_name, year, seq),
      year,
      seq,
      actType,
      procedure,
      state,
      `${partyNames[p]}${pick(TITLE[actType])}`,
      pick(itemsOf(actType)),
      partyIds[p],
      partyNames[p],
      unit.id,
      rand() < 0.05 ? 1 : 0,
      null,
      JSON.stringify({ procedure }),
      JSON.stringify(dates),
      filedOn,
      closedOn,
      nextDue,
      creator,
      iso(ms),
      iso(ms),
    ]);
    coRows.push([id, lead, 'lead'], [id, member, 'member']);
  }
  const lo = caseRows[0]![0] as string;
  const hi = caseRows[caseRows.length - 1]![0] as string;
  let t = performance.now();
  const lap = (k: keyof typeof secsOf) => {
    const now = performance.now();
    secsOf[k] += (now - t) / 1000;
    t = now;
  };
  await bulk.run('begin');
  await insertRows('cases', caseCols, caseRows);
  lap('cases');
  await insertRows('case_officers', ['case_id', 'officer_id', 'role'], coRows);
  lap('case_officers');
  const p1 = bulk.ph(1);
  const p2 = bulk.ph(2);
  counts.steps += await bulk.run(stepsSql(p1, p2), [lo, hi]);
  lap('steps');
  if (batchNo % SO_EVERY === 0)
    counts.step_officers += await bulk.run(stepOfficersSql(p1, p2, bulk.ph(3), bulk.ph(4)), [lo, hi, lo, hi]);
  lap('step_officers');
  await bulk.run('commit');
  lap('commit');
  counts.cases += caseRows.length;
  counts.case_officers += coRows.length;
  const now = performance.now();
  if (now - lastLog > 10_000 || end === N) {
    lastLog = now;
    const rows = counts.cases + counts.case_officers + counts.steps + counts.step_officers;
    const s = (now - tCases) / 1000;
    log(
      `cases ${counts.cases.toLocaleString('en')}/${N.toLocaleString('en')}, steps ${counts.steps.toLocaleString('en')}, ` +
        `step officers ${counts.step_officers.toLocaleString('en')}: ${(rows / s).toFixed(0)} rows/s ` +
        `(${(counts.cases / s).toFixed(0)} cases/s), ETA ${((s / counts.cases) * (N - counts.cases)).toFixed(0)} s; ` +
        `db seconds ${Object.entries(secsOf)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')}`,
    );
  }
}
rowsTotal += counts.cases + counts.case_officers + counts.steps + counts.step_officers;

// ---- 5. counters, the big case's records and transitions ----
await bulk.run('begin');
for (const [year, last] of counters)
  await bulk.run(
    `insert into case_counters (agency_id, year, last) values (${bulk.ph(1)}, ${bulk.ph(2)}, ${bulk.ph(3)})
     on conflict (agency_id, year) do update set last = excluded.last`,
    [agency.id, year, last],
  );
if (big) {
  const bigSteps = Array.from(
    { length: STEPS },
    (_, n) => `${big.id.slice(0, 19)}b00${n}-${big.id.slice(24)}`,
  );
  const baseMs = Date.parse(`${big.filedOn}T02:00:00Z`);
  const KINDS = ['photo', 'photo', 'photo', 'video', 'audio', 'document', 'scan', 'text'] as const;
  const EXT: Record<string, [string, string]> = {
    photo: ['jpg', 'image/jpeg'],
    video: ['mp4', 'video/mp4'],
    audio: ['m4a', 'audio/mp4'],
    document: ['pdf', 'application/pdf'],
    scan: ['pdf', 'application/pdf'],
    text: ['txt', 'text/plain'],
  };
  const recCols = [
    'id',
    'sha256',
    'sm3',
    'size',
    'media_type',
    'file_name',
    'created_by',
    'created_at',
    'case_id',
    'step_id',
    'kind',
    'protection',
    'version_of',
    'root_id',
    'version',
    'correction_reason',
    'av_meta',
    'recorder_id',
  ];
  const recs: unknown[][] = [];
  for (let r = 0; r < BIG_RECORDS; r++) {
    const ms = baseMs + r * 60_000;
    const kind = KINDS[r % KINDS.length]!;
    const [ext, type] = EXT[kind]!;
    const av = kind === 'video' || kind === 'audio';
    const at = iso(ms);
    recs.push([
      uuidv7(ms, rnd10()),
      blob.sha256,
      blob.sm3,
      blob.size,
      type,
      `${kind}-${String(r + 1).padStart(4, '0')}.${ext}`,
      creator,
      at,
      big.id,
      bigSteps[r % STEPS],
      kind,
      r % 20 === 0 ? 'privacy' : 'internal',
      null,
      null,
      1,
      null,
      av
        ? JSON.stringify({
            recorderId: 'bench',
            officerIds: big.officers,
            startedAt: at,
            endedAt: iso(ms + 300_000),
            place: PLACES[0],
          })
        : null,
      null,
    ]);
  }
  await insertRows('records', recCols, recs);
  const trans: Array<[string, string, string, number]> = [
    ['startInvestigation', 'filed', 'investigating', 1],
    ['endInvestigation', 'investigating', 'investigationEnded', 15],
    ['notice', 'investigationEnded', 'noticed', 20],
  ];
  await insertRows(
    'case_transitions',
    ['id', 'case_id', 'action', 'from_state', 'to_state', 'payload', 'occurred_on', 'user_id', 'at'],
    trans.map(([action, from, to, d]) => [
      uuidv7(baseMs + d * DAY, rnd10()),
      big.id,
      action,
      from,
      to,
      JSON.stringify({ action }),
      dateOf(baseMs + d * DAY),
      creator,
      iso(baseMs + d * DAY),
    ]),
  );
  rowsTotal += BIG_RECORDS + trans.length;
}
await bulk.run('commit');
log(
  `counters ${[...counters].map(([y, n]) => `${y}: ${n}`).join(', ')}; big case ${big?.id} (${BIG_RECORDS} records)`,
);

// ---- 6. statistics and size ----
if (dialect === 'postgres') {
  const t = performance.now();
  for (const t of [
    'parties',
    'cases',
    'case_officers',
    'steps',
    'step_officers',
    'records',
    'case_transitions',
    'case_counters',
  ])
    await bulk.run(`vacuum analyze ${t}`);
  log(`vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
} else if (process.env.BENCH_ANALYZE === '1') {
  await bulk.run('analyze');
  log('analyze done (BENCH_ANALYZE=1; the app itself never runs ANALYZE)');
}
await bulk.close();
const total = (performance.now() - T0) / 1000;
let size: string;
if (config.database.kind === 'sqlite')
  size = `${(fs.statSync(config.database.file).size / 1e9).toFixed(2)} GB (${config.database.file})`;
else {
  const c = new pg.Client({ connectionString: config.database.url });
  await c.connect();
  const r = await c.query<{ b: string }>(
    `select sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)))::bigint as b from pg_tables where schemaname = $1`,
    [config.database.schema ?? 'public'],
  );
  await c.end();
  size = `${(Number(r.rows[0]!.b) / 1e9).toFixed(2)} GB (schema ${config.database.schema ?? 'public'})`;
}
log(
  `done: ${rowsTotal.toLocaleString('en')} rows in ${total.toFixed(0)} s (${(rowsTotal / total).toFixed(0)} rows/s overall); database ${size}`,
);
