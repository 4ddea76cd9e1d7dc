import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';

// Steps of a case and the officers present at each.
export const insertStep = (ex: Executor, row: NewRow<'steps'>) =>
  ex.insertInto('steps').values(row).execute();

export const updateStep = (ex: Executor, id: string, patch: Partial<NewRow<'steps'>>) =>
  ex.updateTable('steps').set(patch).where('id', '=', id).execute();

export const getStep = (ex: Executor, id: string) =>
  ex.selectFrom('steps').selectAll().where('id', '=', id).executeTakeFirst();

export const insertStepOfficers = (ex: Executor, rows: NewRow<'step_officers'>[]) =>
  ex.insertInto('step_officers').values(rows).execute();

export const caseSteps = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('steps as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.display_name as creator_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.occurred_at')
    .orderBy('s.id')
    .execute();

export const stepOfficersOfCase = (ex: Executor, caseId: string) =>
  ex
    .selectFrom('step_officers as so')
    .innerJoin('steps as s', 's.id', 'so.step_id')
    .innerJoin('officers as o', 'o.id', 'so.officer_id')
    .select(['so.step_id', 'so.officer_id', 'so.certificate_number', 'o.name'])
    .where('s.case_id', '=', caseId)
    .execute();

export const stepOfficers = (ex: Executor, stepId: string) =>
  ex.selectFrom('step_officers').selectAll().where('step_id', '=', stepId).execute();

/** Whether the case has a completed step of this kind (e.g. a hearing held). */
export const hasCompletedStep = async (ex: Executor, caseId: string, kind: string) =>
  (await ex
    .selectFrom('steps')
    .select('id')
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('state', '=', 'completed')
    .executeTakeFirst()) !== undefined;
export const getStepWithCreator = (ex: Executor, id: string) =>
  ex
    .selectFrom('steps as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.display_name as creator_name')
    .where('s.id', '=', id)
    .executeTakeFirst();
export const officersOfStep = (ex: Executor, stepId: string) =>
  ex
    .selectFrom('step_officers as so')
    .innerJoin('officers as o', 'o.id', 'so.officer_id')
    .select(['so.officer_id', 'so.certificate_number', 'o.name'])
    .where('so.step_id', '=', stepId)
    .execute();
