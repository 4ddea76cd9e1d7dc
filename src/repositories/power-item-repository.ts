import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';

// Power items (权力事项): what an agency may act on.
export const insertPowerItem = (ex: Executor, row: NewRow<'power_items'>) =>
  ex.insertInto('power_items').values(row).execute();

export const updatePowerItem = (ex: Executor, id: string, patch: Partial<NewRow<'power_items'>>) =>
  ex.updateTable('power_items').set(patch).where('id', '=', id).execute();

export const getPowerItem = (ex: Executor, id: string) =>
  ex.selectFrom('power_items').selectAll().where('id', '=', id).executeTakeFirst();

export const listPowerItems = (ex: Executor, agencyId: string) =>
  ex.selectFrom('power_items').selectAll().where('agency_id', '=', agencyId).orderBy('code').execute();

export const findPowerItemByCode = (ex: Executor, agencyId: string, code: string) =>
  ex
    .selectFrom('power_items')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirst();
