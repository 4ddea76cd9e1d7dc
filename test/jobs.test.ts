import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTransparency, openBlobStore } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { JOBS, makeScheduler, type Job } from '../src/jobs';
import { createScheduler, type Scheduler } from '../src/jobs/scheduler';
import { ensureJob, listJobs, lockJob } from '../src/repositories/job-repository';
import type { Deps } from '../src/services/deps';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';
import { TestClock, testConfig } from './app';

/** A promise with its resolve at hand: a job that runs until the test lets it finish. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending callbacks and promise chains run, without waiting on any clock. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** A job that counts its runs and does whatever `body` says. */
function countingJob(name: string, seconds: number, body: (n: number) => Promise<void> = async () => {}) {
  const job = {
    runs: 0,
    name,
    interval: () => seconds,
    run: async () => {
      job.runs++;
      await body(job.runs);
    },
  };
  return job;
}

describe.each(DIALECTS)('scheduled jobs on %s', (dialect) => {
  let db: TestDatabase;
  let clock: TestClock;
  let deps: Deps;
  const config = testConfig();
  const schedulers: Scheduler[] = [];

  const setUp = async () => {
    db = await freshDatabase(dialect);
    clock = new TestClock();
    deps = { db: db.db, dialect, clock, adjustedWorkdaysCount: true };
  };
  const scheduler = (jobs: Job<unknown>[], nodeId: string, onError?: (job: string, e: unknown) => void) => {
    const s = createScheduler({ deps, config, jobs, context: {}, nodeId, ...(onError && { onError }) });
    schedulers.push(s);
    return s;
  };
  const row = async (name: string) => (await listJobs(db.db)).find((r) => r.name === name);

  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await db.cleanup();
  });

  it('a due job runs once per period, on one node when several share PostgreSQL', async () => {
    await setUp();
    const job = countingJob('count', 60);
    // Several app nodes exist only on PostgreSQL; SQLite is one node.
    const nodes = dialect === 'postgres' ? ['node-a', 'node-b', 'node-c'] : ['node-a'];
    const all = nodes.map((n) => scheduler([job], n));
    const tryAll = async () => (await Promise.all(all.map((s) => s.runDue()))).flat();

    expect(await tryAll()).toEqual(['count']);
    expect(job.runs).toBe(1);
    expect(await tryAll()).toEqual([]); // not due again yet
    clock.advance(59_000);
    expect(await tryAll()).toEqual([]);
    clock.advance(1_000);
    expect(await tryAll()).toEqual(['count']);
    expect(job.runs).toBe(2);

    const r = await row('count');
    expect(nodes).toContain(r!.last_node);
    expect(r).toMatchObject({
      last_ok: 1,
      last_error: null,
      running_node: null,
      last_started_at: '2026-11-25T02:01:00.000Z',
      last_finished_at: '2026-11-25T02:01:00.000Z',
      next_due: '2026-11-25T02:02:00.000Z',
    });
  });

  it.runIf(dialect === 'postgres')(
    'a node passes over a job another node is claiming (SKIP LOCKED) or still running, without waiting',
    async () => {
      await setUp();
      const started = deferred();
      const release = deferred();
      const job = countingJob('long', 60, async () => {
        started.resolve();
        await release.promise;
      });
      const a = scheduler([job], 'node-a');
      const b = scheduler([job], 'node-b');
      await ensureJob(db.db, 'long');
      // Node A holds the row's lock as it does while claiming: node B does not wait for it.
      await db.db.transaction().execute(async (trx) => {
        await lockJob(trx, 'long');
        expect(await b.runDue()).toEqual([]);
      });
      // Node A runs it past its period: node B leaves it alone until the run's lease lapses.
      const running = a.runDue();
      await started.promise;
      clock.advance(120_000);
      expect(await b.runDue()).toEqual([]);
      release.resolve();
      expect(await running).toEqual(['long']);
      expect(await b.runDue()).toEqual(['long']);
      expect(job.runs).toBe(2);
      expect((await row('long'))!.last_node).toBe('node-b');
    },
  );

  it('a failing job records its error, and its next run still happens', async () => {
    await setUp();
    const errors: string[] = [];
    const job = countingJob('flaky', 60, async (n) => {
      if (n === 1) throw new Error('存储暂时不可用');
    });
    const s = scheduler([job], 'node-a', (name) => errors.push(name));
    expect(await s.runDue()).toEqual(['flaky']);
    expect(errors).toEqual(['flaky']);
    expect(await row('flaky')).toMatchObject({
      last_ok: 0,
      last_error: 'Error: 存储暂时不可用',
      last_error_at: '2026-11-25T02:00:00.000Z',
      running_node: null,
    });

    clock.advance(60_000);
    expect(await s.runDue()).toEqual(['flaky']);
    expect(job.runs).toBe(2);
    // The run succeeded; the last failure stays on record with its time.
    expect(await row('flaky')).toMatchObject({
      last_ok: 1,
      last_error: 'Error: 存储暂时不可用',
      last_error_at: '2026-11-25T02:00:00.000Z',
      last_finished_at: '2026-11-25T02:01:00.000Z',
    });
  });

  it('stop waits for the run under way; no run starts after it', async () => {
    await setUp();
    const started = deferred();
    const release = deferred();
    const job = Object.assign(
      countingJob('slow', 60, async () => {
        started.resolve();
        await release.promise;
      }),
      { runAtStart: true },
    );
    const s = scheduler([job], 'node-a');
    s.start();
    await started.promise;

    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    expect(await row('slow')).toMatchObject({ running_node: 'node-a', last_finished_at: null });

    release.resolve();
    await stopping;
    expect(await row('slow')).toMatchObject({
      running_node: null,
      last_ok: 1,
      last_finished_at: '2026-11-25T02:00:00.000Z',
    });

    clock.advance(3_600_000);
    expect(await s.runDue()).toEqual([]);
    s.start(); // a stopped scheduler does not start again
    await settle();
    expect(job.runs).toBe(1);
  });

  it('a per-node job runs on every node, one row each; a node gone for days loses its row', async () => {
    await setUp();
    const job = Object.assign(countingJob('local', 3600), { scope: 'node' as const });
    const a = scheduler([job], 'node-a');
    const b = scheduler([job], 'node-b');
    expect(await a.runDue()).toEqual(['local']);
    expect(await b.runDue()).toEqual(['local']);
    expect(await a.runDue()).toEqual([]);
    expect((await listJobs(db.db)).map((r) => r.name)).toEqual(['local@node-a', 'local@node-b']);
    // node-a is gone; node-b carries on for four days.
    clock.advance(4 * 86_400_000);
    expect(await b.runDue()).toEqual(['local']);
    expect((await listJobs(db.db)).map((r) => r.name)).toEqual(['local@node-b']);
    // node-a comes back under the same name: its row is made again.
    expect(await a.runDue()).toEqual(['local']);
    expect(job.runs).toBe(4);
  });

  it('an interval of 0 turns a job off', async () => {
    await setUp();
    const on = countingJob('on', 60);
    const off = countingJob('off', 0);
    const s = scheduler([on, off], 'node-a');
    expect(await s.runDue()).toEqual(['on']);
    expect(off.runs).toBe(0);
    expect((await listJobs(db.db)).map((r) => r.name)).toEqual(['on']);
  });

  it("the server's jobs run through the scheduler: alerts, disposal, upload expiry, checkpoint, outbox", async () => {
    await setUp();
    const cfg = testConfig({ ZHIFA_NODE_ID: 'node-a', ZHIFA_DISPOSAL_INTERVAL: '0' });
    try {
      const blobs = await openBlobStore(cfg);
      const s = makeScheduler({ deps, config: cfg, blobs, transparency: loadTransparency(cfg) });
      schedulers.push(s);
      expect(JOBS.map((j) => j.name)).toEqual([
        'alerts',
        'disposal',
        'upload-expiry',
        'checkpoint',
        'publication-expiry',
        'outbox',
      ]);
      // ZHIFA_DISPOSAL_INTERVAL=0: off.
      expect(await s.runDue()).toEqual([
        'alerts',
        'upload-expiry',
        'checkpoint',
        'publication-expiry',
        'outbox',
      ]);
      const rows = await listJobs(db.db);
      expect(rows.map((r) => [r.name, r.last_ok, r.last_node])).toEqual([
        ['alerts', 1, 'node-a'],
        ['checkpoint', 1, 'node-a'],
        ['outbox', 1, 'node-a'],
        ['publication-expiry', 1, 'node-a'],
        ['upload-expiry', 1, 'node-a'],
      ]);
    } finally {
      fs.rmSync(cfg.dataDir, { recursive: true, force: true });
    }
  });
});

