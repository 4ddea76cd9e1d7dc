import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency } from '../../src/bootstrap';
import { creditCodeCheckChar, residentIdCheckChar } from '../../src/domain/identity';
import { fireDueTimers } from '../../src/services/supervision-service';
import { verifyLedger } from '../../src/services/verify-service';
import { openBlobStore } from '../../src/bootstrap';
import {
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  officerSession,
  type Session,
  type TestApp,
  tusUpload,
} from '../app';
import { DIALECTS, PG_URL } from '../db';
import { openDatabase } from '../../src/storage/database';
import { legalReviewers, proceedings, raiseMajorThresholds } from '../proceeding';

const creditCode = (base17: string) => base17 + creditCodeCheckChar(base17);
const residentId = (base17: string) => base17 + residentIdCheckChar(base17);
const ORG_CODE = creditCode('91310118MA1JL0000');
const PERSON_ID = residentId('31011819900101123');
const clip = fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url));

describe.each(DIALECTS)('cases and whole-process recording on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let supervisor: Session;
  let leader: Session;
  let admin: Session;
  let reviewer: Session;
  let leaderIds: string[] = [];
  let officers = new Map<string, string>();
  let items = new Map<string, string>();
  let unitId = '';
  let recorders = new Map<string, string>();
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [officers.get('王建国')!, officers.get('李明')!],
    reviewer: () => reviewer,
    meetingLeaderIds: () => leaderIds,
  });

  const { post, get } = httpClient(() => t.app);
  const counts = async () => ({
    cases: Number(
      (await t.db.db
        .selectFrom('cases')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst())!.n,
    ),
    parties: Number(
      (await t.db.db
        .selectFrom('parties')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst())!.n,
    ),
    ledger: Number(
      (await t.db.db
        .selectFrom('ledger')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst())!.n,
    ),
  });
  const orgParty = (name = '上海某某置业有限公司') => ({
    kind: 'organisation',
    name,
    idType: 'creditCode',
    idNumber: ORG_CODE,
    legalRepresentative: '钱某',
    phone: '021-59721234',
    address: '上海市青浦区华新镇华志路100号',
  });
  const filing = (over: Record<string, unknown> = {}) => ({
    actType: 'penalty',
    procedure: 'ordinary',
    title: '擅自改变人防工程用途案',
    powerItemId: items.get('QPMF-CF-002'),
    party: orgParty(),
    unitId,
    officerIds: [officers.get('王建国'), officers.get('李明')],
    ...over,
  });
  const file = async (over: Record<string, unknown> = {}) => {
    const r = await post(officer, '/api/cases', filing(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; number: string; state: string; party: { id: string } }>();
  };
  const act = (caseId: string, body: Record<string, unknown>) =>
    post(officer, `/api/cases/${caseId}/transitions`, body);
  const fieldStep = (caseId: string, over: Record<string, unknown> = {}) =>
    post(officer, `/api/cases/${caseId}/steps`, {
      kind: 'inspection',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '上海市青浦区华志路100号地下室',
      notes: '现场检查人防工程使用情况',
      officerIds: [officers.get('王建国'), officers.get('李明')],
      inField: true,
      contactWithParty: true,
      ...over,
    });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    supervisor = await login(t.app, 'supervisor');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    ({ officers, items, recorders, unitId } = await demoOffice(t.app, admin));
    // The legal reviewer holds the 法律职业资格 (art. 58 para. 2), and a second leader makes the
    // case-review meeting's quorum: a fine that qualifies for a hearing is a major decision (REV-01).
    ({ reviewer, leaderIds } = await legalReviewers(t.app, admin));
    // The hearing cases here are about the hearing, not legal review (REV-01 settings).
    await raiseMajorThresholds(t.app, admin);
  });
  afterAll(() => t?.close());

  it('REC-09 parties: ID numbers and credit codes are checked, personal data is sealed at rest and shown masked; seeing it in full needs a purpose and is logged', async () => {
    const badId = await post(officer, '/api/parties', {
      kind: 'person',
      name: '张三',
      idType: 'residentId',
      idNumber: PERSON_ID.slice(0, 17) + (PERSON_ID.endsWith('0') ? '1' : '0'),
      phone: '13812345678',
      address: '上海市青浦区盈浦街道某路1号',
    });
    expect(badId.statusCode).toBe(400);
    expect(errorOf(badId)).toMatchObject({ code: 'ID_NUMBER_INVALID', field: 'idNumber' });
    const badCode = await post(officer, '/api/parties', {
      ...orgParty(),
      idNumber: ORG_CODE.slice(0, 17) + 'Z',
    });
    expect(errorOf(badCode)).toMatchObject({ code: 'CREDIT_CODE_INVALID', field: 'idNumber' });
    const badPhone = await post(officer, '/api/parties', { ...orgParty(), phone: '12345' });
    expect(errorOf(badPhone)).toMatchObject({ code: 'PHONE_INVALID', field: 'phone' });

    const ok = await post(officer, '/api/parties', {
      kind: 'person',
      name: '张三',
      idType: 'residentId',
      idNumber: PERSON_ID,
      phone: '13812345678',
      address: '上海市青浦区盈浦街道某路1号',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const p = ok.json<{ id: string; idNumber: string; phone: string; address: string }>();
    expect(p.idNumber).toBe(`310***********${PERSON_ID.slice(-4)}`);
    expect(p.phone).toBe('138****5678');
    expect(p.address).toBe('上海市青浦区***');
    // At rest: no plaintext in the row, nor in the ledger.
    const row = await t.db.db
      .selectFrom('parties')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(PERSON_ID);
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(JSON.stringify(row)).not.toContain('盈浦街道');
    const ledgerText = (await t.db.db.selectFrom('ledger').select('data').execute())
      .map((r) => r.data)
      .join();
    expect(ledgerText).not.toContain(PERSON_ID);
    // Found again by its number without decrypting (PLT-08: in the body, with the name).
    const found = await post(officer, '/api/parties/lookup', { idNumber: PERSON_ID, name: '张三' });
    expect(found.json<{ party: { id: string } | null }>().party?.id).toBe(p.id);

    const noPurpose = await post(officer, `/api/parties/${p.id}/disclosures`, {
      purpose: ' ',
      fields: ['idNumber'],
    });
    expect(errorOf(noPurpose)).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'purpose' });
    expect(
      (await post(supervisor, `/api/parties/${p.id}/disclosures`, { purpose: '核查', fields: ['phone'] }))
        .statusCode,
    ).toBe(403);
    const full = await post(officer, `/api/parties/${p.id}/disclosures`, {
      purpose: '制作送达回证',
      fields: ['idNumber', 'phone', 'address'],
    });
    expect(full.json()).toEqual({
      idNumber: PERSON_ID,
      phone: '13812345678',
      address: '上海市青浦区盈浦街道某路1号',
    });
    const logged = await t.db.db
      .selectFrom('party_disclosures')
      .selectAll()
      .where('party_id', '=', p.id)
      .execute();
    expect(logged).toMatchObject([{ purpose: '制作送达回证' }]);
    const entry = await t.db.db
      .selectFrom('ledger')
      .select('action')
      .where('subject_id', '=', logged[0]!.id)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('party.disclosed@1');
  });

  it('PLT-05 bad filings are refused with code, field and a Chinese message, and leave nothing behind', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [
        { officerIds: [officers.get('王建国'), '0190a000-0000-7000-8000-000000000000'] },
        400,
        'OFFICER_NOT_FOUND',
        'officerIds',
      ],
      [{ powerItemId: items.get('QPMF-JC-001') }, 400, 'POWER_ITEM_ACT_TYPE', 'powerItemId'],
      [{ filedOn: '2026-11-26' }, 400, 'DATE_IN_FUTURE', 'filedOn'],
      [{ filedOn: '2026-02-30' }, 400, 'DATE_INVALID', 'filedOn'],
      [{ procedure: 'measure' }, 400, 'PROCEDURE_INVALID', 'procedure'],
      [{ party: { ...orgParty(), idNumber: '91310118MA1JL00001' } }, 400, 'CREDIT_CODE_INVALID', 'idNumber'],
      [
        { procedure: 'simplified', sanction: { kinds: ['fine'], fine: 300_100, confiscated: 0 } },
        400,
        'SIMPLIFIED_LIMIT_EXCEEDED',
        'sanction.fine',
      ],
      [
        { procedure: 'simplified', sanction: { kinds: ['suspension'], fine: 0, confiscated: 0 } },
        400,
        'SIMPLIFIED_LIMIT_EXCEEDED',
        'sanction.kinds',
      ],
    ];
    for (const [over, status, code, field] of cases) {
      const r = await post(officer, '/api/cases', filing(over));
      expect(r.statusCode, `${code}: ${r.body}`).toBe(status);
      expect(errorOf(r), code).toMatchObject({ code, field });
      expect(errorOf(r).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await counts()).toEqual(before);
  });

  it('ACT-1 the simplified procedure decides on the spot within art. 51 limits and refuses amounts above them', async () => {
    const c = await file({
      procedure: 'simplified',
      powerItemId: items.get('QPMF-CF-003'),
      sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 },
    });
    expect(c.state).toBe('decidedOnSpot');
    const person = {
      kind: 'person',
      name: '李四',
      idType: 'residentId',
      idNumber: PERSON_ID,
      phone: '13912345678',
      address: '上海市青浦区赵巷镇某路2号',
    };
    const over = await post(
      officer,
      '/api/cases',
      filing({
        procedure: 'simplified',
        powerItemId: items.get('QPMF-CF-003'),
        party: person,
        sanction: { kinds: ['fine'], fine: 20_100, confiscated: 0 },
      }),
    );
    expect(errorOf(over)).toMatchObject({ code: 'SIMPLIFIED_LIMIT_EXCEEDED', field: 'sanction.fine' });
    expect((await act(c.id, { action: 'serve' })).statusCode).toBe(200);
    // 执行 waits for the payment (issue 12); the simplified procedure needs no approval.
    expect(errorOf(await act(c.id, { action: 'execute' })).code).toBe('PERFORMANCE_REQUIRED');
    await p.pay(c.id, 300_000);
    for (const action of ['execute', 'close']) expect((await act(c.id, { action })).statusCode).toBe(200);
  });

  it('ACT-1 an ordinary-procedure penalty runs from filing to closing; an illegal transition is 409 and names what is allowed next', async () => {
    const c = await file();
    expect(c.number).toMatch(/^青国动〔2026〕案第\d+号$/);
    expect(c.state).toBe('filed');
    const wrong = await act(c.id, { action: 'serve' });
    expect(wrong.statusCode).toBe(409);
    expect(errorOf(wrong).code).toBe('TRANSITION_NOT_ALLOWED');
    // Until the leader approves the filing, only 撤销立案 is open (issue 12).
    expect(errorOf(wrong).message).toContain('撤销立案');
    expect(
      wrong
        .json<{ error: { details: { allowed: Array<{ action: string }> } } }>()
        .error.details.allowed.map((a) => a.action),
    ).toEqual(['terminate']);
    // The state is checked before the act's input: a notice without its penalty, while filed, is a 409.
    const premature = await act(c.id, { action: 'notice' });
    expect(premature.statusCode).toBe(409);
    expect(errorOf(premature).code).toBe('TRANSITION_NOT_ALLOWED');
    await p.runTo(c.id, 'investigationEnded');
    // CF-002 organisation band is ¥10,000–50,000.
    const outside = await post(officer, `/api/cases/${c.id}/penalty-proposal`, {
      sanction: { kinds: ['fine'], fine: 6_000_000, confiscated: 0 },
    });
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside)).toMatchObject({ code: 'FINE_OUTSIDE_BAND', field: 'sanction.fine' });
    const sanction = { kinds: ['warning', 'fine'], fine: 5_000_000, confiscated: 0 };
    const noticed = await p.runTo(c.id, 'noticed', { sanction });
    const n = (await get(officer, `/api/cases/${noticed.id}`)).json<{
      facts: { hearingOffered: boolean };
      deadlines: Array<{ kind: string; due: string }>;
    }>();
    expect(n.facts.hearingOffered).toBe(true); // ¥50,000 for an organisation
    expect(n.deadlines.find((d) => d.kind === 'hearingRequest')).toMatchObject({ due: '2026-12-02' });
    await p.approve(c.id, 'decision', { outcome: 'penalty', sanction, reasons: '事实清楚，证据确凿' });
    // The period for statement, defence and hearing request has not run out.
    const early = await act(c.id, { action: 'decide', outcome: 'penalty' });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('TRANSITION_GUARD_FAILED');
    const decided = await act(c.id, { action: 'decide', outcome: 'penalty', partyWaived: true });
    expect(decided.statusCode, decided.body).toBe(200);
    await p.runTo(c.id, 'closed', { sanction });
    const page = (await get(officer, `/api/cases/${c.id}`)).json<{
      state: string;
      closed: boolean;
      allowedActions: unknown[];
      timeline: Array<{ action: string }>;
    }>();
    expect(page).toMatchObject({ state: 'closed', closed: true, allowedActions: [] });
    expect(page.timeline.map((x) => x.action)).toEqual([
      'startInvestigation',
      'endInvestigation',
      'notice',
      'decide',
      'serve',
      'execute',
      'close',
    ]);
    const trail = (await get(officer, `/api/cases/${c.id}/ledger`)).json<Array<{ action: string }>>();
    expect(trail.map((e) => e.action).filter((a) => a.startsWith('case'))).toEqual([
      'case.filed@1',
      'case.transitioned@1',
      'case.transitioned@1',
      'case.penaltyProposed@1',
      'case.transitioned@1',
      'case.transitioned@1',
      'case.transitioned@1',
      'case.performanceRecorded@1',
      'case.transitioned@1',
      'case.transitioned@1',
      'caseFile.assembled@1', // closing assembles the case file (REC-08)
    ]);
    // Nothing more may be recorded on a closed case.
    const late = await fieldStep(c.id);
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('CASE_CLOSED');
  });

  it('ACT-1 a penalty that qualifies for a hearing: the hearing is requested, notified 7 working days before, held, then decided', async () => {
    const c = await file();
    const sanction = { kinds: ['fine'], fine: 5_000_000, confiscated: 0 };
    const n = await p.runTo(c.id, 'noticed', { sanction });
    expect(n).toMatchObject({ facts: { hearingOffered: true } });
    const requested = await act(c.id, { action: 'requestHearing', hearingOn: '2026-12-10' });
    expect(requested.statusCode, requested.body).toBe(200);
    expect(requested.json()).toMatchObject({ state: 'hearing' });
    // The hearing notice: recorded as a notice step while the hearing is pending.
    const notified = await fieldStep(c.id, {
      kind: 'notice',
      inField: false,
      contactWithParty: false,
      place: '执法科',
    });
    expect(notified.statusCode, notified.body).toBe(201);
    const view = (await get(officer, `/api/cases/${c.id}`)).json<{
      deadlines: Array<{ kind: string; due: string; met: boolean | null }>;
    }>();
    // 2026-12-10 counted back 7 working days (12-09, 08, 07, 04, 03, 02, 01): notify by 12-01.
    expect(view.deadlines.find((d) => d.kind === 'hearingNotice')).toMatchObject({
      due: '2026-12-01',
      met: true,
    });
    const early = await act(c.id, { action: 'decide', outcome: 'penalty' });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toMatch(/听证/);
    const hearing = (
      await fieldStep(c.id, { kind: 'hearing', inField: false, contactWithParty: false, place: '听证室' })
    ).json<{ id: string; avRequired: boolean }>();
    expect(hearing.avRequired).toBe(true); // REC-03: hearings are recorded
    expect(
      (
        await post(officer, `/api/steps/${hearing.id}/complete`, {
          avMissingReason: '听证室录像设备故障，已书面记录',
        })
      ).statusCode,
    ).toBe(200);
    // Art. 58: a case that went through a hearing is reviewed before the decision.
    await p.reviewAgrees(c.id, 'beforeDecision');
    await p.approve(c.id, 'decision', { outcome: 'penalty', sanction, reasons: '经听证，事实清楚' });
    const decided = await act(c.id, { action: 'decide', outcome: 'penalty' });
    expect(decided.statusCode, decided.body).toBe(200);
  });

  it('ACT-1 an inspection referred for a penalty opens a linked penalty case', async () => {
    const c = await file({
      actType: 'inspection',
      procedure: 'standard',
      powerItemId: items.get('QPMF-JC-001'),
    });
    expect(c.state).toBe('planned');
    expect((await act(c.id, { action: 'startInspection' })).statusCode).toBe(200);
    const r = await act(c.id, { action: 'recordResult', result: 'referred' });
    expect(r.statusCode, r.body).toBe(200);
    const linked = await t.db.db.selectFrom('cases').selectAll().where('linked_case_id', '=', c.id).execute();
    expect(linked).toMatchObject([{ act_type: 'penalty', procedure: 'ordinary', state: 'filed' }]);
  });

  it('REC-05 a field step needs two officers whose certificates are valid that day and cover the domain; the refusal says who and why', async () => {
    const c = await file();
    const expired = await fieldStep(c.id, { officerIds: [officers.get('王建国'), officers.get('刘洋')] });
    expect(expired.statusCode).toBe(422);
    expect(errorOf(expired)).toMatchObject({ code: 'TWO_OFFICER_RULE', field: 'officerIds' });
    const problems = expired.json<{
      error: { details: { problems: Array<{ name: string; reason: string }> } };
    }>().error.details.problems;
    expect(problems).toEqual([expect.objectContaining({ name: '刘洋', reason: 'certificateNotValid' })]);
    const suspended = await fieldStep(c.id, { officerIds: [officers.get('王建国'), officers.get('赵磊')] });
    expect(errorOf(suspended).message).toMatch(/两名/);
    const alone = await fieldStep(c.id, { officerIds: [officers.get('王建国')] });
    expect(alone.statusCode).toBe(422);
    const unknown = await fieldStep(c.id, {
      officerIds: [officers.get('王建国'), '0190a000-0000-7000-8000-000000000000'],
    });
    expect(errorOf(unknown)).toMatchObject({ code: 'OFFICER_NOT_FOUND', field: 'officerIds' });
    const future = await fieldStep(c.id, { occurredAt: '2026-11-26T09:00:00+08:00' });
    expect(errorOf(future)).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'occurredAt' });

    const ok = await fieldStep(c.id);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      recorderWarning: null,
      officers: [
        expect.objectContaining({ name: '王建国', certificateNumber: expect.stringMatching(/^3101180/) }),
        expect.objectContaining({ name: '李明' }),
      ],
    });
    // A valid team that holds no recorder is warned, not refused. Its case is theirs (PLT-07).
    const zhang = await officerSession(t.app, admin, officers.get('张伟')!, `zhangwei-${dialect}`);
    const team = [officers.get('张伟'), officers.get('徐晓燕')];
    const filed = await post(zhang, '/api/cases', filing({ officerIds: team }));
    expect(filed.statusCode, filed.body).toBe(201);
    const c2 = filed.json<{ id: string }>();
    const warned = await post(zhang, `/api/cases/${c2.id}/steps`, {
      kind: 'inspection',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '上海市青浦区华志路100号地下室',
      notes: '现场检查人防工程使用情况',
      officerIds: team,
      inField: true,
      contactWithParty: true,
    });
    expect(warned.statusCode, warned.body).toBe(201);
    expect(warned.json<{ recorderWarning: string }>().recorderWarning).toMatch(/记录仪/);
  });

  it('REC-03 REC-11 a step that requires AV is not completed without an AV record or a written reason; with a reason it is flagged for the supervisor', async () => {
    const c = await file();
    const step = (await fieldStep(c.id)).json<{ id: string; avRequired: boolean; avReasons: string[] }>();
    expect(step.avRequired).toBe(true);
    expect(step.avReasons.length).toBeGreaterThan(0);
    const refused = await post(officer, `/api/steps/${step.id}/complete`, {});
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused)).toMatchObject({ code: 'AV_RECORD_REQUIRED', field: 'avMissingReason' });
    const done = await post(officer, `/api/steps/${step.id}/complete`, {
      avMissingReason: '执法记录仪电量耗尽，已制作书面笔录',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'completed', flagged: true });
    const flags = (await get(supervisor, '/api/flags?kind=avMissing')).json<{
      items: Array<{ stepId: string; caseNumber: string }>;
    }>();
    expect(flags.items.find((f) => f.stepId === step.id)).toMatchObject({ caseNumber: c.number });
    expect((await get(officer, '/api/flags')).statusCode).toBe(403);
    // A step that needs no AV (an inquiry at the office) completes without one.
    const inquiry = (
      await fieldStep(c.id, {
        kind: 'inquiry',
        inField: false,
        contactWithParty: false,
        place: '执法科询问室',
      })
    ).json<{ id: string; avRequired: boolean }>();
    expect(inquiry.avRequired).toBe(false);
    expect((await post(officer, `/api/steps/${inquiry.id}/complete`, {})).json()).toMatchObject({
      flagged: false,
    });
  });

  it('REC-01 REC-04 REC-07 an AV record carries its metadata; a correction is a new version; records are never changed or deleted', async () => {
    const c = await file();
    const step = (await fieldStep(c.id)).json<{ id: string }>();
    const av = {
      recorderId: recorders.get('QP-JLY-001'),
      officerIds: [officers.get('王建国'), officers.get('李明')],
      startedAt: '2026-11-25T09:30:00+08:00',
      endedAt: '2026-11-25T09:42:00+08:00',
      place: '上海市青浦区华志路100号地下室',
    };
    const attach = async (body: Record<string, unknown>, content = clip, type = 'video/mp4') => {
      const uploadId = await tusUpload(t.app, officer, content, '现场检查.mp4', type);
      return post(officer, `/api/steps/${step.id}/records`, {
        uploadId,
        kind: 'video',
        protection: 'internal',
        ...body,
      });
    };
    const noMeta = await attach({});
    expect(errorOf(noMeta)).toMatchObject({ code: 'AV_META_REQUIRED', field: 'av' });
    const wrongKind = await attach({ kind: 'photo', av: undefined });
    expect(wrongKind.statusCode).toBe(415);
    expect(errorOf(wrongKind)).toMatchObject({ code: 'RECORD_KIND_MISMATCH', field: 'kind' });
    const backwards = await attach({ av: { ...av, endedAt: '2026-11-25T09:00:00+08:00' } });
    expect(errorOf(backwards)).toMatchObject({ code: 'TIME_ORDER', field: 'av.endedAt' });

    const first = await attach({ av });
    expect(first.statusCode, first.body).toBe(201);
    const v1 = first.json<{ id: string; version: number; av: { recorderNumber: string } }>();
    expect(v1).toMatchObject({ version: 1, av: { recorderNumber: 'QP-JLY-001' } });
    // Now the step has its AV record and completes without a reason.
    expect((await post(officer, `/api/steps/${step.id}/complete`, {})).json()).toMatchObject({
      flagged: false,
    });

    // Another video: the MP4 header of the fixture clip, then other media data.
    const other = randomBytes(2048);
    clip.copy(other, 0, 0, 32);
    const noReason = await attach({ av, versionOf: v1.id }, other);
    expect(errorOf(noReason)).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const second = await attach({ av, versionOf: v1.id, reason: '原文件截取不完整，补传完整录像' }, other);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, versionOf: v1.id, rootId: v1.id });
    const fork = await attach({ av, versionOf: v1.id, reason: '再次更正' }, randomBytes(100));
    expect(fork.statusCode).toBe(409);
    expect(errorOf(fork).code).toBe('RECORD_SUPERSEDED');
    // Both versions stay retrievable.
    for (const id of [v1.id, second.json<{ id: string }>().id])
      expect(
        (await get(officer, `/api/records/${id}/content?purpose=${encodeURIComponent('核对版本')}`))
          .statusCode,
      ).toBe(200);
    const list = (await get(officer, `/api/cases/${c.id}/records`)).json<{
      items: Array<{ version: number }>;
    }>();
    expect(list.items.map((r) => r.version)).toEqual([1, 2]);

    // Attempts to change or delete are refused and reported.
    for (const method of ['DELETE', 'PATCH'] as const) {
      const r = await t.app.inject({
        method,
        url: `/api/records/${v1.id}`,
        headers: officer.headers,
        payload: {},
      });
      expect(r.statusCode).toBe(409);
      expect(errorOf(r).code).toBe('RECORD_IMMUTABLE');
    }
    const flags = (await get(supervisor, '/api/flags')).json<{
      items: Array<{ kind: string; recordId: string }>;
    }>();
    expect(
      flags.items
        .filter((f) => f.recordId === v1.id)
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['alterRefused', 'deleteRefused']);
    // Below the application, the database refuses too.
    await expect(
      sql`update records set file_name = 'x' where id = ${v1.id}`.execute(t.db.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`delete from records where id = ${v1.id}`.execute(t.db.db)).rejects.toThrow(/immutable/);
  });

  it('REC-06 REC-09 restricted records are visible only to the case officers and the roles the policy names; retrievals are logged', async () => {
    const c = await file();
    const step = (await fieldStep(c.id, { kind: 'inquiry', inField: false, contactWithParty: false })).json<{
      id: string;
    }>();
    const attach = async (protection: string) => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1000)]);
      const uploadId = await tusUpload(t.app, officer, pdf, '询问笔录.pdf', 'application/pdf');
      const r = await post(officer, `/api/steps/${step.id}/records`, { uploadId, kind: 'scan', protection });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    };
    const privacy = await attach('privacy');
    const secret = await attach('stateSecret');
    // An officer who is not on the case.
    const made = await post(admin, '/api/users', {
      username: `zhangwei${dialect}`,
      displayName: '张伟',
      password: 'a-long-enough-password',
      roles: ['officer'],
      officerId: officers.get('张伟'),
    });
    expect(made.statusCode, made.body).toBe(201);
    const outsider = await login(t.app, `zhangwei${dialect}`, 'a-long-enough-password');
    const purpose = `?purpose=${encodeURIComponent('案件审核')}`;

    const seen = (await get(outsider, `/api/cases/${c.id}/records`)).json<{
      items: Array<{ id: string; restricted: boolean; sha256: string }>;
    }>();
    expect(seen.items.map((r) => r.restricted)).toEqual([true, true]);
    expect(seen.items.every((r) => r.sha256 === '')).toBe(true);
    const denied = await get(outsider, `/api/records/${privacy}/content${purpose}`);
    expect(denied.statusCode).toBe(403);
    expect(errorOf(denied).code).toBe('RECORD_RESTRICTED');

    expect((await get(officer, `/api/records/${secret}/content${purpose}`)).statusCode).toBe(200);
    expect((await get(supervisor, `/api/records/${privacy}/content${purpose}`)).statusCode).toBe(200);
    expect((await get(supervisor, `/api/records/${secret}/content${purpose}`)).statusCode).toBe(403);
    expect((await get(leader, `/api/records/${secret}/content${purpose}`)).statusCode).toBe(200);
    const log = (await get(supervisor, `/api/records/${secret}/retrievals`)).json<{
      items: Array<{ user: { name: string } }>;
    }>();
    expect(log.items.map((r) => r.user.name).sort()).toEqual(['孙志强', '王建国']);
  });

  it('ACT-1 case numbers stay unique and gapless under 50 concurrent filings', async () => {
    const year = await t.db.db
      .selectFrom('case_counters')
      .select('last')
      .where('year', '=', 2026)
      .executeTakeFirst();
    const start = Number(year?.last ?? 0);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          officer,
          '/api/cases',
          filing({ title: `并发立案测试第${i}件`, party: orgParty(`并发测试公司${i}`) }),
        ),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 50 }, () => 201));
    const numbers = responses.map((r) => Number(/第(\d+)号/.exec(r.json<{ number: string }>().number)![1]));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => start + i + 1));

    // Paging through them: by id, and by filing date when a date range is given; no case twice.
    for (const filter of ['', '&filedFrom=2026-01-01&filedTo=2026-12-31']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: string; filedOn: string }>; nextCursor: string | null } = (
          await get(
            officer,
            `/api/cases?limit=7${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          )
        ).json();
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(50);
    }
    const bad = await get(
      officer,
      `/api/cases?filedFrom=2026-01-01&cursor=${responses[0]!.json<{ id: string }>().id}`,
    );
    expect(errorOf(bad)).toMatchObject({ code: 'CURSOR_INVALID', field: 'cursor' });
  });

  it('REC-07 PLT-04 after all of this the ledger, tracked rows and blobs verify intact', async () => {
    const config = t.app.zhifaConfig;
    const r = await verifyLedger(t.deps, loadTransparency(config), { blobs: await openBlobStore(config) });
    expect(r.problems).toEqual([]);
    expect(r.rows).toBeGreaterThan(100);
  });

  it('ACT-1 a 告知承诺 licence granted opens its follow-up inspection; execution waits 10 working days after 催告 and never runs at night without an urgent reason', async () => {
    const lic = await file({
      actType: 'licensing',
      procedure: 'commitment',
      powerItemId: items.get('QPMF-XK-001'),
    });
    expect((await act(lic.id, { action: 'accept' })).statusCode).toBe(200);
    const granted = await act(lic.id, { action: 'decide', outcome: 'granted' });
    expect(granted.statusCode, granted.body).toBe(200);
    const followUp = await t.db.db
      .selectFrom('cases')
      .selectAll()
      .where('linked_case_id', '=', lic.id)
      .execute();
    expect(followUp).toMatchObject([{ act_type: 'inspection', state: 'planned' }]);

    // 催告 served 2026-11-20 (Fri): 10 working days end 2026-12-04; deciding on 11-25 is too early.
    const exec = await file({
      actType: 'compulsion',
      procedure: 'execution',
      powerItemId: items.get('QPMF-QZ-001'),
      filedOn: '2026-11-20',
    });
    const early = await act(exec.id, { action: 'decideExecution' });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('TRANSITION_GUARD_FAILED');
    // 催告 served 2026-11-02: its 10 working days ended 11-16.
    const ripe = await file({
      actType: 'compulsion',
      procedure: 'execution',
      powerItemId: items.get('QPMF-QZ-001'),
      filedOn: '2026-11-02',
    });
    expect((await act(ripe.id, { action: 'decideExecution' })).statusCode).toBe(200);
    expect((await act(ripe.id, { action: 'serve' })).statusCode).toBe(200);
    t.clock.current = new Date('2026-11-25T15:30:00Z'); // 23:30 in Shanghai
    officer = await login(t.app, 'officer1');
    const night = await act(ripe.id, { action: 'execute' });
    expect(night.statusCode).toBe(409);
    expect(errorOf(night).message).toMatch(/夜间/);
    const urgent = await act(ripe.id, {
      action: 'execute',
      urgentReason: '危及人防工程结构安全，须立即处置',
    });
    expect(urgent.statusCode, urgent.body).toBe(200);
  });

  it('PLT-01 deadlines of a case follow the calendar: 90 days from filing past National Day; a seizure running into an unconfirmed year is flagged', async () => {
    const c = await file({ filedOn: '2026-07-05' });
    const view = (await get(officer, `/api/cases/${c.id}`)).json<{
      deadlines: Array<{ kind: string; due: string; confirmed: boolean; status: string }>;
    }>();
    // 2026-07-05 + 90 days = 10-03, inside the National Day holiday → next working day 10-08.
    expect(view.deadlines.find((d) => d.kind === 'decision')).toMatchObject({
      due: '2026-10-08',
      confirmed: true,
      status: 'overdue',
    });
    const overdue = (await get(officer, `/api/cases?overdue=1&limit=200`)).json<{
      items: Array<{ id: string }>;
    }>();
    expect(overdue.items.map((x) => x.id)).toContain(c.id);

    t.clock.current = new Date('2026-12-21T02:00:00Z');
    officer = await login(t.app, 'officer1'); // the old session has gone idle
    const seizure = await file({
      actType: 'compulsion',
      procedure: 'measure',
      powerItemId: items.get('QPMF-QZ-001'),
      filedOn: '2026-12-20',
    });
    const sv = (await get(officer, `/api/cases/${seizure.id}`)).json<{
      deadlines: Array<{ kind: string; due: string; confirmed: boolean }>;
    }>();
    // 2026-12-20 + 30 days = 2027-01-19 (a Tuesday), computed on weekends alone: unconfirmed.
    expect(sv.deadlines.find((d) => d.kind === 'seizure')).toMatchObject({
      due: '2027-01-19',
      confirmed: false,
    });
  });

  it('PLT-01 durable deadline timers raise each alert once, however many runs of the job overlap', async () => {
    t.clock.current = new Date('2027-03-01T02:00:00Z');
    officer = await login(t.app, 'officer1');
    const [a, b] = await Promise.all([fireDueTimers(t.deps), fireDueTimers(t.deps)]);
    expect(a + b).toBeGreaterThan(0);
    expect(await fireDueTimers(t.deps)).toBe(0);
    // On PostgreSQL, a second node (its own pool) runs the job at the same time as the first.
    t.clock.current = new Date('2027-06-01T02:00:00Z');
    officer = await login(t.app, 'officer1');
    if (dialect === 'postgres') {
      const other = await openDatabase(
        { kind: 'postgres', url: PG_URL },
        { pgSchema: t.db.pgSchema!, pgPoolSize: 4 },
      );
      try {
        const [x, y] = await Promise.all([fireDueTimers(t.deps), fireDueTimers({ ...t.deps, db: other.db })]);
        expect(x + y).toBeGreaterThanOrEqual(0);
      } finally {
        await other.destroy();
      }
    } else await fireDueTimers(t.deps);
    const rows = await t.db.db.selectFrom('alerts').select(['case_id', 'deadline', 'stage', 'due']).execute();
    expect(new Set(rows.map((r) => JSON.stringify(r))).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(a + b);
    const fired = await t.db.db
      .selectFrom('case_timers')
      .select('id')
      .where('fired_at', 'is', null)
      .where('fire_on', '<=', '2027-06-01')
      .execute();
    expect(fired).toEqual([]);
    const seen = (await get(officer, '/api/alerts?limit=200')).json<{ items: Array<{ message: string }> }>();
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items[0]!.message).toMatch(/青国动/);
  });
});
