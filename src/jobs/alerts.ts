import { fireLegalReviewTimers } from '../services/legal-review-service';
import { firePublicationTimers } from '../services/publication-service';
import { fireDueTimers } from '../services/supervision-service';
import type { Job } from './job';

/**
 * Deadline alerts: fires every case timer, publication timer and legal-review timer whose day has
 * come (durable timers, so none is lost).
 */
export const alertsJob: Job = {
  name: 'alerts',
  interval: (config) => config.jobs.alertSeconds,
  runAtStart: true,
  run: async ({ deps }) =>
    (await fireDueTimers(deps)) + (await firePublicationTimers(deps)) + (await fireLegalReviewTimers(deps)),
};
