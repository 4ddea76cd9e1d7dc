import fs from 'node:fs';
import path from 'node:path';
import {
  consistencyArgsProblem,
  consistencyProof,
  fromHex,
  inclusionArgsProblem,
  inclusionProof,
  rootAt,
  toHex,
  verifyConsistency,
  type Hash,
  type NodeGetter,
  type ProofArgsProblem,
} from '../domain/merkle';
import { conflict, DomainError, invalid } from '../domain/errors';
import {
  formatCheckpoint,
  openNote,
  signNote,
  type NoteSigner,
  type NoteVerifier,
} from '../domain/signed-note';
import * as ledger from '../repositories/ledger-repository';
import type { Executor } from '../storage/database';
import type { Deps } from './deps';
import { pageOf } from './paging';

/** Reads stored tree nodes: leaves from the ledger, perfect subtrees from `ledger_nodes`. */
export function nodeGetter(ex: Executor): NodeGetter {
  return async (level, index) => {
    const hex = level === 0 ? await ledger.leafHashAt(ex, index) : await ledger.nodeHash(ex, level, index);
    if (hex === undefined)
      throw new DomainError(
        'conflict',
        'TREE_NODE_MISSING',
        `Merkle 树节点缺失（层 ${level}，序号 ${index}）`,
      );
    return fromHex(hex);
  };
}

export interface Transparency {
  origin: string;
  signer: NoteSigner;
  verifier: NoteVerifier;
  /** The verifier key others configure (`<name>+<id>+<key>`). */
  verifierKey: string;
  /**
   * A copy of the newest signed checkpoint kept outside the database, so that restoring an old
   * database backup over newer history is detected by the verifier.
   */
  copyFile?: string;
}

