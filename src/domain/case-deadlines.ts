import {
  addNaturalDays,
  addWorkingDays,
  subtractWorkingDays,
  type DeadlineResult,
  type WorkCalendar,
} from './calendar';
import { ACT_TYPE_LABELS, PROCEDURE_LABELS, PROCEDURES_OF, type ActType, type Procedure } from './case-types';
import { isIsoDate, type IsoDate } from './dates';
import { invalid } from './errors';

/**
 * The statutory deadlines of an enforcement case (DOMAIN.md "Deadlines the platform tracks";
 * PLT-01, PLT-02), computed from what has happened on the case.
 *
 * Counting: the start day is not counted (民法典 art. 201). Periods of ten days or less in
 * 行政处罚法 (art. 85), 行政强制法 (art. 69) and every period in 行政许可法 (art. 82) are working days;
 * other periods are natural days and, when their last day is not a working day, end on the next
 * working day (民法典 art. 203). A deadline that touches a year without an official schedule is
 * `confirmed: false`.
 *
 * Two kinds are *waiting periods* rather than time limits: the agency must let them run out before
 * its next step, so they are never overdue (see {@link WAITING_KINDS}).
 *
 * Not computed: 申请法院强制执行 (`courtApplication`). Its three months (行政强制法 art. 53) run from
 * the lapse of the party's remedy periods — the 6-month 起诉期限 (最高法《关于适用〈行政诉讼法〉的
 * 解释》art. 156) — not from the payment deadline, and depend on whether the party sought 复议 or
 * sued, which the case dates do not record. The kind and label are kept for when they do.
 */

export type DeadlineKind =
  | 'decision'
  | 'hearingRequest'
  | 'hearingNotice'
  | 'service'
  | 'payment'
  | 'seizure'
  | 'admonition'
  | 'courtApplication';

export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  'decision',
  'hearingRequest',
  'hearingNotice',
  'service',
  'payment',
  'seizure',
  'admonition',
  'courtApplication',
];

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  decision: '作出处罚决定',
  hearingRequest: '申请听证',
  hearingNotice: '告知听证时间地点',
  service: '送达决定书',
  payment: '缴纳罚款',
  seizure: '查封扣押期限',
  admonition: '催告期满',
  courtApplication: '申请法院强制执行',
};

/**
 * Waiting periods: the governed act must come *after* the due date, not on or before it.
 * - `admonition`: the 强制执行决定 (行政强制法 art. 37) or the application to court (art. 54) may be
 *   made only once the 催告 period has run out. Art. 54 sets it at 10 days after the 催告书 was
 *   served, working days by art. 69; art. 35/37 leave the period to the 催告书, and we apply the same
 *   10 working days as the floor. The period ends at 24:00 of its last day, so an execution decision
 *   on the due day itself is premature: met = executionDecidedOn > due.
 * - `hearingRequest`: the party's 5 working days to ask for a hearing (行政处罚法 art. 64). For the
 *   agency it is a wait: it may not decide before the period ends unless the party asked.
 */
export const WAITING_KINDS: ReadonlySet<DeadlineKind> = new Set<DeadlineKind>([
  'hearingRequest',
  'admonition',
]);

/**
 * The party's period after the 事先告知书 (陈述、申辩, and a hearing request where one is offered):
 * 5 working days, as the notice states them (行政处罚法 art. 44, 45, 62, 64).
 */
export const NOTICE_PERIOD_WORKING_DAYS = 5;
/** The period a 催告书 gives the party to perform (行政强制法 art. 35–37): 10 working days. */
export const ADMONITION_PERIOD_WORKING_DAYS = 10;

