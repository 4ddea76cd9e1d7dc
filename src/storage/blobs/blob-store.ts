import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { BlobDigestInvalid, BlobRangeNotSatisfiable, BlobTooLarge } from './errors';

/**
 * Content-addressed storage for records (REC-01: documents, photos, audio, video). Content is
 * stored under its SHA-256 and never changed in place (REC-07): the same bytes always land under
 * the same name, other bytes under another. SM3 is computed on the same pass so that 国密 evidence
 * needs no second read of a large video.
 */
export interface BlobInfo {
  /** Lower-case hex. */
  sha256: string;
  /** Lower-case hex (GB/T 32905). */
  sm3: string;
  size: number;
}

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  /** The SHA-256 the sender declared; if the content differs, nothing is kept (BlobDigestMismatch). */
  expectedSha256?: string;
  /** Longer content is refused and nothing is kept (BlobTooLarge). */
  maxBytes?: number;
}

export interface BlobStore {
  /** Streams the content in, hashing SHA-256 and SM3 on the way; stores it under its SHA-256.
   *  The same content is stored once. If `expectedSha256` is given and differs, nothing is kept
   *  and a BlobDigestMismatch error is thrown. `maxBytes` limit → BlobTooLarge, nothing kept. */
  put(content: Readable | Buffer, opts?: PutOptions): Promise<BlobInfo>;
  /** Optional, for a store on the local filesystem: takes over `file` — a finished upload whose
   *  digests the caller computed from its content (`info`) — by moving it into place instead of
   *  copying it. The same checks as `put` (expectedSha256, maxBytes) come first and nothing is kept
   *  if they fail. The file may be gone afterwards (moved); if the content was stored already it is
   *  left where it was. Stores without it (S3) are given the file's stream through `put`. */
  adopt?(file: string, info: BlobInfo, opts?: PutOptions): Promise<BlobInfo>;
  /** A stream of the content, or of an inclusive byte range (for HTTP Range). Throws BlobNotFound.
   *  An `end` past the last byte is cut to it (as HTTP does); a `start` at or past the end throws
   *  BlobRangeNotSatisfiable. The caller must read the stream to its end or destroy it: it holds an
   *  open file or connection until then. */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  stat(sha256: string): Promise<{ size: number } | null>;
  has(sha256: string): Promise<boolean>;
  /** Removes content (only used by approved disposal, REC-10). Idempotent, so that a disposal
   *  interrupted after its ledger entry can simply be run again. */
  delete(sha256: string): Promise<void>;
  /** Every stored digest (for the verifier), streaming/paged. */
  list(): AsyncIterable<string>;
}

const DIGEST = /^[0-9a-f]{64}$/;

export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

/** Caller-given digests become file paths and object keys: anything but 64 lower-case hex is refused
 *  before it gets near one (no `../`, no upper-case twin of a stored name). */
export function assertDigest(value: string): string {
  if (!DIGEST.test(value)) throw new BlobDigestInvalid(value);
  return value;
}

/** Checks a range's shape before any I/O; the store's size is checked by `clampRange`. */
export function assertRangeShape(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new BlobRangeNotSatisfiable(range, undefined);
  }
}

/** HTTP semantics (RFC 9110 §14.1.2): an end past the last byte means "to the end"; a start at or
 *  past the end cannot be satisfied (also for empty content). */
export function clampRange(range: ByteRange, size: number): ByteRange {
  assertRangeShape(range);
  if (range.start >= size) throw new BlobRangeNotSatisfiable(range, size);
  return { start: range.start, end: Math.min(range.end, size - 1) };
}

export function toReadable(content: Readable | Buffer): Readable {
  // Wrapped in an array so a Buffer is one chunk, not iterated byte by byte.
  return Buffer.isBuffer(content) ? Readable.from([content]) : content;
}

/**
 * Passes bytes through unchanged while hashing them (SHA-256 and SM3) and counting them; fails
 * with BlobTooLarge as soon as the count passes `maxBytes`, so an oversized upload is cut off
 * instead of being stored first and measured afterwards.
 */
export class DigestingMeter extends Transform {
  private readonly sha256: Hash = createHash('sha256');
  private readonly sm3: Hash = createHash('sm3');
  private bytes = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new BlobTooLarge(this.maxBytes));
      return;
    }
    this.sha256.update(chunk);
    this.sm3.update(chunk);
    callback(null, chunk);
  }

  /** The digests of everything that passed; call once, after the stream has finished. */
  result(): BlobInfo {
    return { sha256: this.sha256.digest('hex'), sm3: this.sm3.digest('hex'), size: this.bytes };
  }
}
