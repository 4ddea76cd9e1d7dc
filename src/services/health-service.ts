import * as repo from '../repositories/job-repository';
import type { Executor } from '../storage/database';

/** A job as configured on this node (`src/jobs`): what `/healthz` reports on. */
export interface JobSchedule {
  name: string;
  scope: 'cluster' | 'node';
  /** 0 = off on this node. */
  intervalSeconds: number;
}

/** One job's standing for administrators: its last run, its last failure and when it is next due. */
export interface JobHealth {
  name: string;
  /** The node, for a job every node runs for itself; null for one run once per installation. */
  node: string | null;
  intervalSeconds: number;
  enabled: boolean;
  running: { node: string; since: string } | null;
  lastRun: { node: string; startedAt: string; finishedAt: string | null; ok: boolean | null } | null;
  lastError: { at: string; message: string } | null;
  /** Null: off, or never run yet (due as soon as a node tries). */
  nextDue: string | null;
}

function standing(s: JobSchedule, row: repo.JobRow | undefined, node: string | null): JobHealth {
  const enabled = s.intervalSeconds > 0;
  return {
    name: s.name,
    node,
    intervalSeconds: s.intervalSeconds,
    enabled,
    running:
      row?.running_node && row.running_since ? { node: row.running_node, since: row.running_since } : null,
    lastRun:
      row?.last_started_at && row.last_node
        ? {
            node: row.last_node,
            startedAt: row.last_started_at,
            // A run under way has no end and no outcome yet.
            finishedAt: row.running_node !== null ? null : row.last_finished_at,
            ok: row.running_node !== null || row.last_ok === null ? null : row.last_ok === 1,
          }
        : null,
    lastError:
      row?.last_error && row.last_error_at ? { at: row.last_error_at, message: row.last_error } : null,
    nextDue: enabled ? (row?.next_due ?? null) : null,
  };
}

/**
 * Every configured job with what its rows say: one entry per job, or per node for a job every
 * node runs for itself (a job no node has run yet is listed once, with no run).
 */
export async function jobHealth(ex: Executor, schedule: readonly JobSchedule[]): Promise<JobHealth[]> {
  const rows = await repo.listJobs(ex);
  const out: JobHealth[] = [];
  for (const s of schedule) {
    if (s.scope === 'cluster') {
      out.push(
        standing(
          s,
          rows.find((r) => r.name === s.name),
          null,
        ),
      );
      continue;
    }
    const prefix = `${s.name}@`;
    const mine = rows.filter((r) => r.name.startsWith(prefix));
    if (mine.length === 0) out.push(standing(s, undefined, null));
    for (const r of mine) out.push(standing(s, r, r.name.slice(prefix.length)));
  }
  return out;
}