/** What has happened on the case, as Asia/Shanghai dates; all optional. */
export interface CaseDates {
  /** 立案. */
  filedOn?: IsoDate;
  /**
   * Approved extension of the decision period, 0 if none: natural days on top of the 90 days of
   * 行政处罚法 art. 60; working days (at most 10) on top of the 20 of 行政许可法 art. 42.
   */
  decisionExtensionDays?: number;
  /** Licensing: the application was accepted (受理). */
  acceptedOn?: IsoDate;
  /** The 行政处罚事先告知书 was served. */
  noticedOn?: IsoDate;
  /** The notice offered a hearing (行政处罚法 art. 63); false: the period is the party's 陈述、申辩 only. */
  hearingOffered?: boolean;
  /** The party waived 陈述、申辩 (and any hearing): the agency need not wait out the period. */
  partyWaived?: boolean;
  /** The party asked for a hearing. */
  hearingRequestedOn?: IsoDate;
  /** The scheduled hearing date. */
  hearingOn?: IsoDate;
  /** The party was notified of the hearing's time and place. */
  hearingNotifiedOn?: IsoDate;
  decidedOn?: IsoDate;
  /** The decision was served on the party; payment counts from this receipt. */
  servedOn?: IsoDate;
  /** The decision was handed to the party on the spot when it was announced. */
  handedOverOnSpot?: boolean;
  /** The decision imposes a fine. */
  hasFine?: boolean;
  paidOn?: IsoDate;
  /** 查封、扣押 decided. */
  measureDecidedOn?: IsoDate;
  /** The 30-day extension of art. 25 was approved. */
  measureExtended?: boolean;
  /** The measure ended: released, or 没收/销毁 decided (行政强制法 art. 27–28). */
  measureReleasedOn?: IsoDate;
  /** The 催告书 was served. */
  admonitionServedOn?: IsoDate;
  /** The 强制执行决定 was made, or the application to court filed. */
  executionDecidedOn?: IsoDate;
  closedOn?: IsoDate;
}

export interface CaseDeadline {
  kind: DeadlineKind;
  /** Usually DEADLINE_LABELS[kind]; more specific where the act type calls for it (作出许可决定). */
  label: string;
  due: IsoDate;
  confirmed: boolean;
  /** The legal source, e.g. 《行政处罚法》第六十条. */
  basis: string;
  /** e.g. 90日, 5个工作日. */
  period: string;
  /**
   * true if the act it governs happened in time (on or before `due`; after `due` for a waiting
   * period), false if it did not, null while pending.
   */
  met: boolean | null;
  doneOn: IsoDate | null;
}

const DATE_FIELDS = [
  'filedOn',
  'acceptedOn',
  'noticedOn',
  'hearingRequestedOn',
  'hearingOn',
  'hearingNotifiedOn',
  'decidedOn',
  'servedOn',
  'paidOn',
  'measureDecidedOn',
  'measureReleasedOn',
  'admonitionServedOn',
  'executionDecidedOn',
  'closedOn',
] as const satisfies ReadonlyArray<keyof CaseDates>;

/** The longest approved extension we accept for the 90-day penalty period, in days. */
const MAX_PENALTY_EXTENSION_DAYS = 365;
/** 行政许可法 art. 42: 经本行政机关负责人批准，可以延长十日. */
const MAX_LICENSING_EXTENSION_DAYS = 10;

const PUNISHMENT_LAW = '《行政处罚法》';
const COMPULSION_LAW = '《行政强制法》';
const LICENSING_LAW = '《行政许可法》';

interface Draft {
  kind: DeadlineKind;
  label?: string;
  result: DeadlineResult;
  basis: string;
  period: string;
  doneOn: IsoDate | null;
  /** Overrides the usual reading of `doneOn` (see hearingRequest). */
  met?: boolean;
}

/**
 * The deadlines that apply to a case of this act type and procedure, given what has happened.
 * A deadline appears once the event it counts from has happened; they come in DEADLINE_KINDS order.
 *
 * A closed case ends every deadline still open: one already past due when the case closed counts as
 * missed (met false, doneOn null); one not yet due, and every waiting period, is dropped, because
 * closing made it moot (e.g. 撤案 within the 90 days).
 */
