import type { Config } from './config';
import { syncPackageCalendar } from './services/calendar-service';
import { systemClock, type Deps } from './services/deps';
import { openDatabase, type Database } from './storage/database';
import { migrateToLatest } from './storage/migrate';

/** Opens the database, brings its schema and calendar up to date; used by the server and the CLI. */
export async function openReady(config: Config): Promise<{ database: Database; deps: Deps }> {
  const database = await openDatabase(config.database);
  await migrateToLatest(database);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    adjustedWorkdaysCount: config.adjustedWorkdaysCount,
  };
  await syncPackageCalendar(deps);
  return { database, deps };
}
