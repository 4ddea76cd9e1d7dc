import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A real S3-speaking server on 127.0.0.1 for tests: s3rver (the maintained @20minutes fork), which
 * implements the S3 REST API on the filesystem, in a child process on a free port and a fresh temp
 * directory.
 *
 * Why a child process: s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3
 * keeps in its legacy provider; only a process started with `--openssl-legacy-provider` has it,
 * and vitest's workers are not. Known gaps of s3rver, worked around here or in the tests:
 * - It drops the trailing slash of bucket-level paths (`GET /bucket/?list-type=2`) when it
 *   recomputes SigV4 signatures, so every listing from SDK v3 fails with SignatureDoesNotMatch:
 *   `allowMismatchedSignatures` (the access key is still checked).
 * - It does not implement AbortMultipartUpload (405) nor ListMultipartUploads, so aborted
 *   multipart uploads stay in its directory, invisible to the S3 API.
 * - It does not decode aws-chunked bodies with trailing checksums (the SDK's default since
 *   3.729): clients need `requestChecksumCalculation: 'WHEN_REQUIRED'`.
 */
export interface S3TestServer {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every request seen, in order, e.g. `PUT /bucket/tmp/x?partNumber=1&uploadId=…` (`copy` when
   *  it carried x-amz-copy-source), for asserting what went over the wire. */
  requests: { method: string; url: string; copy: boolean }[];
  stop(): Promise<void>;
}

// CommonJS run by `node -e` in the project directory, so `require` finds the package.
const CHILD = `
const http = require('node:http');
const S3rver = require('@20minutes/s3rver');
const [directory, bucket] = process.argv.slice(1);
const app = new S3rver({ directory, silent: true, allowMismatchedSignatures: true,
  configureBuckets: [{ name: bucket }] });
app.configureBuckets().then(() => {
  const handle = app.callback();
  const server = http.createServer((req, res) => {
    process.stdout.write(JSON.stringify({ method: req.method, url: req.url,
      copy: 'x-amz-copy-source' in req.headers }) + '\\n');
    handle(req, res);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n');
  });
  // Dies with its parent: stdin closes when the test process goes, however it goes.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  process.on('SIGTERM', () => process.exit(0));
});
`;

export async function startS3Server(opts: { bucket?: string } = {}): Promise<S3TestServer> {
  const bucket = opts.bucket ?? 'zhifa-test';
  const dir = await mkdtemp(path.join(tmpdir(), 'zhifa-s3-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', CHILD, path.join(dir, 'data'), bucket],
    { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const requests: S3TestServer['requests'] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start in 15 s: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`s3rver exited (${String(code)}): ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { port?: number; method?: string; url?: string; copy?: boolean };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return; // not one of ours (a library printing to stdout)
      }
      if (msg.port !== undefined) {
        clearTimeout(timer);
        resolve(msg.port);
      } else if (msg.method !== undefined && msg.url !== undefined) {
        requests.push({ method: msg.method, url: msg.url, copy: msg.copy === true });
      }
    });
  }).catch(async (e: unknown) => {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
    throw e;
  });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    // s3rver's built-in account.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    requests,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
