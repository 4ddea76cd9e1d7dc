import { runDisposals } from '../services/retention-service';
import type { Job } from './job';

/** Approved disposals whose undo window has passed (REC-10); `zhifa retention run` does the same. */
export const disposalJob: Job = {
  name: 'disposal',
  interval: (config) => config.jobs.disposalSeconds,
  run: ({ deps, blobs }) => runDisposals({ ...deps, blobs }),
};
