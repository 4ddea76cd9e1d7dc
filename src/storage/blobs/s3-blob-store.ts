import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
  type CompletedPart,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  assertDigest,
  assertRangeShape,
  clampRange,
  DigestingMeter,
  isDigest,
  toReadable,
  type BlobInfo,
  type BlobStore,
  type ByteRange,
  type PutOptions,
} from './blob-store';
import { BlobDigestMismatch, BlobNotFound, BlobRangeNotSatisfiable } from './errors';

export interface S3BlobStoreConfig {
  /** e.g. `https://minio.example:9000`; omitted for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `bucket` in the path instead of the host name: MinIO, Ceph RGW and most on-premises stores. */
  forcePathStyle?: boolean;
  /** Prepended to every key (`<prefix>blobs/…`, `<prefix>tmp/…`) to share a bucket. */
  keyPrefix?: string;
  /** Multipart part size for uploads (≥ 5 MiB). Memory per put is about partSize × queueSize. */
  partSize?: number;
  /** Parts uploaded in parallel. */
  queueSize?: number;
  /** Objects larger than this are copied part by part: S3's CopyObject stops at 5 GiB. */
  multipartCopyThreshold?: number;
  /** Part size for such copies (≥ 5 MiB, ≤ 5 GiB). */
  copyPartSize?: number;
  /**
   * SDK v3 (since 3.729) adds CRC checksums to every upload by default, as an aws-chunked body
   * with a trailer for streams. Many S3-compatible servers (older MinIO and Ceph RGW, s3rver)
   * refuse or mis-store those, so the default is WHEN_REQUIRED. Integrity does not rest on them:
   * the store hashes every byte itself and checks the stored size after the copy.
   */
  checksums?: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
  /** Page size for list() (S3's maximum is 1000). */
  listPageSize?: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Blobs as objects `<prefix>blobs/<sha256>` in an S3-compatible bucket.
 *
 * The digest is known only after the last byte, so a put uploads to a temporary key
 * (`<prefix>tmp/<uuid>`, multipart for large content), then copies it server-side to its digest's
 * key (skipped if it holds that many bytes already: dedupe) and deletes the temporary key. On any failure the temporary
 * key is deleted and an unfinished multipart upload aborted, so a digest's key only ever holds
 * complete, checked content. A crash can still leave `tmp/` keys (see removeStaleTemp) and, on
 * servers without an AbortIncompleteMultipartUpload lifecycle rule, stray multipart parts.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly multipartCopyThreshold: number;
  private readonly copyPartSize: number;
  private readonly listPageSize: number;

  constructor(config: S3BlobStoreConfig) {
    const checksums = config.checksums ?? 'WHEN_REQUIRED';
    this.client = new S3Client({
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      region: config.region,
      forcePathStyle: config.forcePathStyle ?? false,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
    });
    this.bucket = config.bucket;
    this.prefix = config.keyPrefix ?? '';
    this.partSize = config.partSize ?? 8 * MiB;
    this.queueSize = config.queueSize ?? 4;
    this.multipartCopyThreshold = config.multipartCopyThreshold ?? 5 * GiB;
    this.copyPartSize = config.copyPartSize ?? 512 * MiB;
    this.listPageSize = config.listPageSize ?? 1000;
  }

  async put(content: Readable | Buffer, opts: PutOptions = {}): Promise<BlobInfo> {
    const expected = opts.expectedSha256 === undefined ? undefined : assertDigest(opts.expectedSha256);
    const tmpKey = `${this.prefix}tmp/${randomUUID()}`;
    const meter = new DigestingMeter(opts.maxBytes);
    const source = toReadable(content);

    // The pipeline and the upload run together: the upload pulls from the meter. An error of the
    // stream itself (the source failing, BlobTooLarge) is what the caller sees, not what the upload
    // made of it (e.g. a failed multipart abort on a server without one); an upload that fails on
    // its own (network, server) and stops reading must not be reported as a "premature close".
    let streamError: unknown;
    meter.once('error', (e) => (streamError ??= e));
    const piped = pipeline(source, meter).catch(() => undefined);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmpKey, Body: meter, ContentType: 'application/octet-stream' },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    let uploadError: unknown;
    try {
      await upload.done();
    } catch (e) {
      uploadError = e;
      // Ends the pipeline so that the source is released; a no-op if it has failed already.
      meter.destroy();
    }
    await piped;
    if (streamError !== undefined || uploadError !== undefined) {
      await this.deleteQuietly(tmpKey);
      throw streamError ?? uploadError;
    }

