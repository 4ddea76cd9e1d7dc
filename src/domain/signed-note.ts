import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note) and checkpoints (c2sp.org/tlog-checkpoint), so that
 * anyone with standard tooling can check what the office signed.
 *
 * A note is text ending in a newline, a blank line, then signature lines
 * `— <key name> <base64(key id ‖ signature)>`. The signature covers the text including its final
 * newline. Signing sits behind `NoteSigner`/`NoteVerifier` so that SM2 (国密) can be added.
 */
export interface NoteSigner {
  name: string;
  keyId: Uint8Array; // 4 bytes
  sign(message: Uint8Array): Uint8Array;
}
export interface NoteVerifier {
  name: string;
  keyId: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export const ED25519_TYPE = 0x01;
const DASH = '\u2014 ';
const MAX_NOTE_BYTES = 1 << 20;
const MAX_SIGNATURES = 100;

/** Key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): Uint8Array {
  const h = createHash('sha256');
  h.update(Buffer.from(name, 'utf8'));
  h.update(Uint8Array.of(0x0a, type));
  h.update(publicKey);
  return new Uint8Array(h.digest().subarray(0, 4));
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** The raw 32-byte Ed25519 public key of a KeyObject. */
export function rawEd25519Public(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an Ed25519 key');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidKeyName(name)) throw new RangeError(`bad key name: ${name}`);
  const pub = rawEd25519Public(createPublicKey(privateKey));
  return {
    name,
    keyId: noteKeyId(name, ED25519_TYPE, pub),
    sign: (m) => new Uint8Array(sign(null, m, privateKey)),
  };
}

export function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return {
    name,
    keyId: noteKeyId(name, ED25519_TYPE, publicKey),
    verify: (m, s) => s.length === 64 && verify(null, m, key, s),
  };
}

/** The verifier key text others configure: `<name>+<hex key id>+<base64(type ‖ public key)>`. */
export function verifierKeyString(name: string, publicKey: Uint8Array): string {
  const id = Buffer.from(noteKeyId(name, ED25519_TYPE, publicKey)).toString('hex');
  return `${name}+${id}+${Buffer.concat([Uint8Array.of(ED25519_TYPE), publicKey]).toString('base64')}`;
}

export function parseVerifierKey(vkey: string): NoteVerifier | null {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!m) return null;
  const raw = Buffer.from(m[3]!, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519_TYPE) return null;
  const v = ed25519Verifier(m[1]!, new Uint8Array(raw.subarray(1)));
  return Buffer.from(v.keyId).toString('hex') === m[2] ? v : null;
}

/** Private key from the Go-compatible text `PRIVATE+KEY+<name>+<hex id>+<base64(type ‖ seed)>`. */
export function parsePrivateKeyString(skey: string): { name: string; key: KeyObject } | null {
  const m = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(skey);
  if (!m) return null;
  const raw = Buffer.from(m[3]!, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519_TYPE) return null;
  // PKCS#8 wrapping of a raw Ed25519 seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw.subarray(1)]);
  return { name: m[1]!, key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new RangeError('note text must end with a newline');
  if (text.includes('\n\n')) throw new RangeError('note text must not contain a blank line');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x09\x0b-\x1f]/.test(text))
    throw new RangeError('note text must not contain control characters');
}

export function signNote(text: string, signers: NoteSigner[]): string {
  checkText(text);
  const msg = Buffer.from(text, 'utf8');
  const lines = signers.map(
    (s) => `${DASH}${s.name} ${Buffer.concat([s.keyId, s.sign(msg)]).toString('base64')}\n`,
  );
  return `${text}\n${lines.join('')}`;
}

/**
 * Opens a note: returns its text when a signature by `verifier` is present and valid; null when the
 * note is malformed, unsigned by that key, or the signature fails (a failed known-key signature
 * rejects the note, as the specification says).
 */
export function openNote(note: string, verifier: NoteVerifier): string | null {
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) return null;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return null;
  const text = note.slice(0, split + 1);
  const sigBlock = note.slice(split + 2);
  if (!sigBlock.endsWith('\n')) return null;
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length === 0 || lines.length > MAX_SIGNATURES) return null;
  try {
    checkText(text);
  } catch {
    return null;
  }
  const msg = Buffer.from(text, 'utf8');
  for (const line of lines) {
    if (!line.startsWith(DASH)) return null;
    const rest = line.slice(DASH.length);
    const sp = rest.lastIndexOf(' ');
    if (sp <= 0) return null;
    const name = rest.slice(0, sp);
    const b64 = rest.slice(sp + 1);
    if (!/^[A-Za-z0-9+/]+=*$/.test(b64)) return null;
    const sig = Buffer.from(b64, 'base64');
    if (sig.length < 5) return null;
    if (name !== verifier.name || !Buffer.from(sig.subarray(0, 4)).equals(Buffer.from(verifier.keyId)))
      continue;
    return verifier.verify(msg, new Uint8Array(sig.subarray(4))) ? text : null;
  }
  return null;
}

/** A checkpoint (c2sp.org/tlog-checkpoint): origin, tree size, root hash. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

export function formatCheckpoint(c: Checkpoint): string {
  return `${c.origin}\n${c.size}\n${Buffer.from(c.rootHash).toString('base64')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint | null {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') return null;
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!origin || !/^(0|[1-9]\d{0,15})$/.test(sizeText)) return null;
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootText) return null;
  return { origin, size: Number(sizeText), rootHash: new Uint8Array(root) };
}
