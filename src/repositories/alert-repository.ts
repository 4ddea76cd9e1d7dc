import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';
import type { CaseListScope } from '../domain/case-access';
import { caseReadable } from './case-access-repository';

// Deadline timers of cases and the alerts they fire (services/supervision-service).
export const deletePendingTimers = (ex: Executor, caseId: string) =>
  ex.deleteFrom('case_timers').where('case_id', '=', caseId).where('fired_at', 'is', null).execute();

export const insertTimers = (ex: Executor, rows: NewRow<'case_timers'>[]) =>
  rows.length === 0 ? Promise.resolve() : ex.insertInto('case_timers').values(rows).execute();

export function claimDueTimers(ex: Executor, today: string, limit: number) {
  return (
    ex
      .selectFrom('case_timers')
      .selectAll()
      .where('fired_at', 'is', null)
      .where('fire_on', '<=', today)
      .orderBy('fire_on')
      .limit(limit)
      // Several nodes may run the job: each takes timers no other node holds (PostgreSQL).
      .forUpdate()
      .skipLocked()
      .execute()
  );
}

export const markTimerFired = (ex: Executor, id: string, at: string) =>
  ex.updateTable('case_timers').set({ fired_at: at }).where('id', '=', id).execute();

export const insertAlertOnce = (ex: Executor, row: NewRow<'alerts'>) =>
  ex
    .insertInto('alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'deadline', 'stage', 'due']).doNothing())
    .returning('id')
    .executeTakeFirst();

export const listAlerts = (
  ex: Executor,
  q: { officerId?: string; beforeId?: string; limit: number; scope: CaseListScope },
) => {
  let query = ex
    .selectFrom('alerts as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .selectAll('a')
    .select(['c.number as case_number', 'c.title as case_title', 'c.state as case_state'])
    .orderBy('a.id', 'desc')
    .limit(q.limit);
  if (q.officerId) {
    const officerId = q.officerId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as co')
          .select('co.case_id')
          .whereRef('co.case_id', '=', 'a.case_id')
          .where('co.officer_id', '=', officerId),
      ),
    );
  }
  if (q.beforeId) query = query.where('a.id', '<', q.beforeId);
  if (!q.scope.all) {
    const scope = q.scope;
    query = query.where((eb) =>
      caseReadable(eb, scope, { id: 'a.case_id', unit: 'c.unit_id', state: 'c.state' }),
    );
  }
  return query.execute();
};
