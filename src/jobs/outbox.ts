import { deliverOutbox } from '../services/outbox-service';
import { makeSealer } from '../services/sealer';
import { loadOrCreateFieldKey } from '../storage/keys';
import type { Job } from './job';

/**
 * Pushes publications, withdrawals and take-downs to the receiving platforms (PUB-03). The
 * platforms' secrets are sealed with the field key, read from its file for each run.
 */
export const outboxJob: Job = {
  name: 'outbox',
  interval: (c) => c.jobs.outboxSeconds,
  run: ({ deps, config }) =>
    deliverOutbox({
      ...deps,
      sealer: makeSealer(loadOrCreateFieldKey(config.fieldKeyFile)),
      outbox: config.outbox,
    }),
};
