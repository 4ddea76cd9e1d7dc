import { createHash, hash } from 'node:crypto';

/**
 * The RFC 6962 / RFC 9162 Merkle tree over the ledger (PLT-04).
 *
 * Hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), and the empty tree's
 * root is SHA-256 of nothing.
 *
 * Storage model: only *perfect* subtrees are stored. `node(level, index)` is the root of the
 * perfect subtree over leaves [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes.
 * Appending leaf i completes the perfect subtrees whose last leaf it is (one per trailing one bit
 * of i, one extra node per leaf amortised): see {@link completedNodes} / {@link nodesForAppend}.
 * Every subtree the RFC recursion needs (MTH of D[lo:hi] with lo aligned) is a right-leaning fold
 * of at most log2(hi − lo) + 1 perfect nodes, so the root and both kinds of proof at any tree size
 * cost O(log n) node reads through an async {@link NodeGetter}; no function walks the leaves.
 *
 * Builders (`rootAt`, `inclusionProof`, `consistencyProof`, `nodesForAppend`) take sizes as safe
 * integers and throw a RangeError on misuse. Verifiers (`verifyInclusion`, `verifyConsistency`)
 * take untrusted input — sizes as safe-integer numbers or bigints up to 2^64 − 1 — and only ever
 * return a boolean; their loops are bounded by the bit length of the sizes (≤ 64 rounds).
 */

/** A SHA-256 hash: 32 bytes. */
export type Hash = Uint8Array;
export const HASH_SIZE = 32;

/** Reads a stored perfect-subtree node (level 0: the leaf hash). */
export type NodeGetter = (level: number, index: number) => Promise<Hash>;

export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

export interface StoredNode extends NodeRef {
  readonly hash: Hash;
}

/** A tree size or leaf index as given to a verifier; bigint for values beyond 2^53 − 1. */
export type TreeSize = number | bigint;

/** The largest tree size (and leaf index + 1) a verifier considers: 2^64 − 1, as in RFC 9162. */
export const MAX_VERIFIABLE_SIZE = 0xffff_ffff_ffff_ffffn;

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

function sha256(...parts: Uint8Array[]): Hash {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, data);
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right);
}

/** 0x01 ‖ left ‖ right for {@link hashChildrenHex}, rewritten by each (synchronous) call. */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE, 1);

/**
 * {@link hashChildren} with the hashes as hex, the digest lower-case hex: for streaming the whole
 * tree (the verifier), whose leaf hashes and stored nodes are hex. The children are decoded into one
 * reused buffer and the digest is one-shot to a string, so no buffer is allocated per node — an
 * allocation per digest cost more than the hashing itself. Throws a TypeError unless both are 64
 * hex digits.
 */
export function hashChildrenHex(left: string, right: string): string {
  // Buffer#write stops at the first character that is not hex and returns the bytes it wrote.
  if (
    left.length !== 2 * HASH_SIZE ||
    right.length !== 2 * HASH_SIZE ||
    NODE_INPUT.write(left, 1, 'hex') !== HASH_SIZE ||
    NODE_INPUT.write(right, 1 + HASH_SIZE, 'hex') !== HASH_SIZE
  ) {
    throw new TypeError('not a 32-byte hash in hex');
  }
  return hash('sha256', NODE_INPUT, 'hex');
}

/** Root of the empty tree: SHA-256(""). */
export const EMPTY_ROOT: Hash = sha256();

/** True for a Uint8Array of exactly {@link HASH_SIZE} bytes. */
export function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

/** Byte equality (hashes are public; no constant-time need). */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('hex');
}

/** Strict hex (even length, [0-9a-fA-F] only); throws a TypeError otherwise. */
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError('not a hex string');
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

