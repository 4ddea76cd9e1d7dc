import { listEntries, rowToEntry } from '../repositories/ledger-repository';
import { caseLedger } from './case-service';
import type { Deps } from './deps';
import { presentEntries } from './ledger-presenter';
import { maskEntries, type RecordViewer } from './record-presenter';

/** Ledger entries, newest first, with how each reads in Chinese (PLT-04, PLT-06). */
export async function listLedger(deps: Deps, q: { limit: number; beforeSeq?: number }, viewer: RecordViewer) {
  const rows = await listEntries(deps.db, {
    limit: q.limit + 1,
    ...(q.beforeSeq !== undefined && { beforeSeq: q.beforeSeq }),
  });
  const page = rows.slice(0, q.limit);
  const items = page.map((r) => {
    const e = rowToEntry(r);
    return { ...e, data: e.data as Record<string, unknown>, leafHash: r.leaf_hash };
  });
  // Entries about restricted records are masked as everywhere else (REC-09), then presented.
  const presented = await presentEntries(deps.db, viewer, await maskEntries(deps.db, viewer, items));
  return {
    items: presented.map((e) => ({ ...e, actor: { ...e.actor, name: e.actorName } })),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
  };
}

/** The case's trail in the ledger (masked by `caseLedger`), with how each entry reads. */
export async function caseLedgerView(deps: Deps, caseId: string, viewer: RecordViewer) {
  const entries = await caseLedger(deps, caseId, viewer);
  const presented = await presentEntries(deps.db, viewer, entries);
  return presented.map((e) => ({ ...e, actor: { ...e.actor, name: e.actorName } }));
}
