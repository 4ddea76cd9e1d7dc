import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { docxText, lineWith } from '../docx';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { creditCodeCheckChar, residentIdCheckChar } from '../../src/domain/identity';
import { verifyLedger } from '../../src/services/verify-service';
import { demoOffice, errorOf, httpClient, login, makeTestApp, type Session, type TestApp } from '../app';
import { DIALECTS } from '../db';
import { proceedings, raiseMajorThresholds } from '../proceeding';

const ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');
const PERSON_ID = '31011819900101123' + residentIdCheckChar('31011819900101123');
const PARTY = '上海某某置业有限公司';
const ADDRESS = '上海市青浦区华新镇华志路100号';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TODAY = '2026年11月25日'; // the test clock's day in Asia/Shanghai

interface Doc {
  id: string;
  caseId: string;
  stepId: string | null;
  kind: string;
  state: string;
  number: string | null;
  recordId: string | null;
  templateVersion: number;
  version: number;
  versionOf: string | null;
  data: { values: Record<string, string>; conditions: string[] };
}

describe.each(DIALECTS)('enforcement documents on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  let supervisor: Session;
  let leader: Session;
  let officers = new Map<string, string>();
  let items = new Map<string, string>();
  let unitId = '';

  const { post, put, get } = httpClient(() => t.app);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [officers.get('王建国')!, officers.get('李明')!],
  });
  const act = async (caseId: string, body: Record<string, unknown>) => {
    const r = await post(officer, `/api/cases/${caseId}/transitions`, body);
    expect(r.statusCode, r.body).toBe(200);
  };
  const file = async (party?: Record<string, unknown>) => {
    const r = await post(officer, '/api/cases', {
      actType: 'penalty',
      procedure: 'ordinary',
      title: '出租未经竣工验收的民防工程案',
      powerItemId: items.get('QPMF-CF-002'),
      party: party ?? {
        kind: 'organisation',
        name: PARTY,
        idType: 'creditCode',
        idNumber: ORG_CODE,
        legalRepresentative: '钱某',
        phone: '021-59721234',
        address: ADDRESS,
      },
      unitId,
      officerIds: [officers.get('王建国'), officers.get('李明')],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; number: string; party: { id: string } }>();
  };
  const SANCTION = { kinds: ['warning', 'fine'], fine: 5_000_000, confiscated: 0 };
  /**
   * A case whose investigation ended with ¥50,000 and a warning proposed (an organisation: a hearing
   * may be requested): its 事先告知书 may be drafted now.
   */
  const proposedCase = async () => {
    const c = await file();
    await p.runTo(c.id, 'investigationEnded');
    expect(
      (await post(officer, `/api/cases/${c.id}/penalty-proposal`, { sanction: SANCTION })).statusCode,
    ).toBe(200);
    return c;
  };
  const decidedCase = async () => {
    const c = await file();
    await p.runTo(c.id, 'decided', { sanction: SANCTION });
    return c;
  };
  const officeStep = async (caseId: string, over: Record<string, unknown> = {}) => {
    const r = await post(officer, `/api/cases/${caseId}/steps`, {
      kind: 'other',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '执法科',
      notes: '制作执法文书',
      officerIds: [officers.get('王建国'), officers.get('李明')],
      inField: false,
      ...over,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  const draft = async (caseId: string, body: Record<string, unknown>) => {
    const r = await post(officer, `/api/cases/${caseId}/documents`, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Doc>();
  };
  const finalise = async (id: string) => {
    const r = await post(officer, `/api/documents/${id}/finalise`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Doc>();
  };
  const download = async (id: string, purpose?: string) => {
    const r = await get(
      officer,
      `/api/documents/${id}/docx${purpose ? `?purpose=${encodeURIComponent(purpose)}` : ''}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    return r.rawPayload;
  };
  const counter = async (code: string) =>
    Number(
      (
        await t.db.db
          .selectFrom('document_counters')
          .select('last')
          .where('code', '=', code)
          .where('year', '=', 2026)
          .executeTakeFirst()
      )?.last ?? 0,
    );
  const actionsAbout = async (subjectId: string) =>
    (
      await t.db.db
        .selectFrom('ledger')
        .select('action')
        .where('subject_id', '=', subjectId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    admin = await login(t.app, 'admin');
    supervisor = await login(t.app, 'supervisor');
    leader = await login(t.app, 'leader');
    ({ officers, items, unitId } = await demoOffice(t.app, admin));
    // ¥50,000 for an organisation is offered a hearing; legal review is not what these tests are about.
    await raiseMajorThresholds(t.app, admin);
  });
  afterAll(() => t?.close());

  it('REC-02 PUB-06 a 行政处罚事先告知书 and a 决定书 are drafted from the case and issued with 文号; the .docx names the party and gives the rights with their periods and the remedies', async () => {
    const c = await proposedCase();
    const noticeStart = await counter('罚告');
    const decisionStart = await counter('罚');

    const n = await draft(c.id, { kind: 'penaltyNotice' });
    expect(n).toMatchObject({ state: 'draft', number: null, recordId: null, templateVersion: 1, version: 1 });
    expect(n.data.values['party.name']).toBe(PARTY);
    expect(n.data.conditions).toContain('hearingOffered');
    const draftText = docxText(await download(n.id));
    expect(draftText).toContain('（草稿）');
    expect(draftText).not.toMatch(/罚告字/);

    const issued = await finalise(n.id);
    expect(issued.state).toBe('final');
    expect(issued.number).toBe(`青国动罚告字〔2026〕第${noticeStart + 1}号`);
    expect(issued.stepId).not.toBeNull(); // filed under a step recorded for it
    expect((await post(officer, `/api/documents/${n.id}/finalise`)).statusCode).toBe(409);

    // The issued file is a record: read only through the logged retrieval path, with a purpose.
    const noPurpose = await get(officer, `/api/documents/${n.id}/docx`);
    expect(noPurpose.statusCode).toBe(400);
    expect(errorOf(noPurpose)).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'purpose' });
    const noticeFile = await download(n.id, '送达当事人');
    const text = docxText(noticeFile);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '上海市青浦区国防动员办公室',
      '行政处罚事先告知书',
      issued.number,
    ]);
    expect(text).toContain(`${PARTY}：`);
    expect(text).toContain('出租、使用未经竣工验收或者竣工验收不合格的民防工程'); // 事由
    expect(lineWith(text, '依据', '《上海市民防条例》第四十三条')).toBeDefined(); // 依据
    expect(text).toContain('警告；罚款人民币伍万元整（¥50,000.00）');
    expect(lineWith(text, '陈述', '申辩', '五个工作日内')).toBeDefined();
    expect(lineWith(text, '要求听证', '五个工作日内')).toBeDefined();
    expect(lineWith(text, '申请回避')).toBeDefined();
    expect(text).toContain('王建国（执法证号：');
    expect(text.split('\n').slice(-3)).toEqual(['上海市青浦区国防动员办公室', '（印章）', TODAY]);

    const record = (await get(officer, `/api/records/${issued.recordId}`)).json<{
      sha256: string;
      mediaType: string;
      kind: string;
      caseId: string;
      fileName: string;
    }>();
    expect(record).toMatchObject({ mediaType: DOCX, kind: 'document', caseId: c.id });
    expect(record.fileName).toBe(`行政处罚事先告知书（${issued.number}）.docx`);
    expect(createHash('sha256').update(noticeFile).digest('hex')).toBe(record.sha256);
    const log = (await get(supervisor, `/api/records/${issued.recordId}/retrievals`)).json<{
      items: Array<{ purpose: string; user: { name: string } }>;
    }>();
    expect(log.items).toMatchObject([{ purpose: '送达当事人', user: { name: '王建国' } }]);

    // 告知 once the notice is issued, then the decision the leader approved (issue 12).
    await act(c.id, { action: 'notice' });
    await p.runTo(c.id, 'decided', { sanction: SANCTION });
    const d = await finalise((await draft(c.id, { kind: 'penaltyDecision' })).id);
    expect(d.number).toBe(`青国动罚字〔2026〕第${decisionStart + 1}号`);
    const decision = docxText(await download(d.id, '送达当事人'));
    expect(decision.split('\n').slice(1, 3)).toEqual(['行政处罚决定书', d.number]);
    expect(decision).toContain(`当事人：${PARTY}`);
    expect(decision).toContain(`统一社会信用代码：${ORG_CODE}`);
    // The full address, opened through the logged disclosure.
    expect(decision).toContain(`住所（住址）：${ADDRESS}`);
    expect(decision).toContain('警告；罚款人民币伍万元整（¥50,000.00）');
    expect(lineWith(decision, '十五日内', '罚款')).toBeDefined();
    expect(lineWith(decision, '六十日内', '上海市青浦区人民政府', '申请行政复议')).toBeDefined();
    expect(lineWith(decision, '六个月内', '上海铁路运输法院', '提起行政诉讼')).toBeDefined();
    expect(decision.split('\n').at(-1)).toBe(TODAY);
    // The party waived: the decision says so (a hearing was on offer, so that too).
    expect(decision).toContain('当事人放弃陈述、申辩和要求听证的权利。');
    expect(
      lineWith(decision, '将罚款缴至指定银行（开户银行：中国农业银行上海青浦支行', '账号：03850100040012345'),
    ).toBeDefined();

    const disclosures = await t.db.db
      .selectFrom('party_disclosures')
      .selectAll()
      .where('party_id', '=', c.party.id)
      .execute();
    // Only the decision names the address: one logged disclosure.
    expect(disclosures.map((x) => x.purpose)).toEqual(['制作执法文书']);
    expect(await actionsAbout(n.id)).toEqual(['document.drafted@1', 'document.finalised@1']);
    expect(await actionsAbout(issued.recordId!)).toEqual(['record.created@1']);
    expect(await counter('罚告')).toBe(noticeStart + 1);
    const listed = (await get(supervisor, `/api/cases/${c.id}/documents`)).json<Doc[]>();
    expect(listed.map((x) => [x.kind, x.number])).toEqual([
      ['penaltyNotice', issued.number],
      ['penaltyDecision', d.number],
    ]);
  });

  it('REC-02 文号 stay sequential, unique and gapless under 30 concurrent finalisations; a refused finalisation takes no number', async () => {
    const c = await decidedCase();
    const stepId = await officeStep(c.id);
    const drafts = await Promise.all(
      Array.from({ length: 30 }, () => draft(c.id, { kind: 'penaltyDecision', stepId })),
    );
    const start = await counter('罚');
    const responses = await Promise.all(drafts.map((x) => post(officer, `/api/documents/${x.id}/finalise`)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 30 }, () => 200));
    const numbers = responses.map((r) => r.json<Doc>().number!);
    expect(new Set(numbers).size).toBe(30);
    const seqs = numbers.map((x) => Number(/^青国动罚字〔2026〕第(\d+)号$/.exec(x)![1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => start + i + 1));
    expect(await counter('罚')).toBe(start + 30);

    // The same draft issued twice at once: one is issued, the other refused, one number used.
    const once = await draft(c.id, { kind: 'penaltyDecision', stepId });
    const twice = await Promise.all([1, 2].map(() => post(officer, `/api/documents/${once.id}/finalise`)));
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await counter('罚')).toBe(start + 31);
  });

  it('REC-02 PUB-06 a template edit that removes the remedies is refused with its field; an edit is a new version, ledgered, and a document records the version it used', async () => {
    const list = (await get(officer, '/api/document-templates')).json<{
      kinds: Array<{ kind: string; current: { version: number } | null }>;
      placeholders: Record<string, string>;
    }>();
    expect(list.kinds).toHaveLength(21);
    expect(list.kinds.every((k) => k.current !== null)).toBe(true);
    expect(list.placeholders['party.address']).toBeDefined();
    type Template = {
      id: string;
      version: number;
      title: string;
      code: string;
      sections: Array<{ paragraphs: Array<{ text: string }> }>;
    };
    const current = (await get(admin, '/api/document-templates/penaltyDecision')).json<Template>();
    const edit = (sections: Template['sections'], title = current.title) => ({
      title,
      code: current.code,
      sections,
    });
    const drop = (tpl: Template, re: RegExp) =>
      tpl.sections.map((s) => ({ ...s, paragraphs: s.paragraphs.filter((p) => !re.test(p.text)) }));

    const noRemedies = await put(
      admin,
      '/api/document-templates/penaltyDecision',
      edit(drop(current, /行政复议/)),
    );
    expect(noRemedies.statusCode).toBe(400);
    expect(errorOf(noRemedies)).toMatchObject({ code: 'TEMPLATE_NOTICE_MISSING', field: 'sections' });
    expect(errorOf(noRemedies).message).toMatch(/行政复议.*行政诉讼/);
    const notice = (await get(admin, '/api/document-templates/penaltyNotice')).json<Template>();
    const noHearing = await put(admin, '/api/document-templates/penaltyNotice', {
      title: notice.title,
      code: notice.code,
      sections: drop(notice, /要求听证/),
    });
    expect(errorOf(noHearing)).toMatchObject({ code: 'TEMPLATE_NOTICE_MISSING', field: 'sections' });
    expect(errorOf(noHearing).message).toContain('听证');
    const unknown = await put(
      admin,
      '/api/document-templates/penaltyDecision',
      edit([{ paragraphs: [{ text: '{{party.secret}}' }] }, ...current.sections]),
    );
    expect(errorOf(unknown)).toMatchObject({
      code: 'TEMPLATE_INVALID',
      field: 'sections[0].paragraphs[0].text',
    });
    expect(
      (await put(officer, '/api/document-templates/penaltyDecision', edit(current.sections))).statusCode,
    ).toBe(403);

    const c = await decidedCase();
    const before = await draft(c.id, { kind: 'penaltyDecision' });
    const added = '本决定书一式两份，一份送达当事人，一份存档。';
    const saved = await put(
      admin,
      '/api/document-templates/penaltyDecision',
      edit([...current.sections, { paragraphs: [{ text: added }] }]),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const v = saved.json<Template>();
    expect(v.version).toBe(current.version + 1);
    expect(await actionsAbout(v.id)).toEqual(['documentTemplate.saved@1']);
    const entry = await t.db.db
      .selectFrom('ledger')
      .select(['data', 'actor_id'])
      .where('subject_id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.data)).toMatchObject({ kind: 'penaltyDecision', version: v.version });
    const history = (await get(officer, '/api/document-templates/penaltyDecision')).json<{
      versions: Array<{ version: number }>;
    }>();
    expect(history.versions.map((x) => x.version)).toEqual([v.version, current.version]);
    const old = (
      await get(officer, `/api/document-templates/penaltyDecision?version=${current.version}`)
    ).json<Template>();
    expect(old.id).toBe(current.id);

    const after = await finalise((await draft(c.id, { kind: 'penaltyDecision' })).id);
    expect(after.templateVersion).toBe(v.version);
    expect(docxText(await download(after.id, '核对文书'))).toContain(added);
    const kept = (await get(officer, `/api/documents/${before.id}`)).json<Doc>();
    expect(kept.templateVersion).toBe(current.version);
    expect(docxText(await download(before.id))).not.toContain(added);

    const preview = await get(officer, '/api/document-templates/penaltyDecision/preview');
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe(DOCX);
    const sample = docxText(preview.rawPayload);
    expect(sample).toContain('（样式预览，示例数据）');
    expect(sample).toContain(added);
    expect(sample).toContain('行政复议');
  });

  it('REC-02 REC-07 re-issuing a document makes a new version with the same 文号 and a new version of its record', async () => {
    const c = await decidedCase();
    const first = await finalise((await draft(c.id, { kind: 'penaltyDecision' })).id);
    const notFinal = await draft(c.id, { kind: 'penaltyDecision' });
    expect(
      (await post(officer, `/api/documents/${notFinal.id}/reissue`, { reason: '更正' })).statusCode,
    ).toBe(409);
    const noReason = await post(officer, `/api/documents/${first.id}/reissue`, { reason: ' ' });
    expect(errorOf(noReason)).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });

    const r = await post(officer, `/api/documents/${first.id}/reissue`, { reason: '更正文字错误' });
    expect(r.statusCode, r.body).toBe(201);
    const second = r.json<Doc>();
    expect(second).toMatchObject({ state: 'draft', version: 2, versionOf: first.id, stepId: first.stepId });
    const again = await post(officer, `/api/documents/${first.id}/reissue`, { reason: '再次更正' });
    expect(errorOf(again).code).toBe('DOCUMENT_SUPERSEDED');
    const start = await counter('罚');
    const issued = await finalise(second.id);
    expect(issued.number).toBe(first.number);
    expect(await counter('罚')).toBe(start);
    const rec = (await get(officer, `/api/records/${issued.recordId}`)).json<{
      versionOf: string;
      version: number;
      rootId: string;
      correctionReason: string;
      fileName: string;
    }>();
    expect(rec).toMatchObject({
      versionOf: first.recordId,
      version: 2,
      rootId: first.recordId,
      correctionReason: '更正文字错误',
    });
    expect(rec.fileName).toBe(`行政处罚决定书（${first.number}）（第2版）.docx`);
    expect(await actionsAbout(issued.recordId!)).toEqual(['record.corrected@1']);
  });

  it('REC-09 PUB-06 for a natural person drafts hold personal data masked; the issued decision has the full address and ID number, opened through a logged disclosure and kept out of the rows and the ledger', async () => {
    const home = '上海市青浦区盈浦街道某路1号';
    const c = await file({
      kind: 'person',
      name: '张三',
      idType: 'residentId',
      idNumber: PERSON_ID,
      phone: '13812345678',
      address: home,
    });
    await p.runTo(c.id, 'investigationEnded');
    // ¥3,000 for a person is below the hearing threshold: the notice offers no hearing.
    const fine3000 = { kinds: ['fine'], fine: 300_000, confiscated: 0 };
    await post(officer, `/api/cases/${c.id}/penalty-proposal`, { sanction: fine3000 });
    const notice = await draft(c.id, { kind: 'penaltyNotice' });
    expect(notice.data.conditions).toContain('hearingNotOffered');
    const noticeText = docxText(await download(notice.id));
    expect(noticeText).not.toContain('要求听证');
    expect(lineWith(noticeText, '陈述', '申辩', '五个工作日内')).toBeDefined();
    await finalise(notice.id);
    await p.runTo(c.id, 'decided', { sanction: fine3000 });
    const d = await draft(c.id, { kind: 'penaltyDecision' });
    expect(d.data.values['party.address']).toBe('上海市青浦区***');
    expect(d.data.values['party.idNumber']).not.toContain(PERSON_ID.slice(6, 14));
    expect(docxText(await download(d.id))).not.toContain(home);
    const issued = await finalise(d.id);
    const text = docxText(await download(issued.id, '送达当事人'));
    expect(text).toContain(`住所（住址）：${home}`);
    expect(text).toContain(`居民身份证：${PERSON_ID}`);
    expect(text).not.toContain('法定代表人');
    expect(text).toContain('罚款人民币叁仟元整（¥3,000.00）');
    const row = await t.db.db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(home);
    expect(JSON.stringify(row)).not.toContain(PERSON_ID);
    const ledgerText = (await t.db.db.selectFrom('ledger').select('data').execute())
      .map((r) => r.data)
      .join();
    expect(ledgerText).not.toContain(PERSON_ID);
    expect(ledgerText).not.toContain('盈浦街道');
    const disclosed = await t.db.db
      .selectFrom('party_disclosures')
      .selectAll()
      .where('party_id', '=', c.party.id)
      .execute();
    expect(disclosed).toMatchObject([
      { purpose: '制作执法文书', fields: JSON.stringify(['address', 'idNumber']) },
    ]);
  });

  it('PUB-06 a 现场检查笔录 from a field step names the officers with their certificates and tells the party of identification, cooperation and recusal; unnumbered kinds take no 文号', async () => {
    const c = await file();
    const step = await post(officer, `/api/cases/${c.id}/steps`, {
      kind: 'inspection',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '上海市青浦区华志路100号地下室',
      notes: '地下室出租作仓库使用，未见竣工验收备案材料。',
      officerIds: [officers.get('王建国'), officers.get('李明')],
      inField: true,
    });
    expect(step.statusCode, step.body).toBe(201);
    const stepId = step.json<{ id: string }>().id;
    const d = await finalise((await draft(c.id, { kind: 'inspectionRecord', stepId })).id);
    expect(d).toMatchObject({ number: null, stepId });
    const text = docxText(await download(d.id, '归档核对'));
    expect(text.split('\n').slice(0, 3)).toEqual([
      '上海市青浦区国防动员办公室',
      '现场检查笔录',
      '检查时间：2026年11月25日9时30分',
    ]);
    expect(text).toContain('检查地点：上海市青浦区华志路100号地下室');
    expect(text).toMatch(/执法人员：王建国（执法证号：\d+）、李明（执法证号：\d+）/);
    expect(lineWith(text, '出示执法证件', '配合执法', '回避')).toBeDefined();
    expect(text).toContain('地下室出租作仓库使用');
    expect(text).not.toContain('（印章）');
  });

  it('REC-02 PLT-06 a 笔录 drafted without naming its step records the latest step of its kind: its notes, 记录人 and 共X页 第X页 page fields; facts entered as 经查，… are not doubled', async () => {
    const c = await file();
    const stepIds: string[] = [];
    for (const notes of ['第一次检查：地下室空置。', '地下室出租作仓库使用，现场有值班人员。']) {
      const r = await post(officer, `/api/cases/${c.id}/steps`, {
        kind: 'inspection',
        occurredAt: '2026-11-25T09:30:00+08:00',
        place: '上海市青浦区华志路100号地下室',
        notes,
        officerIds: [officers.get('王建国'), officers.get('李明')],
        inField: true,
      });
      expect(r.statusCode, r.body).toBe(201);
      stepIds.push(r.json<{ id: string }>().id);
    }
    const latest = { id: stepIds.at(-1) };
    const d = await draft(c.id, { kind: 'inspectionRecord' });
    expect(d.stepId).toBe(latest.id);
    expect(d.data.values['step.notes']).toBe('地下室出租作仓库使用，现场有值班人员。');
    expect(d.data.values['step.noteTaker']).toBe('王建国'); // officer1, who drafts it, was on the step
    const issued = await finalise(d.id);
    expect(issued.stepId).toBe(latest.id);
    const content = await download(d.id, '归档核对');
    const text = docxText(content);
    expect(text).toContain('记录人：王建国');
    expect(lineWith(text, '记录人（签名）')).toBeDefined();
    const files = unzipSync(new Uint8Array(content));
    const header = Object.keys(files).find((f) => /^word\/header\d*\.xml$/.test(f));
    const headerXml = strFromU8(files[header!]!);
    expect(headerXml).toMatch(/NUMPAGES/);
    expect(headerXml).toMatch(/PAGE/);
    expect(headerXml).toContain('共');

    // 经查 entered with the facts, where the template already says it.
    await p.runTo(c.id, 'investigationEnded');
    await post(officer, `/api/cases/${c.id}/penalty-proposal`, {
      sanction: { kinds: ['warning'], fine: 0, confiscated: 0 },
    });
    const n = await draft(c.id, { kind: 'penaltyNotice', facts: '经查，当事人将地下室出租作仓库使用' });
    const notice = docxText(await download(n.id));
    expect(notice).toContain('经查，当事人将地下室出租作仓库使用。以上事实有');
    expect(notice).not.toContain('经查，经查');
  });

  it('REC-02 PLT-06 an issued document names the agency as author and company in its file properties, never "Un-named"', async () => {
    const c = await proposedCase();
    const n = await finalise((await draft(c.id, { kind: 'penaltyNotice' })).id);
    const files = unzipSync(new Uint8Array(await download(n.id, '归档核对')));
    const core = strFromU8(files['docProps/core.xml']!);
    const app = strFromU8(files['docProps/app.xml']!);
    expect(core).not.toContain('Un-named');
    expect(core).toContain('<dc:creator>上海市青浦区国防动员办公室</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>上海市青浦区国防动员办公室</cp:lastModifiedBy>');
    expect(core).toContain(`<dc:title>行政处罚事先告知书（${n.number}）</dc:title>`);
    expect(app).toContain('<Company>上海市青浦区国防动员办公室</Company>');
  });

  it('REC-02 PLT-05 指定银行 is an office setting: administrators change it (ledgered), bad input is refused with its field, and the decision names it', async () => {
    const initial = await get(officer, '/api/settings/payment-bank');
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({
      bankName: '中国农业银行上海青浦支行',
      accountName: '上海市青浦区财政局',
    });
    const bank = {
      bankName: '中国工商银行上海青浦支行',
      accountName: '上海市青浦区财政局',
      accountNumber: '1001 2345 6789',
    };
    expect((await put(officer, '/api/settings/payment-bank', bank)).statusCode).toBe(403);
    const bad = await put(admin, '/api/settings/payment-bank', { ...bank, accountNumber: '账号1001' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'PAYMENT_BANK_INVALID', field: 'accountNumber' });
    const saved = await put(admin, '/api/settings/payment-bank', bank);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await get(officer, '/api/settings/payment-bank')).json()).toEqual(bank);
    const entries = await t.db.db
      .selectFrom('ledger')
      .select('action')
      .where('action', '=', 'settings.paymentBankSaved@1')
      .execute();
    expect(entries.length).toBe(2); // the demo seed's and this one

    const c = await decidedCase();
    const d = await draft(c.id, { kind: 'penaltyDecision' });
    expect(d.data.values['payment.bank']).toBe(
      '指定银行（开户银行：中国工商银行上海青浦支行，户名：上海市青浦区财政局，账号：1001 2345 6789）',
    );
    // Cleared: the decision leaves the bank to be filled in, visibly.
    expect(
      (await put(admin, '/api/settings/payment-bank', { bankName: '', accountName: '', accountNumber: '' }))
        .statusCode,
    ).toBe(200);
    const blank = docxText(await download((await draft(c.id, { kind: 'penaltyDecision' })).id));
    expect(
      lineWith(blank, '将罚款缴至指定银行（开户银行：＿＿＿＿＿＿，户名：＿＿＿＿＿＿，账号：＿＿＿＿＿＿）'),
    ).toBeDefined();
    await put(admin, '/api/settings/payment-bank', initial.json());
  });

  it('REC-02 documents that do not fit the case are refused with code and field', async () => {
    const c = await file();
    const early = await post(officer, `/api/cases/${c.id}/documents`, { kind: 'penaltyDecision' });
    expect(early.statusCode).toBe(409);
    // A decision document comes after the decision (issue 12: the server says which kinds, when).
    expect(errorOf(early)).toMatchObject({ code: 'DOCUMENT_KIND_NOT_NOW', field: 'kind' });
    const wrongAct = await post(officer, `/api/cases/${c.id}/documents`, { kind: 'seizureDecision' });
    expect(errorOf(wrongAct)).toMatchObject({ code: 'DOCUMENT_KIND_NOT_FOR_CASE', field: 'kind' });
    const other = await file();
    const foreignStep = await officeStep(other.id);
    const badStep = await post(officer, `/api/cases/${c.id}/documents`, {
      kind: 'filingApproval',
      stepId: foreignStep,
    });
    expect(errorOf(badStep)).toMatchObject({ code: 'STEP_NOT_FOUND', field: 'stepId' });
    const missing = await post(officer, '/api/documents/0190a000-0000-7000-8000-000000000000/finalise');
    expect(missing.statusCode).toBe(404);
    const filing = await draft(c.id, { kind: 'filingApproval', facts: '群众举报当事人将地下室出租作仓库。' });
    expect(docxText(await download(filing.id))).toContain('群众举报当事人将地下室出租作仓库。');
  });

  it('REC-02 PLT-04 after all of this the ledger, tracked rows (templates, documents, records) and blobs verify intact', async () => {
    const config = t.app.zhifaConfig;
    const r = await verifyLedger(t.deps, loadTransparency(config), { blobs: await openBlobStore(config) });
    expect(r.problems).toEqual([]);
  });
});
