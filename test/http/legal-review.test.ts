import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoFiling,
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  ok,
  officerSession,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { proceedings } from '../proceeding';

type View = {
  id: string;
  state: string;
  major: boolean;
  legalReview: {
    classification: { major: boolean; categories: Array<{ category: number; reason: string }> };
    stages: Array<{ stage: string; state: string; reviewId: string | null }>;
    submittable: string[];
    acts: string[];
  };
};
type Review = {
  id: string;
  state: string;
  passed: boolean;
  acts: string[];
  objectionDue: { due: string } | null;
};

const GENERAL = [
  'jurisdiction',
  'factsEvidence',
  'legalBasis',
  'appropriateness',
  'procedure',
  'collectiveDiscussion',
];
const PENALTY = ['sanctionKind', 'performance', 'discretion', 'crimeTransfer'];
const checklist = (items = [...GENERAL, ...PENALTY]) =>
  items.map((item) => ({ item, answer: 'conform', note: '' }));
const DAY = 86_400_000;

describe.each(DIALECTS)('legal review of major decisions on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  let leader2: Session;
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
  const asAdmin = http.as(() => admin);
  const file = async () => ok<View>(asOfficer.post('/api/cases', demoFiling(office)), 201);
  const designate = (id: string) =>
    ok<View>(
      asLeader.post(`/api/cases/${id}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
    );
  const userId = async (username: string) =>
    (await ok<{ items: Array<{ id: string; username: string }> }>(asAdmin.get('/api/users'))).items.find(
      (u) => u.username === username,
    )!.id;
  const reviewerId = () => userId('reviewer');
  const refusal = async (r: Promise<{ statusCode: number; body: string }>, status: number, code: string) => {
    const res = await r;
    expect(res.statusCode, res.body).toBe(status);
    expect(
      (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(
        res as never,
      ).code,
    ).toBe(code);
    return (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(res);
  };
  /** The officer submits a stage with one record; returns the review's id. */
  const submit = async (caseId: string, stage: string) => {
    const recordId = await p.evidence(caseId);
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${caseId}/legal-reviews`, {
        stage,
        recordIds: [recordId],
        documentIds: [],
        statement: '案件材料已齐备，提请审核',
      }),
    );
    return v.legalReview.stages.find((s) => s.stage === stage)!.reviewId!;
  };
  const opinion = (id: string, kind: string, reasons = '') =>
    asReviewer.post(`/api/legal-reviews/${id}/opinion`, {
      kind,
      reasons,
      checklist: checklist(),
      participants: {},
    });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    reviewer = await login(t.app, 'reviewer');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
    leader2 = await officerSession(t.app, admin, null, 'leader2', ['leader']);
    void leader2;
  });
  afterAll(() => t?.close());

  it('REV-01 a leader designates a case major (category 7) with a reason; the case view shows it', async () => {
    const c = await file();
    expect(c.major).toBe(false);
    const v = await designate(c.id);
    expect(v.major).toBe(true);
    expect(v.legalReview.classification.categories).toEqual([
      expect.objectContaining({ category: 7, reason: '区领导指定' }),
    ]);
    expect(v.legalReview.stages.find((s) => s.stage === 'filing')!.state).toBe('required');
    const mine = await ok<View>(asOfficer.get(`/api/cases/${c.id}`));
    expect(mine.legalReview.submittable).toContain('filing');
  });

  it('REV-04 a non-major case is not held up by legal review', async () => {
    const c = await file();
    const v = await p.runTo(c.id, 'investigationEnded');
    expect(v.state).toBe('investigationEnded');
  });

  it('REV-04 REV-05 REV-07 REV-09 a major case passes the filing stage only after review; objection and the leader’s final decision', async () => {
    const c = await file();
    await designate(c.id);
    await p.approve(c.id, 'filing');
    const held = await asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'startInvestigation' });
    expect(held.statusCode).toBe(409);
    expect(
      (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(held)
        .details?.gate,
    ).toBe('legalReview.filing');
    const id = await submit(c.id, 'filing');
    // REV-05: a first-time reviewer without the 法律职业资格 is refused.
    await refusal(asReviewer.post(`/api/legal-reviews/${id}/assignment`, {}), 409, 'REVIEWER_NOT_QUALIFIED');
    // A non-reviewer (the officer) is refused by role.
    expect((await asOfficer.post(`/api/legal-reviews/${id}/assignment`, {})).statusCode).toBe(403);
    const rid = await reviewerId();
    await ok(
      asAdmin.put(`/api/users/${rid}/legal-qualification`, { qualified: true, certificateNumber: 'A2019' }),
    );
    const assigned = await ok<Review>(asReviewer.post(`/api/legal-reviews/${id}/assignment`, {}));
    expect(assigned.acts).toContain('issueOpinion');
    // REV-09: reasons are required for every kind but agree.
    await refusal(opinion(id, 'investigateFurther'), 400, 'OPINION_REASONS_REQUIRED');
    // REV-03: every checklist item is answered.
    await refusal(
      asReviewer.post(`/api/legal-reviews/${id}/opinion`, {
        kind: 'agree',
        reasons: '',
        checklist: checklist(GENERAL),
        participants: {},
      }),
      400,
      'CHECKLIST_INCOMPLETE',
    );
    const issued = await ok<Review>(opinion(id, 'investigateFurther', '证据不足，须补充现场检查笔录'));
    expect(issued.passed).toBe(false);
    const still = await asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'startInvestigation' });
    expect(still.statusCode).toBe(409);
    expect(
      (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(still).code,
    ).toBe('LEGAL_REVIEW_REQUIRED');
    // REV-07: the unit objects in time; the reviewer maintains; the leader decides finally.
    await ok(asOfficer.post(`/api/legal-reviews/${id}/objection`, { reasons: '现有证据已足以证明违法事实' }));
    const replied = await ok<Review>(
      asReviewer.post(`/api/legal-reviews/${id}/reply`, { decision: 'maintain', text: '维持原审核意见' }),
    );
    expect(replied.state).toBe('escalated');
    const decided = await ok<Review>(
      asLeader.post(`/api/legal-reviews/${id}/final-decision`, { side: 'unit', reasons: '同意承办部门意见' }),
    );
    expect(decided.passed).toBe(true);
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'startInvestigation' }),
    );
    expect(v.state).toBe('investigating');
  });

  it('REV-04 REV-06 a major case is decided only after the pre-decision review agrees and the meeting with a quorum', async () => {
    const c = await file();
    await designate(c.id);
    const pass = async (stage: string) => {
      const id = await submit(c.id, stage);
      await ok(asReviewer.post(`/api/legal-reviews/${id}/assignment`, {}));
      await ok(opinion(id, 'agree'));
    };
    await pass('filing');
    await p.approve(c.id, 'filing');
    await ok(asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'startInvestigation' }));
    await p.evidence(c.id);
    const r = await asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'endInvestigation' });
    expect(
      (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(r).details
        ?.gate,
    ).toBe('legalReview.endOfInvestigation');
    await pass('endOfInvestigation');
    await ok(asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'endInvestigation' }));
    await p.approve(c.id, 'decision', { outcome: 'noPenalty', reasons: '违法行为轻微并及时改正' });
    const d1 = await asOfficer.post(`/api/cases/${c.id}/transitions`, {
      action: 'decide',
      outcome: 'noPenalty',
    });
    expect(
      (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(d1).details
        ?.gate,
    ).toBe('legalReview.beforeDecision');
    // REV-06: no meeting before the pre-decision review agrees.
    const leaderId = await userId('leader');
    const leader2Id = await userId('leader2');
    const meeting = (attendees: string[]) =>
      asLeader.post(`/api/cases/${c.id}/review-meetings`, {
        heldOn: '2026-11-25',
        attendees: attendees.map((userId) => ({ userId, view: '同意' })),
        discussion: '讨论了案件事实和处理意见',
        conclusion: '同意不予处罚',
      });
    await refusal(meeting([leaderId, leader2Id]), 409, 'MEETING_NOT_NOW');
    await pass('beforeDecision');
    const d2 = await asOfficer.post(`/api/cases/${c.id}/transitions`, {
      action: 'decide',
      outcome: 'noPenalty',
    });
    expect(
      (errorOf as (r: unknown) => { code: string; message: string; details?: { gate?: string } })(d2).details
        ?.gate,
    ).toBe('legalReview.meeting');
    await refusal(meeting([leaderId]), 400, 'MEETING_QUORUM_NOT_MET');
    await ok(meeting([leaderId, leader2Id]));
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${c.id}/transitions`, { action: 'decide', outcome: 'noPenalty' }),
    );
    expect(v.state).toBe('decided');
  });
  it('REV-07 an objection after 2 working days is refused with the deadline (runs last: it moves the clock)', async () => {
    const c = await file();
    await designate(c.id);
    const id = await submit(c.id, 'filing');
    await ok(asReviewer.post(`/api/legal-reviews/${id}/assignment`, {}));
    const r = await ok<Review>(opinion(id, 'correct', '立案程序不规范'));
    // Sessions lapse while days pass: sign in again afterwards.
    t.clock.advance(5 * DAY);
    officer = await login(t.app, 'officer1');
    const e = await refusal(
      asOfficer.post(`/api/legal-reviews/${id}/objection`, { reasons: '不同意' }),
      409,
      'OBJECTION_TOO_LATE',
    );
    expect(e.message).toContain(r.objectionDue!.due);
  });
});
