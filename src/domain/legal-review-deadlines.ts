/**
 * The periods of legal review (法制审核), per the office's 实施细则 and REV-05/REV-07: the review
 * unit answers within 5 working days of a submission, extendable once by 3 working days with a
 * leader's approval; the handling unit may object within 2 working days of receiving the opinion;
 * the review unit answers an objection within 3 working days. Counted on the work calendar (the
 * start day not counted); a result touching a year without a schedule is `confirmed: false`.
 */
import { addWorkingDays, isWorkingDay, subtractWorkingDays, type WorkCalendar } from './calendar';
import { addDays, yearOf, type IsoDate } from './dates';

export interface LegalReviewPeriodSettings {
  /** Working days the review unit has for a review. */
  reviewWorkingDays: number;
  /** Working days one extension adds (granted once, by a leader). */
  extensionWorkingDays: number;
}

export const DEFAULT_LEGAL_REVIEW_PERIODS: LegalReviewPeriodSettings = {
  reviewWorkingDays: 5,
  extensionWorkingDays: 3,
};

/** Fixed by the 实施细则, not settings. */
export const OBJECTION_WORKING_DAYS = 2;
export const REPLY_WORKING_DAYS = 3;

export interface LegalReviewDue {
  due: IsoDate;
  workingDays: number;
  /** Every year the computation touched has an official schedule. */
  confirmed: boolean;
}

function due(cal: WorkCalendar, from: IsoDate, workingDays: number): LegalReviewDue {
  const r = addWorkingDays(cal, from, workingDays);
  return { due: r.date, workingDays, confirmed: r.confirmed };
}

/** When a review submitted on `submittedOn` is due (REV-05). */
export const reviewDue = (
  cal: WorkCalendar,
  submittedOn: IsoDate,
  settings: LegalReviewPeriodSettings = DEFAULT_LEGAL_REVIEW_PERIODS,
): LegalReviewDue => due(cal, submittedOn, settings.reviewWorkingDays);

/** The due day after the one extension, counted on from the original due day (REV-05). */
export const extendedReviewDue = (
  cal: WorkCalendar,
  dueOn: IsoDate,
  settings: LegalReviewPeriodSettings = DEFAULT_LEGAL_REVIEW_PERIODS,
): LegalReviewDue => due(cal, dueOn, settings.extensionWorkingDays);

/** The last day the handling unit may object to an opinion it received on `receivedOn` (REV-07). */
export const objectionDue = (cal: WorkCalendar, receivedOn: IsoDate): LegalReviewDue =>
  due(cal, receivedOn, OBJECTION_WORKING_DAYS);

/** When the review unit's written answer to an objection made on `objectedOn` is due (REV-07). */
export const replyDue = (cal: WorkCalendar, objectedOn: IsoDate): LegalReviewDue =>
  due(cal, objectedOn, REPLY_WORKING_DAYS);

/** Problems with the period settings, each naming its field; empty when sound. */
export function checkLegalReviewPeriods(s: LegalReviewPeriodSettings): { field: string; message: string }[] {
  const p: { field: string; message: string }[] = [];
  for (const k of ['reviewWorkingDays', 'extensionWorkingDays'] as const) {
    const n = s[k];
    if (!Number.isInteger(n) || n < 1 || n > 60)
      p.push({ field: k, message: '工作日数应为 1 至 60 之间的整数' });
  }
  return p;
}

/** The deadlines a review runs through, each alerted before, on and after its due day (REV-05, REV-07). */
export const REVIEW_DEADLINE_KINDS = ['review', 'objection', 'reply'] as const;
export type ReviewDeadlineKind = (typeof REVIEW_DEADLINE_KINDS)[number];
export const REVIEW_DEADLINE_LABELS: Record<ReviewDeadlineKind, string> = {
  review: '审核期限',
  objection: '提出异议期限',
  reply: '答复异议期限',
};
export const REVIEW_ALERT_STAGES = ['before', 'due', 'overdue'] as const;
export type ReviewAlertStage = (typeof REVIEW_ALERT_STAGES)[number];

/** How many working days before a due day the first alert fires (the periods are 2 to 8 days long). */
export const REVIEW_ALERT_WORKING_DAYS_BEFORE = 1;

/**
 * When each alert of a deadline that started on `from` and is due on `due` fires: one working day
 * before (unless that is not after the start), on the due day, and once the day after it (overdue).
 */
