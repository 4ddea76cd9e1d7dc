import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
import type { Todo } from '../../src/http/routes/todo.schema';
import {
  demoFiling,
  demoOffice,
  demoOrgParty,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  officerSession,
  ok,
  tusUpload,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { proceedings } from '../proceeding';

const CLIP = fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url));
const OTHER_CODE = '91310118MA1JL0001' + creditCodeCheckChar('91310118MA1JL0001');

/**
 * The 待办 home page's answer (GET /api/todo) for each role, from real data made through the
 * routes: filings, steps, drafts, a flag, a closed case, an aged inspection video. Every section is
 * narrowed to what the user's role may reach on each case (PLT-07).
 */
describe.each(DIALECTS)('待办 (GET /api/todo) on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let colleague: Session;
  let leader: Session;
  let keeper: Session;
  let supervisor: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const { get, post } = httpClient(() => t.app);

  const relogin = async () => {
    admin = await login(t.app, 'admin');
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    keeper = await login(t.app, 'keeper');
    supervisor = await login(t.app, 'supervisor');
    colleague = await login(t.app, 'zhangwei');
  };
  const todo = (s: Session, query = '') => ok<Todo>(get(s, `/api/todo${query}`));
  const file = (s: Session, over: Record<string, unknown> = {}) =>
    ok<{ id: string; number: string }>(post(s, '/api/cases', demoFiling(office, over)), 201);
  const act = (s: Session, caseId: string, body: Record<string, unknown>) =>
    ok(post(s, `/api/cases/${caseId}/transitions`, body));
  const fieldStep = (s: Session, caseId: string, occurredAt: string, officerIds: unknown[]) =>
    ok<{ id: string }>(
      post(s, `/api/cases/${caseId}/steps`, {
        kind: 'inspection',
        occurredAt,
        place: '上海市青浦区华志路100号地下室',
        notes: '现场检查人防工程使用情况',
        officerIds,
        inField: true,
        contactWithParty: true,
      }),
      201,
    );
  const team = () => [office.officers.get('王建国'), office.officers.get('李明')];
  // The leader's 立案审批, asked by the case's officer (issue 12).
  const mineP = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => team() as string[],
  });
  const theirsP = proceedings(() => t.app, {
    officer: () => colleague,
    leader: () => leader,
    officerIds: () => [office.officers.get('张伟')!, office.officers.get('徐晓燕')!],
  });
  type Approvals = { proceeding: { approvals: Array<{ id: string; kind: string; state: string }> } };
  const askFiling = async (caseId: string) =>
    (
      await ok<Approvals>(post(officer, `/api/cases/${caseId}/approvals`, { kind: 'filing' }))
    ).proceeding.approvals.find((a) => a.kind === 'filing' && a.state === 'pending')!.id;
  // The leader's pending filing approval on `late`; the one returned on `soon`.
  let pendingApproval = '';
  let returnedApproval = '';

  // Filed today, 2026-11-25: the decision is due in 90 days.
  let fresh = { id: '', number: '' };
  // Filed 2026-08-20: its decision was due 2026-11-18 — overdue.
  let late = { id: '', number: '' };
  // Filed 2026-08-28: its decision is due 2026-11-26 — due soon.
  let soon = { id: '', number: '' };
  // 张伟's case in the same unit: officer1 may read it but not act on it.
  let theirs = { id: '', number: '' };
  let avStep = '';

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
    await officerSession(t.app, admin, office.officers.get('张伟')!, 'zhangwei');
    await relogin();
  });
  afterAll(() => t?.close());

  it('PLT-07 an officer sees their own open cases by next deadline, steps lacking AV and drafts to issue — not a colleague’s case they may only read', async () => {
    fresh = await file(officer);
    late = await file(officer, { filedOn: '2026-08-20' });
    soon = await file(officer, { filedOn: '2026-08-28' });
    theirs = await file(colleague, {
      party: demoOrgParty({ name: '上海某某物业有限公司', idNumber: OTHER_CODE }),
      officerIds: [office.officers.get('张伟'), office.officers.get('徐晓燕')],
    });
    await mineP.approve(fresh.id, 'filing');
    await theirsP.approve(theirs.id, 'filing');
    for (const c of [fresh, theirs])
      await act(c === theirs ? colleague : officer, c.id, { action: 'startInvestigation' });
    // 立案审批 asked on the two older cases: one waits for the leader, one the leader returns.
    pendingApproval = await askFiling(late.id);
    returnedApproval = await askFiling(soon.id);
    await ok(
      post(leader, `/api/approvals/${returnedApproval}/decision`, {
        verdict: 'return',
        opinion: '案件来源材料不全，请补充后再报',
      }),
    );
    // An inspection in contact with the party must be recorded on video (REC-03): none yet.
    avStep = (await fieldStep(officer, fresh.id, '2026-11-25T09:30:00+08:00', team())).id;
    await fieldStep(colleague, theirs.id, '2026-11-25T09:00:00+08:00', [
      office.officers.get('张伟'),
      office.officers.get('徐晓燕'),
    ]);
    // One with its video is done as far as AV goes.
    const recorded = await fieldStep(officer, fresh.id, '2026-11-25T09:50:00+08:00', team());
    const uploadId = await tusUpload(t.app, officer, CLIP, '现场检查.mp4', 'video/mp4');
    await ok(
      post(officer, `/api/steps/${recorded.id}/records`, {
        uploadId,
        kind: 'video',
        protection: 'internal',
        av: {
          recorderId: office.recorders.get('QP-JLY-001'),
          officerIds: team(),
          startedAt: '2026-11-25T09:50:00+08:00',
          endedAt: '2026-11-25T09:58:00+08:00',
          place: '上海市青浦区华志路100号地下室',
        },
      }),
      201,
    );
    // Two drafts on officer1's case, one then issued; one draft on 张伟's.
    const draft = await ok<{ id: string }>(
      post(officer, `/api/cases/${fresh.id}/documents`, { kind: 'inquiryRecord' }),
      201,
    );
    const issued = await ok<{ id: string }>(
      post(officer, `/api/cases/${late.id}/documents`, { kind: 'filingApproval' }),
      201,
    );
    await ok(post(officer, `/api/documents/${issued.id}/finalise`));
    await ok(post(colleague, `/api/cases/${theirs.id}/documents`, { kind: 'inquiryRecord' }), 201);

    const mine = await todo(officer);
    expect(mine.today).toBe('2026-11-25');
    expect(mine.leader).toBeNull();
    expect(mine.recordsKeeper).toBeNull();
    expect(mine.supervisor).toBeNull();
    const o = mine.officer!;
    // The nearest deadline first: overdue, due soon, then the fresh case.
    expect(o.openCases.count).toBe(3);
    expect(o.openCases.items.map((i) => i.case.id)).toEqual([late.id, soon.id, fresh.id]);
    expect(o.openCases.items[0]).toMatchObject({
      case: { number: late.number, title: '擅自改变人防工程用途案' },
      nextDue: '2026-11-18',
      overdue: true,
    });
    expect(o.openCases.items[1]!.overdue).toBe(false);
    expect(o.stepsMissingAv).toMatchObject({
      count: 1,
      items: [{ stepId: avStep, kindLabel: '检查', case: { id: fresh.id, number: fresh.number } }],
    });
    expect(o.stepsMissingAv.items[0]!.avReasons.length).toBeGreaterThan(0);
    expect(o.documentsToIssue).toMatchObject({
      count: 1,
      items: [{ documentId: draft.id, kindLabel: '询问笔录', case: { id: fresh.id } }],
    });
    expect(o.approvalsReturned).toMatchObject({
      count: 1,
      items: [
        {
          approvalId: returnedApproval,
          kindLabel: '立案审批',
          by: '孙志强',
          case: { id: soon.id, number: soon.number },
        },
      ],
    });

    // 张伟's case is readable by officer1 (same unit), yet nothing of it is officer1's to do.
    expect((await get(officer, `/api/cases/${theirs.id}`)).statusCode).toBe(200);
    const json = JSON.stringify(mine);
    expect(json).not.toContain(theirs.id);

    const other = (await todo(colleague)).officer!;
    expect(other.openCases.items.map((i) => i.case.id)).toEqual([theirs.id]);
    expect(other.stepsMissingAv.count).toBe(1);
    expect(other.stepsMissingAv.items[0]!.case.id).toBe(theirs.id);
    expect(other.documentsToIssue.count).toBe(1);
    expect(other.documentsToIssue.items[0]!.case.id).toBe(theirs.id);
    // officer1's returned approval is not 张伟's to see.
    expect(other.approvalsReturned).toEqual({ count: 0, items: [] });
  });

  it('PLT-07 each section counts all and lists at most `limit` items; a bad limit is 400 with its field', async () => {
    const one = (await todo(officer, '?limit=1')).officer!;
    expect(one.openCases.count).toBe(3);
    expect(one.openCases.items).toHaveLength(1);
    const bad = await get(officer, '/api/todo?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toMatch(/limit/);
  });

  it('REC-11 the supervisor sees the open flags and overdue cases; a step completed without AV leaves the officer’s list for the flag list', async () => {
    const before = (await todo(supervisor)).supervisor!;
    expect(before.openFlags.count).toBe(0);
    await ok(
      post(officer, `/api/steps/${avStep}/complete`, { avMissingReason: '执法记录仪电量耗尽，已书面记录' }),
    );
    expect((await todo(officer)).officer!.stepsMissingAv.count).toBe(0);

    const sup = await todo(supervisor);
    expect(sup.officer).toBeNull();
    expect(sup.leader).toBeNull();
    expect(sup.supervisor!.openFlags).toMatchObject({
      count: 1,
      items: [{ kindLabel: '应同步音像记录而未记录', userName: '王建国', case: { id: fresh.id } }],
    });
    // Overdue: only the case whose next deadline is before today, of every unit.
    expect(sup.supervisor!.overdueCases).toMatchObject({
      count: 1,
      items: [{ case: { id: late.id, number: late.number }, nextDue: '2026-11-18', overdue: true }],
    });
  });

  it('PLT-07 a leader sees the pending approvals (not those approved or returned) and the decision periods to extend (overdue or due soon), until extended', async () => {
    const l = (await todo(leader)).leader!;
    expect(l.approvalsToDecide).toMatchObject({
      count: 1,
      items: [
        {
          approvalId: pendingApproval,
          kindLabel: '立案审批',
          by: '王建国',
          case: { id: late.id, number: late.number, title: '擅自改变人防工程用途案' },
        },
      ],
    });
    expect(l.extensionsToDecide.items.map((i) => i.case.id)).toEqual([late.id, soon.id]);
    expect(l.extensionsToDecide.items[0]).toMatchObject({
      decisionDue: '2026-11-18',
      status: 'overdue',
      statusLabel: '已逾期',
      extensionText: '最多可延长 275 日',
    });
    expect(l.extensionsToDecide.items[1]).toMatchObject({
      decisionDue: '2026-11-26',
      status: 'dueSoon',
      statusLabel: '即将到期',
    });
    await ok(
      post(leader, `/api/cases/${soon.id}/extension`, { days: 30, reason: '案情复杂，需补充调查取证' }),
    );
    const after = (await todo(leader)).leader!;
    expect(after.extensionsToDecide.count).toBe(1);
    expect(after.extensionsToDecide.items[0]!.case.id).toBe(late.id);
  });

  it('PLT-07 the records keeper sees case files to accept and disposals to approve; a leader the disposals still missing a leader’s approval', async () => {
    // A video recorded 13 months ago on an inspection closed then (REC-10).
    const now = t.clock.current;
    t.clock.current = new Date('2025-10-20T02:00:00Z');
    await relogin();
    const insp = await file(officer, {
      actType: 'inspection',
      procedure: 'standard',
      powerItemId: office.items.get('QPMF-JC-001'),
    });
    await act(officer, insp.id, { action: 'startInspection' });
    const step = await fieldStep(officer, insp.id, '2025-10-20T09:30:00+08:00', team());
    const uploadId = await tusUpload(t.app, officer, CLIP, '现场检查.mp4', 'video/mp4');
    const video = await ok<{ id: string }>(
      post(officer, `/api/steps/${step.id}/records`, {
        uploadId,
        kind: 'video',
        protection: 'internal',
        av: {
          recorderId: office.recorders.get('QP-JLY-001'),
          officerIds: team(),
          startedAt: '2025-10-20T09:30:00+08:00',
          endedAt: '2025-10-20T09:42:00+08:00',
          place: '上海市青浦区华志路100号地下室',
        },
      }),
      201,
    );
    await ok(post(officer, `/api/steps/${step.id}/complete`, {}));
    await act(officer, insp.id, { action: 'recordResult', result: 'compliant' });
    await act(officer, insp.id, { action: 'close' });
    const inspFile = await ok<{ id: string }>(get(keeper, `/api/cases/${insp.id}/case-file`));
    await ok(post(keeper, `/api/case-files/${inspFile.id}/accept`, { note: '检查记录齐全' }));
    t.clock.current = now;
    await relogin();

    // A case terminated today: its case file waits for the records keeper.
    await act(officer, fresh.id, { action: 'terminate', reason: '不构成违法，撤销立案' });
    const k = await todo(keeper);
    expect(k.officer).toBeNull();
    expect(k.leader).toBeNull();
    expect(k.recordsKeeper!.caseFilesToAccept).toMatchObject({
      count: 1,
      items: [{ case: { id: fresh.id, number: fresh.number } }],
    });
    expect(k.recordsKeeper!.disposalsToApprove).toMatchObject({
      count: 1,
      items: [{ recordId: video.id, kindLabel: '视频', statusLabel: '已到期待处置', case: { id: insp.id } }],
    });
    // The terminated case is no longer the officer's to do, nor is its draft.
    const o = (await todo(officer)).officer!;
    expect(o.openCases.items.map((i) => i.case.id)).not.toContain(fresh.id);
    expect(o.documentsToIssue.count).toBe(0);

    expect((await todo(leader)).leader!.disposalsToApprove.count).toBe(1);
    await ok(post(keeper, `/api/records/${video.id}/disposal/approve`, {}));
    expect((await todo(keeper)).recordsKeeper!.disposalsToApprove.count).toBe(0);
    const l = (await todo(leader)).leader!.disposalsToApprove;
    expect(l).toMatchObject({ count: 1, items: [{ recordId: video.id, statusLabel: '待审批' }] });
    await ok(post(leader, `/api/records/${video.id}/disposal/approve`, {}));
    expect((await todo(leader)).leader!.disposalsToApprove.count).toBe(0);

    const files = await ok<{ id: string }>(get(keeper, `/api/cases/${fresh.id}/case-file`));
    await ok(post(keeper, `/api/case-files/${files.id}/accept`, { note: '终止调查，材料齐全' }));
    expect((await todo(keeper)).recordsKeeper!.caseFilesToAccept.count).toBe(0);
  });

  it('PLT-07 a user with several roles sees each role’s section; roles with nothing to do here are refused', async () => {
    const both = await officerSession(t.app, admin, null, 'lead.sup', ['leader', 'supervisor']);
    const answer = await todo(both);
    expect(answer.officer).toBeNull();
    expect(answer.recordsKeeper).toBeNull();
    expect(answer.leader!.extensionsToDecide.count).toBe(1);
    expect(answer.supervisor!.overdueCases.count).toBe(1);
    // An officer without an officer record has no case to act on.
    const bare = await officerSession(t.app, admin, null, 'bare.officer', ['officer']);
    expect((await todo(bare)).officer!.openCases).toEqual({ count: 0, items: [] });
    expect((await get(await login(t.app, 'admin'), '/api/todo')).statusCode).toBe(403);
    // A legal reviewer has the reviews assigned to them (REV-05), and no other role's section.
    const rev = await ok<Todo>(get(await login(t.app, 'reviewer'), '/api/todo'));
    expect(rev.reviewer).toEqual({ assignedReviews: { count: 0, items: [] } });
    expect(rev.officer).toBeNull();
    expect(rev.leader).toBeNull();
    expect((await t.app.inject({ url: '/api/todo' })).statusCode).toBe(401);
  });
});
