/**
 * How legal review is shown: the case view's `legalReview` block and a review with what the viewer
 * may do on it now (the server decides; the workbench shows).
 */
import type { WorkCalendar } from '../domain/calendar';
import { lifecycleOf, type Lifecycle } from '../domain/case-machine';
import type { ActType, Procedure } from '../domain/case-types';
import { shanghaiDate, type IsoDate } from '../domain/dates';
import {
  EXTENSION_STATE_LABELS,
  extensionState,
  objectionDue,
  replyDue,
  REVIEW_DEADLINE_LABELS,
  runningDeadline,
  workingDaysUntil,
  type ReviewDeadlineKind,
} from '../domain/legal-review-deadlines';
import { stageRequired } from '../domain/legal-review-gates';
import {
  CHECK_ANSWER_LABELS,
  CHECK_ITEM_LABELS,
  checklistFor,
  FINAL_SIDE_LABELS,
  OPINION_KIND_LABELS,
  REVIEW_STAGE_LABELS,
  REVIEW_STATE_LABELS,
  STAGE_STATE_LABELS,
  STAGE_TRANSITIONS,
  stagesOf,
  type OpinionKind,
  type ReviewStage,
  type ReviewState,
  type StageState,
} from '../domain/legal-review';
import { MAJOR_CATEGORY_LABELS, type MajorCategory } from '../domain/major-decision';
import type { Role } from '../domain/policy';
import * as caseRepo from '../repositories/case-repository';
import * as classificationRepo from '../repositories/case-classification-repository';
import { isManualCategory } from '../domain/case-classification';
import * as repo from '../repositories/legal-review-repository';
import * as userRepo from '../repositories/user-repository';
import type { Executor } from '../storage/database';
import type {
  CaseLegalReview,
  LegalReview,
  LegalReviewSummary,
  Meeting,
} from '../http/routes/legal-review.schema';
import { loadLegalReviewFacts } from './legal-review-facts';
import type { ExtensionJson, ObjectionJson, OpinionJson } from './legal-review-service';
import { legalReviewSettings } from './legal-review-settings';
import { reviewerProblem } from './legal-review-service';

export interface ReviewViewer {
  userId: string;
  roles: readonly Role[];
  officerId: string | null;
}

async function namer(ex: Executor, ids: Iterable<string>) {
  const names = await userRepo.displayNames(ex, [...new Set(ids)]);
  return (id: string) => ({ id, name: names.get(id) ?? '' });
}

type Row = repo.LegalReviewRow;

/**
 * The deadline running now on a review (review period, objection window, reply), with the working
 * days left as of `today` (calendar; `confirmed: false` when a year counted has no schedule).
 */
export function currentDeadline(
  cal: WorkCalendar,
  r: Row,
  today: IsoDate,
): LegalReviewSummary['currentDeadline'] {
  const opinion = r.opinion ? (JSON.parse(r.opinion) as OpinionJson) : null;
  const objection = r.objection ? (JSON.parse(r.objection) as ObjectionJson) : null;
  const d = runningDeadline(cal, {
    state: r.state,
    passed: r.passed === 1,
    due: r.due,
    dueConfirmed: r.due_confirmed === 1,
    opinionOn: opinion?.issuedOn ?? null,
    objectedOn: objection?.on ?? null,
  });
  if (!d) return null;
  const left = workingDaysUntil(cal, today, d.due);
  const workingDays = d.from ? d.workingDays : workingDaysUntil(cal, r.submitted_on, r.due).daysLeft;
  return {
    kind: d.kind,
    label: REVIEW_DEADLINE_LABELS[d.kind],
    due: d.due,
    workingDays,
    confirmed: d.confirmed && left.confirmed,
    daysLeft: left.daysLeft,
    overdue: left.overdue,
  };
}

/** The review unit owes the review or the reply (the unit's objection window is the unit's). */
const OWED_BY_REVIEW_UNIT: readonly ReviewDeadlineKind[] = ['review', 'reply'];

