import { sql } from 'kysely';
import type { CaseListScope } from '../domain/case-access';
import { CLOSED_STATES } from '../domain/case-machine';
import type { Executor } from '../storage/database';
import { caseReadable } from './case-access-repository';

/**
 * The queries of the 待办 summary (services/todo-service.ts). Each section is counted in full and
 * its first `limit` rows read; every one is narrowed by the case scope of the role it is for
 * (`caseListScope` → `caseReadable`, PLT-07), so a count never includes what the user may not reach.
 */

/** countAll() is a number on SQLite and a string on PostgreSQL. */
const num = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

/** Open cases (not in a closing state) the scope reaches, as rows of `cases as c`. */
function openCases(ex: Executor, scope: CaseListScope) {
  return ex
    .selectFrom('cases as c')
    .where('c.state', 'not in', CLOSED_STATES)
    .where((eb) => caseReadable(eb, scope, { id: 'c.id', unit: 'c.unit_id', state: 'c.state' }));
}

const caseRefColumns = ['c.id as case_id', 'c.number as case_number', 'c.title as case_title'] as const;

/**
 * Open cases by their next deadline, the nearest first (cases without one last); with `dueBefore`
 * only those whose next deadline is before that day (overdue).
 */
export async function openCasesByDue(
  ex: Executor,
  scope: CaseListScope,
  q: { limit: number; dueBefore?: string },
) {
  let base = openCases(ex, scope);
  if (q.dueBefore !== undefined) base = base.where('c.next_due', '<', q.dueBefore);
  const rows = await base
    .select([...caseRefColumns, 'c.state', 'c.next_due'])
    // `x is null` is 0/1 on SQLite and false/true on PostgreSQL: both sort the dated cases first.
    .orderBy(sql`c.next_due is null`)
    .orderBy('c.next_due')
    .orderBy('c.id')
    .limit(q.limit)
    .execute();
  return { count: num(await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()), rows };
}

/**
 * Open cases whose next deadline falls on or before `dueBy`, with what their deadlines are
 * computed from: the candidates for a decision-period extension (the service decides which).
 */
export function openCasesDueBy(ex: Executor, scope: CaseListScope, dueBy: string) {
  return openCases(ex, scope)
    .where('c.next_due', '<=', dueBy)
    .select([...caseRefColumns, 'c.act_type', 'c.procedure', 'c.state', 'c.dates', 'c.facts', 'c.next_due'])
    .orderBy('c.next_due')
    .orderBy('c.id')
    .execute();
}

/**
 * Open steps of open cases that an AV rule requires to be recorded (REC-03) and that have no
 * audio or video record yet, oldest first.
 */
export async function stepsMissingAv(ex: Executor, scope: CaseListScope, limit: number) {
  const base = ex
    .selectFrom('steps as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .where('s.state', '=', 'open')
    .where('s.av_required', '=', 1)
    .where('c.state', 'not in', CLOSED_STATES)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('records as r')
            .select('r.id')
            .whereRef('r.step_id', '=', 's.id')
            .where('r.kind', 'in', ['audio', 'video']),
        ),
      ),
    )
    .where((eb) => caseReadable(eb, scope, { id: 's.case_id', unit: 'c.unit_id', state: 'c.state' }));
  const rows = await base
    .select([...caseRefColumns, 's.id', 's.kind', 's.occurred_at', 's.av_reasons'])
    .orderBy('s.occurred_at')
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return { count: num(await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()), rows };
}

/** Drafts (not yet issued) of documents on open cases, oldest first. */
export async function draftDocuments(ex: Executor, scope: CaseListScope, limit: number) {
  const base = ex
    .selectFrom('documents as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('document_templates as t', 't.id', 'd.template_id')
    .where('d.state', '=', 'draft')
    .where('c.state', 'not in', CLOSED_STATES)
    .where((eb) => caseReadable(eb, scope, { id: 'd.case_id', unit: 'c.unit_id', state: 'c.state' }));
  const rows = await base
    .select([...caseRefColumns, 'd.id', 'd.kind', 't.title', 'd.created_at'])
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return { count: num(await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()), rows };
}

/** Case files waiting for the records keeper's acceptance, oldest first. */
export async function pendingCaseFiles(ex: Executor, scope: CaseListScope, limit: number) {
  const base = ex
    .selectFrom('case_files as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .where('f.state', '=', 'pending')
    .where((eb) => caseReadable(eb, scope, { id: 'f.case_id', unit: 'c.unit_id', state: 'c.state' }));
  const rows = await base
    .select([...caseRefColumns, 'f.id', 'c.closed_on', 'f.assembled_at'])
    .orderBy('f.id')
    .limit(limit)
    .execute();
  return { count: num(await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()), rows };
}

/**
 * The supervisor's list (REC-11), newest first: flags about a case the scope reaches, and those
 * about no case (a plain record), which roles alone govern.
 */
export async function flags(ex: Executor, scope: CaseListScope, limit: number) {
  const base = ex
    .selectFrom('flags as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    // Handled flags leave the open list (REC-11).
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('flag_handlings as h').select('h.id').whereRef('h.flag_id', '=', 'f.id')),
      ),
    )
    .where((eb) =>
      eb.or([
        eb('f.case_id', 'is', null),
        caseReadable(eb, scope, { id: 'f.case_id', unit: 'c.unit_id', state: 'c.state' }),
      ]),
    );
  const rows = await base
    .select([
      'f.id',
      'f.kind',
      'f.at',
      'u.display_name as user_name',
      'c.id as case_id',
      'c.number as case_number',
      'c.title as case_title',
    ])
    .orderBy('f.id', 'desc')
    .limit(limit)
    .execute();
  return { count: num(await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()), rows };
}

/** Number and title of these cases, for links. */
export async function caseRefs(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ex.selectFrom('cases').select(['id', 'number', 'title']).where('id', 'in', ids).execute();
}
