/**
 * Legal review's acts (issue 13, REV-01…REV-09): manual categories and the art. 58 mark, submitting
 * a stage, assigning a reviewer (回避; a first review needs the 法律职业资格), the opinion with its
 * checklist and participants, the unit's adoption or objection (2 working days), the review unit's
 * reply (3 working days), the leader's final decision, and the case-review meeting. Each act is one
 * transaction with its ledger entry.
 */
import {
  extendedReviewDue,
  extensionRefusal,
  objectionDue,
  replyDue,
  reviewAlertPlan,
  reviewDue,
  type ReviewDeadlineKind,
} from '../domain/legal-review-deadlines';
import type { WorkCalendar } from '../domain/calendar';
import { assertOpen } from '../domain/case-open';
import { lifecycleOf, type CaseState } from '../domain/case-machine';
import type { ActType, Procedure } from '../domain/case-types';
import { shanghaiDate, type IsoDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import {
  checklistFor,
  OPINION_KIND_LABELS,
  REVIEW_STAGE_LABELS,
  stagesOf,
  type CheckAnswer,
  type CheckItem,
  type OpinionKind,
  type ReviewStage,
} from '../domain/legal-review';
import * as caseRepo from '../repositories/case-repository';
import * as repo from '../repositories/legal-review-repository';
import * as userRepo from '../repositories/user-repository';
import type { Executor } from '../storage/database';
import { loadCalendar } from './calendar-service';
import { newId, SYSTEM, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import { legalReviewSettings } from './legal-review-settings';
import { drainDueTimers } from './supervision-service';
import { reviewValues, meetingValues, type OpinionFacts } from '../domain/review-documents';
import type { DocumentKind, ReviewValues } from '../domain/documents';
import { getDocument } from '../repositories/document-repository';
import { issueWithin, type ReviewDocumentDeps } from './review-document-service';

/** Acts that issue a document (REV-05…REV-08) also store its .docx: the blob store comes along. */
type ReviewDeps = Deps & ReviewDocumentDeps;
import { classifyCase } from './case-classification';

export interface OpinionJson {
  kind: OpinionKind;
  reasons: string;
  checklist: Array<{ item: CheckItem; answer: CheckAnswer; note: string }>;
  participants: {
    partyHeard?: { on: string; note: string };
    jointInvestigation?: { on: string; note: string };
    advisers?: Array<{ name: string; role: string; opinion: string }>;
  };
  by: string;
  issuedAt: string;
  issuedOn: IsoDate;
  documentId: string | null;
}
export interface ObjectionJson {
  reasons: string;
  by: string;
  at: string;
  on: IsoDate;
  /** The 复审申请书, 复审意见书 and 异议决定书 issued with each act. */
  documentId?: string;
  reply?: {
    decision: 'maintain' | 'revise';
    kind: OpinionKind;
    text: string;
    by: string;
    at: string;
    documentId?: string;
  };
  finalDecision?: { side: 'unit' | 'review'; reasons: string; by: string; at: string; documentId?: string };
}
/** The one extension of the review period (REV-05): asked by the reviewer, decided by a leader. */
export interface ExtensionJson {
  reason: string;
  requestedBy: string;
  requestedAt: string;
  requestedOn: IsoDate;
  state: 'pending' | 'approved' | 'refused';
  /** The due day when it was asked for; on approval the review's `due` moves on from it. */
  originalDue: IsoDate;
  decidedBy?: string;
  decidedAt?: string;
  opinion?: string;
}

/**
 * Replaces a review's timers of one deadline with the alerts of its new due day (one working day
 * before, on it, once after). Called in the act's transaction; the alerts job fires them.
 */
async function planTimers(
  trx: Tx,
  deps: Deps,
  cal: WorkCalendar,
  r: { id: string; case_id: string },
  deadline: ReviewDeadlineKind,
  from: IsoDate,
  due: IsoDate,
): Promise<void> {
  await repo.clearTimers(trx, r.id, [deadline]);
  await repo.insertTimers(
    trx,
    reviewAlertPlan(cal, from, due).map((a) => ({
      id: newId(deps.clock),
      review_id: r.id,
      case_id: r.case_id,
      deadline,
      stage: a.stage,
      due,
      fire_on: a.fireOn,
      fired_at: null,
    })),
  );
}

const today = (deps: Deps): IsoDate => shanghaiDate(deps.clock.now());

async function userOf(ex: Executor, userId: string) {
  const u = await userRepo.getUser(ex, userId);
  const roles = (await userRepo.rolesOf(ex, [userId])).get(userId) ?? [];
  return { user: u, roles };
}

async function lockOpenCase(trx: Tx, caseId: string) {
  const c = await caseRepo.lockCase(trx, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  assertOpen(c);
  return c;
}

/** A leader or reviewer adds category 6 (社会影响重大) or 7 (指定) with a reason (REV-01). */
export async function addManualCategory(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: { category: 6 | 7; reason: string },
): Promise<void> {
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalid('REASON_REQUIRED', '请写明列为重大执法决定的理由', 'reason');
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenCase(trx, caseId);
    const kind = `category${input.category}`;
    if ((await repo.caseMarks(trx, caseId)).some((m) => m.kind === kind))
      throw conflict('LEGAL_REVIEW_NOT_NOW', `本案已列入第${input.category}类重大执法决定`, 'category');
    const id = newId(deps.clock);
    await repo.insertMark(trx, {
      id,
      case_id: caseId,
      kind,
      reason,
      by_user_id: actor.id,
      at: deps.clock.now().toISOString(),
    });
    // The case is classified again with the manual category (REV-01): written with its entry.
    await classifyCase(trx, deps, caseId, actor, 'manualCategory', { category: input.category, reason });
  });
}

/** A leader marks a case complex (行政处罚法 art. 58): a review before the decision is needed. */
export async function markComplex(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: { reason: string },
): Promise<void> {
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalid('REASON_REQUIRED', '请写明案情复杂的理由', 'reason');
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenCase(trx, caseId);
    if ((await repo.caseMarks(trx, caseId)).some((m) => m.kind === 'complex'))
      throw conflict('LEGAL_REVIEW_NOT_NOW', '本案已标记为案情复杂', 'reason');
    const id = newId(deps.clock);
    await repo.insertMark(trx, {
      id,
      case_id: caseId,
      kind: 'complex',
      reason,
      by_user_id: actor.id,
      at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.markedComplex@1',
      { type: 'case', id: caseId },
      { caseId, reason },
    );
  });
}

