import type { ActType, Procedure } from './case-types';
import type { IsoDate } from './dates';

/**
 * Retention (REC-10, DOMAIN.md "Records and archives"). Every record has exactly one retention
 * class, derived — never stored — from its case and kind, so a mark or an archiving changes it
 * everywhere at once:
 * - `inspectionAv`: audio/video of an inspection case that is neither evidence nor disputed. It is
 *   not archived with the case file and is kept at least `inspectionAvMonths` (12) from recording,
 *   counted once the case is closed (an open case's footage may still become evidence).
 * - `caseFile`: everything else of a case: kept with the case file — 永久 for ordinary-procedure
 *   files, 30 years for the others (configurable by procedure), counted from archiving.
 * - `unfiled`: a record outside any case (e.g. before cases existed): never due on its own.
 */
export type RetentionPeriod = 'permanent' | `${number}y` | `${number}m`;
export const RETENTION_CLASSES = ['inspectionAv', 'caseFile', 'unfiled'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

export interface RetentionSettings {
  /** Case-file retention by procedure; procedures not named take `default`. */
  byProcedure: Partial<Record<Procedure, RetentionPeriod>>;
  default: RetentionPeriod;
  /** Minimum keeping of non-evidence inspection AV (REC-10: at least 12 months). */
  inspectionAvMonths: number;
  /** Days an approved disposal waits before the content is deleted, during which it can be undone. */
  undoDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  byProcedure: { ordinary: 'permanent' },
  default: '30y',
  inspectionAvMonths: 12,
  undoDays: 7,
};

/** REC-10's floor: inspection AV is kept at least 12 months, whatever the configuration says. */
export const MIN_INSPECTION_AV_MONTHS = 12;

export const RETENTION_CLASS_LABELS: Record<RetentionClass, string> = {
  inspectionAv: '未归档检查音像（非证据）',
  caseFile: '随案卷保管',
  unfiled: '未归入案件',
};

const PERIOD = /^(permanent|([1-9]\d{0,2})([ym]))$/;

export function isRetentionPeriod(s: string): s is RetentionPeriod {
  return PERIOD.test(s);
}

export function retentionLabel(p: RetentionPeriod): string {
  if (p === 'permanent') return '永久';
  const n = Number(p.slice(0, -1));
  return p.endsWith('y') ? `${n}年` : `${n}个月`;
}

/**
 * The date `p` after `from`; null for permanent. A month-end start stays at the end of a shorter
 * month (2025-01-31 + 1 month = 2025-02-28), as civil-law periods are counted.
 */
export function addPeriod(from: IsoDate, p: RetentionPeriod): IsoDate | null {
  if (p === 'permanent') return null;
  const n = Number(p.slice(0, -1));
  return addMonths(from, p.endsWith('y') ? n * 12 : n);
}

/** `months` calendar months after (negative: before) `from`, clamped to the month's end. */
export function addMonths(from: IsoDate, months: number): IsoDate {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function caseFileRetention(procedure: Procedure, s: RetentionSettings): RetentionPeriod {
  return s.byProcedure[procedure] ?? s.default;
}

export const AV_KINDS = ['audio', 'video'] as const;

export interface RetentionInput {
  record: { kind: string | null; createdOn: IsoDate };
  /** The record's case, or null. */
  case: {
    actType: ActType;
    procedure: Procedure;
    closedOn: IsoDate | null;
    /** Set once its case file is archived. */
    archivedOn: IsoDate | null;
  } | null;
  marks: { evidence: boolean; disputed: boolean };
}

export interface RecordRetention {
  class: RetentionClass;
  period: RetentionPeriod;
  /** The day from which disposal may be proposed; null while it does not run (or never). */
  dueOn: IsoDate | null;
  /** Why, for people. */
  reason: string;
}

/** Whether the record is archived with its case file (everything but non-evidence inspection AV). */
export function inCaseFile(i: RetentionInput): boolean {
  return i.case !== null && retentionOf(i, DEFAULT_RETENTION).class === 'caseFile';
}

export function retentionOf(i: RetentionInput, s: RetentionSettings): RecordRetention {
  const c = i.case;
  if (c === null)
    return { class: 'unfiled', period: 'permanent', dueOn: null, reason: '未归入案件的记录长期保存' };
  const av = (AV_KINDS as readonly string[]).includes(i.record.kind ?? '');
  if (av && c.actType === 'inspection' && !i.marks.evidence && !i.marks.disputed) {
    const months = Math.max(s.inspectionAvMonths, MIN_INSPECTION_AV_MONTHS);
    const period: RetentionPeriod = `${months}m`;
    const dueOn = c.closedOn === null ? null : maxDate(addPeriod(i.record.createdOn, period)!, c.closedOn);
    return {
      class: 'inspectionAv',
      period,
      dueOn,
      reason:
        c.closedOn === null
          ? `检查音像记录自录制起至少保存 ${months} 个月；案件尚未结案，期限暂不计算`
          : `未作为证据、未引起争议的检查音像记录，自录制起保存 ${months} 个月`,
    };
  }
  const period = caseFileRetention(c.procedure, s);
  const marked = i.marks.evidence ? '作为证据，' : i.marks.disputed ? '引起争议，' : '';
  if (period === 'permanent')
    return { class: 'caseFile', period, dueOn: null, reason: `${marked}随案卷永久保存` };
  return {
    class: 'caseFile',
    period,
    dueOn: c.archivedOn === null ? null : addPeriod(c.archivedOn, period),
    reason:
      c.archivedOn === null
        ? `${marked}随案卷保管 ${retentionLabel(period)}，自归档起计算（尚未归档）`
        : `${marked}随案卷保管 ${retentionLabel(period)}，自归档之日起计算`,
  };
}

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

// ---- disposal ---------------------------------------------------------------------------------

/** Where a record stands on the retention dashboard. */
export const DISPOSAL_STATUSES = [
  'retained',
  'due',
  'awaitingApproval',
  'undoWindow',
  'ready',
  'onHold',
  'disposed',
] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];
/** The statuses the retention dashboard lists: every one but still within its retention. */
export const DASHBOARD_STATUSES = [
  'due',
  'awaitingApproval',
  'undoWindow',
  'ready',
  'onHold',
  'disposed',
] as const satisfies readonly DisposalStatus[];
export type DashboardStatus = (typeof DASHBOARD_STATUSES)[number];

/** A record marked as evidence or disputed is kept with its case file (REC-10). */
export const MARKS = ['evidence', 'disputed'] as const;
export type Mark = (typeof MARKS)[number];
export const MARK_LABELS: Record<Mark, string> = { evidence: '作为证据', disputed: '引起争议' };
/** Who approves a disposal: the records keeper and a leader, two people. */
export const DISPOSAL_APPROVERS = ['recordsKeeper', 'leader'] as const;

export const DISPOSAL_STATUS_LABELS: Record<DisposalStatus, string> = {
  retained: '保管期内',
  due: '已到期待处置',
  awaitingApproval: '待审批',
  undoWindow: '撤销期内',
  ready: '待执行处置',
  onHold: '法律冻结中',
  disposed: '已处置',
};

export interface DisposalFacts {
  dueOn: IsoDate | null;
  /** The live (not cancelled) disposal, if any. */
  disposal: {
    keeperAt: string | null;
    leaderAt: string | null;
    undoUntil: string | null;
    disposedAt: string | null;
  } | null;
  /** Active legal holds on the record or its case. */
  holds: number;
}

/**
 * The status at `now` (an ISO instant; `today` its date in the agency's zone). A hold wins over
 * everything not yet done: it blocks approval and execution alike.
 */
export function disposalStatus(f: DisposalFacts, now: string, today: IsoDate): DisposalStatus {
  if (f.disposal?.disposedAt) return 'disposed';
  if (f.holds > 0) return 'onHold';
  if (f.disposal) {
    if (f.disposal.keeperAt === null || f.disposal.leaderAt === null) return 'awaitingApproval';
    return f.disposal.undoUntil !== null && now < f.disposal.undoUntil ? 'undoWindow' : 'ready';
  }
  if (f.dueOn !== null && f.dueOn <= today) return 'due';
  return 'retained';
}

/** The end of the undo window of a disposal approved (by its second approver) at `approvedAt`. */
export function undoUntil(approvedAt: string, undoDays: number): string {
  return new Date(Date.parse(approvedAt) + undoDays * 86_400_000).toISOString();
}

/** Checks a settings object from an administrator; returns the problems (empty when valid). */
export function checkRetentionSettings(s: RetentionSettings): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  for (const [k, v] of Object.entries(s.byProcedure))
    if (!isRetentionPeriod(v))
      problems.push({ field: `byProcedure.${k}`, message: `保管期限无效：${String(v)}` });
  if (!isRetentionPeriod(s.default))
    problems.push({ field: 'default', message: `保管期限无效：${String(s.default)}` });
  if (
    !Number.isInteger(s.inspectionAvMonths) ||
    s.inspectionAvMonths < MIN_INSPECTION_AV_MONTHS ||
    s.inspectionAvMonths > 999
  )
    problems.push({
      field: 'inspectionAvMonths',
      message: `检查音像记录保存期限应为 ${MIN_INSPECTION_AV_MONTHS} 至 999 个月（不得少于 12 个月）`,
    });
  if (!Number.isInteger(s.undoDays) || s.undoDays < 1 || s.undoDays > 90)
    problems.push({ field: 'undoDays', message: '撤销期应为 1 至 90 天' });
  return problems;
}
