import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Todo } from '../../src/http/routes/todo.schema';
import type {
  LegalReview,
  LegalReviewInbox,
  LegalReviewPage,
} from '../../src/http/routes/legal-review.schema';
import { fireLegalReviewTimers } from '../../src/services/legal-review-service';
import {
  demoFiling,
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  ok,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { proceedings } from '../proceeding';

type View = {
  id: string;
  legalReview: { stages: Array<{ stage: string; reviewId: string | null }> };
};
const ITEMS = [
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
];

/**
 * Legal review's periods and who waits for what (REV-05, REV-07, PLT-07): the one extension of the
 * review period, deadline timers fired by the alerts job, the overdue queue, the leader's inbox and
 * the reviewer's to-do, and a reviewer's access to the cases sent to their unit. The clock starts on
 * Wednesday 2026-11-25; a review submitted then is due on 2026-12-02 (5 working days).
 */
describe.each(DIALECTS)('legal review deadlines, extension and inbox on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  let reviewer: Session;
  let admin: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const http = httpClient(() => t.app);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [office.officers.get('王建国')!, office.officers.get('李明')!],
  });
  const asOfficer = http.as(() => officer);
  const asLeader = http.as(() => leader);
  const asReviewer = http.as(() => reviewer);
  const refusal = async (r: Promise<{ statusCode: number; body: string }>, status: number, code: string) => {
    const res = await r;
    expect(res.statusCode, res.body).toBe(status);
    const e = (errorOf as (r: unknown) => { code: string; message: string; field?: string })(res);
    expect(e.code).toBe(code);
    return e;
  };
  /** A major case with a stage submitted for review; returns the case and the review's ids. */
  const submitted = async (stage = 'filing') => {
    const c = await ok<View>(asOfficer.post('/api/cases', demoFiling(office)), 201);
    await ok(
      asLeader.post(`/api/cases/${c.id}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
    );
    const recordId = await p.evidence(c.id);
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${c.id}/legal-reviews`, {
        stage,
        recordIds: [recordId],
        documentIds: [],
        statement: '案件材料已齐备，提请审核',
      }),
    );
    return { caseId: c.id, id: v.legalReview.stages.find((s) => s.stage === stage)!.reviewId! };
  };
  const assigned = async (stage = 'filing') => {
    const r = await submitted(stage);
    await ok(asReviewer.post(`/api/legal-reviews/${r.id}/assignment`, {}));
    return r;
  };
  const opinion = (id: string, kind: string, reasons = '') =>
    ok<LegalReview>(
      asReviewer.post(`/api/legal-reviews/${id}/opinion`, {
        kind,
        reasons,
        checklist: ITEMS.map((item) => ({ item, answer: 'conform', note: '' })),
        participants: {},
      }),
    );
  const review = (s: typeof asReviewer, id: string) => ok<LegalReview>(s.get(`/api/legal-reviews/${id}`));
  const inbox = () => ok<LegalReviewInbox>(asLeader.get('/api/legal-review/inbox'));
  const entries = async (id: string) =>
    (
      await t.deps.db
        .selectFrom('ledger')
        .select('action')
        .where('subject_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);
  /** Moves the clock and signs everyone in again (sessions lapse while days pass). */
  const advanceTo = async (date: string) => {
    t.clock.current = new Date(`${date}T02:00:00Z`);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    reviewer = await login(t.app, 'reviewer');
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    reviewer = await login(t.app, 'reviewer');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
    const users = await ok<{ items: Array<{ id: string; username: string }> }>(http.get(admin, '/api/users'));
    const rid = users.items.find((u) => u.username === 'reviewer')!.id;
    await ok(http.put(admin, `/api/users/${rid}/legal-qualification`, { qualified: true }));
  });
  afterAll(() => t?.close());

  it('PLT-07 a reviewer reads a case once it is submitted to their unit’s review, and not before', async () => {
    const c = await ok<View>(asOfficer.post('/api/cases', demoFiling(office)), 201);
    await ok(
      asLeader.post(`/api/cases/${c.id}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
    );
    expect((await asReviewer.get(`/api/cases/${c.id}`)).statusCode).toBe(403);
    const listed = async () =>
      (await ok<{ items: Array<{ id: string }> }>(asReviewer.get('/api/cases?limit=200'))).items.map(
        (i) => i.id,
      );
    expect(await listed()).not.toContain(c.id);
    const recordId = await p.evidence(c.id);
    await ok(
      asOfficer.post(`/api/cases/${c.id}/legal-reviews`, {
        stage: 'filing',
        recordIds: [recordId],
        documentIds: [],
        statement: '提请立案审核',
      }),
    );
    expect((await asReviewer.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    expect(await listed()).toContain(c.id);
    // Another case of the same unit, not submitted, stays closed to the reviewer.
    const other = await ok<View>(asOfficer.post('/api/cases', demoFiling(office)), 201);
    expect((await asReviewer.get(`/api/cases/${other.id}`)).statusCode).toBe(403);
    expect(await listed()).not.toContain(other.id);
  });

  it('REV-05 the review period is extended once by 3 working days with a leader’s approval; the view counts working days', async () => {
    const { id } = await assigned();
    const before = await review(asReviewer, id);
    expect(before.currentDeadline).toEqual({
      kind: 'review',
      label: '审核期限',
      due: '2026-12-02',
      workingDays: 5,
      confirmed: true,
      daysLeft: 5,
      overdue: false,
    });
    expect(before.due).toEqual({ due: '2026-12-02', workingDays: 5, confirmed: true });
    expect(before.extensionState).toBe('available');
    expect(before.acts).toContain('requestExtension');
    expect((await review(asLeader, id)).acts).not.toContain('decideExtension');
    // The reason is required, with its field; an officer may not ask.
    expect(
      (
        await refusal(
          asReviewer.post(`/api/legal-reviews/${id}/extension`, { reason: '短' }),
          400,
          'REASON_REQUIRED',
        )
      ).field,
    ).toBe('reason');
    const empty = await asReviewer.post(`/api/legal-reviews/${id}/extension`, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).field).toBe('reason');
    expect(
      (await asOfficer.post(`/api/legal-reviews/${id}/extension`, { reason: '案情复杂' })).statusCode,
    ).toBe(403);
    const asked = await ok<LegalReview>(
      asReviewer.post(`/api/legal-reviews/${id}/extension`, { reason: '案情复杂，需要听取当事人意见' }),
    );
    expect(asked.extensionState).toBe('pending');
    expect(asked.extension).toMatchObject({ state: 'pending', originalDue: '2026-12-02', decidedBy: null });
    expect(asked.acts).not.toContain('requestExtension');
    await refusal(
      asReviewer.post(`/api/legal-reviews/${id}/extension`, { reason: '再次申请延长' }),
      409,
      'REVIEW_EXTENSION_USED',
    );
    const l = await review(asLeader, id);
    expect(l.acts).toContain('decideExtension');
    const box = await inbox();
    expect(box.extensionRequests.items.map((i) => i.review.id)).toContain(id);
    expect(
      (await ok<Todo>(asLeader.get('/api/todo'))).leader!.reviewExtensions.items.map((i) => i.reviewId),
    ).toContain(id);
    // A refusal needs a reason; an approval moves the due day 3 working days on: 12-03, 12-04, 12-07.
    await refusal(
      asLeader.post(`/api/legal-reviews/${id}/extension/decision`, { approve: false, opinion: '' }),
      400,
      'REASON_REQUIRED',
    );
    expect(
      (await asReviewer.post(`/api/legal-reviews/${id}/extension/decision`, { approve: true, opinion: '' }))
        .statusCode,
    ).toBe(403);
    const approved = await ok<LegalReview>(
      asLeader.post(`/api/legal-reviews/${id}/extension/decision`, { approve: true, opinion: '同意延长' }),
    );
    expect(approved.extensionState).toBe('approved');
    expect(approved.extension).toMatchObject({
      state: 'approved',
      opinion: '同意延长',
      originalDue: '2026-12-02',
    });
    expect(approved.due).toEqual({ due: '2026-12-07', workingDays: 8, confirmed: true });
    expect(approved.currentDeadline).toMatchObject({ kind: 'review', due: '2026-12-07', daysLeft: 8 });
    expect(approved.acts).not.toContain('decideExtension');
    await refusal(
      asLeader.post(`/api/legal-reviews/${id}/extension/decision`, { approve: true, opinion: '' }),
      409,
      'LEGAL_REVIEW_NOT_NOW',
    );
    await refusal(
      asReviewer.post(`/api/legal-reviews/${id}/extension`, { reason: '第二次延长' }),
      409,
      'REVIEW_EXTENSION_USED',
    );
    expect((await inbox()).extensionRequests.items.map((i) => i.review.id)).not.toContain(id);
    expect(await entries(id)).toEqual([
      'legalReview.submitted@1',
      'legalReview.assigned@1',
      'legalReview.extensionRequested@1',
      'legalReview.extensionDecided@1',
    ]);
    const timers = await t.deps.db
      .selectFrom('legal_review_timers')
      .select(['deadline', 'stage', 'fire_on'])
      .where('review_id', '=', id)
      .orderBy('fire_on')
      .execute();
    expect(timers).toEqual([
      { deadline: 'review', stage: 'before', fire_on: '2026-12-04' },
      { deadline: 'review', stage: 'due', fire_on: '2026-12-07' },
      { deadline: 'review', stage: 'overdue', fire_on: '2026-12-08' },
    ]);
  });

  it('REV-06 REV-07 the leader’s inbox: escalated objections and meetings to hold; the reviewer’s to-do lists assigned reviews', async () => {
    const esc = await assigned();
    const mine = (await ok<Todo>(asReviewer.get('/api/todo'))).reviewer!.assignedReviews;
    expect(mine.items.find((i) => i.reviewId === esc.id)).toMatchObject({
      deadlineLabel: '审核期限',
      due: '2026-12-02',
      daysLeft: 5,
      overdue: false,
      stateLabel: '审核中',
    });
    await opinion(esc.id, 'investigateFurther', '证据不足，须补充');
    await ok(asOfficer.post(`/api/legal-reviews/${esc.id}/objection`, { reasons: '证据已足以证明违法事实' }));
    const objected = await review(asReviewer, esc.id);
    // Objected on 11-25: the reply is due in 3 working days (11-26, 11-27, 11-30).
    expect(objected.currentDeadline).toMatchObject({ kind: 'reply', due: '2026-11-30', daysLeft: 3 });
    await ok(
      asReviewer.post(`/api/legal-reviews/${esc.id}/reply`, { decision: 'maintain', text: '维持原意见' }),
    );
    const meet = await assigned('beforeDecision');
    await opinion(meet.id, 'agree');
    const box = await inbox();
    expect(box.escalations.items.map((r) => r.id)).toContain(esc.id);
    expect(box.meetingsToHold.items).toContainEqual(
      expect.objectContaining({ caseId: meet.caseId, reviewId: meet.id }),
    );
    const todo = (await ok<Todo>(asLeader.get('/api/todo'))).leader!;
    expect(todo.reviewEscalations.items.map((i) => i.reviewId)).toContain(esc.id);
    expect(todo.reviewMeetings.items.map((i) => i.case.id)).toContain(meet.caseId);
    expect(
      (await ok<Todo>(asReviewer.get('/api/todo'))).reviewer!.assignedReviews.items.map((i) => i.reviewId),
    ).not.toContain(esc.id);
    // Only leaders have the inbox.
    expect((await asReviewer.get('/api/legal-review/inbox')).statusCode).toBe(403);
    expect((await asOfficer.get('/api/legal-review/inbox')).statusCode).toBe(403);
    // The leader decides: the escalation leaves the inbox.
    await ok(
      asLeader.post(`/api/legal-reviews/${esc.id}/final-decision`, {
        side: 'review',
        reasons: '维持审核意见',
      }),
    );
    expect((await inbox()).escalations.items.map((r) => r.id)).not.toContain(esc.id);
  });

  it('REV-05 adopting an opinion takes an empty object and nothing else', async () => {
    const { id } = await assigned();
    await opinion(id, 'correct', '程序不规范');
    expect((await asOfficer.post(`/api/legal-reviews/${id}/adoption`, { note: 'x' })).statusCode).toBe(400);
    const adopted = await ok<LegalReview>(asOfficer.post(`/api/legal-reviews/${id}/adoption`, {}));
    expect(adopted.state).toBe('adopted');
    expect(adopted.currentDeadline).toBeNull();
  });

  it('REV-05 REV-07 timers alert before, on and after each due day, once, fired by the alerts job on several nodes; the overdue queue (runs last: it moves the clock)', async () => {
    const late = await assigned();
    const objecting = await assigned();
    await opinion(objecting.id, 'change', '适用依据不当');
    // 11-25: the objection window runs to 11-27 (2 working days); its early alert fires 11-26.
    await advanceTo('2026-11-26');
    expect(await fireLegalReviewTimers(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await fireLegalReviewTimers(t.deps)).toBe(0);
    const objAlerts = (await review(asOfficer, objecting.id)).alerts;
    expect(objAlerts).toEqual([
      expect.objectContaining({
        deadline: 'objection',
        stage: 'before',
        due: '2026-11-27',
        label: '提出异议期限',
      }),
    ]);
    await ok(asOfficer.post(`/api/legal-reviews/${objecting.id}/objection`, { reasons: '依据适用正确' }));
    // Objected 11-26: reply due 12-01; the objection window's timers are gone.
    expect(
      (
        await t.deps.db
          .selectFrom('legal_review_timers')
          .select(['deadline', 'stage', 'fire_on'])
          .where('review_id', '=', objecting.id)
          .where('fired_at', 'is', null)
          .orderBy('fire_on')
          .execute()
      ).map((r) => `${r.deadline} ${r.stage} ${r.fire_on}`),
    ).toEqual(['reply before 2026-11-30', 'reply due 2026-12-01', 'reply overdue 2026-12-02']);

    // 12-03: the review period of `late` (due 12-02) and the reply (due 12-01) are over. Two nodes
    // run the job at once: every alert is raised exactly once.
    await advanceTo('2026-12-03');
    const [a, b] = await Promise.all([fireLegalReviewTimers(t.deps), fireLegalReviewTimers(t.deps)]);
    expect(a + b).toBeGreaterThan(0);
    expect(await fireLegalReviewTimers(t.deps)).toBe(0);
    const lateView = await review(asReviewer, late.id);
    expect(lateView.alerts.map((x) => `${x.deadline} ${x.stage} ${x.due}`).sort()).toEqual([
      'review before 2026-12-02',
      'review due 2026-12-02',
      'review overdue 2026-12-02',
    ]);
    expect(lateView.overdue).toBe(true);
    expect(lateView.currentDeadline).toMatchObject({ kind: 'review', daysLeft: -1, overdue: true });
    expect(lateView.extensionState).toBe('unavailable');
    expect(lateView.acts).not.toContain('requestExtension');
    const alerts = await t.deps.db
      .selectFrom('legal_review_alerts')
      .select(['review_id', 'deadline', 'stage', 'due'])
      .execute();
    const keys = alerts.map((x) => `${x.review_id} ${x.deadline} ${x.stage} ${x.due}`);
    expect(new Set(keys).size).toBe(keys.length);
    const raised = await t.deps.db
      .selectFrom('ledger')
      .select('subject_id')
      .where('action', '=', 'legalReview.alertRaised@1')
      .execute();
    expect(raised.length).toBe(alerts.length);

    // The overdue queue and the inbox: the review period and the reply are late.
    const overdue = await ok<LegalReviewPage>(asReviewer.get('/api/legal-reviews?view=overdue'));
    expect(overdue.items.map((i) => i.id)).toEqual(expect.arrayContaining([late.id, objecting.id]));
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    expect((await inbox()).overdueReviews.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([late.id, objecting.id]),
    );
    // After the due day the extension is refused with the day.
    const e = await refusal(
      asReviewer.post(`/api/legal-reviews/${late.id}/extension`, { reason: '案情复杂，需要延长' }),
      409,
      'REVIEW_EXTENSION_TOO_LATE',
    );
    expect(e.message).toContain('2026-12-02');
    // Meeting the deadline takes the review off the overdue queue.
    await opinion(late.id, 'agree');
    await ok(
      asReviewer.post(`/api/legal-reviews/${objecting.id}/reply`, {
        decision: 'revise',
        kind: 'agree',
        text: '采纳异议',
      }),
    );
    const after = await ok<LegalReviewPage>(asReviewer.get('/api/legal-reviews?view=overdue'));
    expect(after.items.map((i) => i.id)).not.toContain(late.id);
    expect(after.items.map((i) => i.id)).not.toContain(objecting.id);
  });
});