/** The case officer submits a stage for review with materials from the case and a statement. */
export async function submitReview(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: { stage: ReviewStage; recordIds: string[]; documentIds: string[]; statement: string },
): Promise<string> {
  const statement = input.statement.trim();
  if (statement.length < 2) throw invalid('REASON_REQUIRED', '请填写提请审核的说明', 'statement');
  if (input.recordIds.length + input.documentIds.length === 0)
    throw invalid('REVIEW_MATERIAL_INVALID', '请从本案的记录或文书中选择送审材料', 'recordIds');
  const { calendar } = await loadCalendar(deps);
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, caseId);
    const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure)!;
    const label = REVIEW_STAGE_LABELS[input.stage];
    if (!stagesOf(lifecycle).includes(input.stage))
      throw conflict('LEGAL_REVIEW_NOT_NOW', `本类案件没有${label}环节`, 'stage');
    const reviews = (await repo.caseReviews(trx, caseId)).filter((r) => r.stage === input.stage);
    const last = reviews.at(-1);
    if (last?.passed === 1) throw conflict('LEGAL_REVIEW_NOT_NOW', `${label}已通过`, 'stage');
    if (last && !['adopted', 'decided'].includes(last.state))
      throw conflict('LEGAL_REVIEW_PENDING', `${label}正在进行，不能重复提请`, 'stage');
    for (const rid of input.recordIds) {
      if ((await repo.materialCaseId(trx, 'record', rid)) !== caseId)
        throw invalid('REVIEW_MATERIAL_INVALID', '送审材料须是本案的记录', 'recordIds');
    }
    for (const did of input.documentIds) {
      if ((await repo.materialCaseId(trx, 'document', did)) !== caseId)
        throw invalid('REVIEW_MATERIAL_INVALID', '送审材料须是本案的文书', 'documentIds');
    }
    const settings = await legalReviewSettings(trx);
    if (!settings.reviewUnitId) throw conflict('REVIEW_UNIT_MISSING', '尚未设置法制审核部门', 'stage');
    const on = today(deps);
    const due = reviewDue(calendar, on, {
      reviewWorkingDays: settings.reviewDays,
      extensionWorkingDays: settings.extensionDays,
    });
    await repo.insertReview(trx, {
      id,
      case_id: caseId,
      stage: input.stage,
      round: reviews.length + 1,
      state: 'submitted',
      review_unit_id: settings.reviewUnitId,
      submitted_by: actor.id,
      submitted_at: deps.clock.now().toISOString(),
      submitted_on: on,
      statement,
      materials: JSON.stringify([
        ...input.recordIds.map((i) => ({ kind: 'record', id: i })),
        ...input.documentIds.map((i) => ({ kind: 'document', id: i })),
      ]),
      due: due.due,
      due_confirmed: due.confirmed ? 1 : 0,
      reviewer_user_id: null,
      extension: null,
      opinion: null,
      opinion_kind: null,
      adopted_at: null,
      objection: null,
      passed: 0,
    });
    await planTimers(trx, deps, calendar, { id, case_id: caseId }, 'review', on, due.due);
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.submitted@1',
      { type: 'legalReview', id },
      {
        caseId,
        stage: input.stage,
        due: due.due,
      },
    );
  });
  return id;
}