export async function reviewSummaries(
  ex: Executor,
  rows: Row[],
  today: IsoDate,
  cal: WorkCalendar,
): Promise<LegalReviewSummary[]> {
  const who = await namer(
    ex,
    rows.flatMap((r) => [r.submitted_by, ...(r.reviewer_user_id ? [r.reviewer_user_id] : [])]),
  );
  const out: LegalReviewSummary[] = [];
  for (const r of rows) {
    const c = (await caseRepo.getCase(ex, r.case_id))!;
    const unit = { name: await repo.unitName(ex, r.review_unit_id) };
    const current = currentDeadline(cal, r, today);
    const period = workingDaysUntil(cal, r.submitted_on, r.due);
    const daysLeft = current?.daysLeft ?? workingDaysUntil(cal, today, r.due).daysLeft;
    out.push({
      id: r.id,
      caseId: r.case_id,
      caseNumber: c.number,
      caseTitle: c.title,
      stage: r.stage as ReviewStage,
      stageLabel: REVIEW_STAGE_LABELS[r.stage as ReviewStage],
      round: r.round,
      state: r.state as ReviewState,
      stateLabel: REVIEW_STATE_LABELS[r.state as ReviewState],
      reviewUnit: { id: r.review_unit_id, name: unit?.name ?? '' },
      submittedBy: who(r.submitted_by),
      submittedAt: r.submitted_at,
      due: { due: r.due, workingDays: period.daysLeft, confirmed: r.due_confirmed === 1 },
      currentDeadline: current,
      daysLeft,
      overdue: current !== null && OWED_BY_REVIEW_UNIT.includes(current.kind) && current.overdue,
      reviewer: r.reviewer_user_id ? who(r.reviewer_user_id) : null,
      opinionKind: (r.opinion_kind as OpinionKind | null) ?? null,
      opinionKindLabel: r.opinion_kind ? OPINION_KIND_LABELS[r.opinion_kind as OpinionKind] : null,
      passed: r.passed === 1,
    });
  }
  return out;
}

function stageState(stage: ReviewStage, required: boolean, rows: Row[]): StageState {
  const last = rows.filter((r) => r.stage === stage).at(-1);
  if (rows.some((r) => r.stage === stage && r.passed === 1)) return 'passed';
  if (!last) return required ? 'required' : 'notRequired';
  if (last.state === 'objected' || last.state === 'escalated') return 'disputed';
  if (last.opinion !== null) return 'returned';
  return 'inReview';
}

/** The case view's block. */
export async function caseLegalReview(
  ex: Executor,
  c: { id: string; act_type: string; procedure: string; state: string; major: number },
  viewer: ReviewViewer | null,
  permissions: readonly string[] | null,
  calendar: WorkCalendar,
  today: IsoDate,
): Promise<CaseLegalReview> {
  const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure) as Lifecycle;
  const major = c.major === 1;
  const facts = await loadLegalReviewFacts(ex, c.id);
  const rows = await repo.caseReviews(ex, c.id);
  const marks = await repo.caseMarks(ex, c.id);
  const meeting = await repo.caseMeeting(ex, c.id);
  const settings = await legalReviewSettings(ex);
  const who = await namer(ex, [...marks.map((m) => m.by_user_id), ...(meeting ? [meeting.recorded_by] : [])]);
  const unit = settings.reviewUnitId
    ? { id: settings.reviewUnitId, name: (await repo.unitName(ex, settings.reviewUnitId)) ?? '' }
    : undefined;
  const complex = marks.find((m) => m.kind === 'complex');
  const stored = await classificationRepo.getClassification(ex, c.id);
  const computed = stored
    ? (JSON.parse(stored.categories) as Array<{ category: MajorCategory; reason: string }>).filter(
        (x) => !isManualCategory(x.category),
      )
    : [];
  const stages = stagesOf(lifecycle).map((stage) => {
    const state = stageState(stage, stageRequired(stage, major, facts), rows);
    return {
      stage,
      label: REVIEW_STAGE_LABELS[stage],
      actions: [...(STAGE_TRANSITIONS[lifecycle][stage] ?? [])],
      state,
      stateLabel: STAGE_STATE_LABELS[state],
      reviewId: rows.filter((r) => r.stage === stage).at(-1)?.id ?? null,
    };
  });
  const roles = viewer?.roles ?? [];
  const acts = permissions?.includes('case.act') ?? false;
  const submittable = acts
    ? stages
        .filter(
          (s) => s.state === 'required' || s.state === 'returned' || (s.state === 'notRequired' && major),
        )
        .map((s) => s.stage)
    : [];
  const beforeDecisionPassed = rows.some((r) => r.stage === 'beforeDecision' && r.passed === 1);
  const canHoldMeeting = roles.includes('leader') && major && !meeting && beforeDecisionPassed;
  return {
    classification: {
      major,
      // The categories the case's facts gave at its last classification (REV-01), and the manual
      // ones with who added them and when.
      categories: [
        ...computed.map((x) => ({
          category: x.category,
          label: MAJOR_CATEGORY_LABELS[x.category],
          reason: x.reason,
          manual: false,
          addedBy: null,
          addedAt: null,
        })),
        ...marks
          .filter((m) => m.kind.startsWith('category'))
          .map((m) => {
            const category = Number(m.kind.slice('category'.length)) as MajorCategory;
            return {
              category,
              label: MAJOR_CATEGORY_LABELS[category],
              reason: m.reason,
              manual: true,
              addedBy: who(m.by_user_id),
              addedAt: m.at,
            };
          }),
      ].sort((a, b) => a.category - b.category),
      complex: complex ? { reason: complex.reason, by: who(complex.by_user_id), at: complex.at } : null,
      hearingHeld: facts.preDecisionRequired && !complex,
      preDecisionReviewRequired: facts.preDecisionRequired,
      classifiedAt: stored?.classified_at ?? marks.at(-1)?.at ?? null,
    },
    reviewUnit: { id: unit?.id ?? '', name: unit?.name ?? '' },
    stages,
    reviews: await reviewSummaries(ex, rows, today, calendar),
    meetingRequired: major,
    meeting: meeting ? await meetingView(ex, meeting) : null,
    submittable,
    meetingQuorum: settings.meetingQuorum,
    leaders: canHoldMeeting
      ? (await repo.usersWithRole(ex, 'leader')).map((u) => ({ id: u.id, name: u.display_name }))
      : [],
    acts: [
      ...(roles.includes('leader') || roles.includes('reviewer') ? (['addCategory'] as const) : []),
      ...(roles.includes('leader') && !complex ? (['markComplex'] as const) : []),
      ...(submittable.length > 0 ? (['submit'] as const) : []),
      ...(canHoldMeeting ? (['holdMeeting'] as const) : []),
    ],
  };
}

