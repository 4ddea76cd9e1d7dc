import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertDigest,
  clampRange,
  DigestingMeter,
  isDigest,
  toReadable,
  type BlobInfo,
  type BlobStore,
  type ByteRange,
  type PutOptions,
} from './blob-store';
import { BlobDigestMismatch, BlobNotFound, BlobTooLarge } from './errors';

/** Reads in large pieces: a 64 KiB default costs a system call and a stream turn per 64 KiB. */
const READ_PIECE = 1024 * 1024;

const HEX2 = /^[0-9a-f]{2}$/;

/**
 * Blobs as files under `root`, fanned out as `ab/cd/<sha256>` so no directory grows past a few
 * thousand entries even with millions of records.
 *
 * A blob appears under its digest only complete and synced: it is written to `root/tmp/` (same
 * filesystem, so the final rename is atomic), fsynced, renamed into place, and the directory is
 * fsynced so the new name survives a power cut. Files are made read-only (0444) to discourage edits
 * by hand; the verifier, not the mode, is what detects a change (REC-07, REC-11).
 */
export class FsBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  async put(content: Readable | Buffer, opts: PutOptions = {}): Promise<BlobInfo> {
    const expected = opts.expectedSha256 === undefined ? undefined : assertDigest(opts.expectedSha256);
    // Every time, not once: one cheap call that also survives the directory being removed.
    await mkdir(this.tmpDir, { recursive: true });

    const tmpPath = path.join(this.tmpDir, `${randomUUID()}.part`);
    const meter = new DigestingMeter(opts.maxBytes);
    let info: BlobInfo;
    const fh = await open(tmpPath, 'wx', 0o600);
    try {
      // Written by hand rather than through fh.createWriteStream(): such a stream keeps a reference
      // on the handle until it closes it, so it cannot leave the handle open for the fsync below
      // (with autoClose: false, fh.close() then waits forever).
      await pipeline(toReadable(content), meter, (chunks: AsyncIterable<Buffer>) => writeAll(fh, chunks));
      info = meter.result();
      if (expected !== undefined && info.sha256 !== expected) {
        throw new BlobDigestMismatch(expected, info.sha256);
      }
      await fh.chmod(0o444);
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await rm(tmpPath, { force: true });
      throw e;
    }
    await fh.close();

    try {
      if (await this.place(tmpPath, info)) await rm(tmpPath, { force: true });
    } catch (e) {
      await rm(tmpPath, { force: true });
      throw e;
    }
    return info;
  }

  /**
   * A finished upload in the same filesystem is renamed into place — no second copy of a 2 GiB
   * video; `info` must be the digests of its content (the upload's digest workers read it). Made
   * read-only and fsynced first, as `put` does with its temp file. Across filesystems (EXDEV) it is
   * copied through `put` instead, which hashes it again.
   */
  async adopt(file: string, info: BlobInfo, opts: PutOptions = {}): Promise<BlobInfo> {
    const expected = opts.expectedSha256 === undefined ? undefined : assertDigest(opts.expectedSha256);
    assertDigest(info.sha256);
    if (info.size > (opts.maxBytes ?? Number.POSITIVE_INFINITY)) throw new BlobTooLarge(opts.maxBytes!);
    if (expected !== undefined && info.sha256 !== expected)
      throw new BlobDigestMismatch(expected, info.sha256);
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      if (size !== info.size) throw new Error(`adopt: the file has ${size} bytes, its digests ${info.size}`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(file, 0o444);
    try {
      await this.place(file, info);
    } catch (e) {
      if (!isErrno(e, 'EXDEV')) throw e;
      return this.put(createReadStream(file, { highWaterMark: READ_PIECE }), opts);
    }
    // The name left the upload folder: make that durable too, so it does not come back after a crash.
    await fsyncDir(path.dirname(file));
    return info;
  }

  /**
   * Renames a complete, synced file to the name its digest gives and syncs the directories. Returns
   * true if the content was stored already (dedupe: the file stays where it was, for the caller).
   */
  private async place(file: string, info: BlobInfo): Promise<boolean> {
    const target = this.pathOf(info.sha256);
    const dir = path.dirname(target);
    const created = await mkdir(dir, { recursive: true });
    // Same digest and size: stored already.
    if ((await sizeOf(target)) === info.size) return true;
    // Absent, or a file of another size under this name (damaged): rename() puts the content in
    // place atomically, replacing such a file with the content its name promises.
    await rename(file, target);
    await fsyncDir(dir);
    // New fan-out directories are entries in their parents: sync those too.
    if (created !== undefined) {
      await fsyncDir(path.dirname(dir));
      await fsyncDir(this.root);
    }
    return false;
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(assertDigest(sha256));
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (e) {
      if (isErrno(e, 'ENOENT')) throw new BlobNotFound(sha256);
      throw e;
    }
    try {
      if (range === undefined) return fh.createReadStream({ highWaterMark: READ_PIECE });
      const { size } = await fh.stat();
      const r = clampRange(range, size);
      // The stream owns the handle from here (autoClose) and closes it at its end or on destroy.
      return fh.createReadStream({ start: r.start, end: r.end, highWaterMark: READ_PIECE });
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.pathOf(assertDigest(sha256)));
      return { size: s.size };
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return null;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async delete(sha256: string): Promise<void> {
    const file = this.pathOf(assertDigest(sha256));
    try {
      // A 0444 file can still be unlinked: deletion is a right on the directory, not the file.
      await unlink(file);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return;
      throw e;
    }
    await fsyncDir(path.dirname(file));
  }

  /** Digests in lexical order, one fan-out directory read at a time. Stray names are skipped. */
  async *list(): AsyncIterable<string> {
    for (const a of await subdirs(this.root)) {
      for (const b of await subdirs(path.join(this.root, a))) {
        const names = await readdirOrEmpty(path.join(this.root, a, b));
        for (const name of names.sort()) {
          if (isDigest(name) && name.startsWith(a + b)) yield name;
        }
      }
    }
  }

  /**
   * Removes temp files older than `maxAgeMs`: a put that was running when the process died leaves
   * one behind (never visible under a digest, but taking space). Meant for start-up; a put still
   * running in another process is younger than any sensible `maxAgeMs`. Returns how many went.
   */
  async removeStaleTemp(maxAgeMs: number, now: Date = new Date()): Promise<number> {
    let removed = 0;
    for (const name of await readdirOrEmpty(this.tmpDir)) {
      const p = path.join(this.tmpDir, name);
      try {
        const s = await stat(p);
        if (now.getTime() - s.mtimeMs > maxAgeMs) {
          await rm(p, { force: true });
          removed++;
        }
      } catch (e) {
        if (!isErrno(e, 'ENOENT')) throw e;
      }
    }
    return removed;
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

function isErrno(e: unknown, code: string): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === code;
}

async function sizeOf(p: string): Promise<number | null> {
  try {
    return (await stat(p)).size;
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return null;
    throw e;
  }
}

async function writeAll(fh: FileHandle, chunks: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of chunks) {
    // A write may be short; the rest is written at the next position.
    for (let done = 0; done < chunk.length;) {
      done += (await fh.write(chunk, done, chunk.length - done)).bytesWritten;
    }
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return [];
    throw e;
  }
}

/** The two-hex-digit fan-out directories under `dir`, sorted (so `tmp/` and strays are skipped). */
async function subdirs(dir: string): Promise<string[]> {
  return (await readdirOrEmpty(dir)).filter((n) => HEX2.test(n)).sort();
}
