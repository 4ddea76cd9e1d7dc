/**
 * The legal review API's shapes (issue 13, REV-01…REV-09): the case view's `legalReview` block, a
 * review with its opinion and re-review, the reviewer's queue, the case-review meeting, and the
 * settings. The workbench reads their static types.
 *
 * Routes (every act on a case or review answers with the case view, `CaseView.legalReview`, unless
 * said otherwise):
 *   POST /api/cases/:id/legal-review/categories   ManualCategoryBody   leader/reviewer adds 6 or 7
 *   POST /api/cases/:id/legal-review/complex      ComplexBody          leader marks complex (art. 58)
 *   POST /api/cases/:id/legal-reviews             SubmitReviewBody     case officer submits a stage
 *   POST /api/cases/:id/review-meetings           MeetingBody          leader records the 案审会
 *   GET  /api/legal-reviews                       LegalReviewQuery  → LegalReviewPage (待审核 queue)
 *   GET  /api/legal-review/inbox                  LegalReviewInboxQuery → LegalReviewInbox (leader)
 *   GET  /api/legal-reviews/:id                                     → LegalReview
 *   POST /api/legal-reviews/:id/assignment        AssignBody        → LegalReview
 *   POST /api/legal-reviews/:id/extension         ExtensionBody     → LegalReview (reviewer asks)
 *   POST /api/legal-reviews/:id/extension/decision ExtensionDecisionBody → LegalReview (leader)
 *   POST /api/legal-reviews/:id/opinion           OpinionBody       → LegalReview (issues 意见书)
 *   POST /api/legal-reviews/:id/adoption          {}                → LegalReview (unit adopts)
 *   POST /api/legal-reviews/:id/objection         ObjectionBody     → LegalReview (unit, 2 working days)
 *   POST /api/legal-reviews/:id/reply             ReplyBody         → LegalReview (reviewer, 3 working days)
 *   POST /api/legal-reviews/:id/final-decision    FinalDecisionBody → LegalReview (leader; final)
 *   GET|PUT /api/settings/legal-review            LegalReviewSettings
 *   GET|PUT /api/users/:id/legal-qualification    LegalQualificationBody → LegalQualification (admin)
 */
import { MANUAL_CATEGORIES } from '../../domain/major-decision';
import { Type, type Static, type TSchema } from 'typebox';
import {
  CHECK_ANSWERS,
  CHECK_ITEMS,
  FINAL_SIDES,
  OPINION_KINDS,
  REPLY_DECISIONS,
  REVIEW_STAGES,
  REVIEW_STATES,
  STAGE_STATES,
} from '../../domain/legal-review';
import { TRANSITION_ACTIONS } from '../../domain/case-machine';
import {
  EXTENSION_STATES,
  REVIEW_ALERT_STAGES,
  REVIEW_DEADLINE_KINDS,
} from '../../domain/legal-review-deadlines';
import { Id, IsoDate, Limit, MultiLine, Name, Obj, OneOf, Text } from '../schemas';

const Str = Type.String();
const Bool = Type.Boolean();
const Int = Type.Integer();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Who = Obj({ id: Str, name: Str });
const Category = Type.Integer({ minimum: 1, maximum: 7 });
/** A deadline computed over the work calendar; `confirmed: false` when a year had no schedule. */
const Due = Obj({ due: Str, workingDays: Int, confirmed: Bool });

// ---- classification on a case (REV-01) ----

export const CaseClassificationSchema = Obj({
  major: Bool,
  /** Each matched category once, sorted, with the Chinese reason naming the fact and threshold. */
  categories: Type.Array(
    Obj({
      category: Category,
      label: Str,
      reason: Str,
      /** Added by a person (6 or 7), with who and when; false when computed from the facts. */
      manual: Bool,
      addedBy: Nullable(Who),
      addedAt: Nullable(Str),
    }),
  ),
  /** A leader marked the case complex (行政处罚法 art. 58). */
  complex: Nullable(Obj({ reason: Str, by: Who, at: Str })),
  /** A hearing was held (art. 58). */
  hearingHeld: Bool,
  /** Art. 58: a review before the decision is needed even when not major. */
  preDecisionReviewRequired: Bool,
  /** When the case was last classified (null: never, e.g. before the first fact). */
  classifiedAt: Nullable(Str),
});
export type CaseClassification = Static<typeof CaseClassificationSchema>;

