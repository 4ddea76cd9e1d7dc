import fs from 'node:fs';
import { FileStore } from '@tus/file-store';

/** Where resumable (tus) uploads are assembled, and how long an unfinished one is kept. */
export interface UploadFolder {
  dir: string;
  expireHours: number;
}

/** The tus store over the upload folder; the upload routes and the expiry job share its rules. */
export function openUploadStore(folder: UploadFolder): FileStore {
  fs.mkdirSync(folder.dir, { recursive: true });
  return new FileStore({
    directory: folder.dir,
    expirationPeriodInMilliseconds: folder.expireHours * 3_600_000,
  });
}

/** Removes unfinished uploads older than `expireHours`; returns how many. */
export function expireUploads(folder: UploadFolder): Promise<number> {
  return openUploadStore(folder).deleteExpired();
}
