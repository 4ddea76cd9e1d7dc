/**
 * Legal review's tables (issue 13): reviews, manual categories and complex marks, case-review
 * meetings, users' 法律职业资格.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../storage/database';
import type { DB, NewRow, Row } from '../storage/schema';

export type LegalReviewRow = Row<'legal_reviews'>;
export type ReviewMarkRow = Row<'legal_review_marks'>;
export type ReviewMeetingRow = Row<'review_meetings'>;

export const insertReview = (ex: Executor, row: NewRow<'legal_reviews'>) =>
  ex.insertInto('legal_reviews').values(row).execute();
export const getReview = (ex: Executor, id: string) =>
  ex.selectFrom('legal_reviews').selectAll().where('id', '=', id).executeTakeFirst();
export const lockReview = (ex: Executor, id: string) =>
  ex.selectFrom('legal_reviews').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const updateReview = (ex: Executor, id: string, patch: Partial<LegalReviewRow>) =>
  ex.updateTable('legal_reviews').set(patch).where('id', '=', id).execute();
/** A case's reviews, oldest first. */
export const caseReviews = (ex: Executor, caseId: string) =>
  ex.selectFrom('legal_reviews').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** A unit's reviews, newest first, after `cursor` (an id); `overdueOn`: only those overdue then. */
export function unitReviews(
  ex: Executor,
  q: {
    unitId: string;
    open: boolean;
    reviewerUserId?: string;
    stage?: string;
    overdueOn?: string;
    cursor?: string;
    limit: number;
  },
) {
  let s = ex.selectFrom('legal_reviews as lr').selectAll('lr').where('lr.review_unit_id', '=', q.unitId);
  if (q.open) s = s.where('lr.state', 'not in', ['adopted', 'decided']).where('lr.passed', '=', 0);
  if (q.reviewerUserId) s = s.where('lr.reviewer_user_id', '=', q.reviewerUserId);
  if (q.stage) s = s.where('lr.stage', '=', q.stage);
  if (q.overdueOn) {
    const today = q.overdueOn;
    s = s.where('lr.state', 'in', OVERDUE_STATES).where((eb) => overdueTimer(eb, today));
  }
  if (q.cursor) s = s.where('lr.id', '<', q.cursor);
  return s.orderBy('lr.id', 'desc').limit(q.limit).execute();
}

/** The units a case was sent to for review (case access: `review`). */
export async function reviewUnitsOf(ex: Executor, caseId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('legal_reviews')
    .select('review_unit_id')
    .distinct()
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.review_unit_id);
}