// ---- a review ----

export const MaterialSchema = Obj({ kind: OneOf(['record', 'document'] as const), id: Str, title: Str });
export type Material = Static<typeof MaterialSchema>;
export const ChecklistAnswerSchema = Obj({
  item: OneOf(CHECK_ITEMS),
  label: Str,
  answer: OneOf(CHECK_ANSWERS),
  answerLabel: Str,
  note: Str,
});
export const ParticipantsSchema = Obj({
  /** The party was heard (听取当事人意见): when, and what was said. */
  partyHeard: Nullable(Obj({ on: Str, note: Str })),
  /** Investigated jointly with the handling unit. */
  jointInvestigation: Nullable(Obj({ on: Str, note: Str })),
  /** Legal advisers or experts invited. */
  advisers: Type.Array(Obj({ name: Str, role: Str, opinion: Str })),
});
/** A document legal review issued (a record of the case, in the sub-volume), with its 文号. */
const DocumentRefSchema = Obj({ id: Str, number: Nullable(Str) });
export const OpinionSchema = Obj({
  kind: OneOf(OPINION_KINDS),
  kindLabel: Str,
  reasons: Str,
  checklist: Type.Array(ChecklistAnswerSchema),
  participants: ParticipantsSchema,
  by: Who,
  issuedAt: Str,
  /** The 法制审核意见书 issued with it (a record of the case, in the sub-volume). */
  document: Nullable(DocumentRefSchema),
});
export type Opinion = Static<typeof OpinionSchema>;
export const ObjectionSchema = Obj({
  reasons: Str,
  by: Who,
  at: Str,
  /** The 复审申请书 issued with the objection. */
  document: Nullable(DocumentRefSchema),
  /** The review unit's written answer (REV-07: within 3 working days). */
  reply: Nullable(
    Obj({
      decision: OneOf(REPLY_DECISIONS),
      kind: OneOf(OPINION_KINDS),
      kindLabel: Str,
      text: Str,
      by: Who,
      at: Str,
      /** The 复审意见书 (法复审 文号). */
      document: Nullable(DocumentRefSchema),
    }),
  ),
  replyDue: Due,
  /** The office leader's final decision after escalation. */
  finalDecision: Nullable(
    Obj({
      side: OneOf(FINAL_SIDES),
      sideLabel: Str,
      reasons: Str,
      by: Who,
      at: Str,
      /** The 法制审核异议决定书. */
      document: Nullable(DocumentRefSchema),
    }),
  ),
});
export type Objection = Static<typeof ObjectionSchema>;
export const ExtensionSchema = Obj({
  reason: Str,
  requestedBy: Who,
  requestedAt: Str,
  state: OneOf(['pending', 'approved', 'refused'] as const),
  /** The review period's due day when the extension was asked for. */
  originalDue: Str,
  decidedBy: Nullable(Who),
  decidedAt: Nullable(Str),
  opinion: Nullable(Str),
});

/** What the viewer may do on a review now (computed by the server; the workbench shows these). */
export const REVIEW_ACTS = [
  'assign',
  'requestExtension',
  'decideExtension',
  'issueOpinion',
  'adopt',
  'object',
  'reply',
  'decideFinally',
] as const;
export type ReviewAct = (typeof REVIEW_ACTS)[number];

/**
 * The deadline running now on a review: the review period (REV-05), the unit's objection window or
 * the review unit's reply (REV-07); `daysLeft` in working days (0 on the due day, negative after),
 * `confirmed: false` when a year it touches has no official schedule.
 */
