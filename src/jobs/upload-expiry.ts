import { expireUploads } from '../services/upload-store';
import type { Job } from './job';

/**
 * Removes unfinished resumable uploads older than ZHIFA_UPLOAD_EXPIRE_HOURS. Uploads are assembled
 * in each node's own data folder, so every node runs this for itself.
 */
export const uploadExpiryJob: Job = {
  name: 'upload-expiry',
  interval: (config) => config.jobs.uploadExpirySeconds,
  scope: 'node',
  run: ({ config }) => expireUploads(config.uploads),
};
