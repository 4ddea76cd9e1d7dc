import path from 'node:path';
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { FileStore } from '@tus/file-store';
import type { BlobInfo } from '../storage/blobs';

/**
 * SHA-256 and SM3 of resumable uploads, computed while the PATCHes arrive, each on its own worker
 * thread, so that turning a finished 2 GiB upload into a record does not read and hash it again on
 * the main thread (SM3 alone runs at ~140 MB/s here).
 *
 * The workers follow each upload's file as it grows: tus only ever appends to it (a PATCH must
 * start at the current offset), so every byte below the file's current size is final, whatever
 * node or process wrote it. A worker keeps a running hash and the offset it has reached per file;
 * when the digest is asked for it hashes what is left. Node's Hash cannot be saved, so after a
 * restart, or for an upload whose PATCHes went to another node, the state is simply absent and the
 * worker starts from byte 0 — the same work as re-reading the file, never a wrong digest. The SHA-256
 * worker also flushes the file to disk as it goes (fdatasync every 256 MiB), so the fsync that makes
 * the record durable does not wait for gigabytes of dirty pages.
 */

/** Plain JavaScript, evaluated in the worker: no loader or bundler has to know about a second entry. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const { algorithm, syncEvery, maxIdle } = workerData;
const PIECE = 1024 * 1024;
const buf = Buffer.allocUnsafe(PIECE);
/** file path → { id, offset, hash, active, waiters: [{ id, size }], synced, used } */
const states = new Map();
let timer = null;

function stateOf(file) {
  let s = states.get(file);
  if (!s) {
    s = { id: null, offset: 0, hash: createHash(algorithm), active: 0, waiters: [], synced: 0, used: 0 };
    states.set(file, s);
    // Uploads given up half-way leave idle states behind: keep only the most recent few.
    if (states.size > maxIdle) {
      for (const [f, o] of states) {
        if (states.size <= maxIdle) break;
        if (o !== s && o.active === 0 && o.waiters.length === 0) states.delete(f);
      }
    }
  }
  s.used = Date.now();
  return s;
}

function fail(file, s, error) {
  states.delete(file);
  for (const w of s.waiters) parentPort.postMessage({ id: w.id, error: String(error && error.message || error) });
}

/** Hashes up to 4 MiB more of the file (then lets messages in); returns whether it got anywhere. */
function advance(file, s) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if (e.code === 'ENOENT' && s.waiters.length === 0) { states.delete(file); return false; }
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    // Another file under the same name (an upload removed and made again) — told apart by inode and
    // birth time, as an inode number is soon reused: start over.
    const id = st.dev + ':' + st.ino + ':' + st.birthtimeMs;
    if (id !== s.id || st.size < s.offset) {
      if (s.id !== null || s.offset !== 0) { s.hash = createHash(algorithm); s.offset = 0; s.synced = 0; }
      s.id = id;
    }
    const limit = s.waiters.length > 0 ? Math.min(st.size, s.waiters[0].size) : st.size;
    let progress = false;
    for (let i = 0; i < 4 && s.offset < limit; i++) {
      const n = fs.readSync(fd, buf, 0, Math.min(PIECE, limit - s.offset), s.offset);
      if (n === 0) break;
      s.hash.update(buf.subarray(0, n));
      s.offset += n;
      progress = true;
    }
    if (syncEvery > 0 && s.offset - s.synced >= syncEvery) {
      fs.fdatasyncSync(fd);
      s.synced = s.offset;
    }
    if (s.waiters.length > 0) {
      const size = s.waiters[0].size;
      if (s.offset === size) {
        const digest = s.hash.digest('hex');
        states.delete(file);
        for (const w of s.waiters) parentPort.postMessage({ id: w.id, digest, size });
      } else if (s.active === 0 && st.size < size && s.offset >= st.size) {
        throw new Error('the upload file is shorter than its declared size');
      } else if (st.size > size) {
        throw new Error('the upload file is longer than its declared size');
      }
    }
    return progress;
  } finally {
    fs.closeSync(fd);
  }
}

