/**
 * Approvals by the responsible person (负责人审批): the leader approves the filing (立案审批), the
 * decision the officer proposes (决定审批; 行政处罚法 art. 57: 行政机关负责人作出决定) and the closing
 * (结案审批). Which approvals a case needs is a setting per lifecycle; the default asks all three of
 * an ordinary-procedure penalty. Pure: the gates that hold transitions until an approval is given
 * are in `procedure-gates.ts`.
 */
import { type DecisionOutcome, type Lifecycle, LIFECYCLES, OUTCOME_LABELS } from './case-machine';
import type { Sanction } from './case-types';
import type { Grade } from './penalty-rules';

export const APPROVAL_KINDS = ['filing', 'decision', 'closing'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  filing: '立案审批',
  decision: '决定审批',
  closing: '结案审批',
};

export const APPROVAL_STATES = ['pending', 'approved', 'returned'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export const APPROVAL_STATE_LABELS: Record<ApprovalState, string> = {
  pending: '待审批',
  approved: '已批准',
  returned: '已退回',
};

export const APPROVAL_VERDICTS = ['approve', 'return'] as const;
export type ApprovalVerdict = (typeof APPROVAL_VERDICTS)[number];

/** The approvals each lifecycle needs. */
export type ApprovalSettings = Record<Lifecycle, ApprovalKind[]>;

/**
 * Default: the ordinary procedure's three approvals (立案, 决定, 结案 审批表 are its standard forms).
 * The simplified procedure decides on the spot (art. 51–52) and needs none; other act types need
 * none until an office configures them.
 */
export const DEFAULT_APPROVALS: ApprovalSettings = {
  penaltyOrdinary: ['filing', 'decision', 'closing'],
  penaltySimplified: [],
  inspection: [],
  licensing: [],
  compulsionMeasure: [],
  compulsionExecution: [],
  expropriation: [],
};

/** Which approvals only make sense in a lifecycle: a decision approval needs a `decide` act. */
const DECIDES: readonly Lifecycle[] = ['penaltyOrdinary', 'licensing'];

export function checkApprovalSettings(s: ApprovalSettings): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  for (const l of LIFECYCLES) {
    const kinds = s[l];
    if (!Array.isArray(kinds)) {
      problems.push({ field: l, message: '应为审批种类的列表' });
      continue;
    }
    kinds.forEach((k, i) => {
      if (!(APPROVAL_KINDS as readonly string[]).includes(k))
        problems.push({ field: `${l}[${i}]`, message: `审批种类“${String(k)}”不正确` });
      else if (k === 'decision' && !DECIDES.includes(l))
        problems.push({ field: `${l}[${i}]`, message: '该类案件没有“作出决定”环节，不能设置决定审批' });
      else if (k === 'filing' && l === 'penaltySimplified')
        problems.push({ field: `${l}[${i}]`, message: '简易程序当场作出决定，不设立案审批' });
    });
  }
  return problems;
}

/** What an officer proposes for a decision (决定审批): the leader approves exactly this. */
export interface DecisionProposal {
  outcome: DecisionOutcome;
  /** The penalty, for outcome `penalty`. */
  sanction?: Sanction;
  /** The discretion grade applied (裁量等级). */
  grade?: Grade;
  /** 理由: the facts and reasons, and how the party's statements were considered. */
  reasons: string;
}

/** The newest approval of each kind on a case, as the gates and the case view see it. */
export interface ApprovalFact {
  id: string;
  kind: ApprovalKind;
  state: ApprovalState;
  proposal?: DecisionProposal;
}

export type CaseApprovals = Partial<Record<ApprovalKind, ApprovalFact>>;

export const isApproved = (a: CaseApprovals, kind: ApprovalKind): boolean => a[kind]?.state === 'approved';

/** A sentence naming a proposal, for messages: 「处罚（罚款 ¥20,000.00）」. */
export const proposalLabel = (p: DecisionProposal): string => OUTCOME_LABELS[p.outcome];
