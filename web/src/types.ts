/**
 * Shapes the workbench reads that have no server schema of their own yet. Server responses are
 * typed from `src/http/routes/*.schema.ts` (import type), never copied here.
 */

export interface Agency {
  id: string;
  name: string;
  shortName: string;
  address: string;
  phone: string;
}

export interface Unit {
  id: string;
  name: string;
  isLegalReview: boolean;
  createdAt: string;
}

export type CertificateState = 'valid' | 'suspended' | 'revoked';
export type CertificateStanding = 'valid' | 'expired' | 'notYetValid' | 'suspended' | 'revoked';

export interface Certificate {
  id: string;
  officerId: string;
  number: string;
  domains: string[];
  validFrom: string;
  validTo: string;
  state: CertificateState;
  /** Empty while the certificate has never been suspended or revoked. */
  stateReason: string | null;
  standing: CertificateStanding;
  standingLabel: string;
}

export interface Officer {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  post: string;
  duties: string;
  hasPhoto: boolean;
  certificates: Certificate[];
}

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
