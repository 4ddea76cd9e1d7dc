/**
 * A server process for the benchmarks: `hello` is a bare Fastify hello-world (the baseline);
 * `zhifa` is the product on SQLite with 10,000 officers. Prints one JSON line when listening.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { loadConfig } from '../src/config';
import { buildApp } from '../src/http/app';
import { openReady } from '../src/bootstrap';
import { CLI } from '../src/services/deps';
import { createCertificate, createOfficer, listUnits } from '../src/services/org-service';
import { seedDemo } from '../src/services/seed-service';
import { createToken, findUserIdByName } from '../src/services/user-service';

const [mode, dataDir, countArg] = process.argv.slice(2);

if (mode === 'hello') {
  const app = Fastify({ logger: false });
  app.get('/hello', () => ({ hello: 'world' }));
  // The CSV export's baseline (portal.bench.ts): `n` bytes of text streamed in 64 KiB chunks.
  app.get('/bytes/:n', (req, reply) => {
    const total = Number((req.params as { n: string }).n);
    const chunk = Buffer.alloc(65_536, '上海某某有限公司,青国动罚字〔2026〕第1号\r\n');
    async function* chunks() {
      for (let sent = 0; sent < total; sent += chunk.length)
        yield chunk.subarray(0, Math.min(chunk.length, total - sent));
    }
    return reply.type('text/csv; charset=utf-8').send(Readable.from(chunks()));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  process.stdout.write(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }) + '\n');
} else {
  const count = Number(countArg ?? 10_000);
  fs.rmSync(dataDir!, { recursive: true, force: true });
  const config = loadConfig({
    ZHIFA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ZHIFA_RATE_LIMIT_PUBLIC: '100000000',
    PORT: '0',
  });
  const { database, deps } = await openReady(config);
  await seedDemo(deps);
  const units = await listUnits(deps);
  const t0 = Date.now();
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const { id } = await createOfficer(
        deps,
        CLI,
        { name: `测试人员${i}`, unitId: units[i % units.length]!.id, post: '科员', duties: '行政执法' },
        trx,
      );
      await createCertificate(
        deps,
        CLI,
        id,
        {
          number: `B${String(i).padStart(8, '0')}`,
          domains: ['民防工程建设', '人防工程使用管理'],
          validFrom: '2025-01-01',
          validTo: '2029-12-31',
        },
        trx,
      );
    }
  });
  const seedMs = Date.now() - t0;
  const token = (await createToken(deps, CLI, await findUserIdByName(deps, 'admin'), 'bench')).token;
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // A clean exit on SIGTERM (so that --cpu-prof, if given, writes its profile).
  process.once('SIGTERM', () => void app.close().then(() => database.destroy().then(() => process.exit(0))));
  const addr = app.server.address();
  const dbFile = path.join(dataDir!, 'zhifa.sqlite');
  process.stdout.write(
    JSON.stringify({
      port: typeof addr === 'object' && addr ? addr.port : 0,
      token,
      seedMs,
      count,
      dbBytes: fs.statSync(dbFile).size,
    }) + '\n',
  );
}
