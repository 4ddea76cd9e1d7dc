import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completedNodes,
  consistencyArgsProblem,
  consistencyProof,
  consistencyProofNodes,
  EMPTY_ROOT,
  fromBase64,
  fromHex,
  hashChildren,
  hashChildrenHex,
  hashLeaf,
  inclusionArgsProblem,
  inclusionProof,
  inclusionProofNodes,
  MemoryTree,
  nodesForAppend,
  rootAt,
  rootNodes,
  toBase64,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeGetter,
  type NodeRef,
  type TreeSize,
} from './merkle';

const VECTORS = path.resolve(import.meta.dirname, '../../../shared/testdata/merkle');

// ---------------------------------------------------------------------------------------------
// Reference implementation, straight from RFC 6962 §2.1 (independent hashing, bigint sizes).

const sha = (...parts: Uint8Array[]): Hash => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const refLeaf = (data: Uint8Array) => sha(Uint8Array.of(0), data);
const refNode = (l: Hash, r: Hash) => sha(Uint8Array.of(1), l, r);

/** MTH(D[lo:hi]). */
type Mth = (lo: bigint, hi: bigint) => Hash;

/** The largest power of two smaller than n (n > 1). */
function refK(n: bigint): bigint {
  return 1n << BigInt((n - 1n).toString(2).length - 1);
}

/** MTH over the leaf hashes D, memoised by range (the recursion itself is the RFC's). */
function mthOver(D: readonly Hash[]): Mth {
  const memo = new Map<string, Hash>();
  const mth: Mth = (lo, hi) => {
    const key = `${lo}:${hi}`;
    let h = memo.get(key);
    if (h) return h;
    const n = hi - lo;
    if (n === 0n) h = sha();
    else if (n === 1n) h = D[Number(lo)]!;
    else {
      const k = refK(n);
      h = refNode(mth(lo, lo + k), mth(lo + k, hi));
    }
    memo.set(key, h);
    return h;
  };
  return mth;
}

/** MTH of a tree whose leaves all equal `leaf`: depends on the length only, so any size works. */
function uniformMth(leaf: Hash): Mth {
  const memo = new Map<bigint, Hash>();
  const byLength = (n: bigint): Hash => {
    let h = memo.get(n);
    if (h) return h;
    if (n === 0n) h = sha();
    else if (n === 1n) h = leaf;
    else {
      const k = refK(n);
      h = refNode(byLength(k), byLength(n - k));
    }
    memo.set(n, h);
    return h;
  };
  return (lo, hi) => byLength(hi - lo);
}

/** PATH(m, D[lo:hi]), m relative to lo. */
function refPath(m: bigint, lo: bigint, hi: bigint, mth: Mth): Hash[] {
  const n = hi - lo;
  if (n === 1n) return [];
  const k = refK(n);
  return m < k
    ? [...refPath(m, lo, lo + k, mth), mth(lo + k, hi)]
    : [...refPath(m - k, lo + k, hi, mth), mth(lo, lo + k)];
}

/** SUBPROOF(m, D[lo:hi], b), m relative to lo. */
function refSubproof(m: bigint, lo: bigint, hi: bigint, b: boolean, mth: Mth): Hash[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [mth(lo, hi)];
  const k = refK(n);
  return m <= k
    ? [...refSubproof(m, lo, lo + k, b, mth), mth(lo + k, hi)]
    : [...refSubproof(m - k, lo + k, hi, false, mth), mth(lo, lo + k)];
}

/**
 * How a verifier combines PATH(m, D[n]) (same recursion, bottom-up): R = sibling on the right,
 * L = on the left. A verifier sees hashes only, so a proof verifies for (m, n') exactly when the
 * shapes agree (barring SHA-256 collisions).
 */
function pathShape(m: number, n: number): string {
  if (n === 1) return '';
  const k = Number(refK(BigInt(n)));
  return m < k ? pathShape(m, k) + 'R' : pathShape(m - k, n - k) + 'L';
}

