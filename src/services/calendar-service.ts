import {
  addNaturalDays,
  addWorkingDays,
  makeCalendar,
  MAX_PERIOD_DAYS,
  validateSchedule,
  type CalendarOrigin,
  type DeadlineResult,
  type WorkCalendar,
} from '../domain/calendar';
import { isIsoDate } from '../domain/dates';
import { DomainError, invalid } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { currentSchedules, insertSchedule, scheduleVersion } from '../repositories/calendar-repository';
import { packageSchedules, packageVersion, PACKAGE_NAME } from '../storage/calendar-package';
import { newId, SYSTEM, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';

export interface ScheduleInput {
  year: number;
  holidays: string[];
  workdays: string[];
  note?: string;
}

/**
 * Appends one year's schedule: the ledger entry first, then the row, which records the entry's
 * sequence (that order decides which schedule of a year is newest), so the entry is given its state.
 */
async function writeSchedule(
  trx: Tx,
  deps: Deps,
  actor: Actor,
  action: 'calendar.schedule-loaded@1' | 'calendar.schedule-imported@1',
  schedule: {
    year: number;
    origin: CalendarOrigin;
    holidays: string[];
    workdays: string[];
    note: string;
  },
): Promise<string> {
  const id = newId(deps.clock);
  const entry = await appendEntry(
    trx,
    deps,
    actor,
    action,
    { type: 'calendarSchedule', id },
    { ...schedule },
    { state: { ...schedule } },
  );
  await insertSchedule(trx, {
    id,
    ...schedule,
    holidays: JSON.stringify(schedule.holidays),
    workdays: JSON.stringify(schedule.workdays),
    created_at: entry.recordedAt,
    ledger_seq: entry.seq,
  });
  return id;
}

/**
 * Loads the package's schedules for every year that has no schedule yet. Years that already have
 * one (from the package or an import) are left alone: an administrator's import is not overwritten.
 */
export async function syncPackageCalendar(deps: Deps): Promise<number> {
  const have = new Set((await currentSchedules(deps.db)).map((r) => r.year));
  const missing = packageSchedules().filter((s) => !have.has(s.year));
  if (missing.length === 0) return 0;
  const note = `${PACKAGE_NAME}@${packageVersion()}`;
  await deps.db.transaction().execute(async (trx) => {
    for (const s of missing) {
      await writeSchedule(trx, deps, SYSTEM, 'calendar.schedule-loaded@1', {
        year: s.year,
        origin: 'package',
        holidays: [...s.holidays].sort(),
        workdays: [...s.workdays].sort(),
        note,
      });
    }
  });
  return missing.length;
}

export async function importSchedule(
  deps: Deps,
  actor: Actor,
  input: ScheduleInput,
): Promise<{ id: string }> {
  const problems = validateSchedule(input);
  const first = problems[0];
  if (first) {
    throw new DomainError('invalid', 'CALENDAR_INVALID', problems.map(([, m]) => m).join('；'), first[0], {
      problems: problems.map(([field, message]) => ({ field, message })),
    });
  }
  const id = await deps.db.transaction().execute((trx) =>
    writeSchedule(trx, deps, actor, 'calendar.schedule-imported@1', {
      year: input.year,
      origin: 'import',
      holidays: [...new Set(input.holidays)].sort(),
      workdays: [...new Set(input.workdays)].sort(),
      note: input.note ?? '',
    }),
  );
  return { id };
}

const cache = new WeakMap<
  object,
  { version: number; calendar: WorkCalendar; origins: Map<number, CalendarOrigin> }
>();

/** The calendar in force; rebuilt only when a schedule was added (checked with one cheap query). */
export async function loadCalendar(
  deps: Deps,
): Promise<{ calendar: WorkCalendar; origins: Map<number, CalendarOrigin> }> {
  const version = await scheduleVersion(deps.db);
  const hit = cache.get(deps.db);
  if (hit && hit.version === version && hit.calendar.adjustedWorkdaysCount === deps.adjustedWorkdaysCount)
    return hit;
  const rows = await currentSchedules(deps.db);
  const calendar = makeCalendar(
    rows.map((r) => ({
      year: r.year,
      holidays: new Set(JSON.parse(r.holidays) as string[]),
      workdays: new Set(JSON.parse(r.workdays) as string[]),
    })),
    deps.adjustedWorkdaysCount,
  );
  const entry = {
    version,
    calendar,
    origins: new Map(rows.map((r) => [r.year, r.origin as CalendarOrigin])),
  };
  cache.set(deps.db, entry);
  return entry;
}

export async function yearView(deps: Deps, year: number) {
  const { calendar, origins } = await loadCalendar(deps);
  const s = calendar.schedules.get(year);
  return {
    year,
    confirmed: s !== undefined,
    origin: origins.get(year) ?? null,
    holidays: s ? [...s.holidays].sort() : [],
    workdays: s ? [...s.workdays].sort() : [],
  };
}

export async function computeDeadline(
  deps: Deps,
  q: { date: string; days: number; kind: 'working' | 'natural' },
): Promise<DeadlineResult> {
  if (!isIsoDate(q.date))
    throw invalid('DATE_INVALID', `日期应为 YYYY-MM-DD 格式的真实日期：${q.date}`, 'date');
  if (!Number.isInteger(q.days) || q.days < 0 || q.days > MAX_PERIOD_DAYS)
    throw invalid('DAYS_INVALID', `天数应为 0 至 ${MAX_PERIOD_DAYS} 之间的整数`, 'days');
  const { calendar } = await loadCalendar(deps);
  return q.kind === 'working'
    ? addWorkingDays(calendar, q.date, q.days)
    : addNaturalDays(calendar, q.date, q.days);
}
