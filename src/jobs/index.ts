import type { Config } from '../config';
import type { JobSchedule } from '../services/health-service';
import { alertsJob } from './alerts';
import { checkpointJob } from './checkpoint';
import { disposalJob } from './disposal';
import type { Job, JobContext } from './job';
import { outboxJob } from './outbox';
import { createScheduler, type Scheduler } from './scheduler';
import { publicationExpiryJob } from './publication-expiry';
import { uploadExpiryJob } from './upload-expiry';

/** Every job the server runs. A new job is one file beside these and one line here. */
export const JOBS: readonly Job[] = [
  alertsJob,
  disposalJob,
  uploadExpiryJob,
  checkpointJob,
  publicationExpiryJob,
  outboxJob,
];

/** The server's scheduler over JOBS, for this node (`config.jobs.nodeId`); `start()` it to run. */
export function makeScheduler(
  ctx: JobContext,
  onError?: (job: string, err: unknown) => void,
  jobs: readonly Job[] = JOBS,
): Scheduler {
  return createScheduler({
    deps: ctx.deps,
    config: ctx.config,
    jobs,
    context: ctx,
    nodeId: ctx.config.jobs.nodeId,
    ...(onError && { onError }),
  });
}

/** Each job's name, scope and configured interval, for `/healthz`. */
export function jobSchedule(config: Config, jobs: readonly Job[] = JOBS): JobSchedule[] {
  return jobs.map((j) => ({
    name: j.name,
    scope: j.scope ?? 'cluster',
    intervalSeconds: j.interval(config),
  }));
}

export type { Job, JobContext } from './job';
export type { Scheduler } from './scheduler';
