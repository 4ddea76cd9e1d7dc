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