async function meetingView(ex: Executor, m: repo.ReviewMeetingRow): Promise<Meeting> {
  const attendees = JSON.parse(m.attendees) as Array<{ userId: string; view: string }>;
  const who = await namer(ex, [m.recorded_by, ...attendees.map((a) => a.userId)]);
  const doc = m.document_id ? await repo.documentRef(ex, m.document_id) : undefined;
  return {
    id: m.id,
    heldOn: m.held_on,
    attendees: attendees.map((a) => ({ ...who(a.userId), view: a.view })),
    discussion: m.discussion,
    conclusion: m.conclusion,
    recordedBy: who(m.recorded_by),
    recordedAt: m.recorded_at,
    document: doc ? { id: doc.id, number: doc.number ?? null } : null,
  };
}

/** The review's one extension (REV-05), as shown. */
export async function extensionView(ex: Executor, r: Row): Promise<LegalReview['extension']> {
  if (!r.extension) return null;
  const e = JSON.parse(r.extension) as ExtensionJson;
  const who = await namer(ex, [e.requestedBy, ...(e.decidedBy ? [e.decidedBy] : [])]);
  return {
    reason: e.reason,
    requestedBy: who(e.requestedBy),
    requestedAt: e.requestedAt,
    state: e.state,
    originalDue: e.originalDue,
    decidedBy: e.decidedBy ? who(e.decidedBy) : null,
    decidedAt: e.decidedAt ?? null,
    opinion: e.opinion ?? null,
  };
}

