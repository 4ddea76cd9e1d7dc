import type { Executor } from '../storage/database';
import type { NewRow } from '../storage/schema';

// Settings: versioned rows, the newest row of a key is in force.
export const insertSetting = (ex: Executor, row: NewRow<'settings'>) =>
  ex.insertInto('settings').values(row).execute();

export const currentSetting = (ex: Executor, key: string) =>
  ex
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', key)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