export function reviewAlertPlan(
  cal: WorkCalendar,
  from: IsoDate,
  due: IsoDate,
): Array<{ stage: ReviewAlertStage; fireOn: IsoDate }> {
  const before = subtractWorkingDays(cal, due, REVIEW_ALERT_WORKING_DAYS_BEFORE).date;
  return [
    ...(before > from ? [{ stage: 'before' as const, fireOn: before }] : []),
    { stage: 'due', fireOn: due },
    { stage: 'overdue', fireOn: addDays(due, 1) },
  ];
}

/** What decides which deadline of a review is running now. */
export interface ReviewClock {
  state: string;
  passed: boolean;
  /** The review period's due day (after any extension). */
  due: IsoDate;
  dueConfirmed: boolean;
  /** The day the opinion was issued (received by the unit), if issued. */
  opinionOn: IsoDate | null;
  /** The day the unit objected, if it did. */
  objectedOn: IsoDate | null;
}

/**
 * The deadline running now: the review period until the opinion; then, for an opinion the unit may
 * object to, the objection window; after an objection, the review unit's reply. None once the
 * stage passed, the unit adopted, or the objection went to the leader.
 */
export function runningDeadline(
  cal: WorkCalendar,
  r: ReviewClock,
): (LegalReviewDue & { kind: ReviewDeadlineKind; from: IsoDate | null }) | null {
  if (r.state === 'submitted' || r.state === 'assigned')
    return { kind: 'review', due: r.due, workingDays: 0, confirmed: r.dueConfirmed, from: null };
  if (r.state === 'opinionIssued' && !r.passed && r.opinionOn)
    return { kind: 'objection', ...objectionDue(cal, r.opinionOn), from: r.opinionOn };
  if (r.state === 'objected' && r.objectedOn)
    return { kind: 'reply', ...replyDue(cal, r.objectedOn), from: r.objectedOn };
  return null;
}

/**
 * Working days left until `due` as of `today`: today is not counted, the due day is; 0 on the due
 * day; negative once it has passed (minus the working days since). `confirmed` is false when a day
 * counted lies in a year without a schedule.
 */
export function workingDaysUntil(
  cal: WorkCalendar,
  today: IsoDate,
  due: IsoDate,
): { daysLeft: number; overdue: boolean; confirmed: boolean } {
  const [from, to, sign] = today <= due ? [today, due, 1] : [due, today, -1];
  const years = new Set<number>();
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    years.add(yearOf(d));
    if (isWorkingDay(cal, d)) n += 1;
  }
  return {
    daysLeft: n === 0 ? 0 : sign * n,
    overdue: today > due,
    confirmed: [...years].every((y) => cal.schedules.has(y)),
  };
}

/** Where the one extension of a review stands, as the review view shows it (REV-05). */
export const EXTENSION_STATES = ['available', 'pending', 'approved', 'refused', 'unavailable'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];
export const EXTENSION_STATE_LABELS: Record<ExtensionState, string> = {
  available: '可申请延长',
  pending: '延长待负责人审批',
  approved: '已延长',
  refused: '延长未获批准',
  unavailable: '不可延长',
};

/**
 * Whether the review period may still be extended: once, asked while the review is open and no
 * later than its due day. Returns the refusal's code and message, or null.
 */
export function extensionRefusal(r: { state: string; requested: boolean; due: IsoDate; today: IsoDate }): {
  code: 'REVIEW_EXTENSION_USED' | 'REVIEW_EXTENSION_TOO_LATE' | 'LEGAL_REVIEW_NOT_NOW';
  message: string;
} | null {
  if (r.requested) return { code: 'REVIEW_EXTENSION_USED', message: '审核期限只能延长一次，已申请过延长' };
  if (r.state !== 'submitted' && r.state !== 'assigned')
    return { code: 'LEGAL_REVIEW_NOT_NOW', message: '审核意见已出具，不能再延长审核期限' };
  if (r.today > r.due)
    return {
      code: 'REVIEW_EXTENSION_TOO_LATE',
      message: `审核期限已于${r.due}届满，应在期限届满前申请延长`,
    };
  return null;
}

/** The extension state a review shows. */
export function extensionState(
  extension: { state: 'pending' | 'approved' | 'refused' } | null,
  r: { state: string; due: IsoDate; today: IsoDate },
): ExtensionState {
  if (extension) return extension.state;
  return extensionRefusal({ ...r, requested: false }) ? 'unavailable' : 'available';
}
