import { EMPTY_ROOT, hashChildren } from './merkle';

/**
 * The right frontier of an RFC 6962 tree, built leaf by leaf in O(log n) memory: what the verifier
 * needs to recompute every perfect subtree node and the root at any size while streaming the ledger.
 */
export class CompactRange {
  /** Perfect subtrees, left to right, strictly decreasing in level. */
  private readonly stack: Array<{ level: number; hash: Uint8Array }> = [];
  size = 0;

  /** Appends a leaf hash; returns the perfect subtree nodes (level ≥ 1) this leaf completed. */
  push(leafHash: Uint8Array): Array<{ level: number; index: number; hash: Uint8Array }> {
    const completed: Array<{ level: number; index: number; hash: Uint8Array }> = [];
    let node = { level: 0, hash: leafHash };
    const leafIndex = this.size;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level === node.level) {
      const left = this.stack.pop()!;
      const hash = hashChildren(left.hash, node.hash);
      node = { level: node.level + 1, hash };
      completed.push({ level: node.level, index: Math.floor(leafIndex / 2 ** node.level), hash });
    }
    this.stack.push(node);
    this.size += 1;
    return completed;
  }

  /** The root of the tree of all leaves pushed so far (SHA-256 of nothing for the empty tree). */
  root(): Uint8Array {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) {
      acc = hashChildren(this.stack[i]!.hash, acc);
    }
    return acc;
  }
}

/** How many perfect-subtree nodes (level ≥ 1) a tree of `size` leaves has: size − popcount(size). */
export function storedNodeCount(size: number): number {
  let ones = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) ones += n % 2;
  return size - ones;
}
