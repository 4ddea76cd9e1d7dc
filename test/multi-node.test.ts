import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { enqueueDelivery } from '../src/services/outbox-service';
import { seedDemo } from '../src/services/seed-service';
import { systemClock } from '../src/services/deps';
import { demoFiling, demoOffice, ok, type Session } from './app';
import { processEnv, zhifaCommand, zhifaProcess } from './cli';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';
import { proceedings } from './proceeding';
import { startReceiver } from './outbox-receiver';
import { startS3Server, type S3TestServer } from './s3-server';

const NGINX = '/usr/sbin/nginx';
/** The nginx configuration the README shows; the test changes only its port and its nodes. */
const SITE_CONF = path.resolve(import.meta.dirname, '../deploy/nginx/zhifa.conf');
const NODES = 3;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(100);
  }
}

/**
 * What the shared helpers call `app`: `inject` sends the request over HTTP to `base` (nginx here)
 * instead of into one process, so the procedure helpers drive the nodes behind the balancer.
 */
function overHttp(base: string): FastifyInstance {
  const inject = async (o: {
    method?: string;
    url: string;
    headers?: Record<string, string>;
    payload?: unknown;
  }) => {
    const headers: Record<string, string> = { ...o.headers };
    let body: Uint8Array<ArrayBuffer> | string | undefined;
    if (Buffer.isBuffer(o.payload)) body = new Uint8Array(o.payload);
    else if (o.payload !== undefined) {
      body = JSON.stringify(o.payload);
      headers['content-type'] ??= 'application/json';
    }
    const r = await fetch(base + o.url, {
      method: o.method ?? 'GET',
      headers,
      ...(body !== undefined && { body }),
    });
    const text = await r.text();
    return {
      statusCode: r.status,
      body: text,
      headers: Object.fromEntries(r.headers),
      json: () => JSON.parse(text) as unknown,
    };
  };
  return { inject } as unknown as FastifyInstance;
}

/**
 * Scale-out (DESIGN "Embedded default and scale-out"): three app nodes of the built product on one
 * PostgreSQL schema, one S3 bucket, one upload folder and the same keys, behind nginx started from
 * Debian's package with the configuration in deploy/nginx. Everything goes through nginx.
 */
