import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { CaseListScope } from '../domain/case-access';
import { CLOSED_STATES } from '../domain/case-machine';
import type { Executor } from '../storage/database';
import type { DB } from '../storage/schema';

/** The objects under a case that routes name by id, and where each keeps its case. */
export type CaseObject =
  'case' | 'step' | 'record' | 'document' | 'caseFile' | 'legalHold' | 'approval' | 'legalReview';

/** The case an object belongs to: its id, null for an object outside any case, undefined if unknown. */
export async function caseIdOf(ex: Executor, of: CaseObject, id: string): Promise<string | null | undefined> {
  switch (of) {
    case 'case':
      return (await ex.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst())?.id;
    case 'step':
      return (await ex.selectFrom('steps').select('case_id').where('id', '=', id).executeTakeFirst())
        ?.case_id;
    case 'record': {
      const r = await ex.selectFrom('records').select('case_id').where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : r.case_id;
    }
    case 'document':
      return (await ex.selectFrom('documents').select('case_id').where('id', '=', id).executeTakeFirst())
        ?.case_id;
    case 'approval':
      return (await ex.selectFrom('approvals').select('case_id').where('id', '=', id).executeTakeFirst())
        ?.case_id;
    case 'legalReview':
      return (await ex.selectFrom('legal_reviews').select('case_id').where('id', '=', id).executeTakeFirst())
        ?.case_id;
    case 'caseFile':
      return (await ex.selectFrom('case_files').select('case_id').where('id', '=', id).executeTakeFirst())
        ?.case_id;
    case 'legalHold': {
      const h = await ex
        .selectFrom('legal_holds as h')
        .leftJoin('records as r', 'r.id', 'h.record_id')
        .select(['h.case_id', 'r.case_id as record_case_id'])
        .where('h.id', '=', id)
        .executeTakeFirst();
      return h === undefined ? undefined : (h.case_id ?? h.record_case_id ?? null);
    }
  }
}

/** What access to a case depends on: its unit, state, file state and officers. */
export async function caseAccessRow(ex: Executor, caseId: string) {
  const c = await ex
    .selectFrom('cases as c')
    .select(['c.id', 'c.unit_id', 'c.act_type', 'c.procedure', 'c.state'])
    .select((eb) =>
      eb.selectFrom('case_files as f').select('f.state').whereRef('f.case_id', '=', 'c.id').as('file_state'),
    )
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const officers = await ex
    .selectFrom('case_officers')
    .select('officer_id')
    .where('case_id', '=', caseId)
    .execute();
  return { ...c, officerIds: officers.map((o) => o.officer_id) };
}

/** The cases of a party: who may see the party's personal data depends on them. */
export async function caseIdsOfParty(ex: Executor, partyId: string): Promise<string[]> {
  const rows = await ex.selectFrom('cases').select('id').where('party_id', '=', partyId).execute();
  return rows.map((r) => r.id);
}

/**
 * The readable-cases filter of a list, as a condition on a case id column (`r.case_id` …) — or on
 * the columns of a `cases` row itself when the list reads `cases` (`unit` and `state` given): the
 * same rule as `canOnCase`, written so the database applies it before the page is cut. `perRow`:
 * the query walks few rows (one page), so the officer's own cases are probed row by row.
 */
export function caseReadable<D, T extends keyof D>(
  queryEb: ExpressionBuilder<D, T>,
  scope: CaseListScope,
  cols: { id: string; unit?: string; state?: string; perRow?: boolean },
): Expression<SqlBool> {
  {
    // Column names are given as strings by the caller, whose query has its own aliases.
    const eb = queryEb as unknown as ExpressionBuilder<DB, keyof DB>;
    if (scope.all) return eb.lit(true);
    const ref = eb.ref(cols.id as never);
    const onCase = (column: 'unit_id' | 'state', values: readonly string[], own: string | undefined) =>
      own !== undefined
        ? eb(eb.ref(own as never), 'in', values as never)
        : eb.exists(
            eb
              .selectFrom('cases as sc')
              .select('sc.id')
              .whereRef('sc.id', '=', ref)
              .where(`sc.${column}`, 'in', values),
          );
    const ors: Expression<SqlBool>[] = [];
    if (scope.officerId !== null) {
      const own = eb
        .selectFrom('case_officers as sco')
        .select('sco.case_id')
        .whereRef('sco.case_id', '=', ref)
        .where('sco.officer_id', '=', scope.officerId);
      // `limit 1 offset 0` keeps PostgreSQL probing `case_officers` row by row: without it the
      // planner hashes every case of the officer first (a hashed SubPlan over 20,159 rows at 10⁶
      // cases: 14–22 ms) though a page walks ~100 cases (1 ms). A query that walks many rows (a
      // count) is better served by the hash. SQLite probes row by row either way.
      ors.push(eb.exists(cols.perRow ? own.limit(1).offset(0) : own));
    }
    if (scope.unitIds.length > 0) ors.push(onCase('unit_id', scope.unitIds, cols.unit));
    if (scope.closed) ors.push(onCase('state', CLOSED_STATES, cols.state));
    // Sent to the user's legal-review unit (法制审核): a review of the case was submitted to it.
    if (scope.reviewUnitIds.length > 0)
      ors.push(
        eb.exists(
          eb
            .selectFrom('legal_reviews as slr')
            .select('slr.case_id')
            .whereRef('slr.case_id', '=', ref)
            .where('slr.review_unit_id', 'in', scope.reviewUnitIds),
        ),
      );
    if (ors.length === 0) return eb.lit(false);
    return eb.or(ors);
  }
}
