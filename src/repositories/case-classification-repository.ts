/**
 * A case's classification of major decisions (REV-01): what its filing proposed, its current
 * classification, and the office's earlier decisions on the same power item (first use).
 */
import type { Executor } from '../storage/database';
import type { Row } from '../storage/schema';

export type FilingFactsRow = Row<'case_filing_facts'>;
export type ClassificationRow = Row<'case_classifications'>;

export const insertFilingFacts = (ex: Executor, row: FilingFactsRow) =>
  ex.insertInto('case_filing_facts').values(row).execute();
export const getFilingFacts = (ex: Executor, caseId: string) =>
  ex.selectFrom('case_filing_facts').selectAll().where('case_id', '=', caseId).executeTakeFirst();

export const getClassification = (ex: Executor, caseId: string) =>
  ex.selectFrom('case_classifications').selectAll().where('case_id', '=', caseId).executeTakeFirst();

/** Writes the case's current classification (one row per case). */
export async function putClassification(ex: Executor, row: ClassificationRow): Promise<void> {
  const { case_id, ...rest } = row;
  const updated = await ex
    .updateTable('case_classifications')
    .set(rest)
    .where('case_id', '=', case_id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await ex.insertInto('case_classifications').values(row).execute();
}

/**
 * Whether this office decided a penalty case on this power item before `before` (the case's own
 * decision date; any time when it is not decided yet), other than the case itself.
 */
export async function decidedPenaltyBefore(
  ex: Executor,
  q: { agencyId: string; powerItemId: string; caseId: string; before: string | null },
): Promise<boolean> {
  const rows = await ex
    .selectFrom('cases')
    .select(['facts', 'dates'])
    .where('agency_id', '=', q.agencyId)
    .where('power_item_id', '=', q.powerItemId)
    .where('act_type', '=', 'penalty')
    .where('id', '!=', q.caseId)
    .execute();
  return rows.some((r) => {
    const facts = JSON.parse(r.facts) as { outcome?: string };
    const dates = JSON.parse(r.dates) as { decidedOn?: string };
    return (
      facts.outcome === 'penalty' &&
      dates.decidedOn !== undefined &&
      (q.before === null || dates.decidedOn < q.before)
    );
  });
}