describe.skipIf(!DIALECTS.includes('postgres'))('several app nodes behind nginx (PostgreSQL, S3)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-nodes-'));
  let db: TestDatabase | undefined;
  let s3: S3TestServer | undefined;
  let nginx: ChildProcess | undefined;
  let nginxLog = '';
  const nodes: Array<{ name: string; port: number; process: ChildProcess; env: Record<string, string> }> = [];
  let base = '';
  let shared: Record<string, string> = {};
  const receivers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    expect(fs.existsSync(NGINX), `${NGINX} (Debian package nginx) is needed`).toBe(true);
    [db, s3] = await Promise.all([freshDatabase('postgres'), startS3Server()]);
    shared = {
      DATABASE_URL: db.url,
      ZHIFA_PG_SCHEMA: db.pgSchema!,
      ZHIFA_SEED_DEMO: 'never',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ZHIFA_RATE_LIMIT_LOGIN: '1000',
      // nginx is on this machine: its X-Forwarded-For names the client.
      ZHIFA_TRUST_PROXY: '127.0.0.1',
      ZHIFA_BLOB_STORE: 's3',
      ZHIFA_S3_ENDPOINT: s3.endpoint,
      ZHIFA_S3_REGION: s3.region,
      ZHIFA_S3_BUCKET: s3.bucket,
      ZHIFA_S3_ACCESS_KEY: s3.accessKeyId,
      ZHIFA_S3_SECRET_KEY: s3.secretAccessKey,
      ZHIFA_UPLOAD_DIR: path.join(dir, 'shared', 'uploads'),
      ZHIFA_CHECKPOINT_KEY_FILE: path.join(dir, 'shared', 'keys', 'checkpoint-ed25519.pem'),
      ZHIFA_FIELD_KEY_FILE: path.join(dir, 'shared', 'keys', 'field-aes256.key'),
      // Every job on every node, every second: each one must still happen once.
      ZHIFA_ALERT_INTERVAL: '1',
      ZHIFA_DISPOSAL_INTERVAL: '1',
      ZHIFA_UPLOAD_EXPIRY_INTERVAL: '1',
      ZHIFA_PUBLICATION_EXPIRY_INTERVAL: '1',
      ZHIFA_OUTBOX_INTERVAL: '1',
      ZHIFA_CHECKPOINT_INTERVAL: '1',
    };
    // The installation as `zhifa init` would leave it (here the demo office), made once before the
    // nodes start, as an operator runs migrations once before starting several nodes.
    const setup = await openReady(loadConfig({ ...shared, ZHIFA_DATA_DIR: path.join(dir, 'setup') }));
    await seedDemo(setup.deps);
    await setup.database.destroy();

    const [node, cli] = zhifaCommand();
    for (let i = 1; i <= NODES; i++) {
      const port = await freePort();
      const env = {
        ...shared,
        PORT: String(port),
        ZHIFA_NODE_ID: `node-${i}`,
        ZHIFA_DATA_DIR: path.join(dir, `node-${i}`),
      };
      const child = spawn(node, [cli, 'serve'], { env: processEnv(env), stdio: 'ignore' });
      nodes.push({ name: `node-${i}`, port, process: child, env });
    }
    await Promise.all(
      nodes.map((n) =>
        waitFor(`${n.name} started`, async () => (await fetch(`http://127.0.0.1:${n.port}/healthz`)).ok),
      ),
    );

    // nginx as an ordinary process: its own prefix for pid, logs and temp files, in the foreground.
    const port = await freePort();
    const prefix = path.join(dir, 'nginx');
    fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
    // Run as root, nginx's workers are `nobody`: they must reach the temp folders under the prefix.
    for (const d of [dir, prefix]) fs.chmodSync(d, 0o755);
    const site = fs
      .readFileSync(SITE_CONF, 'utf8')
      .replace(/^ *server \S+:\d+ .*;\n/gm, '')
      .replace(
        /^(upstream zhifa_nodes \{\n)/m,
        `$1${nodes.map((n) => `    server 127.0.0.1:${n.port} max_fails=1 fail_timeout=5s;\n`).join('')}`,
      )
      .replace(/^ *listen 80;/m, `    listen 127.0.0.1:${port};`);
    expect(site).toContain(`server 127.0.0.1:${nodes[2]!.port}`);
    fs.writeFileSync(path.join(prefix, 'zhifa.conf'), site);
    fs.writeFileSync(
      path.join(prefix, 'nginx.conf'),
      [
        'worker_processes 1;',
        'pid nginx.pid;',
        'error_log logs/error.log warn;',
        'events { worker_connections 256; }',
        'http {',
        '  access_log logs/access.log;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${t}_temp;`),
        '  include zhifa.conf;',
        '}',
        '',
      ].join('\n'),
    );
    nginx = spawn(NGINX, ['-p', prefix, '-c', 'nginx.conf', '-e', 'stderr', '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    nginx.stderr!.on('data', (d: Buffer) => (nginxLog += d.toString()));
    base = `http://127.0.0.1:${port}`;
    await waitFor(`nginx started (${nginxLog})`, async () => (await fetch(`${base}/healthz`)).ok, 15_000);
  });

  afterAll(async () => {
    for (const r of receivers) await r.close();
    for (const n of nodes) n.process.kill('SIGKILL');
    nginx?.kill('SIGTERM');
    await s3?.stop();
    await db?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const loginAs = async (username: string): Promise<Session> => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'zhifa-demo-2026' }),
    });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
    return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  };

  it('PLT-04 REC-01 a case lives its whole life and a resumable upload survives a node killed under it; everything verifies; jobs fire once', async () => {
    const app = overHttp(base);
    const [officer, leader, admin] = await Promise.all(['officer1', 'leader', 'admin'].map(loginAs));
    const office = await demoOffice(app, admin!);
    const p = proceedings(() => app, {
      officer: () => officer!,
      leader: () => leader!,
      officerIds: () => [office.officers.get('王建国')!, office.officers.get('李明')!],
    });
    const seen = new Set<string>();
    const track = (r: Response) => {
      const node = r.headers.get('x-upstream');
      if (node) seen.add(node);
      return r;
    };
    const send = async (url: string, init: RequestInit = {}) =>
      track(
        await fetch(base + url, { ...init, headers: { ...officer!.headers, ...(init.headers as object) } }),
      );

    // The whole life: filed, investigated (evidence uploaded), noticed, decided, served, paid, closed.
    const filed = await ok<{ id: string }>(
      app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: officer!.headers,
        payload: demoFiling(office),
      }),
      201,
    );
    const closed = await p.runTo(filed.id, 'closed');
    expect(closed.state).toBe('closed');

    // A tus upload in pieces: each PATCH may reach another node.
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(6 * 1024 * 1024)]);
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    const created = await send('/api/uploads', {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(content.length),
        'upload-metadata': `filename ${b64('执法记录.pdf')},filetype ${b64('application/pdf')}`,
      },
    });
    expect(created.status).toBe(201);
    const uploadUrl = `/api/uploads/${created.headers.get('location')!.split('/').pop()!}`;
    const uploadFile = path.join(shared.ZHIFA_UPLOAD_DIR!, uploadUrl.split('/').pop()!);
    const patchNodes: string[] = [];
    const patch = async (offset: number, body: BodyInit) => {
      const r = await send(uploadUrl, {
        method: 'PATCH',
        headers: {
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body,
        duplex: 'half',
      } as RequestInit);
      patchNodes.push(r.headers.get('x-upstream') ?? '?');
      return r;
    };
    const piece = 512 * 1024;
    let offset = 0;
    for (let i = 0; i < 3; i++) {
      const r = await patch(offset, new Uint8Array(content.subarray(offset, offset + piece)));
      expect(r.status, await r.text()).toBe(204);
      offset = Number(r.headers.get('upload-offset'));
    }

    // A PATCH that sends a piece and then waits: the node writing it is killed in the middle.
    let more: () => void = () => undefined;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(content.subarray(offset, offset + piece));
        more = () => controller.error(new Error('client gave up'));
      },
    });
    const cut = patch(offset, stalled).catch((e: unknown) => e);
    // The node with the upload's file open is the one receiving it.
    let victim: (typeof nodes)[number] | undefined;
    await waitFor('a node writing the upload', async () => {
      victim = nodes.find((n) =>
        fs.readdirSync(`/proc/${n.process.pid}/fd`).some((fd) => {
          try {
            return fs.readlinkSync(`/proc/${n.process.pid}/fd/${fd}`) === uploadFile;
          } catch {
            return false;
          }
        }),
      );
      return victim !== undefined && fs.statSync(uploadFile).size > offset;
    });
    const exited = new Promise((r) => victim!.process.once('exit', r));
    victim!.process.kill('SIGKILL');
    await exited;
    more();
    // nginx answers the cut PATCH with a gateway error (or the connection ends).
    const answer = await cut;
    if (answer instanceof Response) expect(answer.status).toBeGreaterThanOrEqual(500);

    // The client resumes through nginx: asks where the upload stands and sends the rest.
    for (let tries = 0; offset < content.length; tries++) {
      expect(tries).toBeLessThan(40);
      const head = await send(uploadUrl, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
      if (head.status !== 200) {
        await sleep(200);
        continue;
      }
      offset = Number(head.headers.get('upload-offset'));
      if (offset >= content.length) break;
      const r = await patch(offset, new Uint8Array(content.subarray(offset, offset + piece)));
      if (r.status === 204) offset = Number(r.headers.get('upload-offset'));
      else await sleep(200);
    }
    const live = nodes.filter((n) => n !== victim).map((n) => `127.0.0.1:${n.port}`);
    expect(new Set(patchNodes.filter((n) => n !== '?')).size, patchNodes.join(' ')).toBeGreaterThanOrEqual(2);
    expect(patchNodes.at(-1)).toSatisfy((n: string) => live.includes(n));

    // The record is made from the upload on whichever node answers, and its content is in S3.
    const second = await ok<{ id: string }>(
      app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: officer!.headers,
        payload: demoFiling(office),
      }),
      201,
    );
    const step = await ok<{ id: string }>(
      app.inject({
        method: 'POST',
        url: `/api/cases/${second.id}/steps`,
        headers: officer!.headers,
        payload: {
          kind: 'inquiry',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          place: '青浦区国防动员办公室',
          notes: '询问当事人',
          officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
          inField: false,
        },
      }),
      201,
    );
    const record = await ok<{ id: string; sha256: string }>(
      app.inject({
        method: 'POST',
        url: `/api/steps/${step.id}/records`,
        headers: officer!.headers,
        payload: { uploadId: uploadUrl.split('/').pop(), kind: 'scan', protection: 'internal' },
      }),
      201,
    );
    expect(record.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    const back = await send(`/api/records/${record.id}/content?purpose=${encodeURIComponent('核对')}`);
    expect(back.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await back.arrayBuffer()))
        .digest('hex'),
    ).toBe(record.sha256);
    expect(fs.existsSync(uploadFile)).toBe(false);

    // A push to a receiving platform (PUB-03): queued once, sent once, though every node's outbox
    // job tries each second.
    const receiver = await startReceiver('multi-node-secret', () => 'ok');
    receivers.push(receiver);
    await ok(
      app.inject({
        method: 'POST',
        url: '/api/outbox/platforms',
        headers: admin!.headers,
        payload: {
          name: '区公示平台',
          url: receiver.url('/district'),
          secret: 'multi-node-secret',
          enabled: true,
        },
      }),
      201,
    );
    const deps = {
      db: db!.db,
      dialect: 'postgres' as const,
      clock: systemClock,
      adjustedWorkdaysCount: true,
    };
    await db!.db.transaction().execute((trx) =>
      enqueueDelivery(trx, deps, {
        itemId: 'item-multi-node',
        event: 'published',
        payload: { title: '公示' },
      }),
    );
    await waitFor('the push delivered', async () => receiver.received.length > 0);

    // A deadline timer comes due: with every node's scheduler trying each second, one alert each.
    const caseId = second.id;
    const q = db!.db;
    await q.updateTable('case_timers').set({ fire_on: '2000-01-01' }).where('case_id', '=', caseId).execute();
    const timers = await q.selectFrom('case_timers').select('id').where('case_id', '=', caseId).execute();
    expect(timers.length).toBeGreaterThan(0);
    await waitFor('the timers fired', async () => {
      const left = await q
        .selectFrom('case_timers')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .where('fired_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(left.n) === 0;
    });
    // Several rounds of every node's jobs after that: still one alert and one entry per timer.
    await sleep(2500);
    const alerts = await q.selectFrom('alerts').select('id').where('case_id', '=', caseId).execute();
    expect(alerts).toHaveLength(timers.length);
    const raised = await q
      .selectFrom('ledger')
      .select('subject_id')
      .where('action', '=', 'alert.raised@1')
      .where(
        'subject_id',
        'in',
        alerts.map((a) => a.id),
      )
      .execute();
    expect(raised).toHaveLength(alerts.length);
    expect(receiver.received.map((r) => [r.path, r.signatureOk])).toEqual([['/district', true]]);
    const pushed = await q
      .selectFrom('ledger')
      .select('seq')
      .where('action', '=', 'outbox.delivered@1')
      .execute();
    expect(pushed).toHaveLength(1);

    // Every job ran, claimed by one node per period: the node that ran it last is one of ours. (Which
    // node wins is not fixed: usually the one whose timer ticks first after the due time.)
    const ran = await sql<{
      name: string;
      last_node: string | null;
    }>`select name, last_node from jobs`.execute(q);
    expect(ran.rows.map((r) => r.name).sort()).toEqual([
      'alerts',
      'checkpoint',
      'disposal',
      'outbox',
      'publication-expiry',
      'upload-expiry',
    ]);
    for (const r of ran.rows) expect(nodes.map((n) => n.name)).toContain(r.last_node);

    // The one ledger, its checkpoints (signed by whichever node) and every blob in S3 verify.
    const verify = await zhifaProcess(['verify', '--json'], { ...nodes[0]!.env });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(seen.size).toBeGreaterThanOrEqual(2);
  });
});

describe('the nginx configuration of several app nodes', () => {
  it('is the one the README shows', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toContain('```nginx\n' + fs.readFileSync(SITE_CONF, 'utf8') + '```');
  });
});
