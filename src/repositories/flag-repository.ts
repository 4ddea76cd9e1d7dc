import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';

// Flags (REC-11): irregularities written down for supervision.
export const insertFlag = (ex: Executor, row: NewRow<'flags'>) =>
  ex.insertInto('flags').values(row).execute();

export const listFlags = (ex: Executor, q: { kind?: string; beforeId?: string; limit: number }) => {
  let query = ex
    .selectFrom('flags as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    .selectAll('f')
    .select(['u.display_name as user_name', 'c.number as case_number'])
    .orderBy('f.id', 'desc')
    .limit(q.limit);
  if (q.kind) query = query.where('f.kind', '=', q.kind);
  if (q.beforeId) query = query.where('f.id', '<', q.beforeId);
  return query.execute();
};
