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
  return append(trx, deps, actor, action, subject, data, opts, undefined);
}

/**
 * The ledger's last leaf and the stored nodes a next append may need as left siblings, as a batch
 * of appends in one transaction left them: under the ledger lock, held to the transaction's end,
 * nothing else can append, so the batch need not read them back after each entry.
 */
type LedgerTail = { seq: number; leafHash?: string; nodes: Map<string, string> };

/**
 * Appends several entries in order inside the caller's transaction: the same entries, hashes and
 * nodes as that many {@link appendEntry} calls, but the ledger lock and its last leaf are taken
 * once, and the left siblings each append needs come from the appends before it (the database is
 * asked only for those older than the batch).
 */
export async function appendEntries(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  items: ReadonlyArray<{ action: ActionName; subject: Subject; data: Record<string, unknown> }>,
): Promise<LedgerEntry[]> {
  if (items.length === 0) return [];
  await lockLedger(trx);
  const tail: LedgerTail = { ...(await lastLeaf(trx)), nodes: new Map() };
  const out: LedgerEntry[] = [];
  for (const i of items) out.push(await append(trx, deps, actor, i.action, i.subject, i.data, {}, tail));
  return out;
}

async function append(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  action: ActionName,
  subject: Subject,
  data: Record<string, unknown>,
  opts: { state?: Record<string, unknown> },
  tail: LedgerTail | undefined,
): Promise<LedgerEntry> {
  if (!isActionName(action)) throw new Error(`bad action name ${String(action)}`);
  // The row as it stands after the change, for tracked subjects: the verifier compares against it.
  const state = opts.state ?? (await rowState(trx, subject.type, subject.id));
  if (state !== undefined) data = { ...data, state };
  if (tail === undefined) await lockLedger(trx);
  const canonicalData = canonicalJson(data ?? null);
  // After the lock (a read taken before it could miss the previous holder's entry): the last
  // entry's number and leaf hash in one statement.
  const last = tail ?? (await lastLeaf(trx));
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
  const older = refs.filter((r) => {
    const hex = tail?.nodes.get(`${r.level}/${r.idx}`);
    if (hex !== undefined) known.set(`${r.level}/${r.idx}`, hex);
    return hex === undefined;
  });
  for (const n of await nodesAt(trx, older)) known.set(`${n.level}/${n.idx}`, n.hash);
  const get = nodeGetter(trx);
  const nodes = await nodesForAppend(index, fromHex(hash), (level, idx) => {
    const hex = known.get(`${level}/${idx}`);
    return hex === undefined ? get(level, idx) : Promise.resolve(fromHex(hex));
  });
  const stored = nodes.map((n) => ({ level: n.level, idx: n.index, hash: toHex(n.hash) }));
  await insertNodes(trx, stored);
  if (tail !== undefined) {
    tail.seq = entry.seq;
    tail.leafHash = hash;
    // A node is a left sibling until its parent is made: keep only those (at most one a level).
    for (const n of stored) {
      tail.nodes.set(`${n.level}/${n.idx}`, n.hash);
      tail.nodes.delete(`${n.level - 1}/${2 * n.idx}`);
      tail.nodes.delete(`${n.level - 1}/${2 * n.idx + 1}`);
    }
  }
  return entry;
}
