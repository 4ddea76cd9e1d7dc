/**
 * When a node may claim a scheduled job: it is due, and nobody is running it — or the run that
 * holds it has outlived its lease (its node crashed mid-run), or, on a single-node installation,
 * any run left behind is one that crashed. Pure: the scheduler passes the row, the time and the node.
 */
export interface JobClaimState {
  next_due: string | null;
  running_node: string | null;
  running_since: string | null;
}

/** How long a run may hold its job before another node may take it over: 10 periods, at least 10 minutes. */
export function leaseMs(intervalSeconds: number): number {
  return Math.max(10 * intervalSeconds, 600) * 1000;
}

export function mayClaim(
  row: JobClaimState,
  now: Date,
  intervalSeconds: number,
  opts: { node: string; singleNode: boolean },
): boolean {
  const due = row.next_due === null || row.next_due <= now.toISOString();
  if (!due) return false;
  if (row.running_node === null || row.running_node === opts.node || opts.singleNode) return true;
  const since = row.running_since === null ? 0 : Date.parse(row.running_since);
  return now.getTime() - since >= leaseMs(intervalSeconds);
}

/** When a job claimed at `now` is due again. */
export function nextDue(now: Date, intervalSeconds: number): string {
  return new Date(now.getTime() + intervalSeconds * 1000).toISOString();
}
