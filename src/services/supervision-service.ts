import type { CaseListScope } from '../domain/case-access';
import { DEADLINE_LABELS, type DeadlineKind } from '../domain/case-deadlines';
import { STATE_LABELS, type CaseState } from '../domain/case-machine';
import { shanghaiDate, type IsoDate } from '../domain/dates';
import * as alertRepo from '../repositories/alert-repository';
import { newId, SYSTEM, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { pageOf } from './paging';

export { FLAG_LABELS, type FlagKind } from '../domain/case-types';

/** REC-11: the supervisor's list lives with its handling. */
export { listFlags } from './flag-service';

export async function listAlerts(
  deps: Deps,
  q: { officerId?: string; cursor?: string; limit: number; scope: CaseListScope },
) {
  const rows = await alertRepo.listAlerts(deps.db, {
    limit: q.limit + 1,
    scope: q.scope,
    ...(q.officerId && { officerId: q.officerId }),
    ...(q.cursor && { beforeId: q.cursor }),
  });
  return pageOf(
    rows,
    q.limit,
    (a) => ({
      id: a.id,
      caseId: a.case_id,
      caseNumber: a.case_number,
      caseTitle: a.case_title,
      caseState: STATE_LABELS[a.case_state as CaseState] ?? a.case_state,
      deadline: a.deadline as DeadlineKind,
      label: DEADLINE_LABELS[a.deadline as DeadlineKind] ?? a.deadline,
      stage: a.stage as 'before' | 'due',
      due: a.due,
      raisedAt: a.raised_at,
      message: `${a.case_number}：${DEADLINE_LABELS[a.deadline as DeadlineKind] ?? a.deadline}${a.stage === 'due' ? '今日到期' : `将于 ${a.due} 到期`}`,
    }),
    (v) => v.id,
  );
}

/**
 * The deadline-alert job: fires every timer whose day has come. Timers live in the database, so a
 * restart loses none; on PostgreSQL each node claims timers with SKIP LOCKED, and the unique key
 * of alerts makes a second firing of the same alert a no-op, so several nodes never alert twice.
 */
export async function fireDueTimers(deps: Deps, batch = 200): Promise<number> {
  return drainDueTimers(deps, batch, alertRepo.claimDueTimers, async (trx, t, at) => {
    const id = newId(deps.clock);
    const inserted = await alertRepo.insertAlertOnce(trx, {
      id,
      case_id: t.case_id,
      deadline: t.deadline,
      stage: t.stage,
      due: t.due,
      raised_at: at,
    });
    await alertRepo.markTimerFired(trx, t.id, at);
    if (inserted)
      await appendEntry(
        trx,
        deps,
        SYSTEM,
        'alert.raised@1',
        { type: 'alert', id },
        {
          caseId: t.case_id,
          deadline: t.deadline,
          stage: t.stage,
          due: t.due,
        },
      );
    return inserted !== undefined;
  });
}

/**
 * Fires due timers in batches, each batch in one transaction, until a batch comes back short:
 * `claim` takes the timers due by today, `fire` raises one (its alert, the timer marked fired, the
 * ledger entry) and says whether an alert was new. Returns how many were new. Shared by the case
 * deadlines above and the publication deadlines.
 */
export async function drainDueTimers<T>(
  deps: Deps,
  batch: number,
  claim: (trx: Tx, today: IsoDate, limit: number) => Promise<T[]>,
  fire: (trx: Tx, timer: T, at: string) => Promise<boolean>,
): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  let raised = 0;
  for (;;) {
    const n = await deps.db.transaction().execute(async (trx) => {
      const timers = await claim(trx, today, batch);
      const at = deps.clock.now().toISOString();
      for (const t of timers) if (await fire(trx, t, at)) raised++;
      return timers.length;
    });
    if (n < batch) return raised;
  }
}
