/**
 * The gates the law implies on a case's procedure (issue 12), registered with the case machine
 * through the gate registry (`src/capabilities.ts`). Each names its rule:
 * - 立案审批: nothing is done on an ordinary-procedure case before the leader approves its filing
 *   (only 撤销立案 is open);
 * - 调查终结 needs at least one piece of evidence on the case (行政处罚法 art. 54–55: 调查取证);
 * - 告知 needs the 行政处罚事先告知书 issued (art. 44–45): it is drafted and issued first;
 * - 作出决定 needs the leader's approval of exactly the decision proposed (art. 57);
 * - 送达 needs the decision document issued (art. 59, 61);
 * - 执行 needs the performance recorded: the fine paid, with any 加处罚款 (art. 67, 72), or the
 *   ordered correction done;
 * - 结案 needs the leader's closing approval.
 * Which approvals a lifecycle needs is a setting (`approvals.ts`); the facts are loaded by the
 * procedure fact source (`services/procedure-facts.ts`). Pure.
 */
import { type ApprovalKind, type CaseApprovals, isApproved, APPROVAL_KIND_LABELS } from './approvals';
import type { CaseGate, CaseGateRegistry, GateContext } from './case-gates';
import { OUTCOME_LABELS, type PresetInput, TRANSITION_ACTIONS } from './case-machine';
import type { DocumentKind } from './documents';
import type { GateRefusal } from './gate-refusal';
import type { Performance } from './performance';

/** What the procedure's gates read about a case. */
export interface ProcedureFacts {
  /** The approvals this case's lifecycle needs (setting). */
  requiredApprovals: readonly ApprovalKind[];
  /** The newest approval of each kind. */
  approvals: CaseApprovals;
  /** Records on the case other than issued documents: photos, scans, AV, text records. */
  evidenceRecords: number;
  /** Kinds of document issued (final) on the case. */
  issuedDocuments: readonly DocumentKind[];
  performance?: Performance;
  /** The fine decided, in fen (0 when none): what the performance must cover. */
  fine: number;
}

declare module './case-gates' {
  interface CapabilityFacts {
    proceeding?: ProcedureFacts;
  }
}

const NO_FACTS: ProcedureFacts = {
  requiredApprovals: [],
  approvals: {},
  evidenceRecords: 0,
  issuedDocuments: [],
  fine: 0,
};
const factsOf = (ctx: GateContext): ProcedureFacts => ctx.facts.proceeding ?? NO_FACTS;

/** The refusal for a required approval not (yet) given; null when given or not required. */
function approvalMissing(
  p: ProcedureFacts,
  kind: ApprovalKind,
  code: GateRefusal['code'],
  what: string,
): GateRefusal | null {
  if (!p.requiredApprovals.includes(kind) || isApproved(p.approvals, kind)) return null;
  const label = APPROVAL_KIND_LABELS[kind];
  const state = p.approvals[kind]?.state;
  const message =
    state === 'pending'
      ? `${label}尚待负责人审批，批准后方可${what}`
      : state === 'returned'
        ? `${label}已被负责人退回，请修改后重新提请${label}`
        : `${what}须经负责人批准：请先提请${label}`;
  return { code, message, field: 'approval' };
}

export const FILING_APPROVAL_GATE: CaseGate = {
  id: 'procedure.filingApproval',
  actions: TRANSITION_ACTIONS.filter((a) => a !== 'terminate'),
  guard: (ctx) => approvalMissing(factsOf(ctx), 'filing', 'FILING_APPROVAL_REQUIRED', '办理本案'),
};

export const EVIDENCE_GATE: CaseGate = {
  id: 'procedure.evidence',
  actions: ['endInvestigation'],
  guard: (ctx) =>
    factsOf(ctx).evidenceRecords > 0
      ? null
      : {
          code: 'EVIDENCE_REQUIRED',
          message: '本案尚无任何证据材料，不能调查终结：请先在执法环节中上传照片、笔录扫描件或音视频等证据',
          field: 'evidence',
        },
};