async function lockReviewOf(trx: Tx, id: string) {
  const r = await repo.lockReview(trx, id);
  if (!r) throw notFound('LEGAL_REVIEW_NOT_FOUND', '审核事项不存在');
  await lockOpenCase(trx, r.case_id);
  return r;
}

/**
 * Whether a user may review a case in this unit: a reviewer of the review unit, not an officer of
 * the case (回避), and, before their first opinion, holding the 法律职业资格 (REV-05).
 */
export async function reviewerProblem(
  ex: Executor,
  userId: string,
  r: { case_id: string; review_unit_id: string },
): Promise<DomainError | null> {
  const { user, roles } = await userOf(ex, userId);
  if (!user || !roles.includes('reviewer') || !user.officer_id)
    return new DomainError(
      'forbidden',
      'REVIEWER_NOT_ELIGIBLE',
      '只有法制审核部门的审核人员可以审核',
      'reviewerUserId',
    );
  if ((await repo.officerUnit(ex, user.officer_id)) !== r.review_unit_id)
    return new DomainError(
      'forbidden',
      'REVIEWER_NOT_ELIGIBLE',
      '只有法制审核部门的审核人员可以审核',
      'reviewerUserId',
    );
  if (await caseRepo.isCaseOfficer(ex, r.case_id, user.officer_id))
    return conflict('REVIEWER_IS_CASE_OFFICER', '审核人员是本案承办人员，应当回避', 'reviewerUserId');
  if ((await repo.opinionsBy(ex, userId)) === 0 && (await repo.getQualification(ex, userId))?.qualified !== 1)
    return conflict('REVIEWER_NOT_QUALIFIED', '初次从事法制审核的人员须取得法律职业资格', 'reviewerUserId');
  return null;
}

/** A reviewer of the review unit takes the review, or gives it to another reviewer of the unit. */
export async function assignReview(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reviewerUserId?: string },
): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    const self = await reviewerProblem(trx, actor.id, r);
    // The one assigning belongs to the review unit (回避 and qualification are the assignee's).
    if (self && self.code === 'REVIEWER_NOT_ELIGIBLE') throw self;
    if (!['submitted', 'assigned'].includes(r.state))
      throw conflict('LEGAL_REVIEW_NOT_NOW', '审核意见已出具，不能再分配', 'reviewerUserId');
    const to = input.reviewerUserId ?? actor.id;
    const problem = await reviewerProblem(trx, to, r);
    if (problem) throw problem;
    await repo.updateReview(trx, id, { reviewer_user_id: to, state: 'assigned' });
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.assigned@1',
      { type: 'legalReview', id },
      {
        caseId: r.case_id,
        reviewerUserId: to,
      },
    );
    return r.case_id;
  });
}

