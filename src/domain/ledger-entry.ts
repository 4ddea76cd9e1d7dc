import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * A ledger entry (留痕) and its bytes (PLT-04).
 *
 * The leaf hash covers the whole entry — sequence, time, actor, action, subject and the change —
 * as RFC 8785 canonical JSON, hashed as an RFC 6962 leaf: SHA-256(0x00 ‖ bytes). Anyone holding
 * the stored columns can recompute it; the Merkle tree over these leaves needs nothing more, so
 * proofs and checkpoints can be added without rewriting entries.
 */
export interface Actor {
  type: 'user' | 'system' | 'anonymous';
  id: string;
}

export interface Subject {
  type: string;
  id: string;
}

/** A typed, versioned event name, e.g. `officer.created@1`. */
export type ActionName = `${string}.${string}@${number}`;

export interface LedgerEntry {
  seq: number;
  recordedAt: string;
  actor: Actor;
  action: ActionName;
  subject: Subject;
  /** The change, as plain JSON data (canonicalised before hashing). */
  data: unknown;
}

/** Format version of the hashed envelope; bump only with a new envelope, never rewrite old ones. */
export const ENTRY_FORMAT = 1;

export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new TypeError('value cannot be canonicalised');
  return s;
}

export function entryBytes(e: LedgerEntry): Buffer {
  return Buffer.from(
    canonicalJson({
      v: ENTRY_FORMAT,
      seq: e.seq,
      at: e.recordedAt,
      actor: e.actor,
      action: e.action,
      subject: e.subject,
      data: e.data,
    }),
    'utf8',
  );
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ bytes), lower-case hex. */
export function leafHash(bytes: Uint8Array): string {
  return createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest('hex');
}

export function entryLeafHash(e: LedgerEntry): string {
  return leafHash(entryBytes(e));
}

const ACTION_PATTERN = /^[a-z][a-zA-Z-]*(\.[a-z][a-zA-Z-]*)+@[1-9]\d*$/;
export function isActionName(s: string): s is ActionName {
  return ACTION_PATTERN.test(s);
}