/** One review with what this viewer may do on it now. */
export async function reviewView(
  ex: Executor,
  r: Row,
  viewer: ReviewViewer,
  calendar: WorkCalendar,
  now: Date,
): Promise<LegalReview> {
  const today = shanghaiDate(now);
  const [summary] = await reviewSummaries(ex, [r], today, calendar);
  const c = (await caseRepo.getCase(ex, r.case_id))!;
  const opinion = r.opinion ? (JSON.parse(r.opinion) as OpinionJson) : null;
  const objection = r.objection ? (JSON.parse(r.objection) as ObjectionJson) : null;
  const extension = r.extension ? (JSON.parse(r.extension) as ExtensionJson) : null;
  const extState = extensionState(extension, { state: r.state, due: r.due, today });
  const who = await namer(ex, [
    ...(opinion ? [opinion.by] : []),
    ...(objection ? [objection.by, objection.reply?.by ?? '', objection.finalDecision?.by ?? ''] : []),
  ]);
  const materials = JSON.parse(r.materials) as Array<{ kind: 'record' | 'document'; id: string }>;
  const titled = [];
  for (const m of materials) {
    const t = await repo.materialTitle(ex, m.kind, m.id);
    titled.push({ ...m, title: t ?? '' });
  }
  const doc = opinion?.documentId ? await repo.documentRef(ex, opinion.documentId) : undefined;
  // The 复审申请书, 复审意见书 and 异议决定书 issued with the objection, the reply and the decision.
  const docRef = async (id: string | undefined) => {
    const d = id ? await repo.documentRef(ex, id) : undefined;
    return d ? { id: d.id, number: d.number ?? null } : null;
  };
  const objectionDocs = {
    objection: await docRef(objection?.documentId),
    reply: await docRef(objection?.reply?.documentId),
    finalDecision: await docRef(objection?.finalDecision?.documentId),
  };
  const isOfficer =
    viewer.officerId !== null && (await caseRepo.isCaseOfficer(ex, r.case_id, viewer.officerId));
  const eligible =
    viewer.roles.includes('reviewer') && (await reviewerProblem(ex, viewer.userId, r)) === null;
  const inUnit =
    viewer.roles.includes('reviewer') &&
    (await reviewerProblem(ex, viewer.userId, r))?.code !== 'REVIEWER_NOT_ELIGIBLE';
  const objDue = opinion ? objectionDue(calendar, opinion.issuedOn) : null;
  const acts: LegalReview['acts'] = [];
  if (inUnit && ['submitted', 'assigned'].includes(r.state)) acts.push('assign');
  const asker = r.reviewer_user_id ? r.reviewer_user_id === viewer.userId : inUnit;
  if (viewer.roles.includes('reviewer') && asker && extState === 'available') acts.push('requestExtension');
  if (
    viewer.roles.includes('leader') &&
    extension?.state === 'pending' &&
    ['submitted', 'assigned'].includes(r.state)
  )
    acts.push('decideExtension');
  if (eligible && r.state === 'assigned' && r.reviewer_user_id === viewer.userId) acts.push('issueOpinion');
  if (isOfficer && r.state === 'opinionIssued' && r.passed === 0) {
    acts.push('adopt');
    if (objDue && today <= objDue.due) acts.push('object');
  }
  if (r.state === 'objected' && r.reviewer_user_id === viewer.userId) acts.push('reply');
  if (r.state === 'escalated' && viewer.roles.includes('leader')) acts.push('decideFinally');
  const assignable = [];
  if (acts.includes('assign'))
    for (const u of await repo.usersWithRole(ex, 'reviewer', r.review_unit_id)) {
      const done = await repo.opinionsBy(ex, u.id);
      const q = await repo.getQualification(ex, u.id);
      assignable.push({
        id: u.id,
        name: u.display_name,
        qualified: q?.qualified === 1,
        firstReview: done === 0,
      });
    }
  return {
    ...summary!,
    statement: r.statement,
    materials: titled,
    checklistItems: checklistFor(c.act_type as ActType).map((item) => ({
      item,
      label: CHECK_ITEM_LABELS[item],
    })),
    extension: await extensionView(ex, r),
    extensionState: extState,
    extensionStateLabel: EXTENSION_STATE_LABELS[extState],
    alerts: (await repo.alertsOfReview(ex, r.id)).map((a) => ({
      deadline: a.deadline as ReviewDeadlineKind,
      label: REVIEW_DEADLINE_LABELS[a.deadline as ReviewDeadlineKind],
      stage: a.stage as 'before' | 'due' | 'overdue',
      due: a.due,
      raisedAt: a.raised_at,
    })),
    opinion: opinion && {
      kind: opinion.kind,
      kindLabel: OPINION_KIND_LABELS[opinion.kind],
      reasons: opinion.reasons,
      checklist: opinion.checklist.map((a) => ({
        ...a,
        label: CHECK_ITEM_LABELS[a.item],
        answerLabel: CHECK_ANSWER_LABELS[a.answer],
      })),
      participants: {
        partyHeard: opinion.participants.partyHeard ?? null,
        jointInvestigation: opinion.participants.jointInvestigation ?? null,
        advisers: opinion.participants.advisers ?? [],
      },
      by: who(opinion.by),
      issuedAt: opinion.issuedAt,
      document: doc ? { id: doc.id, number: doc.number ?? null } : null,
    },
    objectionDue: objDue,
    adoptedAt: r.adopted_at,
    objection: objection && {
      reasons: objection.reasons,
      by: who(objection.by),
      at: objection.at,
      document: objectionDocs.objection,
      reply: objection.reply
        ? {
            decision: objection.reply.decision,
            kind: objection.reply.kind,
            text: objection.reply.text,
            at: objection.reply.at,
            kindLabel: OPINION_KIND_LABELS[objection.reply.kind],
            by: who(objection.reply.by),
            document: objectionDocs.reply,
          }
        : null,
      replyDue: replyDue(calendar, objection.on),
      finalDecision: objection.finalDecision
        ? {
            side: objection.finalDecision.side,
            reasons: objection.finalDecision.reasons,
            at: objection.finalDecision.at,
            sideLabel: FINAL_SIDE_LABELS[objection.finalDecision.side],
            by: who(objection.finalDecision.by),
            document: objectionDocs.finalDecision,
          }
        : null,
    },
    acts,
    assignable,
  };
}