/** The assigned reviewer issues the opinion (REV-03, REV-05, REV-09). */
export async function issueOpinion(
  deps: ReviewDeps,
  actor: Actor,
  id: string,
  input: Omit<OpinionJson, 'by' | 'issuedAt' | 'issuedOn' | 'documentId'>,
): Promise<string> {
  const reasons = input.reasons.trim();
  if (input.kind !== 'agree' && reasons.length < 2)
    throw invalid(
      'OPINION_REASONS_REQUIRED',
      `审核意见为“${OPINION_KIND_LABELS[input.kind]}”的，须写明理由`,
      'reasons',
    );
  const { calendar } = await loadCalendar(deps);
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    const c = (await caseRepo.getCase(trx, r.case_id))!;
    const problem = await reviewerProblem(trx, actor.id, r);
    if (problem) throw problem;
    if (r.state !== 'assigned' || r.reviewer_user_id !== actor.id)
      throw conflict('LEGAL_REVIEW_NOT_NOW', '只有分配到此审核事项的审核人员可以出具意见', 'kind');
    const items = checklistFor(c.act_type as ActType);
    const answered = new Map(input.checklist.map((a) => [a.item, a]));
    items.forEach((item, i) => {
      if (!answered.has(item))
        throw invalid('CHECKLIST_INCOMPLETE', '审核事项须逐项填写（符合、不符合或不适用）', `checklist.${i}`);
    });
    const extra = input.checklist.findIndex((a) => !items.includes(a.item));
    if (extra >= 0) throw invalid('CHECKLIST_INCOMPLETE', '该审核事项不适用于本类案件', `checklist.${extra}`);
    const bad = input.checklist.findIndex((a) => a.answer === 'nonConform' && a.note.trim().length < 2);
    if (bad >= 0)
      throw invalid('CHECKLIST_INCOMPLETE', '“不符合”的审核事项须写明说明', `checklist.${bad}.note`);
    const at = deps.clock.now().toISOString();
    const opinion: OpinionJson = {
      kind: input.kind,
      reasons,
      checklist: items.map((item) => ({ ...answered.get(item)!, note: answered.get(item)!.note.trim() })),
      participants: input.participants,
      by: actor.id,
      issuedAt: at,
      issuedOn: today(deps),
      documentId: null,
    };
    opinion.documentId = (await issueReviewDocument(trx, deps, actor, r, 'legalReviewOpinion', opinion)).id;
    const passed = input.kind === 'agree';
    await repo.updateReview(trx, id, {
      opinion: JSON.stringify(opinion),
      opinion_kind: input.kind,
      state: 'opinionIssued',
      passed: passed ? 1 : 0,
    });
    // The review period is met; an opinion the unit may object to opens the objection window.
    await repo.clearTimers(trx, id, ['review']);
    if (!passed)
      await planTimers(
        trx,
        deps,
        calendar,
        r,
        'objection',
        opinion.issuedOn,
        objectionDue(calendar, opinion.issuedOn).due,
      );
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.opinionIssued@1',
      { type: 'legalReview', id },
      {
        caseId: r.case_id,
        stage: r.stage,
        kind: input.kind,
        ...(reasons && { reasons }),
        ...(opinion.documentId && { documentId: opinion.documentId }),
      },
    );
    return r.case_id;
  });
}

async function assertCaseOfficer(ex: Executor, userId: string, caseId: string): Promise<void> {
  const u = await userRepo.getUser(ex, userId);
  if (!u?.officer_id || !(await caseRepo.isCaseOfficer(ex, caseId, u.officer_id)))
    throw new DomainError('forbidden', 'CASE_ACCESS_DENIED', '只有本案承办的执法人员可以办理此事项');
}

/** The handling unit adopts a non-agreeing opinion (and resubmits the stage when it is done). */
export async function adoptOpinion(deps: Deps, actor: Actor, id: string): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    await assertCaseOfficer(trx, actor.id, r.case_id);
    if (r.state !== 'opinionIssued' || r.passed === 1)
      throw conflict('LEGAL_REVIEW_NOT_NOW', '此审核意见不需要采纳', 'id');
    await repo.updateReview(trx, id, { state: 'adopted', adopted_at: deps.clock.now().toISOString() });
    await repo.clearTimers(trx, id, ['objection']);
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.adopted@1',
      { type: 'legalReview', id },
      { caseId: r.case_id, stage: r.stage },
    );
    return r.case_id;
  });
}

