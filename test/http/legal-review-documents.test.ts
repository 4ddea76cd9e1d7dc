/**
 * Legal review's written documents (REV-05…REV-08): the opinion, the re-review papers, the leader's
 * decision and the case-review meeting's record are issued with the act, numbered where they take
 * a 文号, filed in the sub-volume (副卷) of the case file, carried in the archive package and checked
 * by its offline verification.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency } from '../../src/bootstrap';
import { verifyPackageFile } from '../../src/services/archive-zip';
import {
  demoFiling,
  errorOf,
  demoOffice,
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
  legalReview: { stages: Array<{ stage: string; reviewId: string | null }> };
};
type DocRef = { id: string; number: string | null } | null;
type Review = {
  id: string;
  state: string;
  passed: boolean;
  opinion: { document: DocRef } | null;
  objection: {
    document: DocRef;
    reply: { document: DocRef } | null;
    finalDecision: { document: DocRef } | null;
  } | null;
};
type Doc = {
  id: string;
  kind: string;
  state: string;
  number: string | null;
  recordId: string | null;
  data: { values: Record<string, string> };
};
type CaseFileView = {
  id: string;
  missing: Array<{ code: string; message: string }>;
  index: Array<{ volume: string; title: string; documentNumber: string | null; recordId: string }>;
};

const CHECKLIST = [
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
const REVIEW_KINDS = [
  'legalReviewOpinion',
  'reReviewRequest',
  'reReviewOpinion',
  'reReviewDecision',
  'collectiveDiscussion',
];

describe.each(DIALECTS)("legal review's documents on %s", (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  let reviewer: Session;
  let keeper: Session;
  let admin: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  let tmp = '';
  const http = httpClient(() => t.app);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    reviewer: () => reviewer,
    officerIds: () => [office.officers.get('王建国')!, office.officers.get('李明')!],
  });
  const asOfficer = http.as(() => officer);
  const asLeader = http.as(() => leader);
  const asReviewer = http.as(() => reviewer);
  const asKeeper = http.as(() => keeper);
  const asAdmin = http.as(() => admin);
  const userId = async (username: string) =>
    (await ok<{ items: Array<{ id: string; username: string }> }>(asAdmin.get('/api/users'))).items.find(
      (u) => u.username === username,
    )!.id;
  const documents = (caseId: string) => ok<Doc[]>(asOfficer.get(`/api/cases/${caseId}/documents`));

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-review-docs-'));
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    reviewer = await login(t.app, 'reviewer');
    keeper = await login(t.app, 'keeper');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
    await officerSession(t.app, admin, null, 'leader2', ['leader']);
    await ok(
      asAdmin.put(`/api/users/${await userId('reviewer')}/legal-qualification`, {
        qualified: true,
        certificateNumber: 'A2019',
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let caseId = '';
  let filingReview = '';

  it('REV-05 REV-07 REV-08 the opinion is issued as a 法制审核意见书 with its 法审 文号, the objection, the reply and the leader’s decision as documents of their own, each a record of the case', async () => {
    const c = await ok<{ id: string }>(asOfficer.post('/api/cases', demoFiling(office)), 201);
    caseId = c.id;
    await ok(
      asLeader.post(`/api/cases/${caseId}/legal-review/categories`, { category: 7, reason: '区领导指定' }),
    );
    const recordId = await p.evidence(caseId);
    const v = await ok<View>(
      asOfficer.post(`/api/cases/${caseId}/legal-reviews`, {
        stage: 'filing',
        recordIds: [recordId],
        documentIds: [],
        statement: '案件材料已齐备，提请立案审核',
      }),
    );
    filingReview = v.legalReview.stages.find((s) => s.stage === 'filing')!.reviewId!;
    await ok(asReviewer.post(`/api/legal-reviews/${filingReview}/assignment`, {}));
    const issued = await ok<Review>(
      asReviewer.post(`/api/legal-reviews/${filingReview}/opinion`, {
        kind: 'investigateFurther',
        reasons: '证据不足，须补充现场检查笔录',
        checklist: CHECKLIST.map((item) =>
          item === 'factsEvidence'
            ? { item, answer: 'nonConform', note: '缺少现场检查笔录' }
            : { item, answer: 'conform', note: '' },
        ),
        participants: {
          partyHeard: { on: '2026-11-20', note: '当事人委托代理人陈述了意见' },
          advisers: [{ name: '孙律师', role: '法律顾问', opinion: '同意补充调查' }],
        },
      }),
    );
    const year = new Date(t.clock.now()).getUTCFullYear();
    expect(issued.opinion!.document!.number).toMatch(new RegExp(`法审字〔${year}〕第1号$`));

    const docs1 = await documents(caseId);
    const opinion = docs1.find((d) => d.id === issued.opinion!.document!.id)!;
    expect(opinion).toMatchObject({ kind: 'legalReviewOpinion', state: 'final' });
    expect(opinion.recordId).not.toBeNull();
    const values = opinion.data.values;
    expect(values['review.stage']).toBe('立案审核');
    expect(values['review.round']).toBe('第1次');
    expect(values['review.opinion']).toBe('继续调查或补充证据');
    expect(values['review.reasons']).toBe('证据不足，须补充现场检查笔录');
    expect(values['review.reviewer']).toBeTruthy();
    expect(values['review.statement']).toBe('案件材料已齐备，提请立案审核');
    expect(values['review.checklist']).toContain('1. 执法主体是否合法，是否超越法定权限：符合');
    expect(values['review.checklist']).toContain(
      '案件事实是否清楚，证据是否确凿充分：不符合。缺少现场检查笔录',
    );
    expect(values['review.participants']).toContain(
      '听取当事人意见：2026年11月20日，当事人委托代理人陈述了意见',
    );
    expect(values['review.participants']).toContain('邀请法律顾问孙律师参加审核，意见：同意补充调查');
    // The case's documents: an internal document, not one a 送达回证 could serve.
    const receipt = await asOfficer.post(`/api/cases/${caseId}/documents`, { kind: 'serviceReceipt' });
    expect(receipt.statusCode).toBe(409);
    // Not drafted by hand.
    const byHand = await asOfficer.post(`/api/cases/${caseId}/documents`, { kind: 'legalReviewOpinion' });
    expect(byHand.statusCode).toBe(409);
    expect(errorOf(byHand)).toMatchObject({ code: 'DOCUMENT_KIND_NOT_NOW' });

    // REV-07: the unit's written objection, the review unit's written answer, the leader's decision.
    const objected = await ok<Review>(
      asOfficer.post(`/api/legal-reviews/${filingReview}/objection`, {
        reasons: '现有证据已足以证明违法事实',
      }),
    );
    expect(objected.objection!.document).toMatchObject({ number: null });
    const replied = await ok<Review>(
      asReviewer.post(`/api/legal-reviews/${filingReview}/reply`, {
        decision: 'maintain',
        text: '维持原审核意见',
      }),
    );
    expect(replied.objection!.reply!.document!.number).toMatch(new RegExp(`法复审字〔${year}〕第1号$`));
    const decided = await ok<Review>(
      asLeader.post(`/api/legal-reviews/${filingReview}/final-decision`, {
        side: 'unit',
        reasons: '同意承办部门意见',
      }),
    );
    expect(decided.passed).toBe(true);
    const docs = await documents(caseId);
    const byId = (ref: DocRef) => docs.find((d) => d.id === ref!.id)!;
    const request = byId(decided.objection!.document);
    expect(request.kind).toBe('reReviewRequest');
    expect(request.data.values['reReview.reasons']).toBe('现有证据已足以证明违法事实');
    expect(request.data.values['review.number']).toBe(issued.opinion!.document!.number);
    const reply = byId(decided.objection!.reply!.document);
    expect(reply.kind).toBe('reReviewOpinion');
    expect(reply.data.values['reReview.reply']).toBe('维持原审核意见（继续调查或补充证据）');
    expect(reply.data.values['reReview.replyText']).toBe('维持原审核意见');
    const decision = byId(decided.objection!.finalDecision!.document);
    expect(decision.kind).toBe('reReviewDecision');
    expect(decision.data.values['reReview.final']).toBe('采纳承办部门意见');
    expect(decision.data.values['reReview.finalReasons']).toBe('同意承办部门意见');
    expect(
      docs.filter((d) => REVIEW_KINDS.includes(d.kind)).every((d) => d.state === 'final' && d.recordId),
    ).toBe(true);
  });

  it('REV-06 REV-08 the 案审会 is issued as a 集体讨论记录 with the date, attendees, each view, the discussion and the conclusion', async () => {
    await p.runTo(caseId, 'investigating');
    await p.reviewAgrees(caseId, 'endOfInvestigation');
    await p.runTo(caseId, 'investigationEnded');
    await p.reviewAgrees(caseId, 'beforeDecision');
    const heldOn = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await ok(
      asLeader.post(`/api/cases/${caseId}/review-meetings`, {
        heldOn,
        attendees: [
          { userId: await userId('leader'), view: '同意不予处罚' },
          { userId: await userId('leader2'), view: '同意，建议加强回访' },
        ],
        discussion: '讨论了案件事实、证据和处理意见',
        conclusion: '同意不予行政处罚',
      }),
    );
    const record = (await documents(caseId)).find((d) => d.kind === 'collectiveDiscussion')!;
    expect(record).toMatchObject({ state: 'final', number: null });
    const v = record.data.values;
    expect(v['meeting.date']).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(v['meeting.views']!.split('\n')).toHaveLength(2);
    expect(v['meeting.views']).toContain('同意，建议加强回访');
    expect(v['meeting.discussion']).toBe('讨论了案件事实、证据和处理意见');
    expect(v['meeting.conclusion']).toBe('同意不予行政处罚');
  });

  it('REV-08 the documents are in the sub-volume (副卷) of the case file and its index; the package carries them and `archive verify` passes, a tampered one fails', async () => {
    await p.runTo(caseId, 'decided', { outcome: 'noPenalty' });
    // A major case's steps need audio and video or a written reason (AV rules): the decision is made
    // under an office step completed with the reason, then issued.
    const step = await ok<{ id: string }>(
      asOfficer.post(`/api/cases/${caseId}/steps`, {
        kind: 'other',
        occurredAt: t.clock.now().toISOString(),
        place: '青浦区国防动员办公室',
        notes: '制作不予行政处罚决定书',
        officerIds: [office.officers.get('王建国')!, office.officers.get('李明')!],
        inField: false,
      }),
      201,
    );
    await ok(
      asOfficer.post(`/api/steps/${step.id}/complete`, { avMissingReason: '在办公室制作文书，无需录像' }),
    );
    const draft = await ok<{ id: string }>(
      asOfficer.post(`/api/cases/${caseId}/documents`, { kind: 'noPenaltyDecision', stepId: step.id }),
      201,
    );
    await ok(asOfficer.post(`/api/documents/${draft.id}/finalise`));
    await p.act(caseId, { action: 'serve' });
    await p.reviewAgrees(caseId, 'closing');
    const closed = await p.runTo(caseId, 'closed', { outcome: 'noPenalty' });
    expect(closed.state).toBe('closed');
    const f = await ok<CaseFileView>(asKeeper.get(`/api/cases/${caseId}/case-file`));
    const sub = f.index.filter((i) => i.volume === 'sub');
    const docs = (await documents(caseId)).filter((d) => REVIEW_KINDS.includes(d.kind));
    // 4 意见书 (one per stage), 复审申请书, 复审意见书, 异议决定书, 集体讨论记录.
    expect(docs).toHaveLength(8);
    expect(sub.map((i) => i.recordId).sort()).toEqual(docs.map((d) => d.recordId).sort());
    expect(sub.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        '法制审核意见书',
        '复审申请书',
        '复审意见书',
        '法制审核异议决定书',
        '集体讨论记录',
      ]),
    );
    expect(f.index.filter((i) => i.volume === 'main').every((i) => !i.title.includes('审核'))).toBe(true);
    // REV-04: every stage has its agreeing opinion or the leader's decision, and the meeting its record.
    expect(f.missing.map((m) => m.code)).not.toContain('LEGAL_REVIEW_MISSING');
    expect(f.missing.map((m) => m.code)).not.toContain('COLLECTIVE_DISCUSSION_MISSING');

    await ok(asKeeper.post(`/api/case-files/${f.id}/accept`, { note: '材料齐全' }));
    const r = await asKeeper.get(
      `/api/case-files/${f.id}/package?purpose=${encodeURIComponent('移交档案馆')}`,
    );
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const zip = path.join(tmp, `${dialect}.zip`);
    fs.writeFileSync(zip, r.rawPayload);
    const verifier = loadTransparency(t.app.zhifaConfig).verifier;
    const result = await verifyPackageFile(zip, verifier);
    expect(result.problems).toEqual([]);
    const inSub = result.manifest!.files.filter((x) => x.volume === 'sub');
    expect(inSub.map((x) => x.recordId).sort()).toEqual(docs.map((d) => d.recordId).sort());
    expect(inSub.every((x) => x.inclusion === 'content' && x.path!.startsWith('files/sub/'))).toBe(true);
    const numbers = docs.map((d) => d.number).filter((n) => n !== null);
    expect(inSub.map((x) => x.documentNumber)).toEqual(expect.arrayContaining(numbers));

    // A flipped byte inside the 集体讨论记录 is found.
    const meeting = docs.find((d) => d.kind === 'collectiveDiscussion')!;
    const target = inSub.find((x) => x.recordId === meeting.recordId)!;
    const bytes = Buffer.from(r.rawPayload);
    const at = bytes.indexOf(Buffer.from(target.path!, 'utf8'));
    expect(at).toBeGreaterThan(0);
    const flipAt = at + Buffer.byteLength(target.path!) + 100;
    bytes[flipAt] = bytes[flipAt]! ^ 0xff;
    const badZip = path.join(tmp, `${dialect}-flipped.zip`);
    fs.writeFileSync(badZip, bytes);
    const bad = await verifyPackageFile(badZip, verifier);
    expect(bad.problems.map((x) => x.kind)).toContain('file.altered');
    expect(bad.problems.find((x) => x.kind === 'file.altered')!.where).toContain(target.path!);
  });
});