/** Opinions this user has issued (a first review needs the qualification). */
export async function opinionsBy(ex: Executor, userId: string): Promise<number> {
  const r = await ex
    .selectFrom('legal_reviews')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('reviewer_user_id', '=', userId)
    .where('opinion', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const insertMark = (ex: Executor, row: NewRow<'legal_review_marks'>) =>
  ex.insertInto('legal_review_marks').values(row).execute();
export const caseMarks = (ex: Executor, caseId: string) =>
  ex.selectFrom('legal_review_marks').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export const insertMeeting = (ex: Executor, row: NewRow<'review_meetings'>) =>
  ex.insertInto('review_meetings').values(row).execute();
export const caseMeeting = (ex: Executor, caseId: string) =>
  ex.selectFrom('review_meetings').selectAll().where('case_id', '=', caseId).executeTakeFirst();

export const getQualification = (ex: Executor, userId: string) =>
  ex.selectFrom('legal_qualifications').selectAll().where('user_id', '=', userId).executeTakeFirst();
export async function setQualification(ex: Executor, row: Row<'legal_qualifications'>): Promise<void> {
  await ex.deleteFrom('legal_qualifications').where('user_id', '=', row.user_id).execute();
  await ex.insertInto('legal_qualifications').values(row).execute();
}

/** Sets the case's `major` flag. */
export const setCaseMajor = (ex: Executor, caseId: string, major: boolean) =>
  ex
    .updateTable('cases')
    .set({ major: major ? 1 : 0 })
    .where('id', '=', caseId)
    .execute();

/** The users holding a role whose officer belongs to a unit (the review unit's reviewers, the leaders). */
export function usersWithRole(ex: Executor, role: string, unitId?: string) {
  let q = ex
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('officers as o', 'o.id', 'u.officer_id')
    .select(['u.id', 'u.display_name', 'u.officer_id', 'o.unit_id'])
    .where('r.role', '=', role)
    .where('u.disabled', '=', 0);
  if (unitId) q = q.where('o.unit_id', '=', unitId);
  return q.orderBy('u.id').execute();
}

/** The case a record or document belongs to (materials must be the case's own). */
export async function materialCaseId(ex: Executor, kind: 'record' | 'document', id: string) {
  const r =
    kind === 'record'
      ? await ex.selectFrom('records').select('case_id').where('id', '=', id).executeTakeFirst()
      : await ex.selectFrom('documents').select('case_id').where('id', '=', id).executeTakeFirst();
  return r?.case_id ?? null;
}
/** A material's title: a record's file name, a document's 文号. */
export async function materialTitle(ex: Executor, kind: 'record' | 'document', id: string) {
  return kind === 'record'
    ? (await ex.selectFrom('records').select('file_name').where('id', '=', id).executeTakeFirst())?.file_name
    : (await ex.selectFrom('documents').select('number').where('id', '=', id).executeTakeFirst())?.number;
}
export const officerUnit = async (ex: Executor, officerId: string) =>
  (await ex.selectFrom('officers').select('unit_id').where('id', '=', officerId).executeTakeFirst())?.unit_id;
export const unitName = async (ex: Executor, id: string) =>
  (await ex.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst())?.name;
export const documentRef = (ex: Executor, id: string) =>
  ex.selectFrom('documents').select(['id', 'number']).where('id', '=', id).executeTakeFirst();
export const setMeetingDocument = (ex: Executor, id: string, documentId: string) =>
  ex.updateTable('review_meetings').set({ document_id: documentId }).where('id', '=', id).execute();

// ---- deadline timers and their alerts (REV-05, REV-07) ----

export type ReviewTimerRow = Row<'legal_review_timers'>;

/** Removes a review's timers of these deadlines (met, replaced or moved). */
export const clearTimers = (ex: Executor, reviewId: string, deadlines: readonly string[]) =>
  ex
    .deleteFrom('legal_review_timers')
    .where('review_id', '=', reviewId)
    .where('deadline', 'in', deadlines)
    .execute();

export const insertTimers = (ex: Executor, rows: NewRow<'legal_review_timers'>[]) =>
  rows.length === 0 ? Promise.resolve() : ex.insertInto('legal_review_timers').values(rows).execute();

/** Unfired timers due by `today`, claimed: on PostgreSQL other nodes skip them (SKIP LOCKED). */
export const dueTimers = (ex: Executor, today: string, limit: number) =>
  ex
    .selectFrom('legal_review_timers')
    .selectAll()
    .where('fired_at', 'is', null)
    .where('fire_on', '<=', today)
    .orderBy('fire_on')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const markTimerFired = (ex: Executor, id: string, at: string) =>
  ex.updateTable('legal_review_timers').set({ fired_at: at }).where('id', '=', id).execute();

/** True when the alert is new (the unique key makes a second firing a no-op). */
export async function insertAlert(ex: Executor, row: NewRow<'legal_review_alerts'>): Promise<boolean> {
  const r = await ex
    .insertInto('legal_review_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['review_id', 'deadline', 'stage', 'due']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export const alertsOfReview = (ex: Executor, reviewId: string) =>
  ex.selectFrom('legal_review_alerts').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();

export const timersOfReview = (ex: Executor, reviewId: string) =>
  ex
    .selectFrom('legal_review_timers')
    .selectAll()
    .where('review_id', '=', reviewId)
    .orderBy('fire_on')
    .execute();

// ---- the leader's inbox and the reviewer's to-do ----

/** Open reviews, oldest due first: escalated ones, or those with an extension asked for. */
export function reviewsInState(ex: Executor, q: { states: readonly string[]; extensionAsked?: boolean }) {
  let s = ex.selectFrom('legal_reviews').selectAll().where('state', 'in', q.states);
  if (q.extensionAsked) s = s.where('extension', 'is not', null);
  return s.orderBy('due').orderBy('id').execute();
}

/** The states in which the review unit owes something (the opinion, or the reply to an objection). */
const OVERDUE_STATES = ['submitted', 'assigned', 'objected'];

/**
 * The review's review period or reply is overdue as of `today`: an `overdue` timer whose day has
 * come and that was not removed by meeting the deadline.
 */
const overdueTimer = (eb: ExpressionBuilder<DB & { lr: DB['legal_reviews'] }, 'lr'>, today: string) =>
  eb.exists(
    eb
      .selectFrom('legal_review_timers as t')
      .select('t.id')
      .whereRef('t.review_id', '=', 'lr.id')
      .where('t.stage', '=', 'overdue')
      .where('t.deadline', 'in', ['review', 'reply'])
      .where('t.fire_on', '<=', today),
  );

/** Reviews overdue as of `today` (see `overdueTimer`), in every unit, oldest due first. */
export const overdueReviews = (ex: Executor, today: string) =>
  ex
    .selectFrom('legal_reviews as lr')
    .selectAll('lr')
    .where('lr.state', 'in', OVERDUE_STATES)
    .where((eb) => overdueTimer(eb, today))
    .orderBy('lr.due')
    .orderBy('lr.id')
    .execute();

/** Reviews assigned to this reviewer that wait for them: the opinion, or the answer to an objection. */
export const reviewsAssignedTo = (ex: Executor, userId: string) =>
  ex
    .selectFrom('legal_reviews')
    .selectAll()
    .where('reviewer_user_id', '=', userId)
    .where('state', 'in', ['assigned', 'objected'])
    .orderBy('due')
    .orderBy('id')
    .execute();

/**
 * Major cases whose pre-decision review passed and that have no case-review meeting yet (REV-06),
 * with the passing review: the 案审会 the leaders have to hold.
 */
export const meetingsToHold = (ex: Executor) =>
  ex
    .selectFrom('cases as c')
    .innerJoin('legal_reviews as lr', 'lr.case_id', 'c.id')
    .select(['c.id as case_id', 'c.number as case_number', 'c.title as case_title', 'lr.id as review_id'])
    .where('c.major', '=', 1)
    .where('lr.stage', '=', 'beforeDecision')
    .where('lr.passed', '=', 1)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('review_meetings as m').select('m.id').whereRef('m.case_id', '=', 'c.id')),
      ),
    )
    .orderBy('lr.id')
    .execute();