/** The handling unit objects in writing within 2 working days of receiving the opinion (REV-07). */
export async function objectToOpinion(
  deps: ReviewDeps,
  actor: Actor,
  id: string,
  input: { reasons: string },
): Promise<string> {
  const reasons = input.reasons.trim();
  if (reasons.length < 2) throw invalid('REASON_REQUIRED', '请书面写明异议的理由', 'reasons');
  const { calendar } = await loadCalendar(deps);
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    await assertCaseOfficer(trx, actor.id, r.case_id);
    if (r.state !== 'opinionIssued' || r.passed === 1)
      throw conflict('LEGAL_REVIEW_NOT_NOW', '此审核意见不能提出异议', 'id');
    const opinion = JSON.parse(r.opinion!) as OpinionJson;
    const due = objectionDue(calendar, opinion.issuedOn);
    const on = today(deps);
    if (on > due.due)
      throw new DomainError(
        'conflict',
        'OBJECTION_TOO_LATE',
        `提出异议的期限（收到审核意见后2个工作日，至${due.due}）已过`,
        'reasons',
        {
          due: due.due,
        },
      );
    const objection: ObjectionJson = { reasons, by: actor.id, at: deps.clock.now().toISOString(), on };
    objection.documentId = (
      await issueReviewDocument(trx, deps, actor, r, 'reReviewRequest', opinion, objection)
    ).id;
    await repo.updateReview(trx, id, { state: 'objected', objection: JSON.stringify(objection) });
    const reply = replyDue(calendar, on);
    await repo.clearTimers(trx, id, ['objection']);
    await planTimers(trx, deps, calendar, r, 'reply', on, reply.due);
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.objected@1',
      { type: 'legalReview', id },
      {
        caseId: r.case_id,
        reasons,
        replyDue: reply.due,
        documentId: objection.documentId,
      },
    );
    return r.case_id;
  });
}

/**
 * The reviewer answers the objection in writing: maintains the opinion or revises it. A revision to
 * `agree` passes the stage; otherwise the objection remains and goes to the office leader.
 */
export async function replyToObjection(
  deps: ReviewDeps,
  actor: Actor,
  id: string,
  input: { decision: 'maintain' | 'revise'; kind?: OpinionKind; text: string },
): Promise<string> {
  const text = input.text.trim();
  if (text.length < 2) throw invalid('REASON_REQUIRED', '请书面写明复核意见', 'text');
  if (input.decision === 'revise' && !input.kind)
    throw invalid('OPINION_REASONS_REQUIRED', '变更审核意见须选择意见种类', 'kind');
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    if (r.reviewer_user_id !== actor.id)
      throw new DomainError('forbidden', 'REVIEWER_NOT_ELIGIBLE', '只有出具意见的审核人员可以答复异议', 'id');
    if (r.state !== 'objected') throw conflict('LEGAL_REVIEW_NOT_NOW', '此审核事项没有待答复的异议', 'id');
    const objection = JSON.parse(r.objection!) as ObjectionJson;
    const kind = input.decision === 'revise' ? input.kind! : (r.opinion_kind as OpinionKind);
    objection.reply = {
      decision: input.decision,
      kind,
      text,
      by: actor.id,
      at: deps.clock.now().toISOString(),
    };
    objection.reply.documentId = (
      await issueReviewDocument(
        trx,
        deps,
        actor,
        r,
        'reReviewOpinion',
        JSON.parse(r.opinion!) as OpinionJson,
        objection,
      )
    ).id;
    const passed = kind === 'agree';
    await repo.updateReview(trx, id, {
      objection: JSON.stringify(objection),
      opinion_kind: kind,
      state: passed ? 'opinionIssued' : 'escalated',
      passed: passed ? 1 : 0,
    });
    await repo.clearTimers(trx, id, ['reply']);
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.replied@1',
      { type: 'legalReview', id },
      {
        caseId: r.case_id,
        decision: input.decision,
        kind,
        text,
        documentId: objection.reply.documentId,
      },
    );
    return r.case_id;
  });
}

