import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';

// Flags (REC-11): irregularities written down for supervision, and their handling.
export const insertFlag = (ex: Executor, row: NewRow<'flags'>) =>
  ex.insertInto('flags').values(row).execute();

/** Flags with the case they concern, who raised them, and who handled them and how. */
const flagQuery = (ex: Executor) =>
  ex
    .selectFrom('flags as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    .leftJoin('flag_handlings as h', 'h.flag_id', 'f.id')
    .leftJoin('users as hu', 'hu.id', 'h.user_id')
    .selectAll('f')
    .select([
      'u.display_name as user_name',
      'c.number as case_number',
      'c.title as case_title',
      'h.note as handled_note',
      'h.at as handled_at',
      'h.user_id as handled_by',
      'hu.display_name as handled_by_name',
    ]);

export const getFlag = (ex: Executor, id: string) => flagQuery(ex).where('f.id', '=', id).executeTakeFirst();

/** Open flags (no handling yet) or handled ones, newest first. */
export const listFlags = (
  ex: Executor,
  q: { kind?: string; beforeId?: string; limit: number; handled?: boolean },
) => {
  let query = flagQuery(ex).orderBy('f.id', 'desc').limit(q.limit);
  if (q.kind) query = query.where('f.kind', '=', q.kind);
  if (q.beforeId) query = query.where('f.id', '<', q.beforeId);
  if (q.handled === true) query = query.where('h.id', 'is not', null);
  if (q.handled === false) query = query.where('h.id', 'is', null);
  return query.execute();
};

/** The flag, locked for its handling (FOR UPDATE on PostgreSQL), and whether it is handled. */
export const lockFlag = (ex: Executor, id: string) =>
  ex.selectFrom('flags').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const handlingOf = (ex: Executor, flagId: string) =>
  ex.selectFrom('flag_handlings').selectAll().where('flag_id', '=', flagId).executeTakeFirst();

export const insertHandling = (ex: Executor, row: NewRow<'flag_handlings'>) =>
  ex.insertInto('flag_handlings').values(row).execute();
