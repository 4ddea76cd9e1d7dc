import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';

// Recorders (执法记录仪) and their loans to officers.
export const insertRecorder = (ex: Executor, row: NewRow<'recorders'>) =>
  ex.insertInto('recorders').values(row).execute();

export const updateRecorder = (ex: Executor, id: string, patch: Partial<NewRow<'recorders'>>) =>
  ex.updateTable('recorders').set(patch).where('id', '=', id).execute();

export const getRecorder = (ex: Executor, id: string) =>
  ex.selectFrom('recorders').selectAll().where('id', '=', id).executeTakeFirst();

export const listRecorders = (ex: Executor, agencyId: string) =>
  ex
    .selectFrom('recorders as r')
    .leftJoin('officers as o', 'o.id', 'r.holder_officer_id')
    .selectAll('r')
    .select('o.name as holder_name')
    .where('r.agency_id', '=', agencyId)
    .orderBy('r.number')
    .execute();

export const holdersOf = (ex: Executor, officerIds: string[]) =>
  officerIds.length === 0
    ? Promise.resolve([])
    : ex
        .selectFrom('recorders')
        .select(['id', 'number', 'holder_officer_id'])
        .where('status', '=', 'checkedOut')
        .where('holder_officer_id', 'in', officerIds)
        .execute();

export const insertLoan = (ex: Executor, row: NewRow<'recorder_loans'>) =>
  ex.insertInto('recorder_loans').values(row).execute();

export const closeLoan = (ex: Executor, recorderId: string, at: string, by: string) =>
  ex
    .updateTable('recorder_loans')
    .set({ returned_at: at, returned_by: by })
    .where('recorder_id', '=', recorderId)
    .where('returned_at', 'is', null)
    .execute();

export const loansOf = (ex: Executor, recorderId: string) =>
  ex
    .selectFrom('recorder_loans as l')
    .innerJoin('officers as o', 'o.id', 'l.officer_id')
    .selectAll('l')
    .select('o.name as officer_name')
    .where('l.recorder_id', '=', recorderId)
    .orderBy('l.id', 'desc')
    .execute();
export const findRecorderByNumber = (ex: Executor, number: string) =>
  ex.selectFrom('recorders').select('id').where('number', '=', number).executeTakeFirst();