export function caseDeadlines(
  cal: WorkCalendar,
  actType: ActType,
  procedure: Procedure,
  d: CaseDates,
): CaseDeadline[] {
  validate(actType, procedure, d);
  const drafts = draftsFor(cal, actType, procedure, d);
  const out: CaseDeadline[] = [];
  for (const dr of drafts) {
    const due = dr.result.date;
    const waiting = WAITING_KINDS.has(dr.kind);
    let met = dr.met ?? (dr.doneOn === null ? null : waiting ? dr.doneOn > due : dr.doneOn <= due);
    if (met === null && d.closedOn !== undefined) {
      if (waiting || d.closedOn <= due) continue;
      met = false;
    }
    out.push({
      kind: dr.kind,
      label: dr.label ?? DEADLINE_LABELS[dr.kind],
      due,
      confirmed: dr.result.confirmed,
      basis: dr.basis,
      period: dr.period,
      met,
      doneOn: dr.doneOn,
    });
  }
  return out;
}

function draftsFor(cal: WorkCalendar, actType: ActType, procedure: Procedure, d: CaseDates): Draft[] {
  switch (actType) {
    case 'penalty':
      return procedure === 'simplified' ? simplifiedPenalty(cal, d) : ordinaryPenalty(cal, d);
    case 'compulsion':
      return procedure === 'measure' ? compulsionMeasure(cal, d) : compulsionExecution(cal, d);
    case 'licensing':
      return procedure === 'standard' ? licensing(cal, d) : [];
    case 'expropriation':
      return expropriation(cal, d);
    case 'inspection':
      return [];
  }
}

function expropriation(cal: WorkCalendar, d: CaseDates): Draft[] {
  // No statute we know sets a service period for 征收征用 decisions; 行政处罚法 art. 61 by analogy.
  const service = serviceAfterDecision(cal, d, `参照${PUNISHMENT_LAW}第六十一条`);
  return service ? [service] : [];
}

function ordinaryPenalty(cal: WorkCalendar, d: CaseDates): Draft[] {
  const out: Draft[] = [];
  if (d.filedOn !== undefined) {
    const ext = d.decisionExtensionDays ?? 0;
    out.push({
      kind: 'decision',
      result: addNaturalDays(cal, d.filedOn, 90 + ext),
      basis: `${PUNISHMENT_LAW}第六十条`,
      period: ext > 0 ? `90日（经批准延长${ext}日）` : '90日',
      doneOn: d.decidedOn ?? null,
    });
  }
  if (d.noticedOn !== undefined) {
    const result = addWorkingDays(cal, d.noticedOn, NOTICE_PERIOD_WORKING_DAYS);
    // Without a hearing on offer the same 5 working days (as the 告知书 states them) are the
    // party's time for 陈述、申辩, which the decision must also wait for (art. 44, 45, 62).
    const offered = d.hearingOffered !== false;
    const draft: Draft = {
      kind: 'hearingRequest',
      ...(!offered && { label: '陈述、申辩' }),
      result,
      basis: offered
        ? `${PUNISHMENT_LAW}第六十四条第（一）项、第八十五条`
        : `${PUNISHMENT_LAW}第四十四条、第四十五条、第六十二条`,
      period: '5个工作日',
      doneOn: d.hearingRequestedOn ?? null,
    };
    if (d.hearingRequestedOn !== undefined) {
      // The party's own act: on time or not.
      draft.met = d.hearingRequestedOn <= result.date;
    } else if (d.decidedOn !== undefined) {
      // No request, and the agency has decided: the period is over. The decision had to wait for it
      // to run out (art. 62, 64) unless the party waived it; deciding on or before the last day
      // otherwise cut the party's time short.
      draft.doneOn = d.decidedOn;
      draft.met = d.partyWaived === true || d.decidedOn > result.date;
    }
    out.push(draft);
  }
  if (d.hearingOn !== undefined) {
    // 举行听证的七日前 (art. 64 (二)), working days (art. 85): the latest day to notify is the
    // 7th working day before the hearing, so that 7 working days after it reach the hearing day.
    out.push({
      kind: 'hearingNotice',
      result: subtractWorkingDays(cal, d.hearingOn, 7),
      basis: `${PUNISHMENT_LAW}第六十四条第（二）项、第八十五条`,
      period: '听证7个工作日前',
      doneOn: d.hearingNotifiedOn ?? null,
    });
  }
  const service = serviceAfterDecision(cal, d, `${PUNISHMENT_LAW}第六十一条`);
  if (service) out.push(service);
  const payment = paymentDraft(cal, d);
  if (payment) out.push(payment);
  return out;
}

