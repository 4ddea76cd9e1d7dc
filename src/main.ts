import type { FastifyInstance } from 'fastify';
import { wantsDemoData, type Config } from './config';
import { buildApp } from './http/app';
import { loadTransparency, openBlobStore, openReady } from './bootstrap';
import { makeScheduler } from './jobs';
import { openUploadLocks } from './services/upload-store';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './services/seed-service';
import { getAgency } from './repositories/org-repository';

/** Composition root of the server. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const { database, deps } = await openReady(config);
  let seeded = false;
  // On an empty database (no agency yet) the demo office is created where the configuration wants
  // it: by default only on the embedded SQLite database (see wantsDemoData).
  if (wantsDemoData(config)) seeded = (await seedDemo(deps)).created;
  const transparency = loadTransparency(config);
  // One set of upload locks for the routes and the expiry job: on PostgreSQL shared with every node.
  const uploadLocks = openUploadLocks(database);
  const app = await buildApp({ config, database, transparency, uploadLocks });
  // Deadline alerts, disposals (REC-10), upload expiry and checkpoints: one scheduler (src/jobs).
  // On close it starts no new run and waits for the one under way before the database goes.
  const blobs = await openBlobStore(config);
  const scheduler = makeScheduler({ deps, config, blobs, transparency, uploadLocks }, (job, err) =>
    app.log.error({ err, job }, `job ${job} failed`),
  );
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await uploadLocks.close();
    await database.destroy();
  });
  scheduler.start();
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  const url = config.publicUrl;
  const lines = [
    `zhifa 已启动 / started: ${url}  (数据库 database: ${where})`,
    `  公示门户 portal:      ${url}/`,
    `  工作台 workbench:     ${url}/app/`,
    `  接口文档 API docs:    ${url}/api/docs`,
  ];
  if (!seeded && !(await getAgency(deps.db)))
    lines.push(
      '  数据库中尚无执法主体：请运行 zhifa init 创建执法主体和首个管理员',
      '  no agency yet: run `zhifa init` to create the agency and the first administrator',
    );
  if (seeded) {
    lines.push(
      `  已创建演示数据 demo data created; 演示账户 demo accounts (密码 password: ${DEMO_PASSWORD}):`,
    );
    for (const u of DEMO_USERS)
      lines.push(`    ${u.username.padEnd(11)} ${u.displayName}（${u.roles.join(', ')}）`);
  }
  app.log.info({ url }, 'zhifa started');
  process.stdout.write(lines.join('\n') + '\n');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void app.close().then(() => process.exit(0)));
  }
  return app;
}
