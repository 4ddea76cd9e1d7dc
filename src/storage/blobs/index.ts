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
// Only the type: the S3 store (and @aws-sdk/client-s3, ~17 MiB resident) is imported by bootstrap
// when one is configured, not by everything that names a BlobStore.
export type { S3BlobStoreConfig } from './s3-blob-store';
