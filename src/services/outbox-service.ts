import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import { conflict, notFound } from '../domain/errors';
import { canonicalJson, type Actor } from '../domain/ledger-entry';
import {
  afterFailure,
  answerMeans,
  DELIVERY_STATE_LABELS,
  idempotencyKey,
  OUTBOX_EVENT_LABELS,
  OUTBOX_EVENTS,
  type DeliveryState,
  type OutboxEvent,
} from '../domain/outbox';
import * as repo from '../repositories/outbox-repository';
import type { DeliveryRow } from '../repositories/outbox-repository';
import { newId, SYSTEM, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { sendDelivery, type SendResult } from './outbox-sender';
import { pageOf } from './paging';
import { secretContext } from './platform-service';
import type { Sealer } from './sealer';

/**
 * The delivery outbox (PUB-03). Publishing, withdrawing or taking down an item calls
 * `enqueueDelivery` inside its own transaction, so a delivery exists exactly when the act
 * committed; the `outbox` job (`deliverOutbox`) then pushes each one to its platform, signed, with
 * a stable idempotency key, retrying with backoff until it is delivered or dead.
 */

/**
 * Writes one delivery per enabled receiving platform, in the caller's transaction. `payload` is the
 * public, already-masked data of the item — never personal data: it is sent as it is. The item id
 * is opaque here. Enqueuing the same item and event again adds nothing (same idempotency key).
 */
export async function enqueueDelivery(
  trx: Tx,
  deps: Deps,
  d: { itemId: string; event: OutboxEvent; payload: Record<string, unknown> },
): Promise<void> {
  if (!(OUTBOX_EVENTS as readonly string[]).includes(d.event))
    throw new Error(`unknown outbox event ${d.event}`);
  const payload = canonicalJson(d.payload);
  const now = deps.clock.now().toISOString();
  const platforms = await repo.enabledPlatformIds(trx);
  await repo.insertDeliveries(
    trx,
    platforms.map((p) => ({
      id: newId(deps.clock),
      platform_id: p.id,
      item_id: d.itemId,
      event: d.event,
      payload,
      idempotency_key: idempotencyKey(d.itemId, d.event, p.id),
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })),
  );
}

/** What delivering needs beyond the database: the secrets' key, the settings, this node. */
export type OutboxDeps = Deps & {
  sealer: Sealer;
  outbox: Config['outbox'];
  /** Jitter of the backoff, in [0, 1); tests may fix it. */
  random?: () => number;
};

/** A claimed delivery is this node's for the longest exchange plus this margin. */
const LEASE_MARGIN_MS = 60_000;

/**
 * The body a delivery sends: the same bytes on every attempt (the signature and the receiver's
 * deduplication depend on it), built from the row alone.
 */
export function deliveryBody(
  r: Pick<DeliveryRow, 'idempotency_key' | 'item_id' | 'event' | 'payload' | 'created_at'>,
) {
  return canonicalJson({
    id: r.idempotency_key,
    itemId: r.item_id,
    event: r.event,
    occurredAt: r.created_at,
    data: JSON.parse(r.payload) as unknown,
  });
}

/**
 * One run of the outbox job: claims due deliveries a batch at a time and sends each batch in
 * parallel, until none is due. Safe with several app nodes: a claim locks the rows (`SKIP LOCKED`
 * on PostgreSQL) and, in the same short transaction, moves their next attempt to the end of a lease
 * (timeout + a minute) under a fresh token, so no other node finds them due while they are sent; an
 * outcome is recorded only while the token stands, so a node that crashed or stalled past its lease
 * loses the row to the next claim and records nothing. Delivered and dead are ledger entries;
 * every attempt is counted on the row.
 */
export async function deliverOutbox(
  deps: OutboxDeps,
): Promise<{ delivered: number; retrying: number; dead: number }> {
  const totals = { delivered: 0, retrying: 0, dead: 0 };
  for (;;) {
    const token = randomUUID();
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const due = await repo.claimDue(trx, now.toISOString(), deps.outbox.batchSize);
      await repo.lease(
        trx,
        due.map((r) => r.id),
        {
          lease_token: token,
          next_attempt_at: new Date(now.getTime() + deps.outbox.timeoutMs + LEASE_MARGIN_MS).toISOString(),
          last_attempt_at: now.toISOString(),
        },
      );
      return due.length;
    });
    if (claimed === 0) return totals;
    const rows = await repo.leasedDeliveries(deps.db, token);
    const outcomes = await Promise.all(rows.map((r) => attempt(deps, r, token)));
    for (const o of outcomes) if (o) totals[o]++;
    if (claimed < deps.outbox.batchSize) return totals;
  }
}

type Leased = Awaited<ReturnType<typeof repo.leasedDeliveries>>[number];

