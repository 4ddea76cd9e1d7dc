import { fireDueTimers } from '../services/supervision-service';
import type { Job } from './job';

/** Deadline alerts: fires every case timer whose day has come (durable timers, so none is lost). */
export const alertsJob: Job = {
  name: 'alerts',
  interval: (config) => config.jobs.alertSeconds,
  runAtStart: true,
  run: ({ deps }) => fireDueTimers(deps),
};
