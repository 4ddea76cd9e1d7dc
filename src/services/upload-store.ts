import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from '@tus/file-store';
import { DigestingFileStore, uploadDigests } from './upload-digests';

/** Where resumable (tus) uploads are assembled, and how long an unfinished one is kept. */
export interface UploadFolder {
  dir: string;
  expireHours: number;
}

/** The tus store over the upload folder; the upload routes and the expiry job share its rules. */
export function openUploadStore(folder: UploadFolder): FileStore {
  fs.mkdirSync(folder.dir, { recursive: true });
  return new DigestingFileStore({
    directory: folder.dir,
    expirationPeriodInMilliseconds: folder.expireHours * 3_600_000,
  });
}

/** Removes unfinished uploads older than `expireHours`; returns how many. */
export function expireUploads(folder: UploadFolder): Promise<number> {
  return openUploadStore(folder).deleteExpired();
}

/** SHA-256, SM3 and size of a finished upload, mostly hashed already while its PATCHes arrived. */
export function finishedUploadDigests(store: FileStore, id: string, size: number) {
  return uploadDigests(path.join(store.directory, id), size);
}

/**
 * Drops an upload: its file and its description. The file may be gone already — moved into the
 * blob store as a record — and then only the description is left to remove (tus's own `remove`
 * would stop at the missing file and leave it behind).
 */
export async function removeUpload(store: FileStore, id: string): Promise<void> {
  try {
    await store.remove(id);
  } catch {
    await store.configstore.delete(id);
  }
}
