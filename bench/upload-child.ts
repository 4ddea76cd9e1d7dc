/**
 * The processes of bench/upload.bench.ts. Each prints one JSON line on standard output.
 *
 *   server <dataDir>                       the product on SQLite with the demo office; prints { port, memory }
 *   client <port> <file> <cookie> <csrf> <chunkBytes> [stopAtBytes] [resumeUploadId]
 *                                          a tus-js-client upload of <file>; prints { uploadId, seconds, resumedFrom };
 *                                          with stopAtBytes > 0 it stops there, as a dropped connection would
 *                                          (prints { uploadId, stoppedAt }); with resumeUploadId it continues that upload
 */
import fs from 'node:fs';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'server') {
  const [dataDir] = args;
  // Imported here, so that the client process does not load the product.
  const { openReady } = await import('../src/bootstrap');
  const { loadConfig } = await import('../src/config');
  const { buildApp } = await import('../src/http/app');
  const { seedDemo } = await import('../src/services/seed-service');
  const config = loadConfig({
    ZHIFA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORT: '0',
    ZHIFA_CHECKPOINT_INTERVAL: '0',
  });
  const { database, deps } = await openReady(config);
  await seedDemo(deps);
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // A clean exit on SIGTERM (so that --cpu-prof, if given, writes its profile).
  process.once('SIGTERM', () => void app.close().then(() => database.destroy().then(() => process.exit(0))));
  const addr = app.server.address();
  process.stdout.write(
    JSON.stringify({
      port: typeof addr === 'object' && addr ? addr.port : 0,
      memory: process.memoryUsage(),
    }) + '\n',
  );
} else if (mode === 'client') {
  const [port, file, cookie, csrf, chunk, stopAtArg, resumeId] = args as [
    string,
    string,
    string,
    string,
    string,
    string?,
    string?,
  ];
  const stopAt = Number(stopAtArg ?? 0);
  const tus = await import('tus-js-client');
  const t0 = performance.now();
  let resumedFrom = -1;
  const url = await new Promise<string>((resolve, reject) => {
    const upload: InstanceType<typeof tus.Upload> = new tus.Upload(fs.createReadStream(file), {
      endpoint: `http://127.0.0.1:${port}/api/uploads`,
      ...(resumeId && { uploadUrl: `http://127.0.0.1:${port}/api/uploads/${resumeId}` }),
      onProgress: (sent) => {
        if (resumedFrom < 0) resumedFrom = sent;
        if (stopAt > 0 && sent >= stopAt) {
          void upload.abort().then(() => {
            process.stdout.write(
              JSON.stringify({ uploadId: (upload.url ?? '').split('/').pop(), stoppedAt: sent }) + '\n',
            );
            process.exit(0);
          });
        }
      },
      chunkSize: Number(chunk),
      retryDelays: [],
      metadata: { filename: '执法记录仪-2GiB.mp4', filetype: 'video/mp4' },
      headers: { cookie, 'x-csrf-token': csrf },
      onError: reject,
      onSuccess: () => resolve(upload.url ?? ''),
    });
    upload.start();
  });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ uploadId: url.split('/').pop(), seconds, resumedFrom }) + '\n');
} else {
  throw new Error(`unknown mode ${mode}`);
}
