import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { makeScheduler } from '../../src/jobs';
import { outboxJob } from '../../src/jobs/outbox';
import { enqueueDelivery } from '../../src/services/outbox-service';
import { errorOf, httpClient, login, makeTestApp, ok, type Session, type TestApp } from '../app';
import { DIALECTS } from '../db';
import { startReceiver, type Answer } from '../outbox-receiver';

const SECRET = 'platform-secret-abcdefghijklmnop';

interface Platform {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
}
interface Delivery {
  id: string;
  platformName: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  idempotencyKey: string;
}

describe.each(DIALECTS)('PUB-03 outbox API on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let answer: (path: string, n: number) => Answer = () => 'ok';
  const http = httpClient(() => t.app);
  const as = (s: () => Session) => http.as(s);
  const asAdmin = as(() => admin);

  /** Runs the server's outbox job through the scheduler, as a node would. */
  const runJob = async () => {
    const config = t.app.zhifaConfig;
    const s = makeScheduler(
      { deps: t.deps, config, blobs: await openBlobStore(config), transparency: loadTransparency(config) },
      undefined,
      [outboxJob],
    );
    const ran = await s.runDue();
    await s.stop();
    return ran;
  };
  const enqueue = (itemId: string) =>
    t.db.db.transaction().execute((trx) =>
      enqueueDelivery(trx, t.deps, {
        itemId,
        event: 'published',
        payload: { 决定书文号: '青国动罚字〔2026〕第1号' },
      }),
    );

  beforeAll(async () => {
    t = await makeTestApp(dialect, {
      env: {
        ZHIFA_OUTBOX_MAX_ATTEMPTS: '2',
        ZHIFA_OUTBOX_BACKOFF_BASE: '10',
        ZHIFA_OUTBOX_TIMEOUT_MS: '2000',
      },
    });
    admin = await login(t.app, 'admin');
    receiver = await startReceiver(SECRET, (p, n) => answer(p, n));
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it('PUB-03 an administrator configures platforms; the secret is write-only and sealed; each change is ledgered', async () => {
    const p = await ok<Platform>(
      asAdmin.post('/api/outbox/platforms', {
        name: '区公示平台',
        url: receiver.url('/district'),
        secret: SECRET,
      }),
      201,
    );
    expect(p).toMatchObject({ name: '区公示平台', enabled: true });
    expect(JSON.stringify(p)).not.toContain(SECRET);
    const list = await ok<{ items: Platform[] }>(asAdmin.get('/api/outbox/platforms'));
    expect(list.items.map((x) => x.name)).toEqual(['区公示平台']);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const row = await t.db.db
      .selectFrom('platforms')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(SECRET);
    const ledger = await t.db.db
      .selectFrom('ledger')
      .select(['action', 'data'])
      .where('subject_id', '=', p.id)
      .execute();
    expect(ledger.map((e) => e.action)).toEqual(['platform.created@1']);
    expect(ledger.map((e) => e.data).join()).not.toContain(SECRET);

    // A second platform, disabled, then the secret replaced and enabled.
    const q = await ok<Platform>(
      asAdmin.post('/api/outbox/platforms', {
        name: '信用信息平台',
        url: receiver.url('/credit'),
        secret: 'an-old-secret-0000000000',
        enabled: false,
      }),
      201,
    );
    const patched = await ok<Platform>(
      asAdmin.patch(`/api/outbox/platforms/${q.id}`, { secret: SECRET, enabled: true }),
    );
    expect(patched.enabled).toBe(true);
    const entries = await t.db.db
      .selectFrom('ledger')
      .select(['action', 'data'])
      .where('subject_id', '=', q.id)
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['platform.created@1', 'platform.updated@1']);
    expect(JSON.parse(entries[1]!.data)).toMatchObject({
      fields: ['enabled', 'secret'],
      secretChanged: true,
    });
  });

  it('PUB-03 bad platform input is refused with its code and field, nothing written', async () => {
    const bad = await asAdmin.post('/api/outbox/platforms', {
      name: '一网通办',
      url: 'ftp://example.org/x',
      secret: SECRET,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'PLATFORM_URL_INVALID', field: 'url' });
    const creds = await asAdmin.post('/api/outbox/platforms', {
      name: '一网通办',
      url: 'https://user:pw@example.org/x',
      secret: SECRET,
    });
    expect(errorOf(creds).code).toBe('PLATFORM_URL_INVALID');
    const taken = await asAdmin.post('/api/outbox/platforms', {
      name: '区公示平台',
      url: receiver.url('/x'),
      secret: SECRET,
    });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: 'PLATFORM_NAME_TAKEN', field: 'name' });
    const short = await asAdmin.post('/api/outbox/platforms', {
      name: '一网通办',
      url: receiver.url('/x'),
      secret: 'short',
    });
    expect(short.statusCode).toBe(400);
    const missing = await asAdmin.patch('/api/outbox/platforms/0190c6c6-0000-7000-8000-000000000000', {
      enabled: false,
    });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('PLATFORM_NOT_FOUND');
    const names = (await ok<{ items: Platform[] }>(asAdmin.get('/api/outbox/platforms'))).items.map(
      (p) => p.name,
    );
    expect(names).not.toContain('一网通办');
  });

  it('PUB-03 the outbox job delivers; delivery status per item; dead letters listed and retried by the administrator', async () => {
    answer = (p) => (p === '/credit' ? 'fail' : 'ok');
    await enqueue('item-a');
    expect(await runJob()).toEqual(['outbox']);
    const status = async () =>
      new Map(
        (await ok<{ items: Delivery[] }>(asAdmin.get('/api/outbox?itemId=item-a'))).items.map((d) => [
          d.platformName,
          d,
        ]),
      );
    expect((await status()).get('区公示平台')).toMatchObject({
      state: 'delivered',
      attempts: 1,
      lastStatus: 200,
    });
    expect((await status()).get('信用信息平台')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastStatus: 500,
    });
    // Max 2 attempts: the second failure makes it dead.
    t.clock.advance(60_000);
    expect(await runJob()).toEqual(['outbox']);
    const dead = await ok<{ items: Delivery[]; nextCursor: string | null }>(asAdmin.get('/api/outbox/dead'));
    expect(dead.items.map((d) => [d.platformName, d.state, d.attempts])).toEqual([
      ['信用信息平台', 'dead', 2],
    ]);
    const key = dead.items[0]!.idempotencyKey;

    // A delivery that is not dead cannot be retried.
    const delivered = (await status()).get('区公示平台')!;
    const refused = await asAdmin.post(`/api/outbox/deliveries/${delivered.id}/retry`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('DELIVERY_NOT_DEAD');

    answer = () => 'ok';
    const retried = await ok<Delivery>(asAdmin.post(`/api/outbox/deliveries/${dead.items[0]!.id}/retry`));
    expect(retried).toMatchObject({ state: 'pending', attempts: 0, idempotencyKey: key });
    t.clock.advance(15_000);
    expect(await runJob()).toEqual(['outbox']);
    expect((await status()).get('信用信息平台')).toMatchObject({ state: 'delivered', attempts: 1 });
    const credit = receiver.received.filter((r) => r.path === '/credit');
    expect(credit.map((r) => r.key)).toEqual([key, key, key]);
    expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    expect((await ok<{ items: Delivery[] }>(asAdmin.get('/api/outbox/dead'))).items).toEqual([]);
  });

  it('PUB-03 all dead letters are retried at once', async () => {
    answer = () => 'fail';
    await enqueue('item-b');
    await enqueue('item-c');
    t.clock.advance(15_000); // the job's interval since its last run
    expect(await runJob()).toEqual(['outbox']);
    t.clock.advance(60_000);
    expect(await runJob()).toEqual(['outbox']);
    expect((await ok<{ items: Delivery[] }>(asAdmin.get('/api/outbox/dead?limit=3'))).items).toHaveLength(3);
    const page = await ok<{ items: Delivery[]; nextCursor: string | null }>(
      asAdmin.get('/api/outbox/dead?limit=3'),
    );
    expect(page.nextCursor).not.toBeNull();
    expect(await ok(asAdmin.post('/api/outbox/dead/retry'))).toEqual({ retried: 4 });
    answer = () => 'ok';
    t.clock.advance(15_000);
    expect(await runJob()).toEqual(['outbox']);
    const states = (await t.db.db.selectFrom('outbox').select('state').execute()).map((r) => r.state);
    expect(states.every((s) => s === 'delivered')).toBe(true);
    const retried = await t.db.db
      .selectFrom('ledger')
      .select('action')
      .where('action', '=', 'outbox.retried@1')
      .execute();
    expect(retried).toHaveLength(5);
  });

  it('PUB-03 delivery status is for the publication roles and those who oversee them; platforms and dead letters for the administrator', async () => {
    const officer = await login(t.app, 'officer1');
    const reviewer = await login(t.app, 'reviewer');
    const leader = await login(t.app, 'leader');
    expect((await http.get(officer, '/api/outbox?itemId=item-a')).statusCode).toBe(200);
    expect((await http.get(leader, '/api/outbox?itemId=item-a')).statusCode).toBe(200);
    expect((await http.get(reviewer, '/api/outbox?itemId=item-a')).statusCode).toBe(403);
    expect((await http.get(leader, '/api/outbox/platforms')).statusCode).toBe(403);
    expect((await http.get(leader, '/api/outbox/dead')).statusCode).toBe(403);
    expect((await http.get(officer, '/api/outbox')).statusCode).toBe(400);
  });
});