function keepCopy(t: Transparency, note: string): void {
  if (!t.copyFile) return;
  fs.mkdirSync(path.dirname(t.copyFile), { recursive: true });
  const tmp = `${t.copyFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, note);
  fs.renameSync(tmp, t.copyFile);
}

export async function treeSize(deps: Deps): Promise<number> {
  return ledger.lastSeq(deps.db);
}

/** The largest tree a proof may be asked about: the ledger as committed now. */
function checkSize(size: number, current: number, field: string): void {
  if (size > current)
    throw invalid('TREE_SIZE_TOO_LARGE', `${field}（${size}）超过当前留痕记录数 ${current}`, field);
}

/**
 * Every argument problem the proof builders know becomes a 400 naming the query parameter, so that
 * no bad request reaches a builder and comes back as a 500. A problem not foreseen here is a 400 too.
 */
function proofArgsError(
  p: ProofArgsProblem,
  q: { kind: 'inclusion'; index: number; size: number } | { kind: 'consistency'; from: number; to: number },
): DomainError {
  if (p.rule === 'notCount') {
    const field = { index: 'index', size: 'size', size1: 'from', size2: 'to' }[p.arg];
    return invalid('TREE_SIZE_INVALID', `${field} 应为非负整数`, field);
  }
  if (q.kind === 'inclusion' && p.rule === 'indexNotBelowSize')
    return q.size === 0
      ? invalid('TREE_EMPTY', 'size 为 0：空树中没有留痕，没有包含证明', 'size')
      : invalid(
          'TREE_INDEX_INVALID',
          `index（${q.index}）应小于 size（${q.size}）：留痕从 0 起编号，应在 0 至 ${q.size - 1} 之间`,
          'index',
        );
  if (q.kind === 'consistency' && p.rule === 'size1AboveSize2')
    return invalid('TREE_FROM_AFTER_TO', `from（${q.from}）不能大于 to（${q.to}）`, 'from');
  if (q.kind === 'consistency' && p.rule === 'emptySize1')
    return invalid(
      'TREE_FROM_EMPTY',
      `from 应至少为 1：空树是任何树的前缀，没有一致性证明（to 为 ${q.to}）`,
      'from',
    );
  return invalid('PROOF_ARGS_INVALID', '证明参数不正确');
}

export async function inclusion(deps: Deps, index: number, size: number) {
  const problem = inclusionArgsProblem(index, size);
  if (problem) throw proofArgsError(problem, { kind: 'inclusion', index, size });
  checkSize(size, await treeSize(deps), 'size');
  const get = nodeGetter(deps.db);
  const [proof, leaf, root] = await Promise.all([
    inclusionProof(index, size, get),
    get(0, index),
    rootAt(size, get),
  ]);
  return { index, size, leafHash: b64(leaf), rootHash: b64(root), proof: proof.map(b64) };
}

export async function consistency(deps: Deps, from: number, to: number) {
  const problem = consistencyArgsProblem(from, to);
  if (problem) throw proofArgsError(problem, { kind: 'consistency', from, to });
  checkSize(to, await treeSize(deps), 'to');
  const get = nodeGetter(deps.db);
  const [proof, root1, root2] = await Promise.all([
    consistencyProof(from, to, get),
    rootAt(from, get),
    rootAt(to, get),
  ]);
  return { from, to, fromRoot: b64(root1), toRoot: b64(root2), proof: proof.map(b64) };
}

const b64 = (h: Hash) => Buffer.from(h).toString('base64');

export interface CheckpointView {
  size: number;
  rootHash: string;
  note: string;
  createdAt: string;
}

const view = (r: {
  tree_size: number;
  root_hash: string;
  note: string;
  created_at: string;
}): CheckpointView => ({
  size: Number(r.tree_size),
  rootHash: Buffer.from(fromHex(r.root_hash)).toString('base64'),
  note: r.note,
  createdAt: r.created_at,
});

/**
 * Signs a checkpoint of the committed ledger. A checkpoint never goes backwards: a tree smaller
 * than the latest checkpoint, or one whose history is not consistent with it, is refused — that
 * is what an old backup restored over newer history looks like.
 */
export async function makeCheckpoint(deps: Deps, t: Transparency): Promise<CheckpointView> {
  const size = await treeSize(deps);
  const get = nodeGetter(deps.db);
  const latest = await ledger.latestCheckpoint(deps.db);
  if (latest) {
    const latestSize = Number(latest.tree_size);
    if (size < latestSize)
      throw conflict(
        'CHECKPOINT_BACKWARDS',
        `留痕记录数 ${size} 小于已签名检查点的 ${latestSize}：记录可能被截断或回滚`,
      );
    const root = await rootAt(size, get);
    // The empty tree is a prefix of every tree: nothing to prove.
    const proof = latestSize === 0 ? [] : await consistencyProof(latestSize, size, get);
    if (latestSize > 0 && !verifyConsistency(latestSize, size, proof, fromHex(latest.root_hash), root))
      throw conflict(
        'CHECKPOINT_INCONSISTENT',
        `当前留痕记录与已签名检查点（${latestSize}）不一致：历史被改动`,
      );
    if (size === latestSize) return view(latest);
  }
  const root = await rootAt(size, get);
  const note = signNote(formatCheckpoint({ origin: t.origin, size, rootHash: root }), [t.signer]);
  const row = { tree_size: size, root_hash: toHex(root), note, created_at: deps.clock.now().toISOString() };
  try {
    await ledger.insertCheckpoint(deps.db, row);
  } catch (e) {
    // Another node signed the same size first: theirs stands.
    const again = await ledger.latestCheckpoint(deps.db);
    if (again && Number(again.tree_size) === size) return view(again);
    throw e;
  }
  keepCopy(t, note);
  return view(row);
}

export async function latestCheckpoint(deps: Deps): Promise<CheckpointView | null> {
  const r = await ledger.latestCheckpoint(deps.db);
  return r ? view(r) : null;
}

export async function listCheckpoints(deps: Deps, q: { beforeSize?: number; limit: number }) {
  const rows = await ledger.listCheckpoints(deps.db, { ...q, limit: q.limit + 1 });
  return pageOf(rows, q.limit, view, (v) => v.size);
}

/** True when the note is signed by this office's key. */
export function checkNote(note: string, t: Transparency): boolean {
  return openNote(note, t.verifier) !== null;
}
