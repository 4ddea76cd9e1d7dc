import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CompactRange, storedNodeCount } from './compact-range';

const vectors = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../shared/testdata/merkle/rfc6962-tree.json'),
    'utf8',
  ),
) as { leafInputs: string[]; rootHashes: string[] };
const leaf = (hex: string) =>
  new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(Buffer.from(hex, 'hex')).digest());

describe('compact range', () => {
  it('PLT-04 reproduces the RFC 6962 roots of every prefix of the reference tree', () => {
    const r = new CompactRange();
    expect(Buffer.from(r.root()).toString('hex')).toBe(vectors.rootHashes[0]);
    vectors.leafInputs.forEach((input, i) => {
      r.push(leaf(input));
      expect(Buffer.from(r.root()).toString('hex'), `size ${i + 1}`).toBe(vectors.rootHashes[i + 1]);
    });
  });
  it('PLT-04 reports each perfect subtree once, as its last leaf arrives', () => {
    const r = new CompactRange();
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      for (const n of r.push(leaf(i.toString(16).padStart(2, '0')))) {
        expect((n.index + 1) * 2 ** n.level - 1).toBe(i);
        seen.add(`${n.level}/${n.index}`);
      }
      expect(seen.size).toBe(storedNodeCount(i + 1));
    }
  });
  it('PLT-04 appending hex gives the same nodes and roots as pushing bytes', () => {
    const bytes = new CompactRange();
    const hex = new CompactRange();
    for (let i = 0; i < 300; i++) {
      const l = leaf(i.toString(16).padStart(4, '0'));
      const fromBytes = bytes.push(l).map((n) => ({ ...n, hash: Buffer.from(n.hash).toString('hex') }));
      const fromHex: Array<{ level: number; index: number; hash: string }> = [];
      hex.append(Buffer.from(l).toString('hex'), (level, index, hash) =>
        fromHex.push({ level, index, hash }),
      );
      expect(fromHex, `leaf ${i}`).toEqual(fromBytes);
      expect(hex.rootHex()).toBe(Buffer.from(bytes.root()).toString('hex'));
    }
    expect(hex.size).toBe(300);
  });
  it('PLT-04 a leaf hash that is not 32 bytes of hex is refused and leaves the range as it was', () => {
    const r = new CompactRange();
    r.append(Buffer.from(leaf('00')).toString('hex'));
    const root = r.rootHex();
    for (const bad of ['', 'ab'.repeat(31), 'ab'.repeat(33), `${'ab'.repeat(31)}zz`]) {
      expect(() => r.append(bad), bad).toThrow(TypeError);
    }
    expect(r.size).toBe(1);
    expect(r.rootHex()).toBe(root);
  });
});
