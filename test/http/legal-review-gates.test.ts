/**
 * Issue 13, done-when 2 (REV-04): the legal-review gates, for each act type on both databases. A
 * major case (a leader's category 7) cannot pass the first gated transition of its lifecycle before
 * that stage's review agrees: an opinion other than `agree` keeps it held, also once the unit adopts
 * it; a new round that agrees, or the leader's final decision after an objection, lets it pass. A
 * case of the same act type that is not major passes the same transition without any review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActType } from '../../src/domain/case-types';
import { checklistFor } from '../../src/domain/legal-review';
import {
  demoFiling,
  demoOffice,
  httpClient,
  login,
  makeTestApp,
  ok,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { legalReviewers, proceedings } from '../proceeding';

type View = {
  id: string;
  state: string;
  major: boolean;
  legalReview: { stages: Array<{ stage: string; state: string; reviewId: string | null }> };
};
type Refusal = { error: { code: string; details?: { gate?: string } } };

/** Each act type, its filing, and the first transition its lifecycle's legal review holds. */
interface GateCase {
  actType: ActType;
  filing: Record<string, unknown>;
  stage: string;
  action: string;
  /** Transitions (not held by legal review) that bring a fresh case to the state the gated one starts from. */
  before: string[];
}
const GATE_CASES: GateCase[] = [
  {
    actType: 'penalty',
    filing: { procedure: 'ordinary', powerItem: 'QPMF-CF-002' },
    stage: 'filing',
    action: 'startInvestigation',
    before: [],
  },
  {
    actType: 'licensing',
    filing: { procedure: 'standard', powerItem: 'QPMF-XK-001' },
    stage: 'filing',
    action: 'accept',
    before: [],
  },
  {
    actType: 'inspection',
    filing: { procedure: 'standard', powerItem: 'QPMF-JC-001' },
    stage: 'filing',
    action: 'startInspection',
    before: [],
  },
  {
    // 强制执行: filed long enough ago for the 催告期 (10 working days) to be over.
    actType: 'compulsion',
    filing: { procedure: 'execution', powerItem: 'QPMF-QZ-001', filedOn: '2026-11-02' },
    stage: 'beforeDecision',
    action: 'decideExecution',
    before: [],
  },
  {
    // 征收征用 starts decided: its only review is the closing one.
    actType: 'expropriation',
    filing: { procedure: 'standard', powerItem: 'QPMF-ZS-001' },
    stage: 'closing',
    action: 'close',
    before: ['serve', 'execute'],
  },
];

describe.each(DIALECTS)('legal review gates per act type on %s', (dialect) => {
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

  /** Files a case of this act type, brought to the state its gated transition starts from. */
  const file = async (g: GateCase): Promise<View> => {
    const { powerItem, ...rest } = g.filing;
    const c = await ok<View>(
      asOfficer.post(
        '/api/cases',
        demoFiling(office, {
          actType: g.actType,
          powerItemId: office.items.get(powerItem as string),
          ...rest,
        }),
      ),
      201,
    );
    expect(c.major).toBe(false);
    if (g.actType === 'penalty') await p.approve(c.id, 'filing');
    for (const action of g.before) await ok(asOfficer.post(`/api/cases/${c.id}/transitions`, { action }));
    return ok<View>(asOfficer.get(`/api/cases/${c.id}`));
  };
  const transition = (g: GateCase, caseId: string) =>
    asOfficer.post(`/api/cases/${caseId}/transitions`, { action: g.action });
  const held = async (g: GateCase, caseId: string) => {
    const r = await transition(g, caseId);
    expect(r.statusCode, r.body).toBe(409);
    const e = r.json<Refusal>().error;
    expect(e.code).toBe('LEGAL_REVIEW_REQUIRED');
    expect(e.details?.gate).toBe(`legalReview.${g.stage}`);
  };
  /** One round of review of the stage: submitted with a record, taken by the reviewer, answered. */
  const round = async (g: GateCase, caseId: string, kind: string, reasons = '') => {
    const recordId = await p.evidence(caseId);
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${caseId}/legal-reviews`, {
        stage: g.stage,
        recordIds: [recordId],
        documentIds: [],
        statement: '案件材料已齐备，提请审核',
      }),
    );
    const id = v.legalReview.stages.find((s) => s.stage === g.stage)!.reviewId!;
    await ok(asReviewer.post(`/api/legal-reviews/${id}/assignment`, {}));
    return ok<{ id: string; state: string; passed: boolean }>(
      asReviewer.post(`/api/legal-reviews/${id}/opinion`, {
        kind,
        reasons,
        checklist: checklistFor(g.actType).map((item) => ({ item, answer: 'conform', note: '' })),
        participants: {},
      }),
    );
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
    ({ reviewer } = await legalReviewers(t.app, admin));
  });
  afterAll(() => t?.close());

  it.each(GATE_CASES)(
    'REV-04 $actType: a major case passes $action only after the $stage review agrees; another opinion keeps it held',
    async (g) => {
      const c = await file(g);
      const v = await ok<View>(
        asLeader.post(`/api/cases/${c.id}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
      );
      expect(v.major).toBe(true);
      expect(v.legalReview.stages.find((s) => s.stage === g.stage)?.state).toBe('required');
      await held(g, c.id);
      const first = await round(g, c.id, 'investigateFurther', '证据不足，须补充现场检查笔录');
      expect(first.passed).toBe(false);
      await held(g, c.id);
      // The unit adopts the opinion (补充证据): still held until a new round agrees.
      const adopted = await ok<{ state: string }>(
        asOfficer.post(`/api/legal-reviews/${first.id}/adoption`, {}),
      );
      expect(adopted.state).toBe('adopted');
      await held(g, c.id);
      const second = await round(g, c.id, 'agree');
      expect(second.passed).toBe(true);
      const passed = await ok<View>(transition(g, c.id));
      expect(passed.legalReview.stages.find((s) => s.stage === g.stage)?.state).toBe('passed');
    },
  );

  it.each(GATE_CASES)(
    'REV-04 REV-07 $actType: a major case held by a disputed opinion passes $action once the leader decides for the unit',
    async (g) => {
      const c = await file(g);
      await ok(
        asLeader.post(`/api/cases/${c.id}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
      );
      const r = await round(g, c.id, 'correct', '程序不规范');
      await ok(asOfficer.post(`/api/legal-reviews/${r.id}/objection`, { reasons: '现有程序符合规定' }));
      await held(g, c.id);
      const replied = await ok<{ state: string }>(
        asReviewer.post(`/api/legal-reviews/${r.id}/reply`, { decision: 'maintain', text: '维持原审核意见' }),
      );
      expect(replied.state).toBe('escalated');
      await held(g, c.id);
      const decided = await ok<{ passed: boolean }>(
        asLeader.post(`/api/legal-reviews/${r.id}/final-decision`, {
          side: 'unit',
          reasons: '同意承办部门意见',
        }),
      );
      expect(decided.passed).toBe(true);
      await ok(transition(g, c.id));
    },
  );

  it.each(GATE_CASES)(
    'REV-04 $actType: a case that is not major passes $action without review',
    async (g) => {
      const c = await file(g);
      const before = c.state;
      const v = await ok<View>(transition(g, c.id));
      expect(v.state).not.toBe(before);
      expect(v.legalReview.stages.find((s) => s.stage === g.stage)?.state).toBe('notRequired');
    },
  );
});
