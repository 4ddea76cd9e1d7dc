/**
 * The facts of a case as the machine and the case view need them: what the case keeps (stored
 * facts and dates), what time adds (a period is over, it is night), and the flags the workbench
 * shows instead of re-deriving rules (may the decision period be extended, may the decision be
 * taken at once on the party's waiver). Pure: the clock's instant and the calendar are passed in.
 */
import { addWorkingDays, isStatutoryHoliday, type WorkCalendar } from './calendar';
import { ADMONITION_PERIOD_WORKING_DAYS, NOTICE_PERIOD_WORKING_DAYS, type CaseDates } from './case-deadlines';
import type { CaseFacts, Lifecycle, TransitionAction } from './case-machine';
import type { Performance } from './performance';
import type { Grade } from './penalty-rules';
import { allowedActions, type CaseState, type GateCheck, type PresetInput } from './case-machine';
import type { PartyStatement, Sanction } from './case-types';
import type { IsoDate } from './dates';
import { shanghaiDate, shanghaiHour } from './shanghai-time';

/** What the case keeps besides its state: the machine's facts and the penalty proposed or decided. */
export interface StoredFacts extends CaseFacts {
  sanction?: Sanction;
  /** The party's statement and defence after the notice and how it was considered (for the decision). */
  statement?: PartyStatement;
  hearingReasons?: string[];
  terminateReason?: string;
  urgentReason?: string;
  extensionDays?: number;
  /** What the party did to perform the decision, recorded before 执行 (issue 12). */
  performance?: Performance;
  /** The discretion grade of the decision approved (裁量等级). */
  grade?: Grade;
  /** The reasons of the decision approved. */
  decisionReasons?: string;
}

export const parseFacts = (r: { facts: string }): StoredFacts => JSON.parse(r.facts) as StoredFacts;
export const parseDates = (r: { dates: string }): CaseDates => JSON.parse(r.dates) as CaseDates;

/** Time-dependent facts the machine needs, as of the date `on` the act takes place. */
export function derivedFacts(
  cal: WorkCalendar,
  dates: CaseDates,
  on: IsoDate,
  now: Date,
  hearingHeld: boolean,
): Partial<CaseFacts> {
  const noticeDue = dates.noticedOn
    ? addWorkingDays(cal, dates.noticedOn, NOTICE_PERIOD_WORKING_DAYS).date
    : null;
  const admonitionDue = dates.admonitionServedOn
    ? addWorkingDays(cal, dates.admonitionServedOn, ADMONITION_PERIOD_WORKING_DAYS).date
    : null;
  const hour = shanghaiHour(now);
  // 行政强制法 art. 43: "夜间" read as 22:00–06:00 (the reading of 治安管理 practice); the act is
  // taken to happen now when it is recorded for today.
  const night = on === shanghaiDate(now) && (hour >= 22 || hour < 6);
  return {
    noticePeriodOver: noticeDue !== null && on > noticeDue,
    admonitionPeriodOver: admonitionDue !== null && on > admonitionDue,
    atNightOrHoliday: night || isStatutoryHoliday(cal, on),
    hearingHeld,
  };
}

/** What an act brings with it that sets dates. */
export interface DatedInput {
  hearingOn?: IsoDate;
  handedOverOnSpot?: boolean;
}

/** The dates an act sets, by action. */
export function datesAfter(
  action: TransitionAction,
  lifecycle: Lifecycle,
  on: IsoDate,
  req: DatedInput,
  facts: StoredFacts,
): Partial<CaseDates> {
  switch (action) {
    case 'notice':
      return { noticedOn: on };
    case 'requestHearing':
      return { hearingRequestedOn: on, ...(req.hearingOn && { hearingOn: req.hearingOn }) };
    case 'decide':
      return {
        decidedOn: on,
        ...(req.handedOverOnSpot && { handedOverOnSpot: true }),
        ...(facts.sanction && { hasFine: facts.sanction.fine > 0 }),
      };
    case 'serve':
      return { servedOn: on };
    case 'execute':
      return lifecycle === 'penaltyOrdinary' || lifecycle === 'penaltySimplified' ? { paidOn: on } : {};
    case 'close':
    case 'terminate':
    case 'refuseApplication':
      return { closedOn: on };
    case 'accept':
      return { acceptedOn: on };
    case 'extend':
      return { measureExtended: true };
    case 'release':
    case 'dispose':
      return { measureReleasedOn: on };
    case 'decideExecution':
      return { executionDecidedOn: on };
    case 'startInvestigation':
    case 'endInvestigation':
    case 'startInspection':
    case 'recordResult':
    case 'startReinspection':
    case 'recordReinspection':
    case 'startReview':
    case 'amendLicence':
    case 'withdrawLicence':
    case 'revokeLicence':
    case 'enforce':
    case 'recordCompliance':
      return {};
  }
}

/** The dates, with the two facts of the notice that decide how its period reads. */
export function deadlineInput(
  dates: CaseDates,
  f: Pick<StoredFacts, 'hearingOffered' | 'partyWaived'>,
): CaseDates {
  return {
    ...dates,
    ...(f.hearingOffered !== undefined && { hearingOffered: f.hearingOffered }),
    ...(f.partyWaived === true && { partyWaived: true }),
  };
}

/** How far a case's decision period may still be lengthened with a leader's approval. */
export interface DecisionExtension {
  /** Days approved so far. */
  usedDays: number;
  /** The most that may be approved in all. */
  maxDays: number;
  /** `natural`: calendar days (行政处罚法); `working`: working days (行政许可法). */
  unit: 'natural' | 'working';
}

/**
 * The extension a lifecycle's decision period allows with a leader's approval (行政处罚法 art. 60:
 * 90 days, extendable — read here as at most a year in all; 行政许可法 art. 42: 20 working days,
 * +10). null: the lifecycle has no decision period to extend (or a licence under 告知承诺).
 */
export function decisionPeriodExtension(
  lifecycle: Lifecycle,
  procedure: string,
): Omit<DecisionExtension, 'usedDays'> | null {
  if (lifecycle === 'penaltyOrdinary') return { maxDays: 275, unit: 'natural' };
  if (lifecycle === 'licensing' && procedure === 'standard') return { maxDays: 10, unit: 'working' };
  return null;
}

/** Whether this case's decision period may still be extended, and how far; null when not. */
export function decisionExtension(
  lifecycle: Lifecycle,
  procedure: string,
  dates: CaseDates,
  closed: boolean,
): DecisionExtension | null {
  const period = decisionPeriodExtension(lifecycle, procedure);
  if (period === null || closed || dates.decidedOn) return null;
  const usedDays = dates.decisionExtensionDays ?? 0;
  return usedDays < period.maxDays ? { usedDays, ...period } : null;
}

/**
 * Actions not open now that open at once when the party waives 陈述、申辩 and hearing (a decision
 * inside the notice period, 行政处罚法 art. 62): the workbench offers them with the waiver asked.
 */
export function actionsOnWaiver(
  lifecycle: Lifecycle,
  state: CaseState,
  facts: CaseFacts,
  gate?: GateCheck,
  preset?: PresetInput,
): TransitionAction[] {
  if (facts.partyWaived === true) return [];
  const now = allowedActions(lifecycle, state, facts, gate, preset);
  return allowedActions(lifecycle, state, { ...facts, partyWaived: true }, gate, preset).filter(
    (a) => !now.includes(a),
  );
}