async function attempt(deps: OutboxDeps, r: Leased, token: string) {
  let result: SendResult;
  try {
    const secret = deps.sealer.open(secretContext(r.platform_id), r.secret_sealed);
    result = await sendDelivery({
      url: r.platform_url,
      secret,
      body: deliveryBody(r),
      idempotencyKey: r.idempotency_key,
      at: deps.clock.now(),
      timeoutMs: deps.outbox.timeoutMs,
    });
  } catch {
    // Only opening the secret can throw here (a changed field key): an administrator re-enters it.
    result = { status: null, error: '无法解开签名密钥，请重新设置接收平台的密钥' };
  }
  return settleAttempt(deps, r, token, result);
}

/** Records one attempt's outcome with, for delivered and dead, its ledger entry; null if no longer ours. */
async function settleAttempt(deps: OutboxDeps, r: Leased, token: string, result: SendResult) {
  const status = result.status;
  const means = status === null ? 'failed' : answerMeans(status, result.body);
  const subject = { type: 'delivery', id: r.id };
  const about = { platform: r.platform_name, itemId: r.item_id, event: r.event, attempts: r.attempts };
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if (means !== 'failed') {
      const mine = await repo.settle(trx, r.id, token, {
        state: 'delivered',
        delivered_at: now.toISOString(),
        last_status: status,
        last_error: null,
      });
      if (!mine) return null;
      await appendEntry(trx, deps, SYSTEM, 'outbox.delivered@1', subject, { ...about, status });
      return 'delivered' as const;
    }
    const error = status === null ? (result as { error: string }).error : `接收平台应答 HTTP ${status}`;
    const next = afterFailure(r.attempts, deps.outbox, now, (deps.random ?? Math.random)());
    if (next.state === 'pending') {
      const mine = await repo.settle(trx, r.id, token, {
        next_attempt_at: next.nextAttemptAt,
        last_status: status,
        last_error: error,
      });
      return mine ? ('retrying' as const) : null;
    }
    const mine = await repo.settle(trx, r.id, token, {
      state: 'dead',
      last_status: status,
      last_error: error,
    });
    if (!mine) return null;
    await appendEntry(trx, deps, SYSTEM, 'outbox.deadLettered@1', subject, { ...about, status, error });
    return 'dead' as const;
  });
}

export function deliveryView(r: DeliveryRow) {
  const state = r.state as DeliveryState;
  const event = r.event as OutboxEvent;
  return {
    id: r.id,
    platformId: r.platform_id,
    platformName: r.platform_name,
    itemId: r.item_id,
    event,
    eventLabel: OUTBOX_EVENT_LABELS[event] ?? r.event,
    state,
    stateLabel: DELIVERY_STATE_LABELS[state] ?? r.state,
    attempts: r.attempts,
    nextAttemptAt: state === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
  };
}

/** Delivery status of one publication item, one row per platform and event. */
export const deliveriesOfItem = async (deps: Deps, itemId: string) => ({
  items: (await repo.deliveriesOfItem(deps.db, itemId)).map(deliveryView),
});

/** The dead-letter list, newest first. */
export async function listDead(deps: Deps, q: { cursor?: string; limit: number }) {
  const rows = await repo.deadDeliveries(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor && { beforeId: q.cursor }),
  });
  return pageOf(rows, q.limit, deliveryView, (v) => v.id);
}

async function revive(trx: Tx, deps: Deps, actor: Actor, row: { id: string; attempts: number }) {
  await repo.revive(trx, row.id, deps.clock.now().toISOString());
  const r = (await repo.getDelivery(trx, row.id))!;
  await appendEntry(
    trx,
    deps,
    actor,
    'outbox.retried@1',
    { type: 'delivery', id: r.id },
    { platform: r.platform_name, itemId: r.item_id, event: r.event, attempts: row.attempts },
  );
  return r;
}

/** An administrator sends a dead delivery again: due now, with a fresh round of attempts. */
export function retryDelivery(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockDelivery(trx, id);
    if (!row) throw notFound('DELIVERY_NOT_FOUND', '推送记录不存在');
    if (row.state !== 'dead')
      throw conflict('DELIVERY_NOT_DEAD', '只能重新推送投递失败的记录（该记录正在投递或已投递）');
    return deliveryView(await revive(trx, deps, actor, row));
  });
}

/** Every dead delivery back on the list, a batch per transaction; returns how many. */
export async function retryAllDead(deps: Deps, actor: Actor, batch = 200): Promise<{ retried: number }> {
  let retried = 0;
  for (;;) {
    const n = await deps.db.transaction().execute(async (trx) => {
      const rows = await repo.lockDead(trx, batch);
      for (const row of rows) await revive(trx, deps, actor, row);
      return rows.length;
    });
    retried += n;
    if (n < batch) return { retried };
  }
}