export const CurrentDeadlineSchema = Obj({
  kind: OneOf(REVIEW_DEADLINE_KINDS),
  label: Str,
  due: Str,
  workingDays: Int,
  confirmed: Bool,
  daysLeft: Int,
  overdue: Bool,
});
export type CurrentDeadline = Static<typeof CurrentDeadlineSchema>;

export const LegalReviewSummarySchema = Obj({
  id: Id,
  caseId: Id,
  caseNumber: Str,
  caseTitle: Str,
  stage: OneOf(REVIEW_STAGES),
  stageLabel: Str,
  round: Int,
  state: OneOf(REVIEW_STATES),
  stateLabel: Str,
  reviewUnit: Who,
  submittedBy: Who,
  submittedAt: Str,
  /** The review period (REV-05: 5 working days, once extended by 3); `workingDays` as it runs now. */
  due: Due,
  /** The deadline running now; null once nothing is owed (passed, adopted, escalated, decided). */
  currentDeadline: Nullable(CurrentDeadlineSchema),
  /** Working days left until the running deadline (else the review period's due day). */
  daysLeft: Int,
  /** The review unit is late: the review period or the reply is past its due day. */
  overdue: Bool,
  reviewer: Nullable(Who),
  opinionKind: Nullable(OneOf(OPINION_KINDS)),
  opinionKindLabel: Nullable(Str),
  /** The stage ended: agreed, or decided by the leader after escalation. */
  passed: Bool,
});
export type LegalReviewSummary = Static<typeof LegalReviewSummarySchema>;

export const LegalReviewSchema = Obj({
  ...LegalReviewSummarySchema.properties,
  statement: Str,
  materials: Type.Array(MaterialSchema),
  /** The items this review answers (general + the act type's). */
  checklistItems: Type.Array(Obj({ item: OneOf(CHECK_ITEMS), label: Str })),
  extension: Nullable(ExtensionSchema),
  /** Whether the one extension may still be asked for, or where it stands (REV-05). */
  extensionState: OneOf(EXTENSION_STATES),
  extensionStateLabel: Str,
  /** Deadline alerts raised on this review (before, on and after each due day). */
  alerts: Type.Array(
    Obj({
      deadline: OneOf(REVIEW_DEADLINE_KINDS),
      label: Str,
      stage: OneOf(REVIEW_ALERT_STAGES),
      due: Str,
      raisedAt: Str,
    }),
  ),
  opinion: Nullable(OpinionSchema),
  /** When the handling unit received the opinion, and until when it may object (2 working days). */
  objectionDue: Nullable(Due),
  adoptedAt: Nullable(Str),
  objection: Nullable(ObjectionSchema),
  acts: Type.Array(OneOf(REVIEW_ACTS)),
  /** Reviewers of the review unit this viewer may assign the review to (empty unless `assign`). */
  assignable: Type.Array(Obj({ id: Str, name: Str, qualified: Bool, firstReview: Bool })),
});
export type LegalReview = Static<typeof LegalReviewSchema>;

export const LegalReviewQuerySchema = Obj({
  /**
   * `open` (default): not ended; `mine`: assigned to me and open; `overdue`: the review period or
   * the reply is past its due day; `all`.
   */
  view: Type.Optional(OneOf(['open', 'mine', 'overdue', 'all'] as const)),
  stage: Type.Optional(OneOf(REVIEW_STAGES)),
  unitId: Type.Optional(Id),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Id),
});
export const LegalReviewPageSchema = Obj({
  items: Type.Array(LegalReviewSummarySchema),
  nextCursor: Nullable(Str),
});
export type LegalReviewPage = Static<typeof LegalReviewPageSchema>;

// ---- the leader's inbox ----

const Section = <T extends TSchema>(item: T) =>
  Obj({ count: Type.Integer({ minimum: 0 }), items: Type.Array(item) });

