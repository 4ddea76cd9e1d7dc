import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { makeScheduler } from '../../src/jobs';
import { createScheduler } from '../../src/jobs/scheduler';
import type { JobHealth } from '../../src/services/health-service';
import { DIALECTS } from '../db';
import { login, makeTestApp, type Session, type TestApp } from '../app';

describe.each(DIALECTS)('/healthz on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const health = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/healthz', headers });
  const jobsOf = async (s: Session) => (await health(s.headers)).json<{ ok: true; jobs: JobHealth[] }>().jobs;

  it('PLT-03 anonymous callers, bad credentials and users without the permission get the public answer only', async () => {
    const asked: Record<string, string>[] = [
      {},
      { authorization: 'Bearer zf_not-a-token' },
      { cookie: 'zhifa_session=stale' },
    ];
    for (const headers of asked) {
      const res = await health(headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    }
    for (const user of ['officer1', 'supervisor', 'leader', 'keeper']) {
      const res = await health((await login(t.app, user)).headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    }
  });

  it("PLT-03 an administrator sees each job's last run, last error and next due time", async () => {
    const config = t.app.zhifaConfig;
    const node = config.jobs.nodeId;
    const before = await health(admin.headers);
    expect(before.statusCode).toBe(200);
    expect(before.headers['cache-control']).toBe('private, no-store');
    // Nothing has run yet: makeTestApp starts no scheduler.
    expect(await jobsOf(admin)).toEqual(
      [
        { name: 'alerts', intervalSeconds: 60 },
        { name: 'disposal', intervalSeconds: 60 },
        { name: 'upload-expiry', intervalSeconds: 3600 },
        { name: 'checkpoint', intervalSeconds: 300 },
        { name: 'publication-expiry', intervalSeconds: 3600 },
        { name: 'outbox', intervalSeconds: 15 },
      ].map((j) => ({
        ...j,
        node: null,
        enabled: true,
        running: null,
        lastRun: null,
        lastError: null,
        nextDue: null,
      })),
    );

    const scheduler = makeScheduler({
      deps: t.deps,
      config,
      blobs: await openBlobStore(config),
      transparency: loadTransparency(config),
    });
    expect(await scheduler.runDue()).toEqual([
      'alerts',
      'disposal',
      'upload-expiry',
      'checkpoint',
      'publication-expiry',
      'outbox',
    ]);
    await scheduler.stop();
    const at = t.clock.now().toISOString();
    const after = (s: number) => new Date(t.clock.now().getTime() + s * 1000).toISOString();
    const ran = { node, startedAt: at, finishedAt: at, ok: true };
    expect(await jobsOf(admin)).toEqual(
      [
        { name: 'alerts', node: null, intervalSeconds: 60, nextDue: after(60) },
        { name: 'disposal', node: null, intervalSeconds: 60, nextDue: after(60) },
        { name: 'upload-expiry', node: null, intervalSeconds: 3600, nextDue: after(3600) },
        { name: 'checkpoint', node: null, intervalSeconds: 300, nextDue: after(300) },
        { name: 'publication-expiry', node: null, intervalSeconds: 3600, nextDue: after(3600) },
        { name: 'outbox', node: null, intervalSeconds: 15, nextDue: after(15) },
      ].map((j) => ({ ...j, enabled: true, running: null, lastRun: ran, lastError: null })),
    );

    // The checkpoint job fails once: its failure is shown, and still after the next good run.
    t.clock.advance(300_000);
    const failing = createScheduler({
      deps: t.deps,
      config,
      jobs: [
        { name: 'checkpoint', interval: () => 300, run: () => Promise.reject(new Error('签名密钥不可读')) },
      ],
      context: {},
      nodeId: 'node-b',
    });
    expect(await failing.runDue()).toEqual(['checkpoint']);
    const failedAt = t.clock.now().toISOString();
    expect((await jobsOf(admin)).find((j) => j.name === 'checkpoint')).toEqual({
      name: 'checkpoint',
      node: null,
      intervalSeconds: 300,
      enabled: true,
      running: null,
      lastRun: { node: 'node-b', startedAt: failedAt, finishedAt: failedAt, ok: false },
      lastError: { at: failedAt, message: 'Error: 签名密钥不可读' },
      nextDue: after(300),
    });
  });
});
