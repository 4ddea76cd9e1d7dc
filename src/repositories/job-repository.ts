import type { Executor } from '../storage/database';
import type { Row } from '../storage/schema';

export type JobRow = Row<'jobs'>;

/** Makes sure a job has its row, so a claim always has something to lock. */
export async function ensureJob(ex: Executor, name: string): Promise<void> {
  await ex
    .insertInto('jobs')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * The job's row, locked for the rest of the transaction; undefined when another node holds the
 * lock (PostgreSQL `SKIP LOCKED`: that node is claiming it now) or the row does not exist. SQLite
 * has one writer: its transaction is the lock (the handle drops the locking clause, storage/row-locks).
 */
export function lockJob(trx: Executor, name: string): Promise<JobRow | undefined> {
  return trx
    .selectFrom('jobs')
    .selectAll()
    .where('name', '=', name)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Marks the job as started by `node` at `at`, due again at `nextDue`. */
export async function markStarted(
  trx: Executor,
  name: string,
  node: string,
  at: string,
  nextDue: string,
): Promise<void> {
  await trx
    .updateTable('jobs')
    .set({ running_node: node, running_since: at, last_started_at: at, last_node: node, next_due: nextDue })
    .where('name', '=', name)
    .execute();
}

/** Gives a claim back unused (the node stopped before the run began): due again as it was. */
export async function releaseClaim(
  ex: Executor,
  name: string,
  node: string,
  previous: Pick<JobRow, 'next_due' | 'last_started_at' | 'last_node'>,
): Promise<void> {
  await ex
    .updateTable('jobs')
    .set({ ...previous, running_node: null, running_since: null })
    .where('name', '=', name)
    .where('running_node', '=', node)
    .execute();
}

/** Records the end of a run; a failure keeps its message until the next failure replaces it. */
export async function markFinished(
  ex: Executor,
  name: string,
  node: string,
  at: string,
  error: string | null,
): Promise<void> {
  await ex
    .updateTable('jobs')
    .set({
      running_node: null,
      running_since: null,
      last_finished_at: at,
      last_ok: error === null ? 1 : 0,
      ...(error !== null && { last_error: error, last_error_at: at }),
    })
    .where('name', '=', name)
    .where('running_node', '=', node)
    .execute();
}

/** Rows of nodes that have not run a per-node job since `before` (nodes gone or renamed). */
export async function deleteStaleNodeRows(ex: Executor, job: string, before: string): Promise<void> {
  await ex
    .deleteFrom('jobs')
    .where('name', 'like', `${job}@%`)
    .where('running_node', 'is', null)
    .where('last_started_at', '<', before)
    .execute();
}

export const listJobs = (ex: Executor) => ex.selectFrom('jobs').selectAll().orderBy('name').execute();
