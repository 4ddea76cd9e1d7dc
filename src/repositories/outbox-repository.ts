import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

// The publication outbox (PUB-03): receiving platforms and one row per delivery.

export const insertPlatform = (ex: Executor, row: NewRow<'platforms'>) =>
  ex.insertInto('platforms').values(row).execute();

export const getPlatform = (ex: Executor, id: string) =>
  ex.selectFrom('platforms').selectAll().where('id', '=', id).executeTakeFirst();

export const lockPlatform = (ex: Executor, id: string) =>
  ex.selectFrom('platforms').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const platformNamed = (ex: Executor, name: string) =>
  ex.selectFrom('platforms').select('id').where('name', '=', name).executeTakeFirst();

export const listPlatforms = (ex: Executor) =>
  ex.selectFrom('platforms').selectAll().orderBy('name').orderBy('id').execute();

export const enabledPlatformIds = (ex: Executor) =>
  ex.selectFrom('platforms').select('id').where('enabled', '=', 1).orderBy('id').execute();

export const updatePlatform = (
  ex: Executor,
  id: string,
  set: Partial<Pick<Row<'platforms'>, 'name' | 'url' | 'secret_sealed' | 'enabled' | 'updated_at'>>,
) => ex.updateTable('platforms').set(set).where('id', '=', id).execute();

/** A second enqueue of the same item, event and platform (same key) is a no-op. */
export const insertDeliveries = (ex: Executor, rows: NewRow<'outbox'>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : ex
        .insertInto('outbox')
        .values(rows)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();

/**
 * Pending deliveries whose time has come, locked for this transaction. With several app nodes each
 * takes rows no other node holds (`SKIP LOCKED`, PostgreSQL); the caller moves their next attempt
 * to the end of its lease before committing, so no other node finds them due while it delivers.
 */
export const claimDue = (ex: Executor, now: string, limit: number) =>
  ex
    .selectFrom('outbox')
    .select(['id'])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    // A disabled platform's deliveries wait until it is enabled again (a subquery: its rows stay unlocked).
    .where('platform_id', 'in', (eb) => eb.selectFrom('platforms').select('id').where('enabled', '=', 1))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const lease = (
  ex: Executor,
  ids: string[],
  set: { lease_token: string; next_attempt_at: string; last_attempt_at: string },
) =>
  ids.length === 0
    ? Promise.resolve()
    : ex
        .updateTable('outbox')
        .set((eb) => ({ ...set, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        .execute();

/** The claimed rows with what sending needs: the platform's address and sealed secret. */
export const leasedDeliveries = (ex: Executor, token: string) =>
  ex
    .selectFrom('outbox as o')
    .innerJoin('platforms as p', 'p.id', 'o.platform_id')
    .selectAll('o')
    .select(['p.name as platform_name', 'p.url as platform_url', 'p.secret_sealed', 'p.enabled'])
    .where('o.lease_token', '=', token)
    .orderBy('o.id')
    .execute();

/**
 * Records an attempt's outcome, only while this node's claim stands (its lease token on a pending
 * row): a node that outlived its lease finds its claim taken over and records nothing. Returns
 * whether the row was this node's to record.
 */
export async function settle(
  ex: Executor,
  id: string,
  token: string,
  set: Partial<
    Pick<
      Row<'outbox'>,
      'state' | 'next_attempt_at' | 'last_status' | 'last_error' | 'delivered_at' | 'lease_token'
    >
  >,
): Promise<boolean> {
  const r = await ex
    .updateTable('outbox')
    .set({ lease_token: null, ...set })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const withPlatform = (ex: Executor) =>
  ex
    .selectFrom('outbox as o')
    .innerJoin('platforms as p', 'p.id', 'o.platform_id')
    .selectAll('o')
    .select(['p.name as platform_name']);

export type DeliveryRow = Awaited<ReturnType<typeof getDelivery>> & object;

export const getDelivery = (ex: Executor, id: string) =>
  withPlatform(ex).where('o.id', '=', id).executeTakeFirst();

export const deliveriesOfItem = (ex: Executor, itemId: string) =>
  withPlatform(ex).where('o.item_id', '=', itemId).orderBy('o.id').execute();

/** The dead-letter list, newest first, by key. */
export function deadDeliveries(ex: Executor, q: { beforeId?: string; limit: number }) {
  let query = withPlatform(ex).where('o.state', '=', 'dead').orderBy('o.id', 'desc').limit(q.limit);
  if (q.beforeId) query = query.where('o.id', '<', q.beforeId);
  return query.execute();
}

export const lockDelivery = (ex: Executor, id: string) =>
  ex.selectFrom('outbox').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const lockDead = (ex: Executor, limit: number) =>
  ex
    .selectFrom('outbox')
    .selectAll()
    .where('state', '=', 'dead')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();

/** Back on the list for a fresh round of attempts, due now. */
export const revive = (ex: Executor, id: string, now: string) =>
  ex
    .updateTable('outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now, lease_token: null })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .execute();
