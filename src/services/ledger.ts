import {
  canonicalJson,
  entryLeafHash,
  isActionName,
  type ActionName,
  type Actor,
  type LedgerEntry,
  type Subject,
} from '../domain/ledger-entry';
import { lockLedger } from '../storage/row-locks';
import { insertEntry, insertNodes, lastLeaf, nodesAt } from '../repositories/ledger-repository';
import { rowState } from '../repositories/row-state';
import { completedNodes, fromHex, nodesForAppend, toHex } from '../domain/merkle';
import { nodeGetter } from './transparency-service';
import type { Deps, Tx } from './deps';

/**
 * Appends one ledger entry inside the caller's transaction, so the change and its entry commit or
 * roll back together (PLT-04). The sequence is taken under the ledger lock: gapless, commit-ordered.
 */
export async function appendEntry(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  action: ActionName,
  subject: Subject,
  data: Record<string, unknown>,
  opts: { state?: Record<string, unknown> } = {},
): Promise<LedgerEntry> {
  if (!isActionName(action)) throw new Error(`bad action name ${String(action)}`);
  // The row as it stands after the change, for tracked subjects: the verifier compares against it.
  const state = opts.state ?? (await rowState(trx, subject.type, subject.id));
  if (state !== undefined) data = { ...data, state };
  await lockLedger(trx);
  const canonicalData = canonicalJson(data ?? null);
  // After the lock (a read taken before it could miss the previous holder's entry): the last
  // entry's number and leaf hash in one statement.
  const last = await lastLeaf(trx);
  const entry: LedgerEntry = {
    seq: last.seq + 1,
    recordedAt: deps.clock.now().toISOString(),
    actor,
    action,
    subject,
    // Round-trip so the entry holds exactly what is stored (e.g. no undefined members).
    data: JSON.parse(canonicalData) as unknown,
  };
  const hash = entryLeafHash(entry);
  await insertEntry(trx, entry, canonicalData, hash);
  // The perfect subtrees this leaf completes, stored with it: roots and proofs then cost O(log n).
  // Their left siblings are read in at most one query: the previous leaf came with `last`, the
  // interior ones (a quarter of appends need any) together.
  const index = entry.seq - 1;
  const refs = completedNodes(index)
    .map((r) => ({ level: r.level - 1, idx: 2 * r.index }))
    .filter((r) => r.level > 0);
  const known = new Map<string, string>();
  if (last.leafHash !== undefined) known.set(`0/${index - 1}`, last.leafHash);
  for (const n of await nodesAt(trx, refs)) known.set(`${n.level}/${n.idx}`, n.hash);
  const get = nodeGetter(trx);
  const nodes = await nodesForAppend(index, fromHex(hash), (level, idx) => {
    const hex = known.get(`${level}/${idx}`);
    return hex === undefined ? get(level, idx) : Promise.resolve(fromHex(hex));
  });
  await insertNodes(
    trx,
    nodes.map((n) => ({ level: n.level, idx: n.index, hash: toHex(n.hash) })),
  );
  return entry;
}