/** The office leader's decision on a remaining objection: final, and it ends the stage (REV-07). */
export async function decideFinally(
  deps: ReviewDeps,
  actor: Actor,
  id: string,
  input: { side: 'unit' | 'review'; reasons: string },
): Promise<string> {
  const reasons = input.reasons.trim();
  if (reasons.length < 2) throw invalid('REASON_REQUIRED', '请写明决定的理由', 'reasons');
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    if (r.state !== 'escalated')
      throw conflict('LEGAL_REVIEW_NOT_NOW', '此审核事项没有报请负责人决定的异议', 'id');
    const objection = JSON.parse(r.objection!) as ObjectionJson;
    objection.finalDecision = { side: input.side, reasons, by: actor.id, at: deps.clock.now().toISOString() };
    objection.finalDecision.documentId = (
      await issueReviewDocument(
        trx,
        deps,
        actor,
        r,
        'reReviewDecision',
        JSON.parse(r.opinion!) as OpinionJson,
        objection,
      )
    ).id;
    await repo.updateReview(trx, id, { objection: JSON.stringify(objection), state: 'decided', passed: 1 });
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.decidedFinally@1',
      { type: 'legalReview', id },
      {
        caseId: r.case_id,
        side: input.side,
        reasons,
        documentId: objection.finalDecision.documentId,
      },
    );
    return r.case_id;
  });
}

/**
 * The case-review meeting (案审会, REV-06): after the pre-decision review agreed, leaders discuss
 * the major decision; a quorum of leaders attends, each view is recorded with the conclusion.
 */
export async function recordMeeting(
  deps: ReviewDeps,
  actor: Actor,
  caseId: string,
  input: {
    heldOn: IsoDate;
    attendees: Array<{ userId: string; view: string }>;
    discussion: string;
    conclusion: string;
  },
): Promise<void> {
  if (input.conclusion.trim().length < 2) throw invalid('REASON_REQUIRED', '请填写讨论结论', 'conclusion');
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, caseId);
    if (c.major !== 1) throw conflict('MEETING_NOT_NOW', '只有重大执法决定须提交案审会集体讨论', 'heldOn');
    if (await repo.caseMeeting(trx, caseId)) throw conflict('MEETING_NOT_NOW', '本案已记录案审会', 'heldOn');
    const passed = (await repo.caseReviews(trx, caseId)).some(
      (r) => r.stage === 'beforeDecision' && r.passed === 1,
    );
    if (!passed) throw conflict('MEETING_NOT_NOW', '作出决定前审核通过后方可提交案审会', 'heldOn');
    if (input.heldOn > today(deps)) throw invalid('MEETING_NOT_NOW', '会议日期不能晚于今天', 'heldOn');
    const leaders = new Set((await repo.usersWithRole(trx, 'leader')).map((u) => u.id));
    const seen = new Set<string>();
    input.attendees.forEach((a, i) => {
      if (!leaders.has(a.userId) || seen.has(a.userId))
        throw invalid('MEETING_ATTENDEE_INVALID', '出席人员须是不重复的负责人', `attendees.${i}.userId`);
      if (a.view.trim().length < 1)
        throw invalid('MEETING_ATTENDEE_INVALID', '请记录每位出席人员的意见', `attendees.${i}.view`);
      seen.add(a.userId);
    });
    const { meetingQuorum } = await legalReviewSettings(trx);
    if (seen.size < meetingQuorum)
      throw invalid(
        'MEETING_QUORUM_NOT_MET',
        `案审会出席负责人不足${meetingQuorum}人，不能形成集体讨论意见`,
        'attendees',
      );
    const id = newId(deps.clock);
    await repo.insertMeeting(trx, {
      id,
      case_id: caseId,
      held_on: input.heldOn,
      attendees: JSON.stringify(input.attendees.map((a) => ({ userId: a.userId, view: a.view.trim() }))),
      discussion: input.discussion.trim(),
      conclusion: input.conclusion.trim(),
      recorded_by: actor.id,
      recorded_at: deps.clock.now().toISOString(),
      document_id: null,
    });
    const documentId = (await issueMeetingDocument(trx, deps, actor, caseId, input)).id;
    await repo.setMeetingDocument(trx, id, documentId);
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.meetingRecorded@1',
      { type: 'reviewMeeting', id },
      {
        caseId,
        heldOn: input.heldOn,
        attendees: input.attendees.length,
        conclusion: input.conclusion.trim(),
        documentId,
      },
    );
  });
}

