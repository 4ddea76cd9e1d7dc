import { expirePublications } from '../services/publication-service';
import type { Job } from './job';

/** Take-down (PUB-12): published decisions whose display period has ended come off the portal. */
export const publicationExpiryJob: Job = {
  name: 'publication-expiry',
  interval: (config) => config.jobs.publicationExpirySeconds,
  run: ({ deps }) => expirePublications(deps),
};
