/**
 * The gates legal review puts on a case (REV-04, REV-06; 行政处罚法 art. 58): a major case passes a
 * stage's transitions (`STAGE_TRANSITIONS`) only once that stage's review agreed or the office
 * leader decided it after escalation; a case that is not major but had a hearing or was marked
 * complex needs the review before its decision; a major case is decided only after the case-review
 * meeting. A case that becomes major midway meets only the gates still ahead of it. Pure; the facts
 * are loaded by `services/legal-review-facts.ts`.
 */
import type { CaseGate, CaseGateRegistry, GateContext } from './case-gates';
import type { TransitionAction } from './case-machine';
import type { GateRefusal } from './gate-refusal';
import {
  REVIEW_STAGE_LABELS,
  REVIEW_STAGES,
  STAGE_TRANSITIONS,
  stageOf,
  type ReviewStage,
} from './legal-review';

/** What the gates read about a case's legal review. */
export interface LegalReviewFacts {
  /** Stages whose review agreed or was decided by the leader. */
  passed: readonly ReviewStage[];
  /** Art. 58: a hearing was held or a leader marked the case complex. */
  preDecisionRequired: boolean;
  /** The case-review meeting was recorded. */
  meetingHeld: boolean;
}

declare module './case-gates' {
  interface CapabilityFacts {
    legalReview?: LegalReviewFacts;
  }
}

/** Whether a stage's review is needed now. */
export function stageRequired(stage: ReviewStage, major: boolean, f: LegalReviewFacts | undefined): boolean {
  return major || (stage === 'beforeDecision' && f?.preDecisionRequired === true);
}

export function stageGuard(stage: ReviewStage, ctx: GateContext): GateRefusal | null {
  if (stageOf(ctx.lifecycle, ctx.action) !== stage) return null;
  const f = ctx.facts.legalReview;
  if (!stageRequired(stage, ctx.case.major, f)) return null;
  if (f?.passed.includes(stage)) return null;
  const why = ctx.case.major ? '重大执法决定' : '举行听证或案情复杂的案件';
  return {
    code: 'LEGAL_REVIEW_REQUIRED',
    message: `${why}须经${REVIEW_STAGE_LABELS[stage]}同意（或异议经负责人决定）后方可办理此环节`,
    field: 'legalReview',
  };
}

export function meetingGuard(ctx: GateContext): GateRefusal | null {
  if (!ctx.case.major || ctx.facts.legalReview?.meetingHeld === true) return null;
  return {
    code: 'REVIEW_MEETING_REQUIRED',
    message: '重大执法决定须经法制审核后提交案审会集体讨论，方可作出决定',
    field: 'legalReview.meeting',
  };
}

function actionsOf(stage: ReviewStage): TransitionAction[] {
  const all = new Set<TransitionAction>();
  for (const map of Object.values(STAGE_TRANSITIONS)) for (const a of map[stage] ?? []) all.add(a);
  return [...all];
}

/** The gates, one per stage, then the meeting. */
export const LEGAL_REVIEW_GATES: readonly CaseGate[] = [
  ...REVIEW_STAGES.map((stage): CaseGate => ({
    id: `legalReview.${stage}`,
    actions: actionsOf(stage),
    guard: (ctx) => stageGuard(stage, ctx),
  })),
  { id: 'legalReview.meeting', actions: ['decide'], guard: meetingGuard },
];

export function registerLegalReviewGates(r: CaseGateRegistry): CaseGateRegistry {
  for (const g of LEGAL_REVIEW_GATES) r.register(g);
  return r;
}
