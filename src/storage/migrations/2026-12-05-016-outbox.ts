import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * The delivery outbox of publications (PUB-03). `platforms`: the receiving platforms an
 * administrator configures (区公示平台, 一网通办, 信用信息平台 …), each with the secret its requests
 * are signed with — sealed with the field key, never returned by the API. `outbox`: one row per
 * platform and event of a publication item, written in the transaction that publishes, withdraws
 * or takes the item down, and delivered by the `outbox` job: retried with backoff, dead after the
 * last attempt (the dead-letter list). The item id is opaque text: the outbox knows nothing of the
 * publication tables, and its payload is the already-masked public data.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('platforms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    // AES-256-GCM with the field key, bound to the row (`platforms:<id>:secret`).
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform_id', 'text', (c) => c.notNull().references('platforms.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    // published | withdrawn | takenDown
    .addColumn('event', 'text', (c) => c.notNull())
    // RFC 8785 canonical JSON of the public (masked) data, as the caller gave it.
    .addColumn('payload', 'text', (c) => c.notNull())
    // The same for every attempt: one per item, event and platform.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    // pending | delivered | dead
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    // When a pending row is next tried; while a node delivers it, the end of that node's lease.
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // The claim of the node delivering it now: its outcome is written only while the claim stands.
    .addColumn('lease_token', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_status', 'integer')
    // What went wrong, in our words (status, timeout, refused): never the receiver's body.
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The job's claim: due pending rows, oldest due first (partial: delivered rows pile up).
  await sql`create index outbox_due on outbox (next_attempt_at) where state = 'pending'`.execute(db);
  // Delivery status per item; the dead-letter list.
  await db.schema.createIndex('outbox_item').on('outbox').columns(['item_id', 'id']).execute();
  await sql`create index outbox_dead on outbox (id) where state = 'dead'`.execute(db);
}
