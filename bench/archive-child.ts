/**
 * The server of bench/archive.bench.ts, in its own process so that its peak RSS is its own.
 *
 *   server <dataDir>    the product (`buildApp`, SQLite, fs blob store) over an existing data dir
 *                       (no seeding); prints one JSON line { port, memory } on standard output

 */
export {};

const [mode, dataDir] = process.argv.slice(2);

if (mode === 'server' && dataDir) {
  const { openReady } = await import('../src/bootstrap');
  const { loadConfig } = await import('../src/config');
  const { buildApp } = await import('../src/http/app');
  const config = loadConfig({
    ZHIFA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORT: '0',
    ZHIFA_CHECKPOINT_INTERVAL: '0',
  });
  const { database } = await openReady(config);
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => database.destroy().then(() => process.exit(0))));
  const addr = app.server.address();
  process.stdout.write(
    JSON.stringify({
      port: typeof addr === 'object' && addr ? addr.port : 0,
      memory: process.memoryUsage(),
    }) + '\n',
  );
} else {
  throw new Error(`usage: archive-child.ts server <dataDir> (got ${mode})`);
}
