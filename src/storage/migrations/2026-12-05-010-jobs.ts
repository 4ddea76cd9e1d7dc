import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

/**
 * Scheduled jobs (deadline alerts, disposals, upload expiry, checkpoints). One row per job — per
 * job and node for a job that looks after something of one node's own, such as its upload folder.
 * A node claims a due job by locking its row (PostgreSQL `FOR UPDATE SKIP LOCKED`), so with
 * several app nodes a job runs on one of them per period; the row also keeps what administrators
 * see in `/healthz`: the last run, its node, the last failure and when the job is next due.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('jobs')
    // `alerts`, or `upload-expiry@<node id>` for a job every node runs for itself.
    .addColumn('name', 'text', (c) => c.primaryKey())
    // Null: due now (a job never run yet).
    .addColumn('next_due', 'text')
    // The node running it now and since when; a crashed node's claim lapses after the job's lease.
    .addColumn('running_node', 'text')
    .addColumn('running_since', 'text')
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_node', 'text')
    // 1 when the last finished run succeeded, 0 when it failed.
    .addColumn('last_ok', 'integer')
    // The latest failure, kept after later successful runs.
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .execute();
}