/** Likewise for SUBPROOF: S = explicit seed, R = new tree only, right; L = both trees, left. */
function subproofShape(m: number, n: number, b = true): string {
  if (m === n) return b ? '' : 'S';
  const k = Number(refK(BigInt(n)));
  return m <= k ? subproofShape(m, k, b) + 'R' : subproofShape(m - k, n - k, false) + 'L';
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const hex = (hs: readonly Hash[]) => hs.map(toHex);
const leafFor = (seed: number, i: number) => refLeaf(Buffer.from(`${seed}/${i}`));

async function buildTree(seed: number, n: number) {
  const tree = new MemoryTree();
  const leaves: Hash[] = [];
  for (let i = 0; i < n; i++) {
    leaves.push(leafFor(seed, i));
    await tree.append(leaves[i]!);
  }
  return { tree, leaves, mth: mthOver(leaves) };
}

/** A getter that records its calls and refuses nodes that are not complete in a tree of `size`. */
function guarded(get: NodeGetter, size: number) {
  const calls: NodeRef[] = [];
  const getNode: NodeGetter = (level, index) => {
    calls.push({ level, index });
    if (!Number.isSafeInteger(level) || !Number.isSafeInteger(index) || level < 0 || index < 0) {
      throw new Error(`bad node (${level}, ${index})`);
    }
    if ((index + 1) * 2 ** level > size) throw new Error(`node (${level}, ${index}) beyond size ${size}`);
    return get(level, index);
  };
  return { getNode, calls };
}

function flipBit(h: Hash, bit: number): Hash {
  const c = h.slice();
  const i = Math.floor(bit / 8) % c.length;
  c[i] = (c[i] ?? 0) ^ (1 << (bit % 8));
  return c;
}

const key = (r: NodeRef) => `${r.level}/${r.index}`;
const ceilLog2 = (n: number) => Math.ceil(Math.log2(n));

// ---------------------------------------------------------------------------------------------
// Test vectors.

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out.map((p) => path.relative(VECTORS, p)).sort();
}

