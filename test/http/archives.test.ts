import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { verifyPackageFile } from '../../src/services/archive-zip';
import { runDisposals } from '../../src/services/retention-service';
import { verifyLedger } from '../../src/services/verify-service';
import type { BlobStore } from '../../src/storage/blobs/blob-store';
import {
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  ok,
  tusUpload,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';
import { DEFAULT_SANCTION, proceedings } from '../proceeding';

const ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');
const CLIP = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/clip.mp4'));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const DAY = 86_400_000;

interface CaseFileView {
  id: string;
  caseId: string;
  state: string;
  archiveNumber: string | null;
  missing: Array<{ code: string; message: string }>;
  index: Array<{
    order: number;
    volume: string;
    title: string;
    documentNumber: string | null;
    recordId: string;
  }>;
  cover: {
    caseName: string;
    decisionNumber: string | null;
    archiveNumber: string | null;
    retentionLabel: string;
  };
}
interface Item {
  recordId: string;
  status: string;
  retentionClass: string;
  approvals: Array<{ role: string }>;
  undoUntil: string | null;
}

describe.each(DIALECTS)('case files, archive packages and retention on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let keeper: Session;
  let leader: Session;
  let supervisor: Session;
  let admin: Session;
  let blobs: BlobStore;
  let officers = new Map<string, string>();
  let items = new Map<string, string>();
  let recorders = new Map<string, string>();
  let unitId = '';
  let tmp = '';

  const { post, get } = httpClient(() => t.app);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [officers.get('王建国')!, officers.get('李明')!],
  });
  const relogin = async () => {
    officer = await login(t.app, 'officer1');
    keeper = await login(t.app, 'keeper');
    leader = await login(t.app, 'leader');
    supervisor = await login(t.app, 'supervisor');
    admin = await login(t.app, 'admin');
  };
  const act = (caseId: string, body: Record<string, unknown>) =>
    ok(post(officer, `/api/cases/${caseId}/transitions`, body));
  const file = (over: Record<string, unknown> = {}) =>
    ok<{ id: string; number: string }>(
      post(officer, '/api/cases', {
        actType: 'penalty',
        procedure: 'ordinary',
        title: '出租未经竣工验收的民防工程案',
        powerItemId: items.get('QPMF-CF-002'),
        party: {
          kind: 'organisation',
          name: '上海某某置业有限公司',
          idType: 'creditCode',
          idNumber: ORG_CODE,
          legalRepresentative: '钱某',
          phone: '021-59721234',
          address: '上海市青浦区华新镇华志路100号',
        },
        unitId,
        officerIds: [officers.get('王建国'), officers.get('李明')],
        ...over,
      }),
      201,
    );
  const issue = async (caseId: string, kind: string) => {
    const d = await ok<{ id: string }>(post(officer, `/api/cases/${caseId}/documents`, { kind }), 201);
    return ok<{ id: string; number: string | null; recordId: string; stepId: string }>(
      post(officer, `/api/documents/${d.id}/finalise`),
    );
  };
  const fieldStep = (caseId: string, occurredAt: string) =>
    ok<{ id: string }>(
      post(officer, `/api/cases/${caseId}/steps`, {
        kind: 'inspection',
        occurredAt,
        place: '上海市青浦区华志路100号地下室',
        notes: '现场检查人防工程使用情况',
        officerIds: [officers.get('王建国'), officers.get('李明')],
        inField: true,
        contactWithParty: true,
      }),
      201,
    );
  const attach = async (stepId: string, content: Buffer, over: Record<string, unknown>) => {
    const video = over.kind === 'video';
    const uploadId = await tusUpload(
      t.app,
      officer,
      content,
      video ? '现场检查.mp4' : '现场照片.png',
      video ? 'video/mp4' : 'image/png',
    );
    return ok<{ id: string; sha256: string }>(
      post(officer, `/api/steps/${stepId}/records`, { uploadId, protection: 'internal', ...over }),
      201,
    );
  };
  const avMeta = (start: string, end: string) => ({
    recorderId: recorders.get('QP-JLY-001'),
    officerIds: [officers.get('王建国'), officers.get('李明')],
    startedAt: start,
    endedAt: end,
    place: '上海市青浦区华志路100号地下室',
  });
  // Below the hearing threshold (¥50,000 for an organisation), so not a major decision (REV-01).
  const SANCTION = DEFAULT_SANCTION;
  /**
   * An ordinary penalty walked the way an office would (issue 12): its 告知书 issued before 告知, the
   * decision approved, its 决定书 issued before 送达, the fine paid before 执行, and closed on approval.
   */
  const closedPenalty = async () => {
    const c = await file();
    await p.runTo(c.id, 'investigationEnded');
    await ok(post(officer, `/api/cases/${c.id}/penalty-proposal`, { sanction: SANCTION }));
    const notice = await issue(c.id, 'penaltyNotice');
    await act(c.id, { action: 'notice' });
    await p.runTo(c.id, 'decided', { sanction: SANCTION });
    const decision = await issue(c.id, 'penaltyDecision');
    await act(c.id, { action: 'serve' });
    await p.runTo(c.id, 'closed', { sanction: SANCTION });
    return { ...c, notice, decision };
  };
  const caseFileOf = (caseId: string) => ok<CaseFileView>(get(keeper, `/api/cases/${caseId}/case-file`));
  const exportPackage = async (s: Session, fileId: string, query: string) => {
    const r = await get(s, `/api/case-files/${fileId}/package?${query}`);
    return r;
  };
  const saveZip = (name: string, body: Buffer) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, body);
    return p;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    blobs = await openBlobStore(t.app.zhifaConfig);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-archive-test-'));
    await relogin();
    ({ officers, items, recorders, unitId } = await demoOffice(t.app, admin));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('REC-08 REC-12 closing assembles the case file; the records keeper (综合科) sees what is missing, accepts it with a note, the archive number is taken and the case becomes read-only while retrieval stays logged', async () => {
    const c = await closedPenalty();
    // Decided on the day of the notice on the party's waiver: the period was not cut short.
    const view = await ok<{ deadlines: Array<{ kind: string; met: boolean | null; status: string }> }>(
      get(officer, `/api/cases/${c.id}`),
    );
    expect(view.deadlines.find((d) => d.kind === 'hearingRequest')).toMatchObject({ met: true });
    const pending = await caseFileOf(c.id);
    expect(pending).toMatchObject({ state: 'pending', archiveNumber: null });
    expect(pending.cover.caseName).toMatch(/^上海某某置业有限公司.+案$/);
    expect(pending.cover.decisionNumber).toBe(c.decision.number);
    expect(pending.cover.retentionLabel).toBe('永久');
    expect(pending.missing.map((m) => m.message)).toEqual(['缺少送达回证']);
    // Standard order: the decision before the notice (other documents), the sub-volume last.
    const titles = pending.index.map((i) => i.title);
    expect(titles.indexOf('行政处罚决定书')).toBeLessThan(titles.indexOf('行政处罚事先告知书'));
    expect(pending.index.every((i) => i.volume === 'main')).toBe(true);

    const queue = await ok<{ items: Array<{ id: string; missingCount: number }> }>(
      get(keeper, '/api/case-files?state=pending'),
    );
    expect(queue.items.find((f) => f.id === pending.id)?.missingCount).toBe(1);

    expect((await post(officer, `/api/case-files/${pending.id}/accept`, {})).statusCode).toBe(403);
    const incomplete = await post(keeper, `/api/case-files/${pending.id}/accept`, {});
    expect(incomplete.statusCode).toBe(422);
    expect(errorOf(incomplete)).toMatchObject({ code: 'CASE_FILE_INCOMPLETE', field: 'note' });
    expect(errorOf(incomplete).message).toContain('缺少送达回证');

    const archived = await ok<CaseFileView>(
      post(keeper, `/api/case-files/${pending.id}/accept`, { note: '送达回证原件另存纸质卷，已核对' }),
    );
    expect(archived.state).toBe('archived');
    expect(archived.archiveNumber).toMatch(/^2026-\d{4}$/);
    expect(archived.cover.archiveNumber).toBe(archived.archiveNumber);
    const again = await post(keeper, `/api/case-files/${pending.id}/accept`, { note: '再次' });
    expect(errorOf(again)).toMatchObject({ code: 'CASE_FILE_ARCHIVED' });

    // Read-only: transitions, steps, documents, records — each refused with 409 CASE_ARCHIVED.
    const refused = [
      await post(officer, `/api/cases/${c.id}/transitions`, { action: 'close' }),
      await post(officer, `/api/cases/${c.id}/steps`, {
        kind: 'other',
        occurredAt: '2026-11-25T09:30:00+08:00',
        place: '执法科',
        notes: '补充',
        officerIds: [officers.get('王建国'), officers.get('李明')],
        inField: false,
      }),
      await post(officer, `/api/cases/${c.id}/documents`, { kind: 'serviceReceipt' }),
      await post(officer, `/api/documents/${c.decision.id}/reissue`, { reason: '更正笔误' }),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(409);
      expect(errorOf(r).code).toBe('CASE_ARCHIVED');
    }
    // Retrieval still works, and is still logged.
    const before = await t.db.db
      .selectFrom('retrievals')
      .select('id')
      .where('record_id', '=', c.decision.recordId)
      .execute();
    const content = await get(
      keeper,
      `/api/records/${c.decision.recordId}/content?purpose=${encodeURIComponent('档案查阅')}`,
    );
    expect(content.statusCode).toBe(200);
    const after = await t.db.db
      .selectFrom('retrievals')
      .select('id')
      .where('record_id', '=', c.decision.recordId)
      .execute();
    expect(after.length).toBe(before.length + 1);

    const register = await ok<{ items: Array<{ id: string }> }>(
      get(supervisor, `/api/case-files?state=archived&q=${encodeURIComponent(archived.archiveNumber!)}`),
    );
    expect(register.items.map((f) => f.id)).toEqual([pending.id]);
    const byParty = await ok<{ items: Array<{ id: string }> }>(
      get(supervisor, `/api/case-files?state=archived&year=2026&q=${encodeURIComponent('上海某某')}`),
    );
    expect(byParty.items.map((f) => f.id)).toContain(pending.id);
  });

  it("REC-08 on receipt the records keeper's acceptance re-checks every record (四性): content that is gone or differs is named and nothing is archived", async () => {
    const c = await closedPenalty();
    const f = await caseFileOf(c.id);
    const record = await t.db.db
      .selectFrom('records')
      .select(['sha256', 'file_name'])
      .where('id', '=', c.notice.recordId)
      .executeTakeFirstOrThrow();
    const chunks: Buffer[] = [];
    for await (const chunk of await blobs.get(record.sha256)) chunks.push(chunk as Buffer);
    await blobs.delete(record.sha256);
    const refused = await post(keeper, `/api/case-files/${f.id}/accept`, { note: '送达回证另存' });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('CASE_FILE_CHECK_FAILED');
    expect(errorOf(refused).message).toContain(record.file_name);
    expect((await caseFileOf(c.id)).state).toBe('pending');
    // The same bytes put back: the file passes and is archived.
    await blobs.put(Buffer.concat(chunks));
    const archived = await ok<CaseFileView>(
      post(keeper, `/api/case-files/${f.id}/accept`, { note: '送达回证另存' }),
    );
    expect(archived.state).toBe('archived');
    const entry = await t.db.db
      .selectFrom('ledger')
      .select('data')
      .where('subject_id', '=', f.id)
      .where('action', '=', 'caseFile.archived@1')
      .executeTakeFirstOrThrow();
    // Three records now: the 询问笔录 scan the investigation needs as evidence (issue 12), the 告知书
    // and the 决定书.
    expect(JSON.parse(entry.data)).toMatchObject({ checks: { records: 3, integrity: true } });
  });

  it('REC-08 the exported archive package verifies offline against the office key; a flipped byte in a file is named', async () => {
    const c = await closedPenalty();
    const f = await caseFileOf(c.id);
    await ok(post(keeper, `/api/case-files/${f.id}/accept`, { note: '缺送达回证，已说明' }));
    const noPurpose = await exportPackage(keeper, f.id, '');
    expect(noPurpose.statusCode).toBe(400);
    const officerFull = await exportPackage(officer, f.id, `purpose=${encodeURIComponent('查阅')}`);
    expect(officerFull.statusCode).toBe(403);
    expect(errorOf(officerFull)).toMatchObject({ code: 'PACKAGE_RESTRICTED', field: 'redacted' });
    const officerRedacted = await exportPackage(
      officer,
      f.id,
      `purpose=${encodeURIComponent('查阅')}&redacted=true`,
    );
    expect(officerRedacted.statusCode).toBe(200);
    const r = await exportPackage(keeper, f.id, `purpose=${encodeURIComponent('移交档案馆')}`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    const zip = saveZip('case.zip', r.rawPayload);
    const verifier = loadTransparency(t.app.zhifaConfig).verifier;
    const result = await verifyPackageFile(zip, verifier);
    expect(result.problems).toEqual([]);
    const m = result.manifest!;
    expect(m.caseFile.cover.archiveNumber).toMatch(/^2026-\d{4}$/);
    expect(m.files.map((x) => x.documentNumber)).toEqual(
      expect.arrayContaining([c.notice.number, c.decision.number]),
    );
    expect(m.files.every((x) => x.inclusion === 'content')).toBe(true);
    expect(m.ledger.entries.some((e) => e.action === 'caseFile.archived@1')).toBe(true);
    // The export was logged: a retrieval per file and a ledger entry.
    const logged = await t.db.db
      .selectFrom('retrievals')
      .select('purpose')
      .where('record_id', '=', c.decision.recordId)
      .execute();
    expect(logged.map((x) => x.purpose)).toContain('导出归档包：移交档案馆');

    // A flipped byte inside the decision's stored bytes.
    const target = m.files.find((x) => x.documentNumber === c.decision.number)!;
    const bytes = Buffer.from(r.rawPayload);
    const at = bytes.indexOf(Buffer.from(target.path!, 'utf8'));
    expect(at).toBeGreaterThan(0);
    const flipAt = at + Buffer.byteLength(target.path!) + 100; // inside the stored content
    bytes[flipAt] = bytes[flipAt]! ^ 0xff;
    const bad = await verifyPackageFile(saveZip('flipped.zip', bytes), verifier);
    expect(bad.problems.map((p) => p.kind)).toContain('file.altered');
    expect(bad.problems.find((p) => p.kind === 'file.altered')!.where).toContain(target.path!);
  });

  it('REC-09 a case file with a 国家秘密 record exports in full only for a leader; others get a redacted package with metadata and digests', async () => {
    const c = await file();
    await p.runTo(c.id, 'investigating'); // 立案审批 first (issue 12)
    const step = await fieldStep(c.id, '2026-11-25T09:30:00+08:00');
    const secret = await attach(step.id, PNG, { kind: 'photo', protection: 'stateSecret' });
    await ok(post(officer, `/api/steps/${step.id}/complete`, { avMissingReason: '涉密场所，仅拍摄照片' }));
    await act(c.id, { action: 'terminate', reason: '不构成违法，撤销立案' });
    const f = await caseFileOf(c.id);
    await ok(post(keeper, `/api/case-files/${f.id}/accept`, {}));
    const refused = await exportPackage(keeper, f.id, 'purpose=%E5%80%9F%E9%98%85');
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'PACKAGE_RESTRICTED' });
    const redacted = await exportPackage(keeper, f.id, 'purpose=%E5%80%9F%E9%98%85&redacted=true');
    expect(redacted.statusCode).toBe(200);
    const verifier = loadTransparency(t.app.zhifaConfig).verifier;
    const rv = await verifyPackageFile(saveZip('redacted.zip', redacted.rawPayload), verifier);
    expect(rv.problems).toEqual([]);
    const entry = rv.manifest!.files.find((x) => x.recordId === secret.id)!;
    expect(entry).toMatchObject({ inclusion: 'redacted', path: null, sha256: secret.sha256 });
    expect(redacted.rawPayload.includes(PNG)).toBe(false);
    const full = await exportPackage(leader, f.id, 'purpose=%E5%80%9F%E9%98%85');
    expect(full.statusCode).toBe(200);
    const fv = await verifyPackageFile(saveZip('full.zip', full.rawPayload), verifier);
    expect(fv.problems).toEqual([]);
    expect(fv.manifest!.files.find((x) => x.recordId === secret.id)!.inclusion).toBe('content');
  });

  it('REC-10 a 13-month-old non-evidence inspection video is listed, approved by the records keeper and a leader, disposed after the 7-day undo window, and zhifa verify passes; a legal hold blocks another', async () => {
    // Recorded in October 2025 on an inspection that was closed then.
    const now = t.clock.current;
    t.clock.current = new Date('2025-10-20T02:00:00Z');
    await relogin();
    const c = await file({
      actType: 'inspection',
      procedure: 'standard',
      powerItemId: items.get('QPMF-JC-001'),
    });
    await act(c.id, { action: 'startInspection' });
    const step = await fieldStep(c.id, '2025-10-20T09:30:00+08:00');
    const av = avMeta('2025-10-20T09:30:00+08:00', '2025-10-20T09:42:00+08:00');
    const video = await attach(step.id, CLIP, { kind: 'video', av });
    const held = await attach(step.id, Buffer.concat([CLIP, Buffer.from('second clip')]), {
      kind: 'video',
      av,
    });
    const evidence = await attach(step.id, Buffer.concat([CLIP, Buffer.from('third clip')]), {
      kind: 'video',
      av,
    });
    const photo = await attach(step.id, PNG, { kind: 'photo' });
    await ok(post(officer, `/api/steps/${step.id}/complete`, {}));
    await ok(
      post(officer, `/api/records/${evidence.id}/marks`, { mark: 'evidence', reason: '证明违法事实' }),
    );
    await act(c.id, { action: 'recordResult', result: 'compliant' });
    await act(c.id, { action: 'close' });

    // Thirteen months later.
    t.clock.current = now;
    await relogin();
    const due = await ok<{ items: Item[]; counts: Record<string, number> }>(
      get(keeper, '/api/retention?status=due'),
    );
    const dueIds = due.items.map((i) => i.recordId);
    expect(dueIds).toEqual(expect.arrayContaining([video.id, held.id]));
    expect(dueIds).not.toContain(evidence.id); // evidence: kept with the case file
    expect(dueIds).not.toContain(photo.id); // not AV
    expect(due.items.find((i) => i.recordId === video.id)!.retentionClass).toBe('inspectionAv');
    expect((await get(officer, '/api/retention')).statusCode).toBe(403);

    // A hold on the second video's record blocks its approval.
    const hold = await ok<{ id: string }>(
      post(supervisor, '/api/legal-holds', { recordId: held.id, reason: '当事人已申请行政复议' }),
      201,
    );
    const blocked = await post(keeper, `/api/records/${held.id}/disposal/approve`, {});
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).code).toBe('LEGAL_HOLD');

    // Two approvals by two people, then the undo window.
    const first = await ok<Item>(post(keeper, `/api/records/${video.id}/disposal/approve`, {}));
    expect(first).toMatchObject({ status: 'awaitingApproval', approvals: [{ role: 'recordsKeeper' }] });
    expect(errorOf(await post(keeper, `/api/records/${video.id}/disposal/approve`, {})).code).toBe(
      'DISPOSAL_ALREADY_APPROVED',
    );
    const second = await ok<Item>(post(leader, `/api/records/${video.id}/disposal/approve`, {}));
    expect(second.status).toBe('undoWindow');
    expect(second.undoUntil).toBe(new Date(now.getTime() + 7 * DAY).toISOString());

    const deps = { ...t.deps, blobs };
    expect((await runDisposals(deps)).disposed).toEqual([]);
    expect(await blobs.has(video.sha256)).toBe(true);
    t.clock.advance(7 * DAY - 60_000);
    expect((await runDisposals(deps)).disposed).toEqual([]);
    t.clock.advance(120_000);
    expect((await runDisposals(deps)).disposed).toEqual([video.id]);
    expect(await blobs.has(video.sha256)).toBe(false);
    await relogin();

    const disposed = await ok<{ items: Item[] }>(get(leader, '/api/retention?status=disposed'));
    expect(disposed.items.map((i) => i.recordId)).toEqual([video.id]);
    const entry = await t.db.db
      .selectFrom('ledger')
      .select(['action', 'data'])
      .where('subject_id', '=', video.id)
      .where('action', '=', 'record.disposed@1')
      .executeTakeFirstOrThrow();
    const data = JSON.parse(entry.data) as {
      sha256: string;
      approvals: Array<{ role: string; userId: string }>;
    };
    expect(data.sha256).toBe(video.sha256);
    expect(data.approvals.map((a) => a.role)).toEqual(['recordsKeeper', 'leader']);
    const gone = await get(officer, `/api/records/${video.id}/content?purpose=${encodeURIComponent('复核')}`);
    expect(gone.statusCode).toBe(409);
    expect(errorOf(gone).code).toBe('RECORD_DISPOSED');
    expect((await get(officer, `/api/records/${video.id}`)).statusCode).toBe(200); // metadata stays

    const report = await verifyLedger(t.deps, loadTransparency(t.app.zhifaConfig), { blobs });
    expect(report.problems).toEqual([]);
    expect(report.disposed).toBe(1);

    // The held video: released, approved by both, then held again inside the undo window.
    await ok(post(supervisor, `/api/legal-holds/${hold.id}/release`, { reason: '复议已终结' }));
    await ok(post(keeper, `/api/records/${held.id}/disposal/approve`, {}));
    await ok(post(leader, `/api/records/${held.id}/disposal/approve`, {}));
    await ok(post(leader, '/api/legal-holds', { caseId: c.id, reason: '纪检调阅，暂停处置' }), 201);
    t.clock.advance(8 * DAY);
    await relogin();
    const run = await runDisposals(deps);
    expect(run).toEqual({ disposed: [], held: [held.id] });
    expect(await blobs.has(held.sha256)).toBe(true);
    const onHold = await ok<{ items: Item[] }>(get(keeper, '/api/retention?status=onHold'));
    expect(onHold.items.map((i) => i.recordId)).toContain(held.id);
  });

  it('REC-08 archive numbers are unique and gapless when many case files are accepted at once', async () => {
    const files: string[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await file({
        procedure: 'simplified',
        powerItemId: items.get('QPMF-CF-003'),
        sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 },
      });
      await act(c.id, { action: 'serve' });
      await p.pay(c.id, 300_000); // 执行 waits for the payment (issue 12)
      for (const action of ['execute', 'close']) await act(c.id, { action });
      files.push((await caseFileOf(c.id)).id);
    }
    const start = Number(
      (
        await t.db.db
          .selectFrom('archive_counters')
          .select('last')
          .where('year', '=', 2026)
          .executeTakeFirst()
      )?.last ?? 0,
    );
    const results = await Promise.all(
      files.map((id) => post(keeper, `/api/case-files/${id}/accept`, { note: '简易程序，决定书另存' })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const numbers = results.map((r) => r.json<CaseFileView>().archiveNumber!).sort();
    const want = files.map((_, i) => `2026-${String(start + i + 1).padStart(4, '0')}`);
    expect(numbers).toEqual(want);
  });

  it('REC-08 PLT-04 after all of this the ledger, tracked rows (case files, disposals, holds) and blobs verify intact', async () => {
    const report = await verifyLedger(t.deps, loadTransparency(t.app.zhifaConfig), { blobs });
    expect(report.problems).toEqual([]);
  });

  it('PLT-05 bad input to the archive routes is refused with a code, field and Chinese message', async () => {
    const missing = '0190a000-0000-7000-8000-000000000000';
    expect((await get(keeper, `/api/case-files/${missing}`)).statusCode).toBe(404);
    const r1 = await post(supervisor, '/api/legal-holds', { reason: '无对象' });
    expect(r1.statusCode).toBe(400);
    expect(errorOf(r1)).toMatchObject({ code: 'HOLD_SUBJECT_REQUIRED' });
    const r2 = await post(keeper, `/api/records/${missing}/disposal/approve`, {});
    expect(r2.statusCode).toBe(404);
    const r3 = await post(officer, `/api/records/${missing}/marks`, { mark: 'evidence', reason: '证据' });
    expect(r3.statusCode).toBe(404);
    for (const r of [r1, r2, r3]) expect(errorOf(r).message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
