import { expireUploads } from '../services/upload-store';
import type { Job } from './job';

/**
 * Removes unfinished resumable uploads older than ZHIFA_UPLOAD_EXPIRE_HOURS. Every node assembles
 * uploads in the one shared folder (ZHIFA_UPLOAD_DIR), so one node runs it per period; it passes
 * over an upload a request holds the lock of.
 */
export const uploadExpiryJob: Job = {
  name: 'upload-expiry',
  interval: (config) => config.jobs.uploadExpirySeconds,
  run: ({ config, uploadLocks }) => expireUploads(config.uploads, uploadLocks),
};
