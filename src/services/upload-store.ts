import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from '@tus/file-store';
import { ERRORS, MemoryLocker, type Locker } from '@tus/server';
import type { Database } from '../storage/database';
import { PgUploadLocker } from '../storage/upload-locks';
import { DigestingFileStore, uploadDigests } from './upload-digests';

/**
 * Where resumable (tus) uploads are assembled, and how long an unfinished one is kept. Several app
 * nodes share one folder (ZHIFA_UPLOAD_DIR on a shared filesystem): a client's next PATCH may reach
 * any node.
 */
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

/** The lock tus takes on an upload for each request, and the routes while they adopt one. */
export interface UploadLocks extends Locker {
  close(): Promise<void>;
}

/**
 * On PostgreSQL the lock is shared by every node on the database (advisory locks); on SQLite there
 * is one process, and its memory is enough.
 */
export function openUploadLocks(database: Pick<Database, 'dialect' | 'pgUrl' | 'pgSchema'>): UploadLocks {
  if (database.dialect === 'postgres' && database.pgUrl)
    return new PgUploadLocker({ url: database.pgUrl, namespace: database.pgSchema ?? 'public' });
  const memory = new MemoryLocker();
  return { newLock: (id) => memory.newLock(id), close: async () => undefined };
}

/**
 * Removes unfinished uploads older than `expireHours`; returns how many. With shared locks an upload
 * a request holds right now is left for the next run, and one another node removed meanwhile is
 * passed over: any number of nodes may run this on the same folder.
 */
export async function expireUploads(folder: UploadFolder, locks?: UploadLocks): Promise<number> {
  const store = openUploadStore(folder);
  const cutoff = Date.now() - store.getExpiration();
  let removed = 0;
  for (const id of (await store.configstore.list?.()) ?? []) {
    const info = await store.configstore.get(id).catch(() => undefined);
    if (!info?.creation_date || Date.parse(info.creation_date) >= cutoff) continue;
    const held = locks instanceof PgUploadLocker ? await locks.tryLock(id, () => undefined) : undefined;
    if (held === null) continue;
    try {
      await store.remove(id);
      removed++;
    } catch (e) {
      if (e !== ERRORS.FILE_NOT_FOUND) throw e;
      // The bytes are gone (another node, or a crash between the two deletions): so is the entry.
      await store.configstore.delete(id).catch(() => undefined);
    } finally {
      if (held) await (locks as PgUploadLocker).unlock(id, held);
    }
  }
  return removed;
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