function simplifiedPenalty(cal: WorkCalendar, d: CaseDates): Draft[] {
  const out: Draft[] = [];
  if (d.decidedOn !== undefined) {
    // 当场作出的行政处罚决定书应当当场交付当事人 (art. 52).
    out.push({
      kind: 'service',
      result: { date: d.decidedOn, confirmed: true },
      basis: `${PUNISHMENT_LAW}第五十二条`,
      period: '当场交付',
      doneOn: d.handedOverOnSpot ? d.decidedOn : (d.servedOn ?? null),
    });
  }
  const payment = paymentDraft(cal, d);
  if (payment) out.push(payment);
  return out;
}

/** Art. 61: handed over on the spot, or served within 7 working days (art. 85). */
function serviceAfterDecision(cal: WorkCalendar, d: CaseDates, basis: string): Draft | null {
  if (d.decidedOn === undefined) return null;
  if (d.handedOverOnSpot) {
    return {
      kind: 'service',
      result: { date: d.decidedOn, confirmed: true },
      basis,
      period: '当场交付',
      doneOn: d.decidedOn,
    };
  }
  return {
    kind: 'service',
    result: addWorkingDays(cal, d.decidedOn, 7),
    basis: `${basis}、第八十五条`,
    period: '7个工作日',
    doneOn: d.servedOn ?? null,
  };
}

/** Art. 67: 15 days from receipt of the decision — servedOn, or the decision date if handed over. */
function paymentDraft(cal: WorkCalendar, d: CaseDates): Draft | null {
  if (!d.hasFine) return null;
  const receipt = d.servedOn ?? (d.handedOverOnSpot ? d.decidedOn : undefined);
  if (receipt === undefined) return null;
  return {
    kind: 'payment',
    result: addNaturalDays(cal, receipt, 15),
    basis: `${PUNISHMENT_LAW}第六十七条`,
    period: '15日',
    doneOn: d.paidOn ?? null,
  };
}

function compulsionMeasure(cal: WorkCalendar, d: CaseDates): Draft[] {
  if (d.measureDecidedOn === undefined) return [];
  // Art. 25: at most 30 days, extended once by at most 30 with approval. We read the extension as a
  // cap of 60 days from the decision (not 30 more from a holiday-shifted end), the stricter reading.
  // Time for 检测、检验、检疫、技术鉴定 (art. 25 para. 3) is not deducted here.
  return [
    {
      kind: 'seizure',
      result: addNaturalDays(cal, d.measureDecidedOn, d.measureExtended ? 60 : 30),
      basis: `${COMPULSION_LAW}第二十五条`,
      period: d.measureExtended ? '30日（经批准延长30日）' : '30日',
      doneOn: d.measureReleasedOn ?? null,
    },
  ];
}

function compulsionExecution(cal: WorkCalendar, d: CaseDates): Draft[] {
  if (d.admonitionServedOn === undefined) return [];
  return [
    {
      kind: 'admonition',
      result: addWorkingDays(cal, d.admonitionServedOn, ADMONITION_PERIOD_WORKING_DAYS),
      basis: `${COMPULSION_LAW}第三十五条、第三十七条、第五十四条、第六十九条`,
      period: '10个工作日',
      doneOn: d.executionDecidedOn ?? null,
    },
  ];
}