describe('job configuration', () => {
  it('keeps the former intervals by default, takes 0 as off and refuses a node name it cannot use', () => {
    const d = loadConfig({});
    expect(d.jobs).toMatchObject({
      alertSeconds: 60,
      disposalSeconds: 60,
      uploadExpirySeconds: 3600,
      publicationExpirySeconds: 3600,
    });
    // PUB-03: the outbox every 15 s; 10 s timeout, 30 s first backoff, 6 h cap, dead after 8 attempts.
    expect(d.jobs.outboxSeconds).toBe(15);
    expect(d.outbox).toEqual({
      timeoutMs: 10_000,
      backoffBaseSeconds: 30,
      backoffCapSeconds: 21_600,
      maxAttempts: 8,
      batchSize: 20,
    });
    expect(() => loadConfig({ ZHIFA_OUTBOX_BACKOFF_BASE: '600', ZHIFA_OUTBOX_BACKOFF_CAP: '60' })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^ZHIFA_OUTBOX_BACKOFF_CAP: /)] }),
    );
    expect(d.transparency.intervalSeconds).toBe(300);
    expect(d.jobs.nodeId).toMatch(/-\d+$/);
    const off = loadConfig({
      ZHIFA_ALERT_INTERVAL: '0',
      ZHIFA_DISPOSAL_INTERVAL: '0',
      ZHIFA_UPLOAD_EXPIRY_INTERVAL: '0',
      ZHIFA_OUTBOX_INTERVAL: '0',
      ZHIFA_PUBLICATION_EXPIRY_INTERVAL: '0',
      ZHIFA_NODE_ID: 'app-2.zfgs',
    });
    expect(off.jobs).toEqual({
      nodeId: 'app-2.zfgs',
      alertSeconds: 0,
      disposalSeconds: 0,
      uploadExpirySeconds: 0,
      outboxSeconds: 0,
      publicationExpirySeconds: 0,
    });
    expect(() => loadConfig({ ZHIFA_NODE_ID: 'app 2', ZHIFA_ALERT_INTERVAL: '-1' })).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^ZHIFA_NODE_ID: /),
          expect.stringMatching(/^ZHIFA_ALERT_INTERVAL: /),
        ],
      }),
    );
  });
});
