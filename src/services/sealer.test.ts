import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeSealer } from './sealer';

describe('sealer', () => {
  const sealer = makeSealer(randomBytes(32));

  it('REC-09 seals personal data so that it opens only in its own row and field', () => {
    const sealed = sealer.seal('party:1:idNumber', '11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(sealer.open('party:1:idNumber', sealed)).toBe('11010519491231002X');
    expect(() => sealer.open('party:2:idNumber', sealed)).toThrow();
    expect(() => sealer.open('party:1:phone', sealed)).toThrow();
  });

  it('REC-09 a flipped byte in a sealed value is detected, not decrypted into garbage', () => {
    const sealed = sealer.seal('c', '13812345678');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14] = raw[14]! ^ 1;
    expect(() => sealer.open('c', `v1.${raw.toString('base64')}`)).toThrow();
  });

  it('two seals of one value differ; digests agree and depend on the key', () => {
    expect(sealer.seal('c', 'x')).not.toBe(sealer.seal('c', 'x'));
    expect(sealer.digest('x')).toBe(sealer.digest('x'));
    expect(makeSealer(randomBytes(32)).digest('x')).not.toBe(sealer.digest('x'));
  });
});
