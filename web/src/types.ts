/**
 * Shapes the workbench reads that have no server schema of their own yet. Server responses are
 * typed from `src/http/routes/*.schema.ts` (import type), never copied here.
 */

/** Opaque to the workbench: sent back as it came (the ledger's is a number, officers' a string). */
export type Cursor = string | number;

export interface Page<T> {
  items: T[];
  nextCursor: Cursor | null;
}

/** A stored file (记录资料): enforcement recordings, photos, documents. Never changed once stored. */
export interface FileRecord {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  /** Hex digests of the stored bytes. */
  sha256: string;
  sm3: string;
  createdAt: string;
  createdBy: { id: string; name: string };
}

/** One read of a record's bytes (调阅), with the purpose the reader gave. */
export interface Retrieval {
  id: string;
  at: string;
  user: { id: string; name: string };
  purpose: string;
  /** The HTTP Range asked for (`bytes=0-1023`); null when the whole file was read. */
  range: string | null;
}