/**
 * The reviewer asks to extend the review period once (REV-05): the assigned reviewer, or before
 * assignment a reviewer of the review unit; no later than the due day; a second request is refused.
 */
export async function requestExtension(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<string> {
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalid('REASON_REQUIRED', '请写明延长审核期限的理由', 'reason');
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    const mayAsk = r.reviewer_user_id
      ? r.reviewer_user_id === actor.id
      : (await reviewerProblem(trx, actor.id, r))?.code !== 'REVIEWER_NOT_ELIGIBLE';
    if (!mayAsk)
      throw new DomainError(
        'forbidden',
        'REVIEWER_NOT_ELIGIBLE',
        '只有承办此审核事项的审核人员可以申请延长审核期限',
        'reason',
      );
    const on = today(deps);
    const refusal = extensionRefusal({
      state: r.state,
      requested: r.extension !== null,
      due: r.due,
      today: on,
    });
    if (refusal)
      throw new DomainError(
        'conflict',
        refusal.code,
        refusal.message,
        'reason',
        refusal.code === 'REVIEW_EXTENSION_TOO_LATE' ? { due: r.due } : undefined,
      );
    const extension: ExtensionJson = {
      reason,
      requestedBy: actor.id,
      requestedAt: deps.clock.now().toISOString(),
      requestedOn: on,
      state: 'pending',
      originalDue: r.due,
    };
    await repo.updateReview(trx, id, { extension: JSON.stringify(extension) });
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.extensionRequested@1',
      { type: 'legalReview', id },
      { caseId: r.case_id, reason, due: r.due },
    );
    return r.case_id;
  });
}

/**
 * A leader approves or refuses the extension (REV-05). Approved, the review period runs on by the
 * configured working days from its due day, and its alerts move with it; refused needs a reason.
 */
export async function decideExtension(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { approve: boolean; opinion: string },
): Promise<string> {
  const opinion = input.opinion.trim();
  if (!input.approve && opinion.length < 2)
    throw invalid('REASON_REQUIRED', '不批准延长的，请写明理由', 'opinion');
  const { calendar } = await loadCalendar(deps);
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockReviewOf(trx, id);
    const ext = r.extension ? (JSON.parse(r.extension) as ExtensionJson) : null;
    if (ext?.state !== 'pending')
      throw conflict('LEGAL_REVIEW_NOT_NOW', '此审核事项没有待审批的延长申请', 'approve');
    if (r.state !== 'submitted' && r.state !== 'assigned')
      throw conflict('LEGAL_REVIEW_NOT_NOW', '审核意见已出具，无需延长审核期限', 'approve');
    const decided: ExtensionJson = {
      ...ext,
      state: input.approve ? 'approved' : 'refused',
      decidedBy: actor.id,
      decidedAt: deps.clock.now().toISOString(),
      ...(opinion && { opinion }),
    };
    let due = r.due;
    if (input.approve) {
      const settings = await legalReviewSettings(trx);
      const next = extendedReviewDue(calendar, r.due, {
        reviewWorkingDays: settings.reviewDays,
        extensionWorkingDays: settings.extensionDays,
      });
      due = next.due;
      await repo.updateReview(trx, id, {
        extension: JSON.stringify(decided),
        due,
        due_confirmed: r.due_confirmed === 1 && next.confirmed ? 1 : 0,
      });
      await planTimers(trx, deps, calendar, r, 'review', r.due, due);
    } else {
      await repo.updateReview(trx, id, { extension: JSON.stringify(decided) });
    }
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.extensionDecided@1',
      { type: 'legalReview', id },
      { caseId: r.case_id, approve: input.approve, ...(opinion && { opinion }), due },
    );
    return r.case_id;
  });
}

/**
 * The alerts job's legal-review part (REV-05, REV-07): fires every review timer whose day has come,
 * once (the unique key of the alerts makes a second firing a no-op), each alert with its ledger
 * entry. Several nodes may run it: on PostgreSQL each claims timers with SKIP LOCKED.
 */