export const LegalReviewInboxQuerySchema = Obj({
  /** How many items each section lists at most; `count` is always the whole. */
  limit: Type.Optional(Limit),
});
/** A major case whose pre-decision review passed and that has no 案审会 yet (REV-06). */
export const MeetingToHoldSchema = Obj({ caseId: Id, caseNumber: Str, caseTitle: Str, reviewId: Id });
export type MeetingToHold = Static<typeof MeetingToHoldSchema>;
/**
 * What waits for the office's leaders in legal review: objections escalated to them for the final
 * decision (REV-07), extension requests (REV-05), case-review meetings to hold (REV-06) and reviews
 * whose review period or reply is overdue.
 */
export const LegalReviewInboxSchema = Obj({
  /** Today in Beijing time: what 逾期 is measured against. */
  today: IsoDate,
  escalations: Section(LegalReviewSummarySchema),
  extensionRequests: Section(Obj({ review: LegalReviewSummarySchema, extension: ExtensionSchema })),
  meetingsToHold: Section(MeetingToHoldSchema),
  overdueReviews: Section(LegalReviewSummarySchema),
});
export type LegalReviewInbox = Static<typeof LegalReviewInboxSchema>;

// ---- the case-review meeting (REV-06) ----

export const MeetingSchema = Obj({
  id: Id,
  heldOn: Str,
  attendees: Type.Array(Obj({ id: Str, name: Str, view: Str })),
  discussion: Str,
  conclusion: Str,
  recordedBy: Who,
  recordedAt: Str,
  /** The 集体讨论记录 issued for it. */
  document: Nullable(Obj({ id: Str, number: Nullable(Str) })),
});
export type Meeting = Static<typeof MeetingSchema>;

// ---- the case view's block ----

/** What the viewer may do on the case's legal review now (server-computed). */
export const CASE_REVIEW_ACTS = ['addCategory', 'markComplex', 'submit', 'holdMeeting'] as const;
export type CaseReviewAct = (typeof CASE_REVIEW_ACTS)[number];

export const CaseLegalReviewSchema = Obj({
  classification: CaseClassificationSchema,
  reviewUnit: Who,
  stages: Type.Array(
    Obj({
      stage: OneOf(REVIEW_STAGES),
      label: Str,
      /** The transitions this stage holds in the case's lifecycle (the mapping in ARCHITECTURE.md). */
      actions: Type.Array(OneOf(TRANSITION_ACTIONS)),
      state: OneOf(STAGE_STATES),
      stateLabel: Str,
      /** The newest review of the stage, if any. */
      reviewId: Nullable(Str),
    }),
  ),
  reviews: Type.Array(LegalReviewSummarySchema),
  /** A major case's decision waits for a case-review meeting (REV-06). */
  meetingRequired: Bool,
  meeting: Nullable(MeetingSchema),
  /** The leaders a meeting needs at least (REV-06 quorum, a setting). */
  meetingQuorum: Int,
  /** The leaders who may attend the meeting (empty unless the viewer may `holdMeeting`). */
  leaders: Type.Array(Who),
  /** The stages the viewer may submit now. */
  submittable: Type.Array(OneOf(REVIEW_STAGES)),
  acts: Type.Array(OneOf(CASE_REVIEW_ACTS)),
});
export type CaseLegalReview = Static<typeof CaseLegalReviewSchema>;

// ---- request bodies ----

export const ManualCategoryBodySchema = Obj({
  category: Type.Union(MANUAL_CATEGORIES.map((c) => Type.Literal(c))),
  reason: MultiLine(500),
});
export type ManualCategoryBody = Static<typeof ManualCategoryBodySchema>;
export const ComplexBodySchema = Obj({ reason: MultiLine(500) });
export type ComplexBody = Static<typeof ComplexBodySchema>;

export const SubmitReviewBodySchema = Obj({
  stage: OneOf(REVIEW_STAGES),
  recordIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }),
  documentIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }),
  statement: MultiLine(5000),
});
export type SubmitReviewBody = Static<typeof SubmitReviewBodySchema>;