function step() {
  timer = null;
  let busy = false;
  let progress = false;
  for (const [file, s] of states) {
    if (s.active === 0 && s.waiters.length === 0) continue;
    busy = true;
    try {
      if (advance(file, s)) progress = true;
    } catch (e) {
      fail(file, s, e);
    }
  }
  // Caught up with a PATCH still writing: look again shortly.
  if (busy) schedule(progress ? 0 : 5);
}

function schedule(delay) {
  if (timer === null) timer = setTimeout(step, delay);
}

parentPort.on('message', (m) => {
  const s = stateOf(m.file);
  if (m.type === 'begin') s.active++;
  else if (m.type === 'end') s.active = Math.max(0, s.active - 1);
  else if (m.type === 'digest') s.waiters.push({ id: m.id, size: m.size });
  schedule(0);
});
`;

interface Reply {
  id: number;
  digest?: string;
  size?: number;
  error?: string;
}

class HashWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (hex: string) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly algorithm: string,
    private readonly syncEvery: number,
  ) {}

  private get(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { algorithm: this.algorithm, syncEvery: this.syncEvery, maxIdle: 256 },
      // Small heaps: the worker holds hash states and one 4 MiB buffer, nothing else.
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1, stackSizeMb: 1 },
    });
    w.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error !== undefined || m.digest === undefined) p.reject(new Error(m.error ?? 'no digest'));
      else p.resolve(m.digest);
    });
    w.on('error', (e) => this.lost(e));
    w.on('exit', () => this.lost(new Error(`${this.algorithm} worker exited`)));
    // Following uploads must not keep a process alive that has nothing else to do.
    w.unref();
    this.worker = w;
    return w;
  }

  /** A worker that died takes its states with it; the next call starts a fresh one (from byte 0). */
  private lost(e: Error): void {
    this.worker = null;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  post(type: 'begin' | 'end', file: string): void {
    this.get().postMessage({ type, file });
  }

  digest(file: string, size: number): Promise<string> {
    const w = this.get();
    const id = this.next++;
    const done = new Promise<string>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    w.ref();
    w.postMessage({ type: 'digest', id, file, size });
    return done;
  }
}

const SHA256 = new HashWorker('sha256', 256 * 1024 * 1024);
const SM3 = new HashWorker('sm3', 0);

/** A PATCH starts writing to `file`: the workers follow it until `uploadWriteEnded`. */
export function uploadWriteBegan(file: string): void {
  const f = path.resolve(file);
  SHA256.post('begin', f);
  SM3.post('begin', f);
}

export function uploadWriteEnded(file: string): void {
  const f = path.resolve(file);
  SHA256.post('end', f);
  SM3.post('end', f);
}

/**
 * SHA-256, SM3 and size of a finished upload's `size` bytes: from the running hashes when this
 * process followed every PATCH, otherwise by reading the file (both hashes in parallel).
 */
export async function uploadDigests(file: string, size: number): Promise<BlobInfo> {
  const f = path.resolve(file);
  const [sha256, sm3] = await Promise.all([SHA256.digest(f, size), SM3.digest(f, size)]);
  return { sha256, sm3, size };
}

/** The tus file store, telling the digest workers when a PATCH writes. */
export class DigestingFileStore extends FileStore {
  override async write(
    readable: http.IncomingMessage | Readable,
    fileId: string,
    offset: number,
  ): Promise<number> {
    // The store itself refuses an id outside its directory (tus checks it in super.write).
    const file = path.join(this.directory, fileId);
    if (path.relative(this.directory, file).startsWith('..')) return super.write(readable, fileId, offset);
    uploadWriteBegan(file);
    try {
      return await super.write(readable, fileId, offset);
    } finally {
      uploadWriteEnded(file);
    }
  }
}
