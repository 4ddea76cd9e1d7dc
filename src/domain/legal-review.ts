/**
 * Legal review of major decisions (法制审核, REV-02…REV-09): the names of its stages, opinion kinds,
 * checklist items and states, and which transitions of each lifecycle a stage holds. Pure data and
 * small rules; the gates are in `legal-review-gates.ts`, the acts in `services/legal-review-service.ts`.
 */
import type { Lifecycle, TransitionAction } from './case-machine';
import type { ActType } from './case-types';
import type { ApprovalKind } from './approvals';

/** The four reviews of a major decision (「需经过四次法制审核」, REV-04). */
export const REVIEW_STAGES = ['filing', 'endOfInvestigation', 'beforeDecision', 'closing'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  filing: '立案审核',
  endOfInvestigation: '调查终结审核',
  beforeDecision: '作出决定前审核',
  closing: '结案审批审核',
};

/** The six opinion kinds (「六、法制审核的意见表述」, REV-09). */
export const OPINION_KINDS = [
  'agree',
  'investigateFurther',
  'noDecision',
  'change',
  'correct',
  'transfer',
] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];
export const OPINION_KIND_LABELS: Record<OpinionKind, string> = {
  agree: '同意',
  investigateFurther: '继续调查或补充证据',
  noDecision: '不予作出决定',
  change: '变更',
  correct: '纠正',
  transfer: '移送',
};

/** 符合 / 不符合 / 不适用. */
export const CHECK_ANSWERS = ['conform', 'nonConform', 'notApplicable'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];
export const CHECK_ANSWER_LABELS: Record<CheckAnswer, string> = {
  conform: '符合',
  nonConform: '不符合',
  notApplicable: '不适用',
};

/** The items a review answers (「四、法制审核的内容」, REV-03). */
export const CHECK_ITEMS = [
  'jurisdiction',
  'factsEvidence',
  'legalBasis',
  'appropriateness',
  'procedure',
  'collectiveDiscussion',
  'sanctionKind',
  'performance',
  'discretion',
  'crimeTransfer',
  'compensation',
  'executionConditions',
  'executionBody',
  'executionManner',
  'executionTime',
] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];
export const CHECK_ITEM_LABELS: Record<CheckItem, string> = {
  jurisdiction: '执法主体是否合法，是否超越法定权限',
  factsEvidence: '案件事实是否清楚，证据是否确凿充分',
  legalBasis: '适用法律、法规、规章是否准确',
  appropriateness: '处理是否适当',
  procedure: '程序是否合法',
  collectiveDiscussion: '是否需要集体讨论',
  sanctionKind: '行政处罚的种类是否适当',
  performance: '履行方式和期限是否适当',
  discretion: '是否符合行政处罚裁量基准',
  crimeTransfer: '是否涉嫌犯罪需要移送司法机关',
  compensation: '变更、撤回、撤销许可的补偿方案是否合法适当',
  executionConditions: '强制执行的条件是否具备',
  executionBody: '强制执行的主体是否合法',
  executionManner: '强制执行的方式是否合法',
  executionTime: '强制执行的时间是否合法',
};
const GENERAL_ITEMS: readonly CheckItem[] = [
  'jurisdiction',
  'factsEvidence',
  'legalBasis',
  'appropriateness',
  'procedure',
  'collectiveDiscussion',
];
const ACT_ITEMS: Record<ActType, readonly CheckItem[]> = {
  penalty: ['sanctionKind', 'performance', 'discretion', 'crimeTransfer'],
  licensing: ['compensation'],
  compulsion: ['executionConditions', 'executionBody', 'executionManner', 'executionTime'],
  inspection: [],
  expropriation: [],
};
/** The items a review of a case of this act type answers: the general ones, then the act's own. */
export function checklistFor(actType: ActType): CheckItem[] {
  return [...GENERAL_ITEMS, ...ACT_ITEMS[actType]];
}

/** Where a review stands. */
export const REVIEW_STATES = [
  'submitted',
  'assigned',
  'opinionIssued',
  'adopted',
  'objected',
  'escalated',
  'decided',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  submitted: '待分配',
  assigned: '审核中',
  opinionIssued: '已出具意见',
  adopted: '已采纳',
  objected: '已提出异议',
  escalated: '报负责人决定',
  decided: '负责人已决定',
};

/** The reviewer's written answer to an objection: keep the opinion, or revise it. */
export const REPLY_DECISIONS = ['maintain', 'revise'] as const;
export type ReplyDecision = (typeof REPLY_DECISIONS)[number];
/** The leader's final decision: with the handling unit's position, or with the review's opinion. */
export const FINAL_SIDES = ['unit', 'review'] as const;
export type FinalSide = (typeof FINAL_SIDES)[number];
export const FINAL_SIDE_LABELS: Record<FinalSide, string> = {
  unit: '采纳承办部门意见',
  review: '维持法制审核意见',
};

/** A stage's state as the case view shows it. */
export const STAGE_STATES = [
  'notRequired',
  'required',
  'inReview',
  'returned',
  'disputed',
  'passed',
] as const;
export type StageState = (typeof STAGE_STATES)[number];
export const STAGE_STATE_LABELS: Record<StageState, string> = {
  notRequired: '无需审核',
  required: '待提交审核',
  inReview: '审核中',
  returned: '审核未通过',
  disputed: '异议处理中',
  passed: '已通过',
};

/**
 * The transitions each stage holds in each lifecycle, and the leaders' approvals (issue 12) that may
 * not be asked for before the stage's review agrees. A lifecycle without a row for a stage has no
 * act at that point (a simplified penalty is decided on the spot; a seizure is decided at filing).
 */
export const STAGE_TRANSITIONS: Record<
  Lifecycle,
  Partial<Record<ReviewStage, readonly TransitionAction[]>>
> = {
  penaltyOrdinary: {
    filing: ['startInvestigation'],
    endOfInvestigation: ['endInvestigation'],
    beforeDecision: ['decide'],
    closing: ['close'],
  },
  penaltySimplified: { closing: ['close'] },
  inspection: { filing: ['startInspection'], beforeDecision: ['recordResult'], closing: ['close'] },
  licensing: {
    filing: ['accept'],
    beforeDecision: ['decide', 'amendLicence', 'withdrawLicence', 'revokeLicence'],
    closing: ['close'],
  },
  compulsionMeasure: { beforeDecision: ['dispose'], closing: ['close'] },
  compulsionExecution: { beforeDecision: ['decideExecution'], closing: ['close'] },
  expropriation: { closing: ['close'] },
};

/** The approval whose request waits for a stage's review (issue 12's approvals). */
export const STAGE_APPROVALS: Record<ApprovalKind, ReviewStage> = {
  filing: 'filing',
  decision: 'beforeDecision',
  closing: 'closing',
};

/** The stage a transition of this lifecycle belongs to, if any. */
export function stageOf(lifecycle: Lifecycle, action: TransitionAction): ReviewStage | null {
  const map = STAGE_TRANSITIONS[lifecycle];
  for (const s of REVIEW_STAGES) if (map[s]?.includes(action)) return s;
  return null;
}

/** The stages a lifecycle has. */
export function stagesOf(lifecycle: Lifecycle): ReviewStage[] {
  return REVIEW_STAGES.filter((s) => STAGE_TRANSITIONS[lifecycle][s] !== undefined);
}
