/**
 * The product's server for `cases.bench.ts`, in its own process, over the database that
 * `generate-cases.ts` filled (the same variables: ZHIFA_DATA_DIR, or DATABASE_URL + ZHIFA_PG_SCHEMA).
 * Makes a bearer token for officer1 (who may read and file cases) and one for the leader (who may
 * read the big case) through the token service and
 * prints one JSON line when listening: port, token, and the ids the benchmark's requests need.
 */
import { loadConfig } from '../src/config';
import { buildApp } from '../src/http/app';
import { openReady } from '../src/bootstrap';
import { CLI } from '../src/services/deps';
import { createToken, findUserIdByName } from '../src/services/user-service';

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
const token = (await createToken(deps, CLI, await findUserIdByName(deps, 'officer1'), 'bench-cases')).token;
// The big case belongs to other officers, so officer1 may not read it (PLT-07): its page and
// records are read as the leader, who may read every case of the office.
const leaderToken = (await createToken(deps, CLI, await findUserIdByName(deps, 'leader'), 'bench-cases'))
  .token;
const units = (await db.selectFrom('units').select('id').orderBy('id').execute()).map((u) => u.id);
const officers = await db
  .selectFrom('officers')
  .select(['id', 'unit_id'])
  .where('active', '=', 1)
  .orderBy('id')
  .execute();
const powerItems = await db
  .selectFrom('power_items')
  .select(['id', 'act_type'])
  .where('active', '=', 1)
  .execute();
const parties = await db.selectFrom('parties').select(['id', 'name']).orderBy('id').limit(2000).execute();
const big = await db
  .selectFrom('records')
  .select(['case_id', db.fn.countAll<number>().as('n')])
  .where('case_id', 'is not', null)
  .groupBy('case_id')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
// A cursor deep in the list: the newest case filed on 2025-06-30 (about 40 % down).
const deep = await db
  .selectFrom('cases')
  .select('id')
  .where('filed_on', '=', '2025-06-30')
  .orderBy('id', 'desc')
  .limit(1)
  .executeTakeFirst();
const app = await buildApp({ config, database });
await app.listen({ port: 0, host: '127.0.0.1' });
// A clean exit on SIGTERM (so that --cpu-prof, if given, writes its profile).
process.once('SIGTERM', () => void app.close().then(() => database.destroy().then(() => process.exit(0))));
const addr = app.server.address();
process.stdout.write(
  JSON.stringify({
    port: typeof addr === 'object' && addr ? addr.port : 0,
    dialect: database.dialect,
    token,
    leaderToken,
    units,
    officers,
    powerItems,
    parties,
    bigCaseId: big.case_id,
    bigRecords: Number(big.n),
    deepCursor: deep?.id ?? null,
  }) + '\n',
);
