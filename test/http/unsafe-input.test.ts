import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../src/bootstrap';
import { ConfigError } from '../../src/config';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { unzipSync, strFromU8 } from 'fflate';
import {
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  type Session,
  type TestApp,
  testConfig,
  tusUpload,
} from '../app';
import { DIALECTS } from '../db';

/**
 * Input that would break storage or documents (PLT-05): text with characters a database or a
 * Word document cannot hold, act dates from before the office kept records here, and uploads
 * whose content is not what they declare. Each is refused at the door with a stable code, the
 * field and a Chinese message, and leaves nothing behind.
 */
const ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');
const CLIP = fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url));
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010101004800480000ffdb004300', 'hex'),
  randomBytes(2000),
]);
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(500)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Characters XML 1.0 cannot carry, which make a .docx that Word refuses to open. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

describe.each(DIALECTS)('input that breaks storage or documents on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  let officers = new Map<string, string>();
  let items = new Map<string, string>();
  let recorders = new Map<string, string>();
  let unitId = '';

  const { post } = httpClient(() => t.app);
  const count = async (table: 'parties' | 'cases' | 'steps' | 'records' | 'ledger' | 'document_signatures') =>
    Number(
      (await t.db.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst())!.n,
    );
  const counts = async () => ({
    parties: await count('parties'),
    cases: await count('cases'),
    steps: await count('steps'),
    records: await count('records'),
    ledger: await count('ledger'),
  });
  const party = (over: Record<string, unknown> = {}) => ({
    kind: 'organisation',
    name: '上海某某置业有限公司',
    idType: 'creditCode',
    idNumber: ORG_CODE,
    legalRepresentative: '钱某',
    phone: '021-59721234',
    address: '上海市青浦区华新镇华志路100号',
    ...over,
  });
  const filing = (over: Record<string, unknown> = {}) => ({
    actType: 'penalty',
    procedure: 'ordinary',
    title: '擅自改变人防工程用途案',
    powerItemId: items.get('QPMF-CF-002'),
    party: party(),
    unitId,
    officerIds: [officers.get('王建国'), officers.get('李明')],
    ...over,
  });
  const file = async (over: Record<string, unknown> = {}) => {
    const r = await post(officer, '/api/cases', filing(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>();
  };
  const stepBody = (over: Record<string, unknown> = {}) => ({
    kind: 'inspection',
    occurredAt: '2026-11-25T09:30:00+08:00',
    place: '上海市青浦区华志路100号地下室',
    notes: '现场检查人防工程使用情况',
    officerIds: [officers.get('王建国'), officers.get('李明')],
    inField: true,
    contactWithParty: true,
    ...over,
  });
  const step = async (caseId: string, over: Record<string, unknown> = {}) => {
    const r = await post(officer, `/api/cases/${caseId}/steps`, stepBody(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>();
  };
  const expectRefused = (
    r: { statusCode: number; body: string },
    status: number,
    code: string,
    field: string,
  ) => {
    expect(r.statusCode, r.body).toBe(status);
    const e = (JSON.parse(r.body) as { error: { code: string; field?: string; message: string } }).error;
    expect(e, r.body).toMatchObject({ code, field });
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    return e;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    admin = await login(t.app, 'admin');
    ({ officers, items, recorders, unitId } = await demoOffice(t.app, admin));
  });
  afterAll(() => t?.close());

  it('PLT-05 a NUL in a party name is a 400 naming the field, alone and inside a filing, on both databases; nothing is written', async () => {
    const before = await counts();
    const alone = await post(officer, '/api/parties', party({ name: '王\u0000五' }));
    const e = expectRefused(alone, 400, 'TEXT_INVALID', 'name');
    expect(e.message).not.toContain('王');
    expectRefused(
      await post(officer, '/api/cases', filing({ party: party({ name: '王\u0000五' }) })),
      400,
      'TEXT_INVALID',
      'party.name',
    );
    expectRefused(
      await post(officer, '/api/cases', filing({ party: party({ address: '华志路\u0000100号' }) })),
      400,
      'TEXT_INVALID',
      'party.address',
    );
    expect(await counts()).toEqual(before);
  });

  it('PLT-05 a noncharacter (U+FFFE) in step notes or document facts is refused, so no .docx that Word cannot open is made; multi-line facts make a well-formed one', async () => {
    const c = await file();
    const before = await counts();
    expectRefused(
      await post(officer, `/api/cases/${c.id}/steps`, stepBody({ notes: '地下室\ufffe出租' })),
      400,
      'TEXT_INVALID',
      'notes',
    );
    expect(await counts()).toEqual(before);
    const s = await step(c.id, { notes: '地下室出租作仓库使用。\n未见竣工验收备案材料。' });
    const docsBefore = await count('ledger');
    expectRefused(
      await post(officer, `/api/cases/${c.id}/documents`, {
        kind: 'inspectionRecord',
        stepId: s.id,
        facts: '事实\ufffe',
      }),
      400,
      'TEXT_INVALID',
      'facts',
    );
    expectRefused(
      await post(officer, `/api/cases/${c.id}/documents`, {
        kind: 'inspectionRecord',
        stepId: s.id,
        facts: '事实\ud800',
      }),
      400,
      'TEXT_INVALID',
      'facts',
    );
    expect(await count('ledger')).toBe(docsBefore);
    const d = await post(officer, `/api/cases/${c.id}/documents`, {
      kind: 'filingApproval',
      facts: '第一段。\r\n\t第二段。',
    });
    expect(d.statusCode, d.body).toBe(201);
    const docx = await t.app.inject({
      url: `/api/documents/${d.json<{ id: string }>().id}/docx`,
      headers: officer.headers,
    });
    expect(docx.statusCode, docx.body).toBe(200);
    const files = unzipSync(new Uint8Array(docx.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).not.toMatch(NOT_XML_CHAR);
    expect(xml).toContain('第二段');
    const notes = await t.app.inject({
      url: `/api/documents/${(await post(officer, `/api/cases/${c.id}/documents`, { kind: 'inspectionRecord', stepId: s.id })).json<{ id: string }>().id}/docx`,
      headers: officer.headers,
    });
    const notesXml = strFromU8(unzipSync(new Uint8Array(notes.rawPayload))['word/document.xml']!);
    expect(notesXml).not.toMatch(NOT_XML_CHAR);
    expect(notesXml).toContain('未见竣工验收备案材料');
  });

  it('PLT-05 text is stored in NFC and multi-line text with LF line breaks; one-line fields refuse line breaks', async () => {
    const c = await file({ title: 'Cafe\u0301 擅自改变人防工程用途案' });
    const row = await t.db.db
      .selectFrom('cases')
      .select('title')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe('Caf\u00e9 擅自改变人防工程用途案');
    const s = await step(c.id, { notes: 'e\u0301 第一行\r\n第二行\t完' });
    const notes = await t.db.db
      .selectFrom('steps')
      .select('notes')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(notes.notes).toBe('\u00e9 第一行\n第二行\t完');
    const before = await counts();
    expectRefused(
      await post(officer, `/api/cases/${c.id}/steps`, stepBody({ place: '华志路\n100号' })),
      400,
      'TEXT_INVALID',
      'place',
    );
    expectRefused(
      await post(officer, `/api/cases/${c.id}/steps`, stepBody({ place: '华志路\u001b[0m100号' })),
      400,
      'TEXT_INVALID',
      'place',
    );
    expectRefused(
      await post(officer, '/api/cases', filing({ title: '案件\t名称' })),
      400,
      'TEXT_INVALID',
      'title',
    );
    expect(await counts()).toEqual(before);
  });

  it('PLT-05 names and file names refuse direction overrides and zero-width characters', async () => {
    const before = await counts();
    expectRefused(
      await post(admin, '/api/officers', { name: '张\u202e三', unitId, post: '执法队员' }),
      400,
      'TEXT_INVALID',
      'name',
    );
    expectRefused(
      await post(admin, '/api/users', {
        username: 'bidi-user',
        displayName: '李\u200b四',
        password: 'a-long-enough-password',
        roles: ['officer'],
      }),
      400,
      'TEXT_INVALID',
      'displayName',
    );
    expectRefused(
      await post(officer, '/api/cases', filing({ party: party({ legalRepresentative: '钱\u2066某' }) })),
      400,
      'TEXT_INVALID',
      'party.legalRepresentative',
    );
    // The plain upload's name comes URL-encoded in a header.
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: {
        ...officer.headers,
        'content-type': 'image/jpeg',
        'x-file-name': encodeURIComponent('照片\u202egpj.exe'),
      },
      payload: JPEG,
    });
    expectRefused(plain, 400, 'TEXT_INVALID', 'fileName');
    // A resumable upload's name is refused when the upload is created, before any bytes are sent.
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    const tus = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: {
        ...officer.headers,
        'tus-resumable': '1.0.0',
        'upload-length': String(JPEG.length),
        'upload-metadata': `filename ${b64('照片\u200d.jpg')},filetype ${b64('image/jpeg')}`,
      },
    });
    expect(tus.statusCode).toBe(400);
    expect(tus.body).toMatch(/零宽/);
    const uploadId = await tusUpload(t.app, officer, JPEG, '照片.jpg', 'image/jpeg');
    expectRefused(
      await post(officer, '/api/records/from-upload', { uploadId, fileName: '\u2067照片.jpg' }),
      400,
      'TEXT_INVALID',
      'fileName',
    );
    // Outside names the same characters are text like any other (e.g. Arabic or Uyghur notes).
    const c = await file();
    await step(c.id, { notes: 'ئۇيغۇرچە\u200f 维吾尔文\u200b' });
    expect((await counts()).records).toBe(before.records);
  });

  it('PLT-05 query strings go through the same rules: a NUL in a search is a 400, not a database error', async () => {
    for (const url of [
      '/api/officers?q=%00',
      '/verify/certificate/QP%00001',
      '/api/case-files?q=%E7%8E%8B%00',
    ]) {
      const r = await t.app.inject({ url, headers: officer.headers });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(errorOf(r).code, url).toBe('TEXT_INVALID');
    }
    // Searches by a person's name moved into bodies (PLT-08): the same rules, the field named.
    for (const [url, payload, field] of [
      ['/api/parties/search', { name: '王\u0000五' }, 'name'],
      ['/api/cases/search', { partyName: '王\u0000' }, 'partyName'],
    ] as const) {
      const r = await post(officer, url, payload);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(errorOf(r), url).toMatchObject({ code: 'TEXT_INVALID', field });
    }
  });

  it('PLT-05 act dates before 2000-01-01 are refused naming the field and the bound: filing, transition, hearing, step, AV recording', async () => {
    const c = await file();
    const before = await counts();
    for (const filedOn of ['1999-12-31', '0226-11-25']) {
      const e = expectRefused(
        await post(officer, '/api/cases', filing({ filedOn })),
        400,
        'DATE_TOO_EARLY',
        'filedOn',
      );
      expect(e.message).toContain('2000年1月1日');
    }
    expectRefused(
      await post(officer, `/api/cases/${c.id}/transitions`, {
        action: 'startInvestigation',
        occurredOn: '1999-12-31',
      }),
      400,
      'DATE_TOO_EARLY',
      'occurredOn',
    );
    expectRefused(
      await post(officer, `/api/cases/${c.id}/transitions`, {
        action: 'requestHearing',
        hearingOn: '1999-06-01',
      }),
      400,
      'DATE_TOO_EARLY',
      'hearingOn',
    );
    expectRefused(
      await post(officer, `/api/cases/${c.id}/steps`, stepBody({ occurredAt: '1999-12-31T10:00:00+08:00' })),
      400,
      'DATE_TOO_EARLY',
      'occurredAt',
    );
    // 2000-01-01 00:30 in Shanghai is still 1999 in UTC: the bound is a Shanghai date.
    const early = await post(
      officer,
      `/api/cases/${c.id}/steps`,
      stepBody({ occurredAt: '1999-12-31T16:30:00Z' }),
    );
    expect(errorOf(early).code).not.toBe('DATE_TOO_EARLY');
    expect(await counts()).toEqual(before);

    const s = await step(c.id);
    const uploadId = await tusUpload(t.app, officer, CLIP, '现场检查.mp4', 'video/mp4');
    const av = {
      recorderId: recorders.get('QP-JLY-001'),
      officerIds: [officers.get('王建国'), officers.get('李明')],
      startedAt: '1999-11-25T09:30:00+08:00',
      endedAt: '2026-11-25T09:42:00+08:00',
      place: '上海市青浦区华志路100号地下室',
    };
    expectRefused(
      await post(officer, `/api/steps/${s.id}/records`, {
        uploadId,
        kind: 'video',
        protection: 'internal',
        av,
      }),
      400,
      'DATE_TOO_EARLY',
      'av.startedAt',
    );
  });

  it('PLT-05 the earliest act date is configurable (ZHIFA_MIN_ACT_DATE) and checked at start-up', async () => {
    expect(() => testConfig({ ZHIFA_MIN_ACT_DATE: '2026-02-30' })).toThrow(ConfigError);
    expect(() => testConfig({ ZHIFA_MIN_ACT_DATE: '26-01-01' })).toThrow(/ZHIFA_MIN_ACT_DATE/);
    const other = await makeTestApp(dialect, { env: { ZHIFA_MIN_ACT_DATE: '2026-01-01' } });
    try {
      const s = await login(other.app, 'officer1');
      const office = await demoOffice(other.app, await login(other.app, 'admin'));
      const body = {
        ...filing(),
        powerItemId: office.items.get('QPMF-CF-002'),
        unitId: office.unitId,
        officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
      };
      const send = (filedOn: string) =>
        other.app.inject({
          method: 'POST',
          url: '/api/cases',
          headers: s.headers,
          payload: { ...body, filedOn },
        });
      const e = expectRefused(await send('2025-12-31'), 400, 'DATE_TOO_EARLY', 'filedOn');
      expect(e.message).toContain('2026年1月1日');
      expect((await send('2026-01-01')).statusCode).toBe(201);
    } finally {
      await other.close();
    }
  });

  it('PLT-05 an upload whose leading bytes are not its declared type is a 415 and nothing is stored: plain, from-upload, step record, signed scan', async () => {
    const blobs = await openBlobStore(t.app.zhifaConfig);
    const before = await counts();
    const plain = (content: Buffer, type: string, name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { ...officer.headers, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
        payload: content,
      });
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const refused: Buffer[] = [];
    for (const [content, type] of [
      [PNG, 'image/jpeg'],
      [html, 'image/png'],
      [JPEG, 'application/pdf'],
      [randomBytes(4096), 'video/mp4'],
      [Buffer.from('MZ\u0090\u0000 not a document', 'latin1'), 'application/msword'],
      [Buffer.alloc(0), 'image/jpeg'],
    ] as const) {
      const e = expectRefused(await plain(content, type, 'a.bin'), 415, 'MEDIA_TYPE_MISMATCH', 'file');
      expect(e.message).toContain(type);
      refused.push(content);
    }
    // Resumable uploads are checked when they become records.
    const fromUpload = await tusUpload(t.app, officer, html, '现场照片.jpg', 'image/jpeg');
    expectRefused(
      await post(officer, '/api/records/from-upload', { uploadId: fromUpload }),
      415,
      'MEDIA_TYPE_MISMATCH',
      'file',
    );
    const c = await file();
    const s = await step(c.id);
    const afterStep = await counts();
    const fake = Buffer.concat([
      Buffer.from('RIFF\u0000\u0000\u0000\u0000AVI ', 'latin1'),
      randomBytes(1000),
    ]);
    refused.push(fake);
    const stepUpload = await tusUpload(t.app, officer, fake, '现场检查.mp4', 'video/mp4');
    expectRefused(
      await post(officer, `/api/steps/${s.id}/records`, {
        uploadId: stepUpload,
        kind: 'video',
        protection: 'internal',
        av: {
          recorderId: recorders.get('QP-JLY-001'),
          officerIds: [officers.get('王建国'), officers.get('李明')],
          startedAt: '2026-11-25T09:30:00+08:00',
          endedAt: '2026-11-25T09:42:00+08:00',
          place: '上海市青浦区华志路100号地下室',
        },
      }),
      415,
      'MEDIA_TYPE_MISMATCH',
      'file',
    );
    expect(await counts()).toEqual(afterStep);
    expect(afterStep.records).toBe(before.records);

    // The party's signed scan of an issued 现场检查笔录.
    const draft = await post(officer, `/api/cases/${c.id}/documents`, {
      kind: 'inspectionRecord',
      stepId: s.id,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const docId = draft.json<{ id: string }>().id;
    expect((await post(officer, `/api/documents/${docId}/finalise`, {})).statusCode).toBe(200);
    const issued = await counts();
    const scanUpload = await tusUpload(t.app, officer, PNG, '签名笔录.jpg', 'image/jpeg');
    expectRefused(
      await post(officer, `/api/documents/${docId}/signed-scan`, { uploadId: scanUpload }),
      415,
      'MEDIA_TYPE_MISMATCH',
      'file',
    );
    expect(await counts()).toEqual(issued);
    expect(await count('document_signatures')).toBe(0);
    for (const content of [...refused, PNG]) expect(await blobs.has(sha256(content))).toBe(false);

    // The same routes take real content of the declared type.
    const good = await tusUpload(t.app, officer, JPEG, '签名笔录.jpg', 'image/jpeg');
    const scan = await post(officer, `/api/documents/${docId}/signed-scan`, { uploadId: good });
    expect(scan.statusCode, scan.body).toBe(201);
    expect((await plain(PNG, 'image/png', '现场照片.png')).statusCode).toBe(201);
  });

  it('PLT-05 text/plain is taken in any encoding (UTF-8, GBK) but not with binary control bytes', async () => {
    const plain = (content: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { ...officer.headers, 'content-type': 'text/plain', 'x-file-name': 'note.txt' },
        payload: content,
      });
    expect((await plain(Buffer.from('当事人陈述：已整改。\r\n', 'utf8'))).statusCode).toBe(201);
    expect((await plain(Buffer.from('b5b1cac2c8cbb3c2cafa0d0a', 'hex'))).statusCode).toBe(201);
    expectRefused(
      await plain(Buffer.from('text\u0000with a NUL', 'latin1')),
      415,
      'MEDIA_TYPE_MISMATCH',
      'file',
    );
  });
});
