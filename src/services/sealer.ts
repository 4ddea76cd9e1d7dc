import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals personal data at rest (ID numbers, phone numbers, home addresses): AES-256-GCM with a
 * fresh 96-bit nonce per value. The additional data binds a sealed value to its row and field, so
 * a value copied into another row or field does not open. `digest` is a keyed hash (HMAC-SHA-256)
 * that finds the same ID number again without decrypting anything.
 */
export interface Sealer {
  seal(context: string, plain: string): string;
  open(context: string, sealed: string): string;
  digest(plain: string): string;
}

const VERSION = 'v1';

export function makeSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== 32) throw new Error('field key must be 32 bytes');
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `zhifa ${info}`, 32));
  const encKey = derive('field seal v1');
  const macKey = derive('field digest v1');
  return {
    seal(context, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
    },
    open(context, sealed) {
      const [version, b64] = sealed.split('.');
      if (version !== VERSION || b64 === undefined) throw new Error('unknown sealed-value format');
      const raw = Buffer.from(b64, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    },
    digest(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest('hex');
    },
  };
}
