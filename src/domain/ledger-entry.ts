import { createHash, hash } from 'node:crypto';
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

/** The hashed envelope as canonical JSON: {@link entryBytes} before UTF-8 encoding. */
function entryJson(e: LedgerEntry): string {
  return canonicalJson({
    v: ENTRY_FORMAT,
    seq: e.seq,
    at: e.recordedAt,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    data: e.data,
  });
}

export function entryBytes(e: LedgerEntry): Buffer {
  return Buffer.from(entryJson(e), 'utf8');
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ bytes), lower-case hex. */
export function leafHash(bytes: Uint8Array): string {
  return createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest('hex');
}

/**
 * leafHash(entryBytes(e)), computed in one step: U+0000 is the single byte 0x00 in UTF-8, so hashing
 * the string "\u0000" + JSON as UTF-8 hashes 0x00 ‖ entryBytes(e). (Canonical JSON escapes lone
 * surrogates, so the string is well-formed and its UTF-8 is exact.) A one-shot digest to hex
 * allocates neither the bytes nor a hash object: the verifier recomputes every leaf this way.
 */
export function entryLeafHash(e: LedgerEntry): string {
  return hash('sha256', '\u0000' + entryJson(e), 'hex');
}

const ACTION_PATTERN = /^[a-z][a-zA-Z-]*(\.[a-z][a-zA-Z-]*)+@[1-9]\d*$/;
export function isActionName(s: string): s is ActionName {
  return ACTION_PATTERN.test(s);
}
