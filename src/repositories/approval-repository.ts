import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

export const insertApproval = (ex: Executor, row: NewRow<'approvals'>) =>
  ex.insertInto('approvals').values(row).execute();

export const getApproval = (ex: Executor, id: string) =>
  ex.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();

/** The approval, locked until the transaction ends, so it is decided once. */
export const lockApproval = (ex: Executor, id: string) =>
  ex.selectFrom('approvals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Sets the decision of a pending approval; false when it was no longer pending. */
export async function decideApproval(
  ex: Executor,
  id: string,
  d: { state: 'approved' | 'returned'; decided_by: string; decided_at: string; opinion: string },
): Promise<boolean> {
  const r = await ex
    .updateTable('approvals')
    .set(d)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type ApprovalRow = Row<'approvals'> & { requested_by_name: string; decided_by_name: string | null };

/** Every approval of a case, oldest first, with the names of who asked and who decided. */
export const caseApprovals = (ex: Executor, caseId: string): Promise<ApprovalRow[]> =>
  ex
    .selectFrom('approvals as a')
    .innerJoin('users as r', 'r.id', 'a.requested_by')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['r.display_name as requested_by_name', 'd.display_name as decided_by_name'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.requested_at')
    .orderBy('a.id')
    .execute();

/** Pending approvals of the cases a filter admits, oldest first (a leader's 待办). */
export const pendingApprovals = (ex: Executor, limit: number) =>
  ex
    .selectFrom('approvals as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('users as r', 'r.id', 'a.requested_by')
    .select([
      'a.id',
      'a.kind',
      'a.requested_at',
      'a.case_id',
      'c.number as case_number',
      'c.title as case_title',
      'c.party_name',
      'a.requested_by',
      'r.display_name as requested_by_name',
    ])
    .where('a.state', '=', 'pending')
    .orderBy('a.requested_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();

/** Approvals returned to these users (their own requests), newest first, not asked for again since. */
export const returnedApprovalsOf = (ex: Executor, userId: string, limit: number) =>
  ex
    .selectFrom('approvals as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .select([
      'a.id',
      'a.kind',
      'a.decided_at',
      'd.display_name as decided_by_name',
      'a.opinion',
      'a.case_id',
      'c.number as case_number',
      'c.title as case_title',
    ])
    .where('a.state', '=', 'returned')
    .where('a.requested_by', '=', userId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('approvals as n')
            .select('n.id')
            .whereRef('n.case_id', '=', 'a.case_id')
            .whereRef('n.kind', '=', 'a.kind')
            .whereRef('n.requested_at', '>', 'a.requested_at'),
        ),
      ),
    )
    .orderBy('a.decided_at', 'desc')
    .limit(limit)
    .execute();