    const info = meter.result();
    try {
      if (expected !== undefined && info.sha256 !== expected) {
        throw new BlobDigestMismatch(expected, info.sha256);
      }
      // Checksums are off by default (see `checksums`), so the upload is checked end to end by its
      // size before it is copied under a digest: this catches a truncated upload.
      const uploaded = await this.headSize(tmpKey);
      if (uploaded !== info.size) {
        throw new Error(`S3 holds ${String(uploaded)} bytes under ${tmpKey}, ${info.size} were sent`);
      }
      const key = this.keyOf(info.sha256);
      // Same digest and size: stored already (dedupe). A key with another size is not this content
      // (damaged): the copy replaces it with the content its name promises.
      if ((await this.headSize(key)) !== info.size) {
        if (info.size > this.multipartCopyThreshold) await this.copyMultipart(tmpKey, key, info.size);
        else {
          await this.client.send(
            new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: this.copySource(tmpKey) }),
          );
        }
      }
    } finally {
      await this.deleteQuietly(tmpKey);
    }
    return info;
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    const key = this.keyOf(assertDigest(sha256));
    if (range !== undefined) assertRangeShape(range);
    let out: GetObjectCommandOutput;
    try {
      out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
    } catch (e) {
      const status = statusOf(e);
      // A missing bucket is a configuration fault, not a missing record.
      if (status === 404 && !(e instanceof Error && e.name === 'NoSuchBucket')) {
        throw new BlobNotFound(sha256);
      }
      if (status === 416 && range !== undefined) {
        throw new BlobRangeNotSatisfiable(range, (await this.stat(sha256))?.size);
      }
      throw e;
    }
    // In Node the SDK's body is an http.IncomingMessage (a Readable) with helper methods mixed in.
    const body = out.Body;
    if (!(body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
    return range === undefined ? body : exactRange(body, out, range);
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    const size = await this.headSize(this.keyOf(assertDigest(sha256)));
    return size === null ? null : { size };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async delete(sha256: string): Promise<void> {
    // DeleteObject succeeds for a missing key, which is the idempotence BlobStore asks for.
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(assertDigest(sha256)) }),
    );
  }

  async *list(): AsyncIterable<string> {
    const prefix = `${this.prefix}blobs/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: this.listPageSize,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      );
      for (const o of page.Contents ?? []) {
        const name = o.Key?.slice(prefix.length);
        if (name !== undefined && isDigest(name)) yield name;
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** Deletes temporary keys older than `maxAgeMs`, left by puts that died. Returns how many. */
  async removeStaleTemp(maxAgeMs: number, now: Date = new Date()): Promise<number> {
    const prefix = `${this.prefix}tmp/`;
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: this.listPageSize,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key !== undefined && o.LastModified !== undefined) {
          if (now.getTime() - o.LastModified.getTime() > maxAgeMs) {
            await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
            removed++;
          }
        }
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return removed;
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }

  private keyOf(sha256: string): string {
    return `${this.prefix}blobs/${sha256}`;
  }

  private copySource(key: string): string {
    return `${encodeURIComponent(this.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  private async headSize(key: string): Promise<number | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.ContentLength ?? 0;
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  /** UploadPartCopy in `copyPartSize` ranges: the only server-side copy for objects over 5 GiB. */
  private async copyMultipart(from: string, to: string, size: number): Promise<void> {
    const created = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: to,
        ContentType: 'application/octet-stream',
      }),
    );
    const uploadId = created.UploadId;
    if (uploadId === undefined) throw new Error('S3 CreateMultipartUpload returned no UploadId');
    try {
      const parts: CompletedPart[] = [];
      for (let start = 0, partNumber = 1; start < size; start += this.copyPartSize, partNumber++) {
        const end = Math.min(start + this.copyPartSize, size) - 1;
        const out = await this.client.send(
          new UploadPartCopyCommand({
            Bucket: this.bucket,
            Key: to,
            UploadId: uploadId,
            PartNumber: partNumber,
            CopySource: this.copySource(from),
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ PartNumber: partNumber, ETag: out.CopyPartResult?.ETag });
      }
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: to,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (e) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId: uploadId }))
        .catch(() => undefined);
      throw e;
    }
  }

  /** Clean-up after a failure must not hide the failure itself. */
  private async deleteQuietly(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => undefined);
  }
}

/**
 * The requested range of a ranged GET's body. HTTP lets a server ignore Range (200 with the
 * whole content) and some S3-compatible servers answer a range other than the one asked for
 * (s3rver sends everything for `bytes=0-0` and accepts ranges of empty objects): what came back
 * is read from Content-Range and cut to the range asked for, or refused if it does not cover it.
 */
function exactRange(body: Readable, out: GetObjectCommandOutput, range: ByteRange): Readable {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(out.ContentRange ?? '');
  const total = m ? Number(m[3]) : out.ContentLength;
  const got = m ? { start: Number(m[1]), end: Number(m[2]) } : { start: 0, end: (total ?? 0) - 1 };
  let want: ByteRange;
  try {
    if (total === undefined) throw new Error('S3 GetObject answered a range request without a length');
    want = clampRange(range, total);
    if (got.start > want.start || got.end < want.end) {
      throw new Error(`S3 returned bytes ${got.start}-${got.end} for ${want.start}-${want.end}`);
    }
  } catch (e) {
    body.destroy();
    throw e;
  }
  if (got.start === want.start && got.end === want.end) return body;
  const skip = want.start - got.start;
  const length = want.end - want.start + 1;
  async function* cut(): AsyncGenerator<Buffer> {
    let pos = 0;
    // Leaving the loop early destroys the body, which frees the connection.
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const from = Math.max(skip - pos, 0);
      const to = Math.min(skip + length - pos, chunk.length);
      if (to > from) yield chunk.subarray(from, to);
      pos += chunk.length;
      if (pos >= skip + length) break;
    }
  }
  return Readable.from(cut(), { objectMode: false });
}

function statusOf(e: unknown): number | undefined {
  return e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
}
