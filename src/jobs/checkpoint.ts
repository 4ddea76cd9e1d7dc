import { makeCheckpoint } from '../services/transparency-service';
import type { Job } from './job';

/** Signs a checkpoint of the ledger when it has grown (ZHIFA_CHECKPOINT_INTERVAL, 0 = on demand only). */
export const checkpointJob: Job = {
  name: 'checkpoint',
  interval: (config) => config.transparency.intervalSeconds,
  run: ({ deps, transparency }) => makeCheckpoint(deps, transparency),
};
