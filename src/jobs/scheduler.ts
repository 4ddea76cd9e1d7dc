import type { Config } from '../config';
import { mayClaim, nextDue } from '../domain/job-claim';
import * as repo from '../repositories/job-repository';
import type { Deps } from '../services/deps';
import type { Job } from './job';

export interface SchedulerOptions<C> {
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>;
  config: Config;
  jobs: readonly Job<C>[];
  context: C;
  /** This node's name in the job rows (ZHIFA_NODE_ID). */
  nodeId: string;
  /** Told of a failed run (also recorded in the job's row) or of a failure to claim or record one. */
  onError?: (job: string, err: unknown) => void;
}

export interface Scheduler {
  readonly nodeId: string;
  /** Starts each enabled job's timer: first try at start (`runAtStart`) or one interval later. */
  start(): void;
  /**
   * Tries every enabled job once, now: each one that is due and not held by another node is
   * claimed and run. Returns the names of the jobs this call ran. The timers call the same path.
   */
  runDue(): Promise<string[]>;
  /** No run starts after this; clears the timers and resolves once the runs under way have ended. */
  stop(): Promise<void>;
}

/** Three times the longest interval the configuration allows (a day). */
const STALE_NODE_ROW_MS = 3 * 86_400 * 1000;

/** The job's row: per node for a job each node runs for itself. */
export const jobKey = (job: Pick<Job<unknown>, 'name' | 'scope'>, nodeId: string): string =>
  job.scope === 'node' ? `${job.name}@${nodeId}` : job.name;

/** What a failed run leaves in its row: the kind and message, never a driver's detail. */
function failureText(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 1000);
  const code = (err as Error & { code?: unknown }).code;
  return `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`.slice(0, 1000);
}

/**
 * One scheduler for every job. Several app nodes may share a PostgreSQL database: a node claims a
 * due job by locking its row with `FOR UPDATE SKIP LOCKED` and moving its due time on, in one
 * short transaction, so one node runs it per period; the run itself happens after that commit
 * (the job opens its own transactions), and its end — success or the error — is written to the
 * row. On SQLite there is one node: the transaction alone is the claim.
 */
export function createScheduler<C>(opts: SchedulerOptions<C>): Scheduler {
  const { deps, config, context, nodeId } = opts;
  const enabled = opts.jobs.filter((j) => j.interval(config) > 0);
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Map<string, Promise<boolean>>();
  let started = false;
  let stopped = false;

  /** The row as it was before this node claimed it; null when not due or held; 'missing' when no row (or locked). */
  const claim = (key: string, seconds: number, now: Date) =>
    deps.db.transaction().execute(async (trx) => {
      const row = await repo.lockJob(trx, key);
      if (!row) return 'missing' as const;
      if (!mayClaim(row, now, seconds, { node: nodeId, singleNode: deps.dialect === 'sqlite' })) return null;
      await repo.markStarted(trx, key, nodeId, now.toISOString(), nextDue(now, seconds));
      return row;
    });

  async function claimAndRun(job: Job<C>, key: string, seconds: number): Promise<boolean> {
    const now = deps.clock.now();
    let claimed = await claim(key, seconds, now);
    // A job's first run (or a node's row pruned): make the row, then try once more. On PostgreSQL
    // a row another node holds locked also reads as missing; the second try passes over it again.
    if (claimed === 'missing') {
      await repo.ensureJob(deps.db, key);
      claimed = await claim(key, seconds, now);
    }
    if (claimed === 'missing' || claimed === null) return false;
    if (stopped) {
      // Stopped while claiming: the run never began, so the job is due again as it was.
      await repo.releaseClaim(deps.db, key, nodeId, claimed);
      return false;
    }
    let error: string | null = null;
    try {
      await job.run(context);
    } catch (err) {
      error = failureText(err);
      opts.onError?.(job.name, err);
    }
    const end = deps.clock.now();
    await repo.markFinished(deps.db, key, nodeId, end.toISOString(), error);
    // A node that is gone (or was renamed) no longer runs its own jobs: its rows go once they are
    // older than three of the longest intervals, so a live node's row is never taken for one.
    if (job.scope === 'node')
      await repo.deleteStaleNodeRows(
        deps.db,
        job.name,
        new Date(end.getTime() - STALE_NODE_ROW_MS).toISOString(),
      );
    return true;
  }

  /** One try at a job; a job this node is already running is not tried again until it ends. */
  async function attempt(job: Job<C>): Promise<boolean> {
    const key = jobKey(job, nodeId);
    if (stopped || inFlight.has(key)) return false;
    const run = claimAndRun(job, key, job.interval(config));
    inFlight.set(key, run);
    try {
      return await run;
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    nodeId,
    start() {
      if (started || stopped) return;
      started = true;
      for (const job of enabled) {
        const tick = () => void attempt(job).catch((err: unknown) => opts.onError?.(job.name, err));
        if (job.runAtStart) tick();
        const timer = setInterval(tick, job.interval(config) * 1000);
        // A timer alone does not keep the process alive: shutdown is not held up by the schedule.
        timer.unref();
        timers.push(timer);
      }
    },
    async runDue() {
      const ran: string[] = [];
      for (const job of enabled) if (await attempt(job)) ran.push(job.name);
      return ran;
    },
    async stop() {
      stopped = true;
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
