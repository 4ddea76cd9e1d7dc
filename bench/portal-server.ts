/**
 * The product's server for `portal.bench.ts`, in its own process, over the database that
 * `generate-decisions.ts` filled (the same variables: ZHIFA_DATA_DIR, or DATABASE_URL +
 * ZHIFA_PG_SCHEMA). Prints one JSON line when listening: port, pid, and sample search terms read
 * from the data (organisation names, 文号).
 */
import { loadConfig } from '../src/config';
import { buildApp } from '../src/http/app';
import { openReady } from '../src/bootstrap';

const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  ZHIFA_RATE_LIMIT_PUBLIC: '100000000',
  ZHIFA_CHECKPOINT_INTERVAL: '0',
  PORT: '0',
});
const { database, deps } = await openReady(config);
const db = deps.db;
// Samples spread over the table: every 997th row of the newest 200,000 decisions.
const sample = await db
  .selectFrom('public_decisions')
  .select(['party_name', 'number', 'party_kind'])
  .orderBy('decision_date', 'desc')
  .orderBy('id', 'desc')
  .limit(200_000)
  .execute();
const every = sample.filter((_, i) => i % 997 === 0);
const count = await db
  .selectFrom('public_decisions')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
const app = await buildApp({ config, database });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(
  JSON.stringify({
    port: typeof addr === 'object' && addr ? addr.port : 0,
    pid: process.pid,
    dialect: database.dialect,
    rows: Number(count.n),
    names: every.filter((r) => r.party_kind === 'organisation').map((r) => r.party_name),
    numbers: every.map((r) => r.number).filter(Boolean),
  }) + '\n',
);
// A clean exit on SIGTERM (so that --cpu-prof, if given, writes its profile).
process.once('SIGTERM', () => void app.close().then(() => database.destroy().then(() => process.exit(0))));