/** JSON.parse that keeps integers beyond 2^53 exact (e.g. leafIdx 2^64 − 1) as bigint. */
function readVector(file: string): Record<string, unknown> {
  const text = fs
    .readFileSync(path.join(VECTORS, file), 'utf8')
    .replace(/(:\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"bigint:$2"');
  return JSON.parse(text, (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith('bigint:') ? BigInt(v.slice(7)) : v,
  ) as Record<string, unknown>;
}

function vSize(v: unknown): TreeSize {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  throw new Error(`not a size: ${String(v)}`);
}
function vHash(v: unknown): Hash {
  if (v === null || v === undefined) return new Uint8Array();
  if (typeof v !== 'string') throw new Error('not base64');
  return fromBase64(v);
}
function vProof(v: unknown): Hash[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new Error('proof is not an array');
  return v.map(vHash);
}
function vWantErr(v: Record<string, unknown>): boolean {
  if (typeof v.wantErr !== 'boolean') throw new Error('wantErr missing');
  return v.wantErr;
}

const runInclusionVector = (v: Record<string, unknown>) =>
  verifyInclusion(vSize(v.leafIdx), vSize(v.treeSize), vHash(v.leafHash), vProof(v.proof), vHash(v.root));
const runConsistencyVector = (v: Record<string, unknown>) =>
  verifyConsistency(vSize(v.size1), vSize(v.size2), vProof(v.proof), vHash(v.root1), vHash(v.root2));

describe.each([
  { kind: 'inclusion', run: runInclusionVector },
  { kind: 'consistency', run: runConsistencyVector },
])('$kind test vectors (transparency-dev/merkle)', ({ kind, run }) => {
  const files = jsonFiles(path.join(VECTORS, kind));
  const folders = fs
    .readdirSync(path.join(VECTORS, kind), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  it(`PLT-04 reads every ${kind} folder (each non-empty)`, () => {
    expect(folders.length).toBeGreaterThan(0);
    for (const f of folders) {
      expect(
        files.filter((p) => p.startsWith(`${kind}${path.sep}${f}${path.sep}`)).length,
        f,
      ).toBeGreaterThan(0);
    }
    // Some happy paths and many refusals, as the generator writes them.
    const want = files.map((f) => vWantErr(readVector(f)));
    expect(want.filter((w) => !w).length).toBeGreaterThan(0);
    expect(want.filter((w) => w).length).toBeGreaterThan(0);
  });

  it.each(files)(`PLT-04 ${kind} vector %s`, (file) => {
    const v = readVector(file);
    expect(run(v)).toBe(!vWantErr(v));
  });
});

describe('RFC 6962 reference tree', () => {
  const tree = JSON.parse(fs.readFileSync(path.join(VECTORS, 'rfc6962-tree.json'), 'utf8')) as {
    leafInputs: string[];
    rootHashes: string[];
  };

  it('PLT-04 rootAt over a MemoryTree reproduces the root of every prefix, and the empty tree', async () => {
    expect(tree.leafInputs).toHaveLength(8);
    expect(tree.rootHashes).toHaveLength(9);
    const t = new MemoryTree();
    for (const input of tree.leafInputs) await t.appendData(fromHex(input));
    expect(t.size).toBe(8);
    for (let n = 0; n <= 8; n++) {
      expect(toHex(await rootAt(n, guarded(t.getNode, n).getNode)), `size ${n}`).toBe(tree.rootHashes[n]);
    }
    expect(toHex(EMPTY_ROOT)).toBe(tree.rootHashes[0]);
    const never: NodeGetter = () => Promise.reject(new Error('read for the empty tree'));
    expect(await rootAt(0, never)).toEqual(EMPTY_ROOT);
  });

  it('PLT-04 leaf and node hashes carry the RFC 6962 domain separation prefixes', () => {
    expect(toHex(hashLeaf(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const a = hashLeaf(Uint8Array.of(1));
    const b = hashLeaf(Uint8Array.of(2));
    expect(hashChildren(a, b)).toEqual(sha(Uint8Array.of(1), a, b));
    expect(hashLeaf(Uint8Array.of(9))).toEqual(sha(Uint8Array.of(0, 9)));
  });

  it('PLT-04 the node hash on hex is the node hash on bytes, and takes nothing but two 32-byte hashes', () => {
    const a = hashLeaf(Uint8Array.of(1));
    const b = hashLeaf(Uint8Array.of(2));
    expect(hashChildrenHex(toHex(a), toHex(b))).toBe(toHex(hashChildren(a, b)));
    expect(hashChildrenHex(toHex(b), toHex(a))).toBe(toHex(hashChildren(b, a)));
    expect(hashChildrenHex(toHex(a).toUpperCase(), toHex(b))).toBe(toHex(hashChildren(a, b)));
    for (const bad of [
      '',
      toHex(a).slice(2),
      `${toHex(a)}00`,
      `${toHex(a).slice(0, 62)}zz`,
      'g'.repeat(64),
    ]) {
      expect(() => hashChildrenHex(bad, toHex(b)), bad).toThrow(TypeError);
      expect(() => hashChildrenHex(toHex(b), bad), bad).toThrow(TypeError);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against the reference.

const seedArb = fc.integer();
const sizeAndIndex = fc
  .integer({ min: 1, max: 300 })
  .chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 0, max: n - 1 }) }));
const twoSizes = fc
  .integer({ min: 1, max: 300 })
  .chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n }) }));

describe('tree builder', () => {
  it('PLT-04 completedNodes lists the perfect subtrees a leaf completes, in increasing level', () => {
    expect(completedNodes(0)).toEqual([]);
    expect(completedNodes(1)).toEqual([{ level: 1, index: 0 }]);
    expect(completedNodes(2)).toEqual([]);
    expect(completedNodes(3)).toEqual([
      { level: 1, index: 1 },
      { level: 2, index: 0 },
    ]);
    expect(completedNodes(11)).toEqual([
      { level: 1, index: 5 },
      { level: 2, index: 2 },
    ]);
    expect(completedNodes(2 ** 53 - 1)).toHaveLength(53);
    expect(completedNodes(2 ** 53 - 1).at(-1)).toEqual({ level: 53, index: 0 });
    expect(completedNodes(2 ** 40)).toEqual([]);
    for (const bad of [-1, 1.5, 2 ** 53, Number.NaN]) expect(() => completedNodes(bad)).toThrow(RangeError);
    // One extra node per leaf, amortised: a tree of n leaves holds n − popcount(n) of them.
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      for (const n of completedNodes(i)) {
        expect((n.index + 1) * 2 ** n.level - 1).toBe(i);
        total += 1;
      }
    }
    expect(total).toBe(1000 - [...(1000).toString(2)].filter((c) => c === '1').length);
  });

  it('PLT-04 every stored node is the MTH of its perfect subtree (nodesForAppend)', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, fc.integer({ min: 0, max: 200 }), async (seed, n) => {
        const { tree, mth } = await buildTree(seed, n);
        expect(tree.size).toBe(n);
        for (let level = 0; 2 ** level <= n; level++) {
          for (let index = 0; (index + 1) * 2 ** level <= n; index++) {
            const lo = BigInt(index * 2 ** level);
            expect(await tree.getNode(level, index)).toEqual(mth(lo, lo + 2n ** BigInt(level)));
          }
          // Nothing stored beyond the complete subtrees.
          await expect(tree.getNode(level, Math.floor(n / 2 ** level))).rejects.toThrow(RangeError);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('PLT-04 nodesForAppend reads only left siblings of earlier leaves', async () => {
    const { tree, leaves } = await buildTree(7, 64);
    for (let i = 0; i < 64; i++) {
      const g = guarded(tree.getNode, i);
      const nodes = await nodesForAppend(i, leaves[i]!, g.getNode);
      expect(nodes.map(key)).toEqual(completedNodes(i).map(key));
      expect(g.calls.map(key)).toEqual(
        completedNodes(i).map((r) => key({ level: r.level - 1, index: 2 * r.index })),
      );
      for (const n of nodes) expect(n.hash).toEqual(await tree.getNode(n.level, n.index));
    }
    await expect(nodesForAppend(0, new Uint8Array(31), tree.getNode)).rejects.toThrow(TypeError);
  });

  it('PLT-04 concurrent MemoryTree appends are queued in call order', async () => {
    const seq = await buildTree(3, 100);
    const par = new MemoryTree();
    const indices = await Promise.all(seq.leaves.map((l) => par.append(l)));
    expect(indices).toEqual([...Array(100).keys()]);
    for (const n of [1, 37, 64, 100]) expect(await par.rootAt(n)).toEqual(await seq.tree.rootAt(n));
  });

  it('PLT-04 rootAt equals the reference MTH for every size', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, fc.integer({ min: 0, max: 300 }), async (seed, n) => {
        const { tree, mth } = await buildTree(seed, n);
        const g = guarded(tree.getNode, n);
        expect(toHex(await rootAt(n, g.getNode))).toBe(toHex(mth(0n, BigInt(n))));
        expect(g.calls.map(key)).toEqual(rootNodes(n).map(key));
      }),
      { numRuns: 60 },
    );
  });
});

describe('inclusion proofs', () => {
  it('PLT-04 equal the reference PATH, verify, and reject any flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, sizeAndIndex, fc.nat(255), async (seed, { n, m }, bit) => {
        const { tree, leaves, mth } = await buildTree(seed, n);
        const g = guarded(tree.getNode, n);
        const proof = await inclusionProof(m, n, g.getNode);
        expect(hex(proof)).toEqual(hex(refPath(BigInt(m), 0n, BigInt(n), mth)));
        expect(g.calls.map(key).sort()).toEqual(inclusionProofNodes(m, n).map(key).sort());
        const root = mth(0n, BigInt(n));
        const leaf = leaves[m]!;
        expect(verifyInclusion(m, n, leaf, proof, root)).toBe(true);
        expect(verifyInclusion(BigInt(m), BigInt(n), leaf, proof, root)).toBe(true);
        proof.forEach((p, j) => {
          const bad = proof.map((q, k) => (k === j ? flipBit(p, bit) : q));
          expect(verifyInclusion(m, n, leaf, bad, root), `element ${j}`).toBe(false);
        });
        expect(verifyInclusion(m, n, flipBit(leaf, bit), proof, root)).toBe(false);
        expect(verifyInclusion(m, n, leaf, proof, flipBit(root, bit))).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(m, n, leaf, proof.slice(1), root)).toBe(false);
        expect(verifyInclusion(m, n, leaf, [...proof, root], root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('PLT-04 a wrong index is rejected; a wrong size only when the proof shape differs', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedArb,
        sizeAndIndex,
        fc.integer({ min: -2, max: 400 }),
        fc.integer({ min: -2, max: 600 }),
        async (seed, { n, m }, m2, n2) => {
          const { tree, leaves, mth } = await buildTree(seed, n);
          const proof = await inclusionProof(m, n, tree.getNode);
          const root = mth(0n, BigInt(n));
          const leaf = leaves[m]!;
          if (m2 !== m) expect(verifyInclusion(m2, n, leaf, proof, root), `index ${m2}`).toBe(false);
          // The verifier sees hashes only: PATH(m, D[n]) also "proves" (m, n2) when it combines the
          // same way (e.g. m = 0, n = 3 vs 4). Roots must come from a checkpoint of the same size.
          const same = n2 > m && pathShape(m, n2) === pathShape(m, n);
          expect(verifyInclusion(m, n2, leaf, proof, root), `size ${n2}`).toBe(same);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('PLT-04 the size ambiguity, concretely: PATH(0, D[3]) also verifies as index 0 of 4', async () => {
    const { tree, leaves } = await buildTree(1, 3);
    const proof = await tree.inclusionProof(0, 3);
    const root = await tree.rootAt(3);
    expect(verifyInclusion(0, 3, leaves[0]!, proof, root)).toBe(true);
    expect(verifyInclusion(0, 4, leaves[0]!, proof, root)).toBe(true);
    expect(verifyInclusion(0, 5, leaves[0]!, proof, root)).toBe(false);
    expect(verifyInclusion(2, 4, leaves[2]!, await tree.inclusionProof(2, 3), root)).toBe(false);
  });

  it('PLT-04 verification is exact for trees up to 2^64 − 1 leaves (bigint sizes)', () => {
    const leaf = refLeaf(Buffer.from('uniform'));
    const mth = uniformMth(leaf);
    const big = fc
      .bigInt({ min: 1n, max: 2n ** 64n - 1n })
      .chain((n) => fc.record({ n: fc.constant(n), m: fc.bigInt({ min: 0n, max: n - 1n }) }));
    fc.assert(
      fc.property(big, fc.nat(255), fc.nat(), ({ n, m }, bit, pick) => {
        const proof = refPath(m, 0n, n, mth);
        const root = mth(0n, n);
        expect(verifyInclusion(m, n, leaf, proof, root)).toBe(true);
        if (n <= BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(verifyInclusion(Number(m), Number(n), leaf, proof, root)).toBe(true);
        }
        if (proof.length > 0) {
          const j = pick % proof.length;
          const bad = proof.map((q, k) => (k === j ? flipBit(q, bit) : q));
          expect(verifyInclusion(m, n, leaf, bad, root), `element ${j}`).toBe(false);
        }
        if (proof.length > 0) expect(verifyInclusion(m, n, leaf, proof.slice(1), root)).toBe(false);
        expect(verifyInclusion(m, n, leaf, [...proof, leaf], root)).toBe(false);
      }),
      { numRuns: 200 },
    );
    // The corners of the largest tree: the first leaf has the longest path, the last the shortest.
    const n = 2n ** 64n - 1n;
    for (const [m, length] of [
      [0n, 64],
      [n - 1n, 63],
      [2n ** 63n, 64],
    ] as const) {
      const proof = refPath(m, 0n, n, mth);
      expect(proof).toHaveLength(length);
      expect(verifyInclusion(m, n, leaf, proof, mth(0n, n))).toBe(true);
      expect(verifyInclusion(m, n, leaf, proof.slice(0, -1), mth(0n, n))).toBe(false);
    }
  });

  it('PLT-04 builders refuse indices and sizes out of range', async () => {
    const { tree } = await buildTree(1, 5);
    await expect(inclusionProof(5, 5, tree.getNode)).rejects.toThrow(RangeError);
    await expect(inclusionProof(-1, 5, tree.getNode)).rejects.toThrow(RangeError);
    await expect(inclusionProof(0, 0, tree.getNode)).rejects.toThrow(RangeError);
    await expect(inclusionProof(0.5, 5, tree.getNode)).rejects.toThrow(RangeError);
    await expect(rootAt(2 ** 53, tree.getNode)).rejects.toThrow(RangeError);
    await expect(tree.inclusionProof(0, 6)).rejects.toThrow(RangeError); // node not stored
    const bad: NodeGetter = () => Promise.resolve(new Uint8Array(20));
    await expect(rootAt(3, bad)).rejects.toThrow(TypeError);
    expect(await inclusionProof(0, 1, bad)).toEqual([]);
  });
});

describe('consistency proofs', () => {
  it('PLT-04 equal the reference SUBPROOF, verify, and reject any flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, twoSizes, fc.nat(255), async (seed, { n, m }, bit) => {
        const { tree, mth } = await buildTree(seed, n);
        const g = guarded(tree.getNode, n);
        const proof = await consistencyProof(m, n, g.getNode);
        expect(hex(proof)).toEqual(hex(refSubproof(BigInt(m), 0n, BigInt(n), true, mth)));
        expect(g.calls.map(key).sort()).toEqual(consistencyProofNodes(m, n).map(key).sort());
        const root1 = await rootAt(m, tree.getNode);
        const root2 = await rootAt(n, tree.getNode);
        expect(root1).toEqual(mth(0n, BigInt(m)));
        expect(verifyConsistency(m, n, proof, root1, root2)).toBe(true);
        expect(verifyConsistency(BigInt(m), BigInt(n), proof, root1, root2)).toBe(true);
        proof.forEach((p, j) => {
          const bad = proof.map((q, k) => (k === j ? flipBit(p, bit) : q));
          expect(verifyConsistency(m, n, bad, root1, root2), `element ${j}`).toBe(false);
        });
        expect(verifyConsistency(m, n, proof, flipBit(root1, bit), root2)).toBe(false);
        expect(verifyConsistency(m, n, proof, root1, flipBit(root2, bit))).toBe(false);
        if (m < n) {
          expect(verifyConsistency(m, n, proof, root2, root1)).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(1), root1, root2)).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(0, -1), root1, root2)).toBe(false);
          expect(verifyConsistency(n, m, proof, root2, root1)).toBe(false);
        }
        expect(verifyConsistency(m, n, [...proof, root2], root1, root2)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('PLT-04 wrong sizes are rejected unless the proof shape is the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedArb,
        twoSizes,
        fc.integer({ min: -2, max: 400 }),
        fc.integer({ min: -2, max: 600 }),
        async (seed, { n, m }, m2, n2) => {
          const { tree } = await buildTree(seed, n);
          const proof = await consistencyProof(m, n, tree.getNode);
          const root1 = await tree.rootAt(m);
          const root2 = await tree.rootAt(n);
          const expected =
            m2 >= 1 && n2 >= m2 && (m2 === n2 ? m === n : subproofShape(m2, n2) === subproofShape(m, n));
          expect(verifyConsistency(m2, n2, proof, root1, root2), `${m2} → ${n2}`).toBe(expected);
          expect(verifyConsistency(m2, n, proof, root1, root2), `${m2} → ${n}`).toBe(
            m2 >= 1 && n >= m2 && (m2 === n ? m === n : subproofShape(m2, n) === subproofShape(m, n)),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('PLT-04 verification is exact for trees up to 2^64 − 1 leaves (bigint sizes)', () => {
    const mth = uniformMth(refLeaf(Buffer.from('uniform')));
    const big = fc
      .bigInt({ min: 1n, max: 2n ** 64n - 1n })
      .chain((n) => fc.record({ n: fc.constant(n), m: fc.bigInt({ min: 1n, max: n }) }));
    fc.assert(
      fc.property(big, fc.nat(255), fc.nat(), ({ n, m }, bit, pick) => {
        const proof = refSubproof(m, 0n, n, true, mth);
        const [r1, r2] = [mth(0n, m), mth(0n, n)];
        expect(verifyConsistency(m, n, proof, r1, r2)).toBe(true);
        if (proof.length > 0) {
          const j = pick % proof.length;
          const bad = proof.map((q, k) => (k === j ? flipBit(q, bit) : q));
          expect(verifyConsistency(m, n, bad, r1, r2), `element ${j}`).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(0, -1), r1, r2)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('PLT-04 edge cases: equal sizes, the empty tree, and builder misuse', async () => {
    const { tree } = await buildTree(2, 10);
    const r = await tree.rootAt(10);
    expect(await tree.consistencyProof(10, 10)).toEqual([]);
    expect(verifyConsistency(10, 10, [], r, r)).toBe(true);
    expect(verifyConsistency(10, 10, [r], r, r)).toBe(false);
    expect(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(verifyConsistency(0, 0, [], r, r)).toBe(false);
    expect(verifyConsistency(0, 10, [], EMPTY_ROOT, r)).toBe(false);
    expect(verifyConsistency(0, 10, [r], EMPTY_ROOT, r)).toBe(false);
    expect(await consistencyProof(0, 0, tree.getNode)).toEqual([]);
    await expect(consistencyProof(0, 10, tree.getNode)).rejects.toThrow(RangeError);
    await expect(consistencyProof(5, 4, tree.getNode)).rejects.toThrow(RangeError);
    await expect(consistencyProof(1, 2 ** 53, tree.getNode)).rejects.toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile input and cost.

/** An array that counts reads of its elements. */
function counted(items: Hash[]) {
  let reads = 0;
  const proxy = new Proxy(items, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads += 1;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { proxy, reads: () => reads };
}

describe('proof arguments', () => {
  it('PLT-05 the builders refuse exactly the arguments inclusionArgsProblem and consistencyArgsProblem name', async () => {
    const { tree } = await buildTree(3, 9);
    const values = [0, 1, 2, 5, 8, 9, 10, -1, 0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY];
    const refused = async (p: Promise<unknown>) =>
      p.then(
        () => false,
        (e: unknown) => e instanceof RangeError,
      );
    for (const a of values)
      for (const b of values) {
        // Sizes beyond the tree are the caller's check (its stored nodes); stay inside it here.
        if (b > 9 && Number.isSafeInteger(b)) continue;
        const inc = inclusionArgsProblem(a, b);
        expect(await refused(inclusionProof(a, b, tree.getNode)), `inclusion ${a} ${b}`).toBe(
          inc !== undefined,
        );
        const con = consistencyArgsProblem(a, b);
        expect(await refused(consistencyProof(a, b, tree.getNode)), `consistency ${a} ${b}`).toBe(
          con !== undefined,
        );
      }
    expect(inclusionArgsProblem(0, 0)).toEqual({ rule: 'indexNotBelowSize' });
    expect(inclusionArgsProblem(0.5, 5)).toEqual({ rule: 'notCount', arg: 'index' });
    expect(inclusionArgsProblem(0, -1)).toEqual({ rule: 'notCount', arg: 'size' });
    expect(consistencyArgsProblem(0, 10)).toEqual({ rule: 'emptySize1' });
    expect(consistencyArgsProblem(0, 0)).toBeUndefined();
    expect(consistencyArgsProblem(20, 10)).toEqual({ rule: 'size1AboveSize2' });
    expect(consistencyArgsProblem(1, 2 ** 53)).toEqual({ rule: 'notCount', arg: 'size2' });
  });
});

describe('hostile input', () => {
  const h = hashLeaf(Uint8Array.of(42));
  const long = Array.from({ length: 10_000 }, (_, i) => hashLeaf(Uint8Array.of(i % 256, i >> 8)));

  it('PLT-04 verifiers stop within 64 rounds on a 10,000-element proof, whatever the sizes', () => {
    const sizes: Array<[TreeSize, TreeSize]> = [
      [0, 1],
      [5, 2 ** 53 - 1],
      [2n ** 53n - 1n, 2n ** 53n],
      [0n, 2n ** 64n - 1n],
      [2n ** 63n, 2n ** 64n - 1n],
      [2n ** 64n - 2n, 2n ** 64n - 1n],
    ];
    const t0 = performance.now();
    for (const [a, b] of sizes) {
      const p = counted(long);
      expect(verifyInclusion(a, b, h, p.proxy, h)).toBe(false);
      expect(p.reads()).toBeLessThanOrEqual(65);
      const q = counted(long);
      expect(verifyConsistency(a, b, q.proxy, h, h)).toBe(false);
      expect(q.reads()).toBeLessThanOrEqual(66);
    }
    // A sparse array claiming 2^32 − 1 elements.
    const huge = new Array<Hash>(2 ** 32 - 1);
    expect(verifyInclusion(0, 2 ** 40, h, huge, h)).toBe(false);
    expect(verifyConsistency(1, 2 ** 40, huge, h, h)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('PLT-04 verifiers return false for sizes that are out of range or not integers', () => {
    const bad: unknown[] = [
      -1,
      1.5,
      Number.NaN,
      Infinity,
      2 ** 53,
      2 ** 64,
      -1n,
      2n ** 64n,
      2n ** 200n,
      '3',
      null,
    ];
    for (const x of bad) {
      expect(verifyInclusion(x as TreeSize, 8, h, [], h), String(x)).toBe(false);
      expect(verifyInclusion(0, x as TreeSize, h, [], h), String(x)).toBe(false);
      expect(verifyConsistency(x as TreeSize, 8, [h], h, h), String(x)).toBe(false);
      expect(verifyConsistency(1, x as TreeSize, [h], h, h), String(x)).toBe(false);
      expect(verifyConsistency(x as TreeSize, x as TreeSize, [], h, h), String(x)).toBe(false);
    }
    expect(verifyInclusion(3, 3, h, [], h)).toBe(false);
    expect(verifyInclusion(2n ** 64n - 1n, 2n ** 64n - 1n, h, [], h)).toBe(false);
    expect(verifyConsistency(9, 8, [h], h, h)).toBe(false);
  });

  it('PLT-04 verifiers return false for hashes of the wrong length or type', async () => {
    const { tree, leaves } = await buildTree(5, 6);
    const proof = await tree.inclusionProof(4, 6);
    const root = await tree.rootAt(6);
    const leaf = leaves[4]!;
    expect(verifyInclusion(4, 6, leaf, proof, root)).toBe(true);
    const wrong = [
      new Uint8Array(),
      new Uint8Array(31),
      new Uint8Array(33),
      'x',
      null,
      [1, 2],
    ] as unknown as Hash[];
    for (const w of wrong) {
      expect(verifyInclusion(4, 6, w, proof, root)).toBe(false);
      expect(verifyInclusion(4, 6, leaf, proof, w)).toBe(false);
      expect(verifyInclusion(4, 6, leaf, [proof[0]!, w], root)).toBe(false);
    }
    expect(verifyInclusion(4, 6, leaf, null as unknown as Hash[], root)).toBe(false);
    // A proof element padded to 33 bytes (or a leaf hash truncated) never matches.
    expect(verifyInclusion(4, 6, leaf, [Uint8Array.from([...proof[0]!, 0]), proof[1]!], root)).toBe(false);

    const cp = await tree.consistencyProof(3, 6);
    const r3 = await tree.rootAt(3);
    expect(verifyConsistency(3, 6, cp, r3, root)).toBe(true);
    for (const w of wrong) {
      expect(verifyConsistency(3, 6, cp, w, root)).toBe(false);
      expect(verifyConsistency(3, 6, cp, r3, w)).toBe(false);
      expect(verifyConsistency(3, 6, [w, ...cp.slice(1)], r3, root)).toBe(false);
      expect(verifyConsistency(3, 6, [...cp.slice(0, -1), w], r3, root)).toBe(false);
    }
    expect(verifyConsistency(3, 6, undefined as unknown as Hash[], r3, root)).toBe(false);
  });

  it('PLT-04 hex and base64 decoding are strict', () => {
    expect(toHex(fromHex('00ffAB'))).toBe('00ffab');
    for (const s of ['0', 'zz', '0x00', ' 00']) expect(() => fromHex(s)).toThrow(TypeError);
    expect(toBase64(fromBase64('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='))).toBe(
      '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    );
    expect(fromBase64('')).toEqual(new Uint8Array());
    for (const s of ['abc', 'ab==c', 'a-b_', 'YQ', ' YQ==']) expect(() => fromBase64(s)).toThrow(TypeError);
  });
});

describe('cost', () => {
  it('PLT-04 roots and proofs read O(log n) nodes in a tree of 100,000 leaves', async () => {
    const N = 100_000;
    const tree = new MemoryTree();
    const appendReads = { count: 0 };
    const counting: NodeGetter = (l, i) => {
      appendReads.count += 1;
      return tree.getNode(l, i);
    };
    for (let i = 0; i < N; i++) {
      const leaf = leafFor(9, i);
      // The nodes MemoryTree.append stores, recomputed to count the reads: one per leaf, amortised.
      await nodesForAppend(i, leaf, counting);
      await tree.append(leaf);
    }
    expect(appendReads.count).toBe(N - [...N.toString(2)].filter((c) => c === '1').length);

    const rnd = fc.sample(
      fc
        .integer({ min: 1, max: N })
        .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
      { numRuns: 300, seed: 42 },
    );
    const edges: Array<[number, number]> = [
      [1, 0],
      [2, 1],
      [3, 2],
      [65_535, 0],
      [65_536, 65_535],
      [65_537, 65_536],
      [N - 1, 0],
      [N, N - 1],
      [N, 65_535],
      [N, 1],
      [2 ** 16 + 2 ** 15 - 1, 2 ** 16 - 1],
    ];
    let worst = 0;
    for (const [n, m] of [...edges, ...rnd]) {
      const bound = 2 * ceilLog2(n) + 2;
      const r = guarded(tree.getNode, n);
      await rootAt(n, r.getNode);
      expect(r.calls.length).toBeLessThanOrEqual(ceilLog2(n) + 1);
      const inc = guarded(tree.getNode, n);
      await inclusionProof(m, n, inc.getNode);
      expect(inc.calls.length, `inclusion ${m} of ${n}`).toBeLessThanOrEqual(bound);
      const con = guarded(tree.getNode, n);
      if (m > 0) await consistencyProof(m, n, con.getNode);
      expect(con.calls.length, `consistency ${m} → ${n}`).toBeLessThanOrEqual(bound);
      worst = Math.max(worst, r.calls.length, inc.calls.length, con.calls.length);
    }
    // 2·⌈log2 100,000⌉ + 2 = 36.
    expect(worst).toBeLessThanOrEqual(36);
    expect(worst).toBeGreaterThan(ceilLog2(N));
  }, 60_000);
});
