import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { CLI, type Deps } from '../src/services/deps';
import {
  deliverOutbox,
  deliveriesOfItem,
  enqueueDelivery,
  retryDelivery,
  type OutboxDeps,
} from '../src/services/outbox-service';
import { createPlatform, updatePlatform } from '../src/services/platform-service';
import { makeSealer } from '../src/services/sealer';
import { TestClock } from './app';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';
import { startReceiver, type Answer } from './outbox-receiver';

const SECRET = 'receiver-shared-secret-0123456789';
const PAYLOAD = {
  行政相对人名称: '上海某某置业有限公司',
  决定书文号: '青国动罚字〔2026〕第12号',
  罚款金额: 5000,
};

describe.each(DIALECTS)('PUB-03 outbox delivery on %s', (dialect) => {
  let db: TestDatabase;
  let clock: TestClock;
  let deps: OutboxDeps;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let answer: (path: string, n: number) => Answer;

  const setUp = async (over: Partial<OutboxDeps['outbox']> = {}) => {
    db = await freshDatabase(dialect);
    clock = new TestClock();
    answer = () => 'ok';
    receiver = await startReceiver(SECRET, (p, n) => answer(p, n));
    deps = {
      db: db.db,
      dialect,
      clock,
      adjustedWorkdaysCount: true,
      sealer: makeSealer(randomBytes(32)),
      outbox: { ...loadConfig({}).outbox, timeoutMs: 2_000, ...over },
      random: () => 0.5,
    };
  };
  const platform = (name: string, path: string, enabled = true) =>
    createPlatform(deps, CLI, { name, url: receiver.url(path), secret: SECRET, enabled });
  const enqueue = (itemId: string, event: 'published' | 'withdrawn' | 'takenDown' = 'published') =>
    db.db
      .transaction()
      .execute((trx) => enqueueDelivery(trx, deps as Deps, { itemId, event, payload: PAYLOAD }));
  const statusOf = async (itemId: string) => (await deliveriesOfItem(deps, itemId)).items;
  const entries = async (action: string) =>
    db.db.selectFrom('ledger').selectAll().where('action', '=', action).orderBy('seq').execute();

  afterEach(async () => {
    await receiver?.close();
    await db?.cleanup();
  });

  it('PUB-03 each enabled platform gets the item signed (HMAC-SHA256 of the body), with timestamp and idempotency key; 2xx ⇒ delivered and ledgered', async () => {
    await setUp();
    await platform('区公示平台', '/district');
    await platform('信用信息平台', '/credit');
    await platform('一网通办', '/ywtb', false);
    await enqueue('item-1');
    expect((await statusOf('item-1')).map((d) => d.platformName).sort()).toEqual([
      '信用信息平台',
      '区公示平台',
    ]);

    expect(await deliverOutbox(deps)).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/credit', '/district']);
    for (const r of receiver.received) {
      expect(r.signatureOk).toBe(true);
      expect(r.timestamp).toBe('2026-11-25T02:00:00.000Z');
      expect(r.key).toMatch(/^[0-9a-f]{64}$/);
      const body = JSON.parse(r.body) as { itemId: string; event: string; data: unknown };
      expect(body).toMatchObject({ itemId: 'item-1', event: 'published', data: PAYLOAD });
      // The signature is of these exact bytes, with the shared secret.
      expect(createHmac('sha256', SECRET).update(r.body).digest('hex')).toHaveLength(64);
    }
    // One key per platform.
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(2);
    const status = await statusOf('item-1');
    expect(status.map((d) => [d.state, d.attempts, d.lastStatus, d.deliveredAt])).toEqual([
      ['delivered', 1, 200, '2026-11-25T02:00:00.000Z'],
      ['delivered', 1, 200, '2026-11-25T02:00:00.000Z'],
    ]);
    const delivered = await entries('outbox.delivered@1');
    expect(delivered).toHaveLength(2);
    expect(JSON.parse(delivered[0]!.data)).toMatchObject({ event: 'published', attempts: 1, status: 200 });
    // Nothing more to do; enqueuing the same item and event again adds nothing.
    await enqueue('item-1');
    expect(await deliverOutbox(deps)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    expect(receiver.received).toHaveLength(2);
  });

  it('PUB-03 a failing receiver (500) is retried with exponential backoff and jitter, same key and body each time, and is dead after N attempts', async () => {
    await setUp({ backoffBaseSeconds: 10, backoffCapSeconds: 25, maxAttempts: 4 });
    await platform('区公示平台', '/down');
    answer = () => 'fail';
    await enqueue('item-2');
    // Jitter 0.5: three quarters of each step (10 s, 20 s, then the 25 s cap).
    const waits = [7_500, 15_000, 18_750];
    expect(await deliverOutbox(deps)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    for (const [i, wait] of waits.entries()) {
      const [d] = await statusOf('item-2');
      expect(d).toMatchObject({
        state: 'pending',
        attempts: i + 1,
        lastStatus: 500,
        lastError: '接收平台应答 HTTP 500',
      });
      expect(d!.nextAttemptAt).toBe(new Date(clock.now().getTime() + wait).toISOString());
      clock.advance(wait - 1);
      await deliverOutbox(deps); // not due yet
      expect(receiver.received).toHaveLength(i + 1);
      clock.advance(1);
      await deliverOutbox(deps);
      expect(receiver.received).toHaveLength(i + 2);
    }
    const [d] = await statusOf('item-2');
    expect(d).toMatchObject({ state: 'dead', stateLabel: '投递失败', attempts: 4, nextAttemptAt: null });
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    const dead = await entries('outbox.deadLettered@1');
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0]!.data)).toMatchObject({
      attempts: 4,
      status: 500,
      error: '接收平台应答 HTTP 500',
    });
    // Dead stays dead until an administrator retries it.
    clock.advance(86_400_000);
    await deliverOutbox(deps);
    expect(receiver.received).toHaveLength(4);

    answer = () => 'ok';
    const retried = await retryDelivery(deps, CLI, d!.id);
    expect(retried).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await deliverOutbox(deps)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(receiver.received).toHaveLength(5);
    expect(receiver.received[4]!.key).toBe(receiver.received[0]!.key);
    expect(receiver.received[4]!.body).toBe(receiver.received[0]!.body);
    expect(await entries('outbox.retried@1')).toHaveLength(1);
    await expect(retryDelivery(deps, CLI, d!.id)).rejects.toMatchObject({ code: 'DELIVERY_NOT_DEAD' });
  });

  it('PUB-03 the backoff never exceeds its cap, and jitter spreads the retries', async () => {
    await setUp({ backoffBaseSeconds: 30, backoffCapSeconds: 600, maxAttempts: 20 });
    await platform('区公示平台', '/down');
    answer = () => 'fail';
    const jitter = [0, 0.999];
    let i = 0;
    deps.random = () => jitter[i++ % 2]!;
    await enqueue('item-3');
    const delays: number[] = [];
    for (let n = 0; n < 8; n++) {
      const before = clock.now().getTime();
      await deliverOutbox(deps);
      const [d] = await statusOf('item-3');
      const delay = new Date(d!.nextAttemptAt!).getTime() - before;
      delays.push(delay);
      clock.advance(delay);
    }
    // 30 s · 2^(n−1), capped at 600 s; half fixed, half jitter.
    expect(delays).toEqual([15_000, 59_970, 60_000, 239_880, 240_000, 599_700, 300_000, 599_700]);
  });

  it('PUB-03 a receiver that does not answer within the timeout has failed that attempt; 409 duplicate ⇒ delivered; another 409 ⇒ retried', async () => {
    await setUp({ timeoutMs: 300, backoffBaseSeconds: 10 });
    await platform('区公示平台', '/slow');
    await platform('信用信息平台', '/dup');
    answer = (p, n) => (p === '/slow' ? (n === 1 ? 'hang' : 'ok') : n === 1 ? 'conflict' : 'duplicate');
    await enqueue('item-4');
    const started = Date.now();
    expect(await deliverOutbox(deps)).toEqual({ delivered: 0, retrying: 2, dead: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const byPlatform = async () => new Map((await statusOf('item-4')).map((d) => [d.platformName, d]));
    expect((await byPlatform()).get('区公示平台')).toMatchObject({
      state: 'pending',
      lastStatus: null,
      lastError: '超时：300 毫秒内未应答',
    });
    expect((await byPlatform()).get('信用信息平台')).toMatchObject({ state: 'pending', lastStatus: 409 });
    clock.advance(7_500);
    expect(await deliverOutbox(deps)).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    expect((await byPlatform()).get('信用信息平台')).toMatchObject({ state: 'delivered', lastStatus: 409 });
    expect((await byPlatform()).get('区公示平台')).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('PUB-03 a connection refused is a failed attempt named without the data sent', async () => {
    await setUp();
    await createPlatform(deps, CLI, { name: '一网通办', url: 'http://127.0.0.1:1/none', secret: SECRET });
    await enqueue('item-5', 'withdrawn');
    await deliverOutbox(deps);
    const [d] = await statusOf('item-5');
    expect(d).toMatchObject({ state: 'pending', event: 'withdrawn', eventLabel: '撤回', attempts: 1 });
    expect(d!.lastError).toMatch(/^无法连接接收平台/);
  });

  it('PUB-03 a disabled platform gets nothing new, and what it had waits until it is enabled again', async () => {
    await setUp();
    const p = await platform('区公示平台', '/district');
    await enqueue('item-6');
    await updatePlatform(deps, CLI, p.id, { enabled: false });
    await enqueue('item-7');
    expect(await statusOf('item-7')).toEqual([]);
    expect(await deliverOutbox(deps)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    await updatePlatform(deps, CLI, p.id, { enabled: true });
    expect(await deliverOutbox(deps)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it("PUB-03 a stalled node's claim lapses after its lease: another node delivers, and the late outcome is not recorded", async () => {
    await setUp({ timeoutMs: 5_000 });
    await platform('区公示平台', '/district');
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    answer = (_p, n) => (n === 1 ? { hold } : 'ok');
    await enqueue('item-8');
    const stalled = deliverOutbox(deps);
    while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 10));
    // Within its lease nobody else takes the row.
    expect(await deliverOutbox(deps)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    clock.advance(5_000 + 60_000);
    expect(await deliverOutbox(deps)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    release();
    expect(await stalled).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    expect(await entries('outbox.delivered@1')).toHaveLength(1);
    expect((await statusOf('item-8'))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(receiver.received[0]!.key).toBe(receiver.received[1]!.key);
  });

  it.runIf(dialect === 'postgres')(
    'PUB-03 two concurrent deliverOutbox runs (two app nodes) deliver each row exactly once',
    async () => {
      await setUp({ batchSize: 3 });
      await platform('区公示平台', '/district');
      await platform('信用信息平台', '/credit');
      for (let i = 0; i < 15; i++) await enqueue(`item-c${i}`);
      const [a, b] = await Promise.all([deliverOutbox(deps), deliverOutbox(deps)]);
      expect(a.delivered + b.delivered).toBe(30);
      expect(a.delivered).toBeGreaterThan(0);
      expect(b.delivered).toBeGreaterThan(0);
      expect(receiver.received).toHaveLength(30);
      expect(new Set(receiver.received.map((r) => r.key)).size).toBe(30);
      expect(await entries('outbox.delivered@1')).toHaveLength(30);
    },
  );
});
