import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The checkpoint signing key: read from its PEM file, or created there on first start with mode
 * 0600. Several app nodes on one PostgreSQL database must share the same file.
 */
export function loadOrCreateSigningKey(file: string): KeyObject {
  if (fs.existsSync(file)) {
    const key = createPrivateKey(fs.readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 private key`);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  // 'wx': never overwrite a key another process created meanwhile.
  try {
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey(file);
    throw e;
  }
  return privateKey;
}

/**
 * The key that seals personal data at rest (AES-256-GCM): 32 random bytes, base64 in its file,
 * created with mode 0600 on first start. Losing it loses the sealed fields; back it up apart from
 * the database.
 */
export function loadOrCreateFieldKey(file: string): Buffer {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file}: not a base64 32-byte key`);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return loadOrCreateFieldKey(file);
}
