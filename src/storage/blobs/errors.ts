import { DomainError } from '../../domain/errors';

/**
 * Blob store errors are DomainErrors so that the HTTP layer's one error mapping turns them into
 * statuses (404, 413, 422, 400) without knowing about storage. Each carries the digests or limits
 * involved, for logs and for the verifier.
 */

/** No content is stored under this digest. */
export class BlobNotFound extends DomainError {
  constructor(readonly sha256: string) {
    super('notFound', 'BLOB_NOT_FOUND', `文件内容不存在（SHA-256 ${sha256}）`);
    this.name = 'BlobNotFound';
  }
}

/** The content's SHA-256 is not the one the caller declared: it was damaged or swapped in transit. */
export class BlobDigestMismatch extends DomainError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      'unprocessable',
      'BLOB_DIGEST_MISMATCH',
      `文件内容与声明的 SHA-256 不符（声明 ${expected}，实际 ${actual}）`,
      'sha256',
      { expected, actual },
    );
    this.name = 'BlobDigestMismatch';
  }
}

/** The content is longer than the caller allowed. */
export class BlobTooLarge extends DomainError {
  constructor(readonly maxBytes: number) {
    super('tooLarge', 'BLOB_TOO_LARGE', `文件超过大小上限（${maxBytes} 字节）`, undefined, { maxBytes });
    this.name = 'BlobTooLarge';
  }
}

/** A digest given by a caller is not 64 lower-case hex digits (it would be unsafe as a path or key). */
export class BlobDigestInvalid extends DomainError {
  constructor(readonly value: string) {
    super('invalid', 'BLOB_DIGEST_INVALID', 'SHA-256 摘要应为 64 位小写十六进制', 'sha256');
    this.name = 'BlobDigestInvalid';
  }
}

/**
 * The byte range starts at or beyond the end of the content, or is malformed. ErrorKind has no
 * 416, so this is `invalid` (400); an HTTP Range handler should check the range against `stat()`
 * first and answer 416 itself, or map this code to 416.
 */
export class BlobRangeNotSatisfiable extends DomainError {
  constructor(
    readonly range: { start: number; end: number },
    readonly size: number | undefined,
  ) {
    super(
      'invalid',
      'BLOB_RANGE_NOT_SATISFIABLE',
      `请求的字节范围 ${range.start}-${range.end} 无法满足${size === undefined ? '' : `（文件共 ${size} 字节）`}`,
      'range',
      { ...range, size },
    );
    this.name = 'BlobRangeNotSatisfiable';
  }
}
