import type { Executor } from '../storage/database';
import type { Row } from '../storage/schema';
import type { Actor, LedgerEntry, Subject } from '../domain/ledger-entry';

export function rowToEntry(r: Row<'ledger'>): LedgerEntry {
  return {
    seq: r.seq,
    recordedAt: r.recorded_at,
    actor: { type: r.actor_type as Actor['type'], id: r.actor_id },
    action: r.action as LedgerEntry['action'],
    subject: { type: r.subject_type, id: r.subject_id },
    data: JSON.parse(r.data) as unknown,
  };
}

export async function lastSeq(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('ledger')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return r?.m == null ? 0 : Number(r.m);
}

/**
 * The last entry's sequence number and leaf hash in one read (0 and none when empty): an append
 * needs both — the next number, and the left sibling of the new leaf when the leaf index is odd.
 */
export async function lastLeaf(ex: Executor): Promise<{ seq: number; leafHash?: string }> {
  const r = await ex
    .selectFrom('ledger')
    .select(['seq', 'leaf_hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), leafHash: r.leaf_hash } : { seq: 0 };
}

/** Interior nodes (level ≥ 1) by position, in one query; absent ones are simply not returned. */
export async function nodesAt(
  ex: Executor,
  refs: ReadonlyArray<{ level: number; idx: number }>,
): Promise<Array<{ level: number; idx: number; hash: string }>> {
  if (refs.length === 0) return [];
  const rows = await ex
    .selectFrom('ledger_nodes')
    .select(['level', 'idx', 'hash'])
    .where((eb) => eb.or(refs.map((r) => eb.and([eb('level', '=', r.level), eb('idx', '=', r.idx)]))))
    .execute();
  return rows.map((r) => ({ level: Number(r.level), idx: Number(r.idx), hash: r.hash }));
}

export async function insertEntry(
  ex: Executor,
  e: LedgerEntry,
  canonicalData: string,
  hash: string,
): Promise<void> {
  await ex
    .insertInto('ledger')
    .values({
      seq: e.seq,
      recorded_at: e.recordedAt,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      action: e.action,
      subject_type: e.subject.type,
      subject_id: e.subject.id,
      data: canonicalData,
      leaf_hash: hash,
    })
    .execute();
}

export async function listEntries(
  ex: Executor,
  q: { beforeSeq?: number; limit: number; subject?: Subject },
): Promise<Row<'ledger'>[]> {
  let query = ex.selectFrom('ledger').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  if (q.subject)
    query = query.where('subject_type', '=', q.subject.type).where('subject_id', '=', q.subject.id);
  return query.execute();
}

export async function countEntries(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('ledger')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/* ---------- the Merkle tree ---------- */

export async function leafHashAt(ex: Executor, index: number): Promise<string | undefined> {
  const r = await ex
    .selectFrom('ledger')
    .select('leaf_hash')
    .where('seq', '=', index + 1)
    .executeTakeFirst();
  return r?.leaf_hash;
}

export async function nodeHash(ex: Executor, level: number, idx: number): Promise<string | undefined> {
  const r = await ex
    .selectFrom('ledger_nodes')
    .select('hash')
    .where('level', '=', level)
    .where('idx', '=', idx)
    .executeTakeFirst();
  return r?.hash;
}

export async function insertNodes(
  ex: Executor,
  nodes: Array<{ level: number; idx: number; hash: string }>,
): Promise<void> {
  if (nodes.length > 0) await ex.insertInto('ledger_nodes').values(nodes).execute();
}

export async function countNodes(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('ledger_nodes')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Entries in sequence order, a batch at a time (for the verifier and rebuilds). */
export async function entriesFrom(ex: Executor, afterSeq: number, limit: number) {
  return ex
    .selectFrom('ledger')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function allNodes(ex: Executor, afterLevel: number, afterIdx: number, limit: number) {
  return ex
    .selectFrom('ledger_nodes')
    .selectAll()
    .where((eb) =>
      eb.or([eb('level', '>', afterLevel), eb.and([eb('level', '=', afterLevel), eb('idx', '>', afterIdx)])]),
    )
    .orderBy('level')
    .orderBy('idx')
    .limit(limit)
    .execute();
}

/* ---------- checkpoints ---------- */

export const insertCheckpoint = (
  ex: Executor,
  row: { tree_size: number; root_hash: string; note: string; created_at: string },
) => ex.insertInto('checkpoints').values(row).execute();
export const latestCheckpoint = (ex: Executor) =>
  ex.selectFrom('checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
export const listCheckpoints = (ex: Executor, q: { beforeSize?: number; limit: number }) => {
  let query = ex.selectFrom('checkpoints').selectAll().orderBy('tree_size', 'desc').limit(q.limit);
  if (q.beforeSize !== undefined) query = query.where('tree_size', '<', q.beforeSize);
  return query.execute();
};
export const allCheckpoints = (ex: Executor) =>
  ex.selectFrom('checkpoints').selectAll().orderBy('tree_size').execute();

/** The stored tree nodes of one level between two indexes (inclusive), in index order. */
export const nodesInRange = (ex: Executor, level: number, lo: number, hi: number) =>
  ex
    .selectFrom('ledger_nodes')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', lo)
    .where('idx', '<=', hi)
    .orderBy('idx')
    .execute();

/** The entries that recorded these records' content (created or corrected): their data holds the digest. */
export const recordContentEntries = (ex: Executor, recordIds: readonly string[]) =>
  recordIds.length === 0
    ? Promise.resolve([])
    : ex
        .selectFrom('ledger')
        .select(['subject_id', 'data'])
        .where('subject_type', '=', 'record')
        .where('subject_id', 'in', recordIds)
        .where('action', 'in', ['record.created@1', 'record.corrected@1'])
        .execute();
