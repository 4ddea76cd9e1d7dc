/**
 * Bulk generator for the portal benchmark (issue 14): fills a migrated, demo-seeded database with
 * BENCH_DECISIONS published decisions (default 10,000,000) in `public_decisions` — the masked public
 * table the portal and open data read — decided 2024-01-01 … yesterday over every act type, unit
 * and party kind. Parties: 40 % persons (`张某`: the masked form), 60 % organisations named
 * `上海<area><name><trade>有限公司` with a credit code; 文号 `青国动<罚|检|许|强|征>字〔year〕第n号`;
 * facts naming a place (`上海市青浦区<area>镇<road>`), so a place is a search term. About 10 % have
 * a display period of 3 months (most of them over by now), 0.5 % are withdrawn with a reason.
 * `search_tokens` comes from the product's tokenizer, as the publish path makes it.
 *
 * It BYPASSES THE SERVICES: batched INSERTs of BENCH_BATCH rows (default 5,000) per transaction —
 * multi-row VALUES on SQLite, one `INSERT … SELECT FROM unnest(<one array per column>)` per batch
 * on PostgreSQL — no ledger entries (ledger_seq is the row number, leaf_hash random): run it on a
 * throwaway database only; `item_id` names no `publication_items` row (foreign keys are off for the
 * loading connection). The table's secondary indexes (and on SQLite the FTS triggers) are dropped
 * while loading and made again afterwards from their own definitions, read from the catalogue (the
 * FTS table rebuilt in one pass): that is what makes 10⁶ rows a matter of minutes. PostgreSQL gets
 * `VACUUM ANALYZE` at the end (what autovacuum would do).
 *
 *   ZHIFA_DATA_DIR=/tmp/zhifa-portal-sqlite node --import tsx bench/generate-decisions.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ZHIFA_PG_SCHEMA=bench_portal \
 *     ZHIFA_DATA_DIR=/tmp/zhifa-portal-pg node --import tsx bench/generate-decisions.ts
 *   (BENCH_DECISIONS=10000000 BENCH_BATCH=5000)
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { ACT_TYPES, type ActType } from '../src/domain/case-types';
import { creditCodeCheckChar } from '../src/domain/identity';
import { uuidv7 } from '../src/domain/ids';
import { searchTokens } from '../src/domain/search-tokens';
import { seedDemo } from '../src/services/seed-service';

const N = Number(process.env.BENCH_DECISIONS ?? 10_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const dialect = config.database.kind === 'postgres' ? 'postgres' : 'sqlite';
const T0 = performance.now();
const secs = () => ((performance.now() - T0) / 1000).toFixed(1);
const log = (s: string) => console.log(`[${secs().padStart(7)} s] ${s}`);

// ---- deterministic pseudo-random numbers (mulberry32) ----
let seed = 0x2026_1205;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');

// ---- 1. schema and demo data (through the product) ----
const { database, deps } = await openReady(config);
await seedDemo(deps);
if (await deps.db.selectFrom('public_decisions').select('id').limit(1).executeTakeFirst())
  throw new Error('this database has public decisions already: generate into a fresh, throwaway database');
const agency = await deps.db.selectFrom('agencies').selectAll().executeTakeFirstOrThrow();
const units = (await deps.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute()).filter(
  (u) => !u.name.includes('法制'),
);
await database.destroy();
log(
  `${dialect}: schema and demo data ready; ${units.length} units; generating ${N.toLocaleString()} decisions`,
);

// ---- 2. a raw connection for the bulk writes ----
interface Bulk {
  run(sql: string, params?: unknown[]): Promise<number>;
  all<T>(sql: string): Promise<T[]>;
  /** Inserts `rows` (one array of COLUMNS' values each) in as few statements as the driver allows. */
  insert(rows: unknown[][]): Promise<void>;
  close(): Promise<void>;
}
async function openBulk(): Promise<Bulk> {
  if (config.database.kind === 'sqlite') {
    const db = new SQLite(config.database.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF'); // bulk load only: the app opens its own with FULL
    db.pragma('foreign_keys = OFF'); // item_id names no publication_items row (see below)
    db.pragma('cache_size = -1000000');
    db.pragma('temp_store = MEMORY');
    const stmts = new Map<string, SQLite.Statement>();
    const prepared = (sql: string) => {
      let s = stmts.get(sql);
      if (!s) stmts.set(sql, (s = db.prepare(sql)));
      return s;
    };
    const per = Math.floor(30000 / COLUMNS.length);
    const multi = (k: number) =>
      `insert into public_decisions (${COLUMNS.join(',')}) values ${Array.from(
        { length: k },
        () => `(${COLUMNS.map(() => '?').join(',')})`,
      ).join(',')}`;
    return {
      async run(sql, params = []) {
        return prepared(sql).run(...params).changes;
      },
      async all<T>(sql: string) {
        return db.prepare(sql).all() as T[];
      },
      async insert(rows) {
        for (let i = 0; i < rows.length; i += per) {
          const part = rows.slice(i, i + per);
          prepared(multi(part.length)).run(...part.flat());
        }
      },
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
  // Foreign-key triggers off for this session (item_id names no publication_items row).
  await client.query('set session_replication_role = replica');
  await client.query(`set maintenance_work_mem = '1GB'`);
  const types = (
    await client.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name = 'public_decisions'`,
    )
  ).rows;
  const typeOf = new Map(types.map((r) => [r.column_name, r.data_type]));
  const unnest = `insert into public_decisions (${COLUMNS.join(',')}) select * from unnest(${COLUMNS.map(
    (c, i) => `$${i + 1}::${typeOf.get(c)}[]`,
  ).join(',')})`;
  return {
    async run(sql, params = []) {
      return (await client.query(sql, params)).rowCount ?? 0;
    },
    async all<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async insert(rows) {
      await client.query(
        unnest,
        COLUMNS.map((_, c) => rows.map((r) => r[c])),
      );
    },
    close: () => client.end(),
  };
}
// ---- 3. the vocabulary ----
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛'.split(
    '',
  );
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '东方'];
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
const WORD_OF: Record<ActType, string> = {
  penalty: '罚',
  inspection: '检',
  licensing: '许',
  compulsion: '强',
  expropriation: '征',
};
const ACT_WEIGHTS: Array<[ActType, number]> = [
  ['penalty', 45],
  ['inspection', 35],
  ['licensing', 10],
  ['compulsion', 6],
  ['expropriation', 4],
];
function actType(): ActType {
  let r = rand() * 100;
  for (const [t, w] of ACT_WEIGHTS) if ((r -= w) < 0) return t;
  return 'penalty';
}
void ACT_TYPES;

const FIRST_DAY = Date.parse('2024-01-01T00:00:00Z');
const LAST_DAY = Date.parse(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z');
const DAYS = Math.round((LAST_DAY - FIRST_DAY) / 86_400_000) + 1;
const dateAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addMonths = (date: string, m: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + m);
  return d.toISOString().slice(0, 10);
};
const counters = new Map<string, number>();

const COLUMNS = [
  'id',
  'item_id',
  'act_type',
  'number',
  'decision_date',
  'unit_id',
  'unit_name',
  'responsible_name',
  'party_kind',
  'party_name',
  'credit_code',
  'legal_representative',
  'facts',
  'basis',
  'result_kind',
  'result_content',
  'fine_amount',
  'display_end',
  'withdrawn',
  'withdrawal_reason',
  'withdrawn_at',
  'expired',
  'published_at',
  'ledger_seq',
  'leaf_hash',
  'search_tokens',
] as const;

/** Row `i`: decisions are spread evenly over the days, in date order, so ids follow time. */
function row(i: number): unknown[] {
  const day = Math.floor((i * DAYS) / N);
  const decided = dateAt(FIRST_DAY + day * 86_400_000);
  const publishedMs = FIRST_DAY + (day + 3) * 86_400_000 + 3_600_000 + int(8 * 3_600_000);
  const t = actType();
  const year = decided.slice(0, 4);
  const key = `${t}${year}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  const number = `青国动${WORD_OF[t]}字〔${year}〕第${n}号`;
  const person = rand() < 0.4;
  const area = pick(AREAS);
  const party = person
    ? `${rand() < 0.02 ? pick(COMPOUND) : pick(SURNAMES)}某`
    : `上海${area}${pick(WORD)}${pick(WORD)}${pick(TRADES)}有限公司`;
  const credit = person
    ? null
    : ((b) => b + creditCodeCheckChar(b))(
        `91310118${hex(9)
          .toUpperCase()
          .replace(/[IOSVZ]/g, 'A')}`,
      );
  const place = `上海市青浦区${area}镇${pick(ROADS)}${1 + int(999)}号`;
  const facts = `经查，当事人于${year}年在${place}从事人防工程使用活动，未按规定办理相关手续，违反了《上海市民防条例》的有关规定。`;
  const basis = '《上海市民防条例》第二十八条、第四十四条';
  const fine = t === 'penalty' ? (1 + int(100)) * 100_000 : null;
  const result =
    t === 'penalty'
      ? `责令限期改正，罚款人民币${(fine! / 100).toLocaleString('en-US')}元。`
      : '责令限期改正。';
  const unit = units[i % units.length]!;
  const withdrawn = rand() < 0.005;
  const short = rand() < 0.1;
  const id = uuidv7(
    publishedMs,
    Uint8Array.from({ length: 10 }, () => int(256)),
    0,
  );
  const w = <T>(v: T) => (withdrawn ? null : v);
  return [
    id,
    id, // item_id: no publication_items rows are made (foreign keys are off while loading)
    t,
    number,
    decided,
    unit.id,
    unit.name,
    `${pick(SURNAMES)}${pick(SURNAMES)}`,
    person ? 'person' : 'organisation',
    w(party),
    w(credit),
    w(person ? null : `${pick(SURNAMES)}某`),
    w(facts),
    w(basis),
    w(t === 'penalty' ? 'fine' : 'order'),
    w(result),
    w(fine),
    short ? addMonths(decided, 3) : addMonths(decided, 36),
    withdrawn ? 1 : 0,
    withdrawn ? '该决定已被依法撤销。' : null,
    withdrawn ? new Date(publishedMs + 30 * 86_400_000).toISOString() : null,
    0,
    new Date(publishedMs).toISOString(),
    i + 1000,
    hex(64),
    withdrawn ? searchTokens(number, unit.name) : searchTokens(party, number, facts, unit.name, credit),
  ];
}

const bulk = await openBulk();

// ---- 4. secondary indexes (and SQLite's FTS triggers) off while loading ----
// Their definitions come from the catalogue, so they are made again exactly as the migrations made
// them. Indexes that back a constraint (primary key, unique item_id) stay.
const deferred =
  dialect === 'postgres'
    ? (
        await bulk.all<{ name: string; def: string }>(
          `select i.indexname as name, i.indexdef as def from pg_indexes i
            where i.schemaname = current_schema() and i.tablename = 'public_decisions'
              and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
        )
      ).map((r) => ({ ...r, kind: 'index' }))
    : await bulk.all<{ name: string; def: string; kind: string }>(
        `select name, sql as def, type as kind from sqlite_master
          where tbl_name = 'public_decisions' and type in ('index', 'trigger') and sql is not null`,
      );
for (const d of deferred) await bulk.run(`drop ${d.kind} ${d.name}`);
log(`dropped while loading: ${deferred.map((d) => d.name).join(', ')}`);

// ---- 5. the rows ----
// PostgreSQL writes a batch in its own process while this one makes the next (SQLite is in-process).
const started = performance.now();
let writing: Promise<unknown> = Promise.resolve();
for (let b = 0; b < N; b += BATCH) {
  const end = Math.min(N, b + BATCH);
  const batch = Array.from({ length: end - b }, (_, j) => row(b + j));
  await writing;
  writing = bulk
    .run('begin')
    .then(() => bulk.insert(batch))
    .then(() => bulk.run('commit'));
  if ((b / BATCH) % 20 === 0 || end === N) {
    const s = (performance.now() - started) / 1000;
    log(`${end.toLocaleString()} decisions (${Math.round(end / s).toLocaleString()} rows/s)`);
  }
}

await writing;

// ---- 6. indexes (and the FTS table) again ----
for (const d of deferred.filter((x) => x.kind === 'index')) {
  log(`create ${d.name}`);
  await bulk.run(d.def);
}
if (dialect === 'sqlite') {
  log('rebuild public_decisions_fts');
  await bulk.run(`insert into public_decisions_fts(public_decisions_fts) values ('rebuild')`);
  await bulk.run(`insert into public_decisions_fts(public_decisions_fts) values ('optimize')`);
  for (const d of deferred.filter((x) => x.kind === 'trigger')) await bulk.run(d.def);
  await bulk.run('analyze');
}
if (dialect === 'postgres') {
  log('VACUUM ANALYZE public_decisions');
  await bulk.run('vacuum analyze public_decisions');
}
await bulk.close();
log(`done: ${N.toLocaleString()} decisions for ${agency.name}`);
