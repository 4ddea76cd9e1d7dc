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
import { DEFAULT_SANCTION, proceedings } from '../proceeding';

type View = {
  id: string;
  state: string;
  title: string;
  facts: { outcome?: string; sanction?: { fine: number } };
  dates: { paidOn?: string };
  allowedActions: Array<{ action: string }>;
  blockedActions: Array<{ action: string; code: string; reason: string }>;
  proceeding: {
    name: string | null;
    chargedViolations: string[];
    approvals: Array<{ id: string; kind: string; state: string; opinion: string | null; decidable: boolean }>;
    approvalsToRequest: Array<{ kind: string }>;
    approvalsRequired: Array<{ kind: string; state: string | null }>;
    canProposePenalty: boolean;
    documentKinds: Array<{ kind: string }>;
    performanceKinds: Array<{ kind: string }>;
    payment: { due: string; daysLate: number; surcharge: number } | null;
  };
};

/** 人民防空法 art. 49 lists seven violations under one power item. */
const ART49 = 'QPMF-CF-005';

describe.each(DIALECTS)('the procedure the law implies on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
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
  const file = async (over: Record<string, unknown> = {}) =>
    ok<View>(asOfficer.post('/api/cases', demoFiling(office, over)), 201);
  const act = (id: string, body: Record<string, unknown>) =>
    asOfficer.post(`/api/cases/${id}/transitions`, body);
  const refused = async (id: string, body: Record<string, unknown>, code: string) => {
    const r = await act(id, body);
    expect(r.statusCode, r.body).toBe(409);
    expect(errorOf(r).code).toBe(code);
    return errorOf(r);
  };
  const offered = (v: View) => v.allowedActions.map((a) => a.action);
  const pending = (v: View, kind: string) => v.proceeding.approvals.filter((a) => a.kind === kind).at(-1)!;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
  });
  afterAll(() => t?.close());

  it('ACT-1 a case charges the violations chosen from its power item, and its name is 当事人 + 违法行为 + 案', async () => {
    const items = await ok<Array<{ code: string; violations: string[] }>>(asOfficer.get('/api/power-items'));
    const violations = items.find((i) => i.code === ART49)!.violations;
    expect(violations).toHaveLength(7);
    const none = await asOfficer.post(
      '/api/cases',
      demoFiling(office, { powerItemId: office.items.get(ART49) }),
    );
    expect(none.statusCode).toBe(400);
    expect(errorOf(none)).toMatchObject({ code: 'VIOLATION_REQUIRED', field: 'chargedViolations' });
    const foreign = await asOfficer.post(
      '/api/cases',
      demoFiling(office, { powerItemId: office.items.get(ART49), chargedViolations: ['随地吐痰'] }),
    );
    expect(errorOf(foreign)).toMatchObject({ code: 'VIOLATION_NOT_OF_ITEM', field: 'chargedViolations[0]' });
    const c = await file({ powerItemId: office.items.get(ART49), chargedViolations: [violations[0]] });
    expect(c.proceeding.chargedViolations).toEqual(['侵占人民防空工程']);
    expect(c.proceeding.name).toBe('上海某某置业有限公司侵占人民防空工程案');
    // An item with one violation charges it without a choice.
    const single = await file();
    expect(single.proceeding.chargedViolations).toHaveLength(1);
  });

  it('ACT-1 立案审批: before the leader approves the filing only 撤销立案 is open; a return needs an opinion; the officer may not decide it', async () => {
    const c = await file();
    expect(offered(c)).toEqual(['terminate']);
    expect(c.blockedActions).toEqual([
      expect.objectContaining({ action: 'startInvestigation', code: 'FILING_APPROVAL_REQUIRED' }),
    ]);
    await refused(c.id, { action: 'startInvestigation' }, 'FILING_APPROVAL_REQUIRED');
    const asked = await ok<View>(asOfficer.post(`/api/cases/${c.id}/approvals`, { kind: 'filing' }));
    expect(asked.proceeding.approvalsToRequest).toEqual([]);
    const again = await asOfficer.post(`/api/cases/${c.id}/approvals`, { kind: 'filing' });
    expect(errorOf(again).code).toBe('APPROVAL_PENDING');
    expect(
      (await refused(c.id, { action: 'startInvestigation' }, 'FILING_APPROVAL_REQUIRED')).message,
    ).toContain('尚待负责人审批');
    const a = pending(asked, 'filing');
    expect(a.decidable).toBe(false); // not for the officer
    const byOfficer = await asOfficer.post(`/api/approvals/${a.id}/decision`, { verdict: 'approve' });
    expect(byOfficer.statusCode).toBe(403);
    const leaderView = await ok<View>(asLeader.get(`/api/cases/${c.id}`));
    expect(pending(leaderView, 'filing').decidable).toBe(true);
    const bare = await asLeader.post(`/api/approvals/${a.id}/decision`, { verdict: 'return' });
    expect(bare.statusCode).toBe(400);
    expect(errorOf(bare)).toMatchObject({ code: 'OPINION_REQUIRED', field: 'opinion' });
    const returned = await ok<View>(
      asLeader.post(`/api/approvals/${a.id}/decision`, {
        verdict: 'return',
        opinion: '证据线索不足，请补充',
      }),
    );
    expect(pending(returned, 'filing')).toMatchObject({ state: 'returned', opinion: '证据线索不足，请补充' });
    const twice = await asLeader.post(`/api/approvals/${a.id}/decision`, { verdict: 'approve' });
    expect(errorOf(twice)).toMatchObject({ code: 'APPROVAL_DECIDED', message: '该立案审批已退回' });
    await p.approve(c.id, 'filing');
    expect((await act(c.id, { action: 'startInvestigation' })).statusCode).toBe(200);
    const trail = await ok<Array<{ action: string }>>(asOfficer.get(`/api/cases/${c.id}/ledger`));
    expect(trail.map((e) => e.action).filter((x) => x.startsWith('approval.'))).toEqual([
      'approval.requested@1',
      'approval.decided@1',
      'approval.requested@1',
      'approval.decided@1',
    ]);
  });

  it('ACT-1 a person who is both officer and leader does not approve what they asked for', async () => {
    const both = await officerSession(t.app, admin, office.officers.get('王建国')!, `both-${dialect}`, [
      'officer',
      'leader',
    ]);
    const c = await file();
    const asked = await ok<View>(http.as(both).post(`/api/cases/${c.id}/approvals`, { kind: 'filing' }));
    const self = await http.as(both).post(`/api/approvals/${pending(asked, 'filing').id}/decision`, {
      verdict: 'approve',
    });
    expect(self.statusCode).toBe(409);
    expect(errorOf(self).code).toBe('APPROVAL_SELF');
  });

  it('ACT-1 调查终结 needs evidence; 告知 needs the 事先告知书 issued, which needs the penalty proposed; only kinds the server accepts are offered', async () => {
    const c = await file();
    await p.runTo(c.id, 'investigating');
    await refused(c.id, { action: 'endInvestigation' }, 'EVIDENCE_REQUIRED');
    await p.evidence(c.id);
    let v = await ok<View>(act(c.id, { action: 'endInvestigation' }));
    expect(v.proceeding.canProposePenalty).toBe(true);
    expect(v.proceeding.documentKinds.map((k) => k.kind)).not.toContain('penaltyNotice');
    const early = await asOfficer.post(`/api/cases/${c.id}/documents`, { kind: 'penaltyNotice' });
    expect(errorOf(early).code).toBe('SANCTION_NOT_PROPOSED');
    const decisionNow = await asOfficer.post(`/api/cases/${c.id}/documents`, { kind: 'penaltyDecision' });
    expect(decisionNow.statusCode).toBe(409);
    expect(errorOf(decisionNow).code).toBe('DOCUMENT_KIND_NOT_NOW');
    await refused(c.id, { action: 'notice' }, 'NOTICE_NOT_ISSUED');
    const outside = await asOfficer.post(`/api/cases/${c.id}/penalty-proposal`, {
      sanction: { kinds: ['fine'], fine: 6_000_000, confiscated: 0 },
    });
    expect(errorOf(outside)).toMatchObject({ code: 'FINE_OUTSIDE_BAND', field: 'sanction.fine' });
    v = await ok<View>(asOfficer.post(`/api/cases/${c.id}/penalty-proposal`, { sanction: DEFAULT_SANCTION }));
    expect(v.proceeding.documentKinds.map((k) => k.kind)).toContain('penaltyNotice');
    await p.issue(c.id, 'penaltyNotice');
    const other = await act(c.id, { action: 'notice', sanction: { ...DEFAULT_SANCTION, fine: 3_000_000 } });
    expect(errorOf(other).code).toBe('SANCTION_DIFFERS_FROM_NOTICE');
    v = await ok<View>(act(c.id, { action: 'notice' }));
    expect(v.state).toBe('noticed');
    expect(v.facts.sanction?.fine).toBe(DEFAULT_SANCTION.fine);
    expect(v.proceeding.documentKinds.map((k) => k.kind)).not.toContain('penaltyNotice');
  });

  it('ACT-1 决定审批 (art. 57): the officer proposes, the leader approves or returns, and the decision is exactly the one approved', async () => {
    const c = await file();
    await p.runTo(c.id, 'noticed');
    await refused(
      c.id,
      { action: 'decide', outcome: 'penalty', partyWaived: true },
      'DECISION_APPROVAL_REQUIRED',
    );
    const tooHigh = await asOfficer.post(`/api/cases/${c.id}/approvals`, {
      kind: 'decision',
      proposal: {
        outcome: 'penalty',
        sanction: { kinds: ['fine'], fine: 9_000_000, confiscated: 0 },
        reasons: '依法处罚',
      },
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(errorOf(tooHigh)).toMatchObject({ code: 'FINE_OUTSIDE_BAND', field: 'proposal.sanction.fine' });
    const noReasons = await asOfficer.post(`/api/cases/${c.id}/approvals`, {
      kind: 'decision',
      proposal: { outcome: 'penalty', sanction: DEFAULT_SANCTION, reasons: ' ' },
    });
    expect(errorOf(noReasons)).toMatchObject({ code: 'REASON_REQUIRED', field: 'proposal.reasons' });
    const asked = await ok<View>(
      asOfficer.post(`/api/cases/${c.id}/approvals`, {
        kind: 'decision',
        proposal: { outcome: 'penalty', sanction: DEFAULT_SANCTION, grade: 'ordinary', reasons: '情节一般' },
      }),
    );
    const returned = await ok<View>(
      asLeader.post(`/api/approvals/${pending(asked, 'decision').id}/decision`, {
        verdict: 'return',
        opinion: '当事人系初次违法，请考虑从轻',
      }),
    );
    expect(returned.proceeding.approvalsRequired.find((a) => a.kind === 'decision')!.state).toBe('returned');
    expect(
      (
        await refused(
          c.id,
          { action: 'decide', outcome: 'penalty', partyWaived: true },
          'DECISION_APPROVAL_REQUIRED',
        )
      ).message,
    ).toContain('退回');
    const lenient = { kinds: ['warning', 'fine'], fine: 1_000_000, confiscated: 0 };
    await p.approve(c.id, 'decision', {
      outcome: 'penalty',
      sanction: lenient,
      grade: 'lenient',
      reasons: '初次违法，从轻',
    });
    const v = await ok<View>(asOfficer.get(`/api/cases/${c.id}`));
    expect(offered(v)).toContain('decide');
    await refused(
      c.id,
      { action: 'decide', outcome: 'noPenalty', partyWaived: true },
      'DECISION_DIFFERS_FROM_APPROVAL',
    );
    const other = await act(c.id, { action: 'decide', partyWaived: true, sanction: DEFAULT_SANCTION });
    expect(errorOf(other).code).toBe('DECISION_DIFFERS_FROM_APPROVAL');
    const decided = await ok<View>(act(c.id, { action: 'decide', partyWaived: true }));
    expect(decided.facts).toMatchObject({ outcome: 'penalty', sanction: lenient, grade: 'lenient' });
  });

  it('ACT-1 送达 needs the issued decision; 执行 needs the payment, late by 5 days it owes 15 % 加处罚款 (art. 72); 结案 needs the closing approval', async () => {
    const c = await file();
    await p.runTo(c.id, 'decided');
    await refused(c.id, { action: 'serve' }, 'DECISION_NOT_ISSUED');
    await p.issue(c.id, 'penaltyDecision');
    let v = await ok<View>(act(c.id, { action: 'serve' }));
    expect(v.proceeding.performanceKinds.map((k) => k.kind)).toEqual(['finePaid']);
    expect(v.proceeding.payment).toMatchObject({ due: '2026-12-10', daysLate: 0, surcharge: 0 });
    await refused(c.id, { action: 'execute' }, 'PERFORMANCE_REQUIRED');
    // Paid on 15 December: five days after the due day.
    const saved = t.clock.current;
    t.clock.current = new Date('2026-12-15T02:00:00Z');
    // Sessions idle out over ten days: sign in again on the later day, and again after it.
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    try {
      v = await ok<View>(asOfficer.get(`/api/cases/${c.id}`));
      expect(v.proceeding.payment).toMatchObject({ daysLate: 5, surcharge: 300_000 });
      const short = await asOfficer.post(`/api/cases/${c.id}/performance`, {
        kind: 'finePaid',
        amount: 2_000_000,
        paidOn: '2026-12-15',
        receiptNumber: 'No.2026-0099',
      });
      expect(short.statusCode).toBe(422);
      expect(errorOf(short)).toMatchObject({ code: 'PAYMENT_SHORT', field: 'amount' });
      expect(errorOf(short).message).toContain('加处罚款3,000元');
      const noReceipt = await asOfficer.post(`/api/cases/${c.id}/performance`, {
        kind: 'finePaid',
        amount: 2_300_000,
        paidOn: '2026-12-15',
        receiptNumber: ' ',
      });
      expect(errorOf(noReceipt)).toMatchObject({ code: 'RECEIPT_NUMBER_REQUIRED', field: 'receiptNumber' });
      v = await ok<View>(
        asOfficer.post(`/api/cases/${c.id}/performance`, {
          kind: 'finePaid',
          amount: 2_300_000,
          paidOn: '2026-12-15',
          receiptNumber: 'No.2026-0099',
        }),
      );
      expect(v.proceeding.payment).toMatchObject({ daysLate: 5, surcharge: 300_000 });
      v = await ok<View>(act(c.id, { action: 'execute' }));
      expect(v.dates.paidOn).toBe('2026-12-15');
      await refused(c.id, { action: 'close' }, 'CLOSING_APPROVAL_REQUIRED');
      await p.approve(c.id, 'closing');
      v = await ok<View>(act(c.id, { action: 'close' }));
      expect(v.state).toBe('closed');
    } finally {
      t.clock.current = saved;
      officer = await login(t.app, 'officer1');
      leader = await login(t.app, 'leader');
    }
  });

  it('ACT-1 不予处罚: decided on the approval without a notice, served with its own decision document, closed on approval', async () => {
    const c = await file();
    const v = await p.runTo(c.id, 'closed', { outcome: 'noPenalty' });
    expect(v.state).toBe('closed');
    const docs = await ok<Array<{ kind: string; state: string }>>(
      asOfficer.get(`/api/cases/${c.id}/documents`),
    );
    expect(docs.map((d) => d.kind)).toEqual(['noPenaltyDecision']);
  });

  it('PLT-05 approval settings are checked field by field, saved as a new version and ledgered', async () => {
    const bad = await http.as(admin).put('/api/settings/approvals', {
      penaltyOrdinary: ['filing'],
      penaltySimplified: ['filing'],
      inspection: [],
      licensing: [],
      compulsionMeasure: ['decision'],
      compulsionExecution: [],
      expropriation: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'APPROVAL_SETTINGS_INVALID', field: 'penaltySimplified[0]' });
    const officerTry = await asOfficer.put('/api/settings/approvals', {});
    expect(officerTry.statusCode).toBe(403);
  });
});
