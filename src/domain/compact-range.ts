import { EMPTY_ROOT, fromHex, HASH_SIZE, hashChildrenHex, toHex } from './merkle';

/** Where {@link CompactRange.append} decodes a leaf hash to check it (cheaper than a regular expression). */
const LEAF_CHECK = Buffer.alloc(HASH_SIZE);
/** 64 hex digits: Buffer#write stops at the first character that is not hex. */
const isHexHash = (s: string) => s.length === 2 * HASH_SIZE && LEAF_CHECK.write(s, 0, 'hex') === HASH_SIZE;

/**
 * The right frontier of an RFC 6962 tree, built leaf by leaf in O(log n) memory: what the verifier
 * needs to recompute every perfect subtree node and the root at any size while streaming the ledger.
 *
 * The frontier's hashes are kept as lower-case hex: the verifier's leaf hashes come as hex and its
 * stored nodes are compared as hex, and {@link hashChildrenHex} hashes them without allocating.
 */
export class CompactRange {
  /** Perfect subtrees, left to right, strictly decreasing in level: their levels and hashes. */
  private readonly levels: number[] = [];
  private readonly hashes: string[] = [];
  size = 0;

  /**
   * Appends a leaf hash given as 64 hex digits, and calls `completed` with each perfect subtree
   * node (level ≥ 1) this leaf completed — lowest level first, its hash in lower-case hex. Throws a
   * TypeError, the range unchanged, if the leaf hash is not 64 hex digits.
   */
  append(leafHash: string, completed?: (level: number, index: number, hash: string) => void): void {
    if (!isHexHash(leafHash)) throw new TypeError('leaf hash must be 32 bytes in hex');
    const leafIndex = this.size;
    let level = 0;
    let hash = leafHash.toLowerCase();
    const { levels, hashes } = this;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      hash = hashChildrenHex(hashes.pop()!, hash);
      level += 1;
      // This leaf is the last of the node's 2^level: the node's index is leafIndex ÷ 2^level.
      completed?.(level, Math.floor(leafIndex / 2 ** level), hash);
    }
    levels.push(level);
    hashes.push(hash);
    this.size += 1;
  }

  /** Appends a leaf hash; returns the perfect subtree nodes (level ≥ 1) this leaf completed. */
  push(leafHash: Uint8Array): Array<{ level: number; index: number; hash: Uint8Array }> {
    const out: Array<{ level: number; index: number; hash: Uint8Array }> = [];
    this.append(toHex(leafHash), (level, index, hash) => out.push({ level, index, hash: fromHex(hash) }));
    return out;
  }

  /** The root of the tree of all leaves appended so far, in lower-case hex. */
  rootHex(): string {
    const { hashes } = this;
    if (hashes.length === 0) return toHex(EMPTY_ROOT);
    let acc = hashes[hashes.length - 1]!;
    for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildrenHex(hashes[i]!, acc);
    return acc;
  }

  /** The root of the tree of all leaves pushed so far (SHA-256 of nothing for the empty tree). */
  root(): Uint8Array {
    return this.hashes.length === 0 ? EMPTY_ROOT : fromHex(this.rootHex());
  }
}

/** How many perfect-subtree nodes (level ≥ 1) a tree of `size` leaves has: size − popcount(size). */
export function storedNodeCount(size: number): number {
  let ones = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) ones += n % 2;
  return size - ones;
}