export const NOTICE_ISSUED_GATE: CaseGate = {
  id: 'procedure.noticeIssued',
  actions: ['notice'],
  lifecycles: ['penaltyOrdinary'],
  guard: (ctx) =>
    factsOf(ctx).issuedDocuments.includes('penaltyNotice')
      ? null
      : {
          code: 'NOTICE_NOT_ISSUED',
          message: '行政处罚事先告知书尚未签发：请先制作并签发事先告知书，再进行告知',
          field: 'documents',
        },
};

export const DECISION_APPROVAL_GATE: CaseGate = {
  id: 'procedure.decisionApproval',
  actions: ['decide'],
  guard: (ctx) => {
    const p = factsOf(ctx);
    const missing = approvalMissing(p, 'decision', 'DECISION_APPROVAL_REQUIRED', '作出决定');
    if (missing || !p.requiredApprovals.includes('decision')) return missing;
    const proposal = p.approvals.decision?.proposal;
    // The decision is the one approved: another outcome asks for a new approval.
    if (proposal && ctx.input?.outcome !== undefined && ctx.input.outcome !== proposal.outcome)
      return {
        code: 'DECISION_DIFFERS_FROM_APPROVAL',
        message: `负责人批准的决定为“${OUTCOME_LABELS[proposal.outcome]}”，与本次提交的决定不一致；如需改变，请重新提请决定审批`,
        field: 'outcome',
      };
    return null;
  },
};

export const DECISION_ISSUED_GATE: CaseGate = {
  id: 'procedure.decisionIssued',
  actions: ['serve'],
  lifecycles: ['penaltyOrdinary'],
  guard: (ctx) => {
    const kind: DocumentKind = ctx.facts.outcome === 'noPenalty' ? 'noPenaltyDecision' : 'penaltyDecision';
    if (factsOf(ctx).issuedDocuments.includes(kind)) return null;
    const label = kind === 'noPenaltyDecision' ? '不予行政处罚决定书' : '行政处罚决定书';
    return {
      code: 'DECISION_NOT_ISSUED',
      message: `${label}尚未签发，不能送达：请先制作并签发${label}`,
      field: 'documents',
    };
  },
};

export const PERFORMANCE_GATE: CaseGate = {
  id: 'procedure.performance',
  actions: ['execute'],
  lifecycles: ['penaltyOrdinary', 'penaltySimplified'],
  guard: (ctx) =>
    factsOf(ctx).performance
      ? null
      : {
          code: 'PERFORMANCE_REQUIRED',
          message:
            factsOf(ctx).fine > 0
              ? '尚未登记当事人缴纳罚款的情况（金额、缴款日期、收据编号），不能执行完毕'
              : '尚未登记当事人履行处罚决定的情况（改正情况及其记录），不能执行完毕',
          field: 'performance',
        },
};

export const CLOSING_APPROVAL_GATE: CaseGate = {
  id: 'procedure.closingApproval',
  actions: ['close'],
  guard: (ctx) => approvalMissing(factsOf(ctx), 'closing', 'CLOSING_APPROVAL_REQUIRED', '结案'),
};

export const PROCEDURE_GATES: readonly CaseGate[] = [
  FILING_APPROVAL_GATE,
  EVIDENCE_GATE,
  NOTICE_ISSUED_GATE,
  DECISION_APPROVAL_GATE,
  DECISION_ISSUED_GATE,
  PERFORMANCE_GATE,
  CLOSING_APPROVAL_GATE,
];

/**
 * What the server fills into an act from the procedure: a decision that needs approval takes its
 * outcome from the approved proposal.
 */
export function procedurePreset(p: ProcedureFacts | undefined): PresetInput {
  return (action) => {
    const proposal = p?.approvals.decision?.proposal;
    if (
      action !== 'decide' ||
      !p?.requiredApprovals.includes('decision') ||
      !isApproved(p.approvals, 'decision')
    )
      return undefined;
    return proposal ? { outcome: proposal.outcome } : undefined;
  };
}

/** Registers the procedure's gates. */
export function registerProcedureGates(gates: CaseGateRegistry): CaseGateRegistry {
  for (const g of PROCEDURE_GATES) gates.register(g);
  return gates;
}