/** Strict standard base64 with padding; throws a TypeError otherwise (Node's decoder is lenient). */
export function fromBase64(b64: string): Uint8Array {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) {
    throw new TypeError('not a base64 string');
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

// ---------------------------------------------------------------------------------------------
// Builders: which stored nodes make up a root or proof, and how to fold them.

function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(n)}`);
  }
}

/** The largest power of two strictly below n (n ≥ 2): the RFC 6962 split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A leaf range [start, end) that the RFC recursion hashes as MTH(D[start:end]). */
interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * The perfect subtrees that make up MTH(D[start:end]), largest first. Ranges produced by the RFC
 * recursion are aligned (start is a multiple of the next power of two ≥ end − start), so each piece
 * is a stored node; MTH is the right-leaning fold of the pieces. popcount(end − start) nodes.
 */
function rangeNodes(start: number, end: number): NodeRef[] {
  const out: NodeRef[] = [];
  let offset = start;
  while (offset < end) {
    const remaining = end - offset;
    let size = 1;
    let level = 0;
    while (size * 2 <= remaining) {
      size *= 2;
      level += 1;
    }
    if (offset % size !== 0) throw new Error(`internal: unaligned range [${start}, ${end})`);
    out.push({ level, index: offset / size });
    offset += size;
  }
  return out;
}

/** Ranges whose MTH form PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), leaf level first. */
function inclusionRanges(index: number, size: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      out.push({ start: lo, end: lo + k });
      lo += k;
    }
  }
  return out.reverse();
}

/** Ranges whose MTH form SUBPROOF(size1, D[0:size2], true) (RFC 9162 §2.1.4.1), lowest first. */
function consistencyRanges(size1: number, size2: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = size2;
  let complete = true; // the RFC's b: the current subtree is a complete subtree of the old tree
  for (;;) {
    const n = hi - lo;
    const m = size1 - lo;
    if (m === n) {
      if (!complete) out.push({ start: lo, end: hi });
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      out.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      out.push({ start: lo, end: lo + k });
      lo += k;
      complete = false;
    }
  }
  return out.reverse();
}

/**
 * Why the proof builders would refuse their arguments, as data: a caller holding untrusted input
 * (the public proof API) asks first and names the argument and the rule, instead of letting the
 * builder's RangeError through as a server error. The builders throw on exactly these problems.
 */
export type ProofArgsProblem =
  | { rule: 'notCount'; arg: 'index' | 'size' | 'size1' | 'size2' }
  /** index ≥ size; with size 0 every index is. */
  | { rule: 'indexNotBelowSize' }
  | { rule: 'size1AboveSize2' }
  /** 0 = size1 < size2: the empty tree is a prefix of every tree and has no proof. */
  | { rule: 'emptySize1' };

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** The problem {@link inclusionProof} would throw on, or undefined when it accepts the arguments. */
export function inclusionArgsProblem(index: number, size: number): ProofArgsProblem | undefined {
  if (!isCount(size)) return { rule: 'notCount', arg: 'size' };
  if (!isCount(index)) return { rule: 'notCount', arg: 'index' };
  if (index >= size) return { rule: 'indexNotBelowSize' };
  return undefined;
}

/** The problem {@link consistencyProof} would throw on, or undefined when it accepts the arguments. */
export function consistencyArgsProblem(size1: number, size2: number): ProofArgsProblem | undefined {
  if (!isCount(size1)) return { rule: 'notCount', arg: 'size1' };
  if (!isCount(size2)) return { rule: 'notCount', arg: 'size2' };
  if (size1 > size2) return { rule: 'size1AboveSize2' };
  if (size1 === 0 && size2 > 0) return { rule: 'emptySize1' };
  return undefined;
}

function checkInclusionArgs(index: number, size: number): void {
  const p = inclusionArgsProblem(index, size);
  if (p?.rule === 'notCount') checkCount(p.arg, p.arg === 'size' ? size : index);
  if (p) throw new RangeError(`index ${index} is not below tree size ${size}`);
}

function checkConsistencyArgs(size1: number, size2: number): void {
  const p = consistencyArgsProblem(size1, size2);
  if (p?.rule === 'notCount') checkCount(p.arg, p.arg === 'size1' ? size1 : size2);
  if (p?.rule === 'size1AboveSize2') throw new RangeError(`size1 ${size1} exceeds size2 ${size2}`);
  if (p) throw new RangeError('no consistency proof from the empty tree (RFC 9162 requires 0 < size1)');
}

/** The stored nodes {@link rootAt} reads (for prefetching in one query). */
export function rootNodes(size: number): NodeRef[] {
  checkCount('size', size);
  return rangeNodes(0, size);
}

/** The stored nodes {@link inclusionProof} reads. */
export function inclusionProofNodes(index: number, size: number): NodeRef[] {
  checkInclusionArgs(index, size);
  return inclusionRanges(index, size).flatMap((r) => rangeNodes(r.start, r.end));
}

/** The stored nodes {@link consistencyProof} reads. */
export function consistencyProofNodes(size1: number, size2: number): NodeRef[] {
  checkConsistencyArgs(size1, size2);
  return consistencyRanges(size1, size2).flatMap((r) => rangeNodes(r.start, r.end));
}

async function fetchNode(getNode: NodeGetter, ref: NodeRef): Promise<Hash> {
  const h = await getNode(ref.level, ref.index);
  if (!isHash(h)) throw new TypeError(`node (${ref.level}, ${ref.index}) is not a ${HASH_SIZE}-byte hash`);
  return h;
}

/** MTH of each range, reading its perfect pieces (all reads issued at once). */
async function rangeHashes(ranges: readonly Range[], getNode: NodeGetter): Promise<Hash[]> {
  const pieces = await Promise.all(
    ranges.map((r) => Promise.all(rangeNodes(r.start, r.end).map((ref) => fetchNode(getNode, ref)))),
  );
  return pieces.map((hs) => hs.reduceRight((right, left) => hashChildren(left, right)));
}

/** MTH(D[0:size]); the empty tree's root for size 0. Reads popcount(size) nodes. */
export async function rootAt(size: number, getNode: NodeGetter): Promise<Hash> {
  checkCount('size', size);
  if (size === 0) return EMPTY_ROOT.slice();
  const [root] = await rangeHashes([{ start: 0, end: size }], getNode);
  if (root === undefined) throw new Error('internal: no root');
  return root;
}

/**
 * The RFC 9162 §2.1.3.1 audit path PATH(index, D[0:size]), leaf level first — byte for byte what
 * the reference recursion produces. Requires 0 ≤ index < size. Reads at most 2·⌈log2 size⌉ nodes.
 */
export async function inclusionProof(index: number, size: number, getNode: NodeGetter): Promise<Hash[]> {
  checkInclusionArgs(index, size);
  return rangeHashes(inclusionRanges(index, size), getNode);
}

/**
 * The RFC 9162 §2.1.4.1 consistency proof SUBPROOF(size1, D[0:size2], true) — byte for byte what
 * the reference recursion produces. Requires 0 < size1 ≤ size2 (or both 0); empty when equal.
 * The empty tree is trivially consistent with every tree and has no proof: handle size1 = 0 before
 * calling. Reads at most 2·⌈log2 size2⌉ + 1 nodes.
 */
export async function consistencyProof(size1: number, size2: number, getNode: NodeGetter): Promise<Hash[]> {
  checkConsistencyArgs(size1, size2);
  return rangeHashes(consistencyRanges(size1, size2), getNode);
}

// ---------------------------------------------------------------------------------------------
// Appending.

/**
 * The perfect subtree nodes (level ≥ 1) completed by appending leaf `leafIndex` (0-based), in
 * increasing level: node(l, (leafIndex + 1)/2^l − 1) for every 2^l dividing leafIndex + 1.
 */
export function completedNodes(leafIndex: number): NodeRef[] {
  checkCount('leafIndex', leafIndex);
  const count = leafIndex + 1; // ≤ 2^53, exact
  const out: NodeRef[] = [];
  for (let level = 1, span = 2; count % span === 0; level++, span *= 2) {
    out.push({ level, index: count / span - 1 });
  }
  return out;
}

/**
 * The hashes of {@link completedNodes}(leafIndex), to store alongside the leaf (which the caller
 * stores itself as node(0, leafIndex)). Reads the left sibling of each: node(l − 1, 2·index), all
 * of which belong to earlier leaves — so appends must be serialised (leaf i needs leaves < i).
 */
export async function nodesForAppend(
  leafIndex: number,
  leafHash: Hash,
  getNode: NodeGetter,
): Promise<StoredNode[]> {
  if (!isHash(leafHash)) throw new TypeError(`leaf hash must be ${HASH_SIZE} bytes`);
  const refs = completedNodes(leafIndex);
  const lefts = await Promise.all(
    refs.map((ref) => fetchNode(getNode, { level: ref.level - 1, index: 2 * ref.index })),
  );
  const out: StoredNode[] = [];
  let right = leafHash;
  refs.forEach((ref, i) => {
    const left = lefts[i];
    if (left === undefined) throw new Error('internal: missing sibling');
    right = hashChildren(left, right);
    out.push({ level: ref.level, index: ref.index, hash: right });
  });
  return out;
}

/**
 * An in-memory tree on the same storage model (tests, tools, reference). `append` calls are
 * queued, so concurrent appends are safe; `getNode` returns copies.
 */
export class MemoryTree {
  readonly #levels: Hash[][] = [[]];
  #queue: Promise<unknown> = Promise.resolve();

  get size(): number {
    return this.#levels[0]?.length ?? 0;
  }

  readonly getNode: NodeGetter = (level, index) => {
    const h = this.#levels[level]?.[index];
    return h === undefined
      ? Promise.reject(new RangeError(`no stored node (${level}, ${index})`))
      : Promise.resolve(h.slice());
  };

  /** Appends a leaf hash; resolves to its index. */
  append(leafHash: Hash): Promise<number> {
    const run = this.#queue.then(() => this.#append(leafHash));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Appends hashLeaf(data); resolves to its index. */
  appendData(data: Uint8Array): Promise<number> {
    return this.append(hashLeaf(data));
  }

  rootAt(size: number = this.size): Promise<Hash> {
    return rootAt(size, this.getNode);
  }

  inclusionProof(index: number, size: number = this.size): Promise<Hash[]> {
    return inclusionProof(index, size, this.getNode);
  }

  consistencyProof(size1: number, size2: number = this.size): Promise<Hash[]> {
    return consistencyProof(size1, size2, this.getNode);
  }

  async #append(leafHash: Hash): Promise<number> {
    const index = this.size;
    const nodes = await nodesForAppend(index, leafHash, this.getNode);
    this.#store(0, index, leafHash.slice());
    for (const n of nodes) this.#store(n.level, n.index, n.hash);
    return index;
  }

  #store(level: number, index: number, hash: Hash): void {
    const row = (this.#levels[level] ??= []);
    if (row.length !== index) throw new Error(`internal: node (${level}, ${index}) out of order`);
    row.push(hash);
  }
}

// ---------------------------------------------------------------------------------------------
// Verifiers: untrusted input in, boolean out.

function toSize(x: unknown): bigint | undefined {
  if (typeof x === 'bigint') return x >= 0n && x <= MAX_VERIFIABLE_SIZE ? x : undefined;
  // A number beyond 2^53 − 1 may already be rounded; such sizes must be passed as bigint.
  if (typeof x === 'number') return Number.isSafeInteger(x) && x >= 0 ? BigInt(x) : undefined;
  return undefined;
}

const isOdd = (x: bigint) => (x & 1n) === 1n;
/** Array.isArray without its `any[]` narrowing. */
const isList = (x: unknown): x is readonly unknown[] => Array.isArray(x);

/**
 * RFC 9162 §2.1.3.2: does `proof` show that `leafHash` is leaf `leafIndex` of the tree of
 * `treeSize` leaves whose root is `root`? False (never a throw) for any malformed input.
 *
 * Note that a proof binds the index but only loosely the size: e.g. PATH(0, D[3]) also verifies as
 * an index-0 proof in a tree of size 4 against the same root, since the verifier sees hashes only.
 * Check roots against a checkpoint that commits to the same size.
 */
export function verifyInclusion(
  leafIndex: TreeSize,
  treeSize: TreeSize,
  leafHash: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  const index = toSize(leafIndex);
  const size = toSize(treeSize);
  if (index === undefined || size === undefined || index >= size) return false;
  if (!isHash(leafHash) || !isHash(root) || !isList(proof)) return false;
  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  // sn loses at least one bit per element, so this runs at most 64 rounds whatever proof.length.
  for (const p of proof) {
    if (sn === 0n || !isHash(p)) return false;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hashesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size1` leaves with root `root1` is a
 * prefix of the tree of `size2` leaves with root `root2`? False (never a throw) for any malformed
 * input. Edge cases, as in the transparency-dev test vectors:
 * - size1 = size2: true iff the proof is empty and the roots are equal (for size 0: both equal
 *   the empty-tree root). For size1 = size2 ≥ 1 the roots are only compared, not length-checked.
 * - 0 = size1 < size2: false — a proof from the empty tree is meaningless (nothing to verify).
 */
