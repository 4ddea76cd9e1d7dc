/**
 * When a decision must be published or withdrawn (PUB-08, PUB-09, PUB-10, PUB-12), and when a
 * published item comes down. Working days over the {@link WorkCalendar}; the start day is not
 * counted (民法典 art. 201); a due date touching a year without a schedule is `confirmed: false`.
 */
import { addWorkingDays, isWorkingDay, type WorkCalendar } from './calendar';
import type { ActType, PartyKind } from './case-types';
import { addDays, isIsoDate, yearOf, type IsoDate } from './dates';
import { addMonths, DEFAULT_PUBLICATION_SETTINGS, type PublicationSettings } from './publication-rules';

export const PUBLICATION_DUE_KINDS = ['decision', 'withdrawal'] as const;
export type PublicationDueKind = (typeof PUBLICATION_DUE_KINDS)[number];

/** PUB-09: penalty and licensing decisions within 7 working days; PUB-08: others within 20. */
export const DECISION_PUBLICATION_WORKING_DAYS: Record<ActType, number> = {
  penalty: 7,
  licensing: 7,
  compulsion: 20,
  inspection: 20,
  expropriation: 20,
};
/** PUB-12: a changed, revoked or unlawful decision is withdrawn within 3 working days (行政处罚法 art. 48). */
export const WITHDRAWAL_WORKING_DAYS = 3;

export interface PublicationDue {
  due: IsoDate;
  workingDays: number;
  confirmed: boolean;
}

/** The due date of publishing a decision (from its date) or a withdrawal (from the change or revocation). */
export function publicationDue(
  cal: WorkCalendar,
  kind: PublicationDueKind,
  actType: ActType,
  from: IsoDate,
): PublicationDue {
  const workingDays =
    kind === 'withdrawal' ? WITHDRAWAL_WORKING_DAYS : DECISION_PUBLICATION_WORKING_DAYS[actType];
  const r = addWorkingDays(cal, from, workingDays);
  return { due: r.date, workingDays, confirmed: r.confirmed };
}

/**
 * Working days left until `due` as of `today` (PUB-10): today is not counted, the due day is; 0 on
 * the due day; negative when overdue (minus the working days since the due day).
 */
export function workingDaysLeft(
  cal: WorkCalendar,
  due: IsoDate,
  today: IsoDate,
): { left: number; overdue: boolean; confirmed: boolean } {
  if (!isIsoDate(due) || !isIsoDate(today)) throw new RangeError('not a date');
  const [from, to, sign] = today <= due ? [today, due, 1] : [due, today, -1];
  const years = new Set<number>();
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    years.add(yearOf(d));
    if (isWorkingDay(cal, d)) n += 1;
  }
  const confirmed = [...years].every((y) => cal.schedules.has(y));
  return { left: sign * n, overdue: today > due, confirmed };
}

/** The last day an item is shown (PUB-12 take-down): months per act type and party kind after the decision. */
export function displayEnds(
  decidedOn: IsoDate,
  actType: ActType,
  partyKind: PartyKind,
  settings: PublicationSettings = DEFAULT_PUBLICATION_SETTINGS,
): IsoDate {
  return addMonths(decidedOn, settings.displayMonths[actType][partyKind]);
}
