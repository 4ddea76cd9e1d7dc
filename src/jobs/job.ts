import type { Config } from '../config';
import type { Deps } from '../services/deps';
import type { Transparency } from '../services/transparency-service';
import type { BlobStore } from '../storage/blobs';
import type { UploadLocks } from '../services/upload-store';

/** What the server's jobs are given to run with. */
export interface JobContext {
  deps: Deps;
  config: Config;
  blobs: BlobStore;
  transparency: Transparency;
  /** The locks the upload routes take: expiry leaves an upload alone while a request holds it. */
  uploadLocks?: UploadLocks;
}

/**
 * Something the server does on its own, every so often. The scheduler decides when and on which
 * node; the job only does its work, by calling a service. A job must be safe to run again after a
 * failure or a crash in the middle: the next run picks up what is left.
 */
export interface Job<C = JobContext> {
  /** Stable: the job's row in `jobs` and its name in `/healthz`. */
  readonly name: string;
  /** Seconds between runs, from the configuration; 0 = off. */
  interval(config: Config): number;
  /**
   * `cluster` (default): one node of the installation runs it per period. `node`: every node runs
   * it for itself, for something only that node has (its upload folder).
   */
  readonly scope?: 'cluster' | 'node';
  /** Run as soon as the server starts rather than one interval later. */
  readonly runAtStart?: boolean;
  run(ctx: C): Promise<unknown>;
}
