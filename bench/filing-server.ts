/**
 * The server of `filing.bench.ts`, in its own process, on a fresh database (the app's variables:
 * ZHIFA_DATA_DIR, or DATABASE_URL + ZHIFA_PG_SCHEMA): the demo office, BENCH_PARTIES parties and
 * four officers whose certificates cover every enforcement domain (so any team may file any item),
 * a bearer token for officer1, and — beside the real routes — the baseline route
 * `POST /bench/plain-insert`, which INSERTs the request's case-sized row into a scratch table in a
 * transaction of its own through the same database handle: no number, no ledger, no other row.
 * Prints one JSON line when listening; closes cleanly on SIGTERM (so `--cpu-prof` writes its file).
 */
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { CERTIFICATE_DOMAINS } from '../src/domain/penalty-rules';
import { violationsOf } from '../src/domain/violations';
import { buildApp } from '../src/http/app';
import { openReady } from '../src/bootstrap';
import { CLI, newId } from '../src/services/deps';
import { createCertificate, createOfficer, listUnits } from '../src/services/org-service';
import { createParty } from '../src/services/party-service';
import { benchmarkOf } from '../src/services/sanction-check';
import { makeSealer } from '../src/services/sealer';
import { DEMO_PASSWORD, seedDemo } from '../src/services/seed-service';
import { createToken, createUser } from '../src/services/user-service';
import { loadOrCreateFieldKey } from '../src/storage/keys';

const PARTIES = Number(process.env.BENCH_PARTIES ?? 200);
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  ZHIFA_RATE_LIMIT_PUBLIC: '100000000',
  ZHIFA_RATE_LIMIT_LOGIN: '1000000',
  ZHIFA_CHECKPOINT_INTERVAL: '0',
  PORT: '0',
});
const { database, deps } = await openReady(config);
const db = deps.db;
await seedDemo(deps);
const sealer = makeSealer(loadOrCreateFieldKey(config.fieldKeyFile));
const unit = (await listUnits(deps)).find((u) => u.name === '执法科')!;
const officers: string[] = [];
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < 4; i++) {
    const { id } = await createOfficer(
      deps,
      CLI,
      { name: `基准人员${i}`, unitId: unit.id, post: '科员', duties: '行政执法' },
      trx,
    );
    await createCertificate(
      deps,
      CLI,
      id,
      {
        number: `BF${String(i).padStart(8, '0')}`,
        domains: [...CERTIFICATE_DOMAINS],
        validFrom: '2020-01-01',
        validTo: '2099-12-31',
      },
      trx,
    );
    officers.push(id);
  }
});
// The filer is the lead officer of every case (CASE_ACCESS_DENIED otherwise): a user of officer 0.
const filer = await createUser(deps, CLI, {
  username: 'benchfiler',
  displayName: '基准立案人',
  password: DEMO_PASSWORD,
  roles: ['officer'],
  officerId: officers[0]!,
});
// A filer may pick only parties it registered (PARTY_NOT_KNOWN otherwise), so it registers them.
const filerActor = { type: 'user' as const, id: filer.id };
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < PARTIES; i++)
    await createParty(
      { ...deps, sealer },
      filerActor,
      {
        kind: 'person',
        name: `基准当事人${i}`,
        idType: 'passport',
        idNumber: `E${String(i).padStart(8, '0')}`,
        phone: '13812345678',
        address: '上海市青浦区某路1号',
      },
      trx,
    );
});
const token = (await createToken(deps, CLI, filer.id, 'bench-filing')).token;
// Penalty items with several violations need one chosen (VIOLATION_REQUIRED): the first.
const powerItems = (await db.selectFrom('power_items').selectAll().where('active', '=', 1).execute()).map(
  (p) => ({
    id: p.id,
    act_type: p.act_type,
    violations: p.act_type === 'penalty' ? violationsOf(benchmarkOf(p)).slice(0, 1) : [],
  }),
);
const parties = (await db.selectFrom('parties').select('id').execute()).map((p) => p.id);

// The baseline's table: a row the size of a case row (its body is the case's columns as JSON).
await sql`create table bench_plain (id varchar(40) primary key, body text not null, created_at varchar(40) not null)`.execute(
  db,
);
const app = await buildApp({ config, database });
// Signed in like the filing requests, so both pass the same authentication hooks.
app.post('/bench/plain-insert', { config: { access: 'authenticated' } }, async (req, reply) => {
  const id = newId(deps.clock);
  await db.transaction().execute(async (trx) => {
    await sql`insert into bench_plain (id, body, created_at) values (${id}, ${JSON.stringify(req.body)}, ${new Date().toISOString()})`.execute(
      trx,
    );
  });
  return reply.status(201).send({ id });
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.destroy())
    .finally(() => process.exit(0));
});
const addr = app.server.address();
process.stdout.write(
  JSON.stringify({
    port: typeof addr === 'object' && addr ? addr.port : 0,
    dialect: database.dialect,
    token,
    unitId: unit.id,
    officers,
    powerItems,
    parties,
  }) + '\n',
);