/** Assign to a reviewer of the review unit; without `reviewerId`, to oneself. */
export const AssignBodySchema = Obj({ reviewerUserId: Type.Optional(Id) });
export type AssignBody = Static<typeof AssignBodySchema>;
/** Adopting an opinion takes no input: an empty object. */
export const AdoptionBodySchema = Obj({});
export type AdoptionBody = Static<typeof AdoptionBodySchema>;
export const ExtensionBodySchema = Obj({ reason: MultiLine(1000) });
export type ExtensionBody = Static<typeof ExtensionBodySchema>;
export const ExtensionDecisionBodySchema = Obj({ approve: Bool, opinion: MultiLine(1000, 0) });
export type ExtensionDecisionBody = Static<typeof ExtensionDecisionBodySchema>;

export const OpinionBodySchema = Obj({
  kind: OneOf(OPINION_KINDS),
  /** Required for every kind but `agree` (REV-05, REV-09). */
  reasons: MultiLine(5000, 0),
  checklist: Type.Array(
    Obj({ item: OneOf(CHECK_ITEMS), answer: OneOf(CHECK_ANSWERS), note: MultiLine(1000, 0) }),
    {
      maxItems: CHECK_ITEMS.length,
    },
  ),
  participants: Obj({
    partyHeard: Type.Optional(Obj({ on: IsoDate, note: MultiLine(2000) })),
    jointInvestigation: Type.Optional(Obj({ on: IsoDate, note: MultiLine(2000) })),
    advisers: Type.Optional(
      Type.Array(Obj({ name: Name(50), role: Text(60), opinion: MultiLine(2000, 0) }), { maxItems: 20 }),
    ),
  }),
});
export type OpinionBody = Static<typeof OpinionBodySchema>;
export const ObjectionBodySchema = Obj({ reasons: MultiLine(5000) });
export type ObjectionBody = Static<typeof ObjectionBodySchema>;
export const ReplyBodySchema = Obj({
  decision: OneOf(REPLY_DECISIONS),
  /** The revised opinion kind (for `revise`). */
  kind: Type.Optional(OneOf(OPINION_KINDS)),
  text: MultiLine(5000),
});
export type ReplyBody = Static<typeof ReplyBodySchema>;
export const FinalDecisionBodySchema = Obj({ side: OneOf(FINAL_SIDES), reasons: MultiLine(5000) });
export type FinalDecisionBody = Static<typeof FinalDecisionBodySchema>;

export const MeetingBodySchema = Obj({
  heldOn: IsoDate,
  attendees: Type.Array(Obj({ userId: Id, view: MultiLine(2000) }), { minItems: 1, maxItems: 30 }),
  discussion: MultiLine(10000),
  conclusion: MultiLine(5000),
});
export type MeetingBody = Static<typeof MeetingBodySchema>;

// ---- settings and qualification ----

export const LegalReviewSettingsSchema = Obj({
  reviewUnitId: Id,
  reviewDays: Type.Integer({ minimum: 1, maximum: 30 }),
  extensionDays: Type.Integer({ minimum: 0, maximum: 30 }),
  meetingQuorum: Type.Integer({ minimum: 1, maximum: 30 }),
});
export type LegalReviewSettings = Static<typeof LegalReviewSettingsSchema>;

/** 法律职业资格 of a user (REV-05: a first-time reviewer must hold it). */
export const LegalQualificationBodySchema = Obj({
  qualified: Bool,
  certificateNumber: Type.Optional(Text(60, 0)),
});
export type LegalQualificationBody = Static<typeof LegalQualificationBodySchema>;
export const LegalQualificationSchema = Obj({
  userId: Str,
  qualified: Bool,
  certificateNumber: Nullable(Str),
  /** Reviews this user has issued an opinion on. */
  reviewsDone: Int,
});
export type LegalQualification = Static<typeof LegalQualificationSchema>;