export function verifyConsistency(
  size1: TreeSize,
  size2: TreeSize,
  proof: readonly Hash[],
  root1: Hash,
  root2: Hash,
): boolean {
  const m = toSize(size1);
  const n = toSize(size2);
  if (m === undefined || n === undefined || m > n || !isList(proof)) return false;
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return false;
  if (m === n) {
    if (proof.length !== 0) return false;
    if (m === 0n) return hashesEqual(root1, EMPTY_ROOT) && hashesEqual(root2, EMPTY_ROOT);
    return hashesEqual(root1, root2);
  }
  if (m === 0n || proof.length === 0 || !isHash(root1) || !isHash(root2)) return false;

  // Step 2: if size1 is a power of two, the path starts with root1 itself.
  const seedFromRoot1 = (m & (m - 1n)) === 0n;
  const first = seedFromRoot1 ? root1 : proof[0];
  if (!isHash(first)) return false;
  let fn = m - 1n;
  let sn = n - 1n;
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = first;
  let sr = first;
  // As in verifyInclusion, sn bounds the rounds to 64 whatever proof.length.
  for (let i = seedFromRoot1 ? 0 : 1; i < proof.length; i++) {
    const c = proof[i];
    if (sn === 0n || !isHash(c)) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hashesEqual(fr, root1) && hashesEqual(sr, root2);
}
