import { listEntries, rowToEntry } from '../repositories/ledger-repository';
import { displayNames } from '../repositories/user-repository';
import type { Deps } from './deps';
import { maskEntries, type RecordViewer } from './record-presenter';

/** Ledger entries, newest first, with the acting user's display name for people to read. */
export async function listLedger(deps: Deps, q: { limit: number; beforeSeq?: number }, viewer: RecordViewer) {
  const rows = await listEntries(deps.db, {
    limit: q.limit + 1,
    ...(q.beforeSeq !== undefined && { beforeSeq: q.beforeSeq }),
  });
  const page = rows.slice(0, q.limit);
  const names = await displayNames(deps.db, [
    ...new Set(page.filter((r) => r.actor_type === 'user').map((r) => r.actor_id)),
  ]);
  const items = page.map((r) => {
    const e = rowToEntry(r);
    const name =
      e.actor.type === 'user' ? names.get(e.actor.id) : e.actor.type === 'system' ? '系统' : undefined;
    return {
      ...e,
      data: e.data as Record<string, unknown>,
      actor: { ...e.actor, ...(name !== undefined && { name }) },
      leafHash: r.leaf_hash,
    };
  });
  return {
    // Entries about restricted records are masked as everywhere else (REC-09).
    items: await maskEntries(deps.db, viewer, items),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
  };
}
