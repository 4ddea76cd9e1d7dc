export type { BlobInfo, BlobStore, ByteRange, PutOptions } from './blob-store';
export { isDigest } from './blob-store';
export {
  BlobDigestInvalid,
  BlobDigestMismatch,
  BlobNotFound,
  BlobRangeNotSatisfiable,
  BlobTooLarge,
} from './errors';
export { FsBlobStore } from './fs-blob-store';
export { S3BlobStore, type S3BlobStoreConfig } from './s3-blob-store';