function licensing(cal: WorkCalendar, d: CaseDates): Draft[] {
  if (d.acceptedOn === undefined) return [];
  // Art. 42: 20 days from acceptance, +10 with approval; all 行政许可法 periods are working days
  // (art. 82). Time for hearings, testing or expert review (art. 45) is not deducted here.
  const ext = d.decisionExtensionDays ?? 0;
  return [
    {
      kind: 'decision',
      label: '作出许可决定',
      result: addWorkingDays(cal, d.acceptedOn, 20 + ext),
      basis: `${LICENSING_LAW}第四十二条、第八十二条`,
      period: ext > 0 ? `20个工作日（经批准延长${ext}个工作日）` : '20个工作日',
      doneOn: d.decidedOn ?? null,
    },
  ];
}

function validate(actType: ActType, procedure: Procedure, d: CaseDates): void {
  if (!PROCEDURES_OF[actType].includes(procedure)) {
    throw invalid(
      'PROCEDURE_NOT_ALLOWED',
      `${ACT_TYPE_LABELS[actType]}不适用${PROCEDURE_LABELS[procedure]}`,
      'procedure',
    );
  }
  for (const field of DATE_FIELDS) {
    const v = d[field];
    if (v !== undefined && !isIsoDate(v)) {
      throw invalid('DATE_INVALID', `日期格式应为 YYYY-MM-DD 且为真实日期：${v}`, field);
    }
  }
  const ext = d.decisionExtensionDays;
  if (ext !== undefined) {
    const max = actType === 'licensing' ? MAX_LICENSING_EXTENSION_DAYS : MAX_PENALTY_EXTENSION_DAYS;
    if (!Number.isInteger(ext) || ext < 0 || ext > max) {
      throw invalid('EXTENSION_INVALID', `延长期限应为 0 至 ${max} 之间的整数`, 'decisionExtensionDays');
    }
  }
}

export const DEADLINE_STATUSES = ['met', 'late', 'overdue', 'dueSoon', 'pending'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * Where a deadline stands on `today`: met / late once its act has happened (late also covers a
 * waiting period cut short); otherwise overdue after the due date, dueSoon when at most `warnDays`
 * natural days are left (the due day included), else pending. A waiting period is never overdue
 * or due soon: running out is what it is for.
 */
export function deadlineStatus(dl: CaseDeadline, today: IsoDate, warnDays = 3): DeadlineStatus {
  if (!isIsoDate(today))
    throw invalid('DATE_INVALID', `日期格式应为 YYYY-MM-DD 且为真实日期：${today}`, 'today');
  if (!Number.isInteger(warnDays) || warnDays < 0) {
    throw invalid('WARN_DAYS_INVALID', '提醒天数应为非负整数', 'warnDays');
  }
  if (dl.met === true) return 'met';
  if (dl.met === false) return 'late';
  if (WAITING_KINDS.has(dl.kind)) return 'pending';
  if (today > dl.due) return 'overdue';
  return daysFrom(today, dl.due) <= warnDays ? 'dueSoon' : 'pending';
}

function daysFrom(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface AlertPoint {
  kind: DeadlineKind;
  due: IsoDate;
  at: IsoDate;
  stage: 'before' | 'due';
}

/**
 * When to raise alerts for the pending deadlines: `beforeWorkingDays` working days before the due
 * date (default 3; none when 0) and on the due date. Sorted by date, then stage, then kind.
 */
export function alertPoints(
  cal: WorkCalendar,
  deadlines: CaseDeadline[],
  beforeWorkingDays = 3,
): AlertPoint[] {
  const points: AlertPoint[] = [];
  for (const dl of deadlines) {
    if (dl.met !== null) continue;
    if (beforeWorkingDays > 0) {
      const at = subtractWorkingDays(cal, dl.due, beforeWorkingDays).date;
      points.push({ kind: dl.kind, due: dl.due, at, stage: 'before' });
    }
    points.push({ kind: dl.kind, due: dl.due, at: dl.due, stage: 'due' });
  }
  const stageOrder = { before: 0, due: 1 } as const;
  return points.sort(
    (a, b) =>
      a.at.localeCompare(b.at) ||
      stageOrder[a.stage] - stageOrder[b.stage] ||
      DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind),
  );
}