export async function fireLegalReviewTimers(deps: Deps, batch = 200): Promise<number> {
  return drainDueTimers(deps, batch, repo.dueTimers, async (trx, t, at) => {
    const id = newId(deps.clock);
    const inserted = await repo.insertAlert(trx, {
      id,
      review_id: t.review_id,
      case_id: t.case_id,
      deadline: t.deadline,
      stage: t.stage,
      due: t.due,
      raised_at: at,
    });
    await repo.markTimerFired(trx, t.id, at);
    if (inserted)
      await appendEntry(
        trx,
        deps,
        SYSTEM,
        'legalReview.alertRaised@1',
        { type: 'legalReview', id: t.review_id },
        { caseId: t.case_id, deadline: t.deadline, stage: t.stage, due: t.due },
      );
    return inserted;
  });
}

/** An administrator records whether a user holds the 法律职业资格. */
export async function setQualification(
  deps: Deps,
  actor: Actor,
  userId: string,
  input: { qualified: boolean; certificateNumber?: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await userRepo.getUser(trx, userId))) throw notFound('USER_NOT_FOUND', '用户不存在');
    await repo.setQualification(trx, {
      user_id: userId,
      qualified: input.qualified ? 1 : 0,
      certificate_number: input.certificateNumber?.trim() || null,
      set_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'legalReview.qualificationSet@1',
      { type: 'user', id: userId },
      {
        userId,
        qualified: input.qualified,
      },
    );
  });
}

export type { CaseState };

// ---- the written documents of legal review (REV-05…REV-08) -------------------------------------

const nameOf = async (ex: Executor, userId: string) =>
  (await userRepo.getUser(ex, userId))?.display_name ?? userId;

/**
 * Issues one of the review's documents inside the act's transaction: the 意见书 from the opinion,
 * the 复审申请书, 复审意见书 and 异议决定书 from the objection as it stands after the act.
 */
async function issueReviewDocument(
  trx: Tx,
  deps: ReviewDeps,
  actor: Actor,
  r: { case_id: string; stage: string; round: number; submitted_on: string; statement: string },
  kind: DocumentKind,
  opinion: OpinionJson,
  objection?: ObjectionJson,
) {
  const facts: OpinionFacts = {
    stage: r.stage as ReviewStage,
    round: Number(r.round),
    submittedOn: r.submitted_on,
    statement: r.statement,
    reviewer: await nameOf(trx, opinion.by),
    participants: opinion.participants,
    checklist: opinion.checklist,
    kind: opinion.kind,
    reasons: opinion.reasons,
    issuedOn: opinion.issuedOn,
    number: opinion.documentId ? ((await getDocument(trx, opinion.documentId))?.number ?? null) : null,
  };
  const at = (iso: string) => shanghaiDate(new Date(iso));
  const o = objection;
  const review: ReviewValues = reviewValues(facts, {
    ...(o && { objection: { applicant: await nameOf(trx, o.by), reasons: o.reasons, on: o.on } }),
    ...(o?.reply && {
      reply: {
        decision: o.reply.decision,
        kind: o.reply.kind,
        text: o.reply.text,
        reviewer: await nameOf(trx, o.reply.by),
        on: at(o.reply.at),
      },
    }),
    ...(o?.finalDecision && {
      final: {
        side: o.finalDecision.side,
        reasons: o.finalDecision.reasons,
        leader: await nameOf(trx, o.finalDecision.by),
        on: at(o.finalDecision.at),
      },
    }),
  });
  return issueWithin(trx, deps, actor, { caseId: r.case_id, kind, review });
}

/** The 案审会's 集体讨论记录, issued with the meeting (REV-06). */
async function issueMeetingDocument(
  trx: Tx,
  deps: ReviewDeps,
  actor: Actor,
  caseId: string,
  m: {
    heldOn: IsoDate;
    attendees: Array<{ userId: string; view: string }>;
    discussion: string;
    conclusion: string;
  },
) {
  const attendees = [];
  for (const a of m.attendees) attendees.push({ name: await nameOf(trx, a.userId), view: a.view });
  const review = meetingValues({
    heldOn: m.heldOn,
    attendees,
    discussion: m.discussion,
    conclusion: m.conclusion,
    recorder: await nameOf(trx, actor.id),
  });
  return issueWithin(trx, deps, actor, { caseId, kind: 'collectiveDiscussion', review });
}
