import { createRequire } from 'node:module';
import type { YearSchedule } from '../domain/calendar';

const require = createRequire(import.meta.url);

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * The State Council schedules shipped in the `chinese-days` data package, one per year it covers.
 * Read from the raw data, not the package's functions: those silently treat a year they do not know
 * as Monday–Friday, and we must know which years are confirmed.
 */
export function packageSchedules(): YearSchedule[] {
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const byYear = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  const yearOf = (d: string) => {
    const y = Number(d.slice(0, 4));
    let s = byYear.get(y);
    if (!s) byYear.set(y, (s = { holidays: new Set(), workdays: new Set() }));
    return s;
  };
  for (const d of Object.keys(data.holidays)) yearOf(d).holidays.add(d);
  for (const d of Object.keys(data.workdays)) yearOf(d).workdays.add(d);
  return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, s]) => ({ year, ...s }));
}

export const PACKAGE_NAME = 'chinese-days';
export function packageVersion(): string {
  return (require('chinese-days/package.json') as { version: string }).version;
}
