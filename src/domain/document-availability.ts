/**
 * Which documents may be drafted on a case now (REC-02): the server says so, and the workbench
 * offers only these kinds. A document comes at its point in the procedure — the 事先告知书 once the
 * penalty is proposed and before the 告知, the decision once it is taken, the 送达回证 once there is
 * something numbered to serve. Records (笔录) and internal forms may be made while the case is open.
 * Pure.
 */
import type { Lifecycle, CaseState, DecisionOutcome } from './case-machine';
import type { ActType, Sanction } from './case-types';
import { DOCUMENT_KINDS, DOCUMENT_KIND_INFO, isServed, type DocumentKind } from './documents';

export interface DocumentAvailabilityInput {
  actType: ActType;
  lifecycle: Lifecycle;
  state: CaseState;
  closed: boolean;
  outcome?: DecisionOutcome;
  /** The penalty proposed (before the notice) or decided. */
  sanction?: Sanction;
  /** Kinds issued on the case. */
  issued: readonly DocumentKind[];
}

/** States in which the decision has been taken and its document may be made. */
const DECIDED: readonly CaseState[] = ['decided', 'decidedOnSpot', 'served', 'executed'];

/** Why a kind may not be drafted now (Chinese), or null when it may. */
export function draftRefusal(kind: DocumentKind, c: DocumentAvailabilityInput): string | null {
  const info = DOCUMENT_KIND_INFO[kind];
  if (!info.actTypes.includes(c.actType)) return `本案不适用“${info.label}”`;
  if (c.closed) return '案件已办结，不能再制作文书';
  if (info.review) return `${info.label}在法制审核办理时自动出具，不另行制作`;
  switch (kind) {
    case 'penaltyNotice':
      if (c.lifecycle !== 'penaltyOrdinary') return '简易程序当场作出决定，不制作事先告知书';
      if (c.state !== 'investigationEnded')
        return c.state === 'filed' || c.state === 'investigating'
          ? '调查终结后方可制作事先告知书'
          : '已经告知，不能再制作事先告知书（如需更正，请重新出具已签发的告知书）';
      if (!c.sanction) return '请先登记拟作出的处罚，再制作事先告知书';
      return null;
    case 'hearingNotice':
    case 'hearingRecord':
      return c.state === 'hearing' ? null : '当事人申请听证后方可制作听证文书';
    case 'penaltyDecision':
      if (!DECIDED.includes(c.state) || c.outcome !== 'penalty')
        return c.outcome === 'noPenalty' || c.outcome === 'transfer'
          ? '本案的决定不是给予行政处罚'
          : '作出行政处罚决定后方可制作决定书';
      return null;
    case 'noPenaltyDecision':
      if (!DECIDED.includes(c.state) || c.outcome !== 'noPenalty')
        return c.outcome === 'penalty' ? '本案已决定给予行政处罚' : '作出不予行政处罚决定后方可制作决定书';
      return null;
    case 'serviceReceipt':
      return c.issued.some(isServed) ? null : '尚无已签发的需送达文书';
    // Records (笔录), internal forms and the compulsion documents: while the case is open.
    case 'filingApproval':
    case 'inspectionRecord':
    case 'inquiryRecord':
    case 'examinationRecord':
    case 'samplingVoucher':
    case 'legalReviewOpinion':
    case 'reReviewRequest':
    case 'reReviewOpinion':
    case 'reReviewDecision':
    case 'collectiveDiscussion':
    case 'closingApproval':
    case 'seizureDecision':
    case 'seizureList':
    case 'admonitionNotice':
    case 'executionDecision':
      return null;
  }
}

/** The kinds that may be drafted now, in the list's order. */
export function draftableKinds(c: DocumentAvailabilityInput): DocumentKind[] {
  return DOCUMENT_KINDS.filter((k) => draftRefusal(k, c) === null);
}
