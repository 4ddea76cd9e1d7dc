import type { Executor } from '../storage/database';
import type { NewRow, Row } from '../storage/schema';

export const insertSchedule = (ex: Executor, row: NewRow<'calendar_schedules'>) =>
  ex.insertInto('calendar_schedules').values(row).execute();

/** The schedule in force for each year: the newest row of that year. */
export async function currentSchedules(ex: Executor): Promise<Row<'calendar_schedules'>[]> {
  const rows = await ex
    .selectFrom('calendar_schedules')
    .selectAll()
    .orderBy('year')
    .orderBy('ledger_seq')
    .execute();
  const latest = new Map<number, Row<'calendar_schedules'>>();
  for (const r of rows) latest.set(r.year, r);
  return [...latest.values()];
}

/** Changes whenever a schedule is added (rows are only ever appended). */
export async function scheduleVersion(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('calendar_schedules')
    .select((eb) => eb.fn.max('ledger_seq').as('v'))
    .executeTakeFirst();
  return r?.v == null ? 0 : Number(r.v);
}

export async function yearsWithOrigin(ex: Executor, origin: string): Promise<Set<number>> {
  const rows = await ex
    .selectFrom('calendar_schedules')
    .select('year')
    .where('origin', '=', origin)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.year));
}
