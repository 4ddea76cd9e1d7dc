import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/identity';
import { IMPORT_COLUMNS } from '../../src/domain/publication-import';
import {
  demoOffice,
  errorOf,
  login,
  makeTestApp,
  ok,
  officerSession,
  type Session,
  type TestApp,
} from '../app';
import { DIALECTS } from '../db';

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const ID_NUMBER = id18('31010119800101123');
const PHONE = '13912345678';

type Cells = Partial<Record<(typeof HEADERS)[number], string>>;
/** A data row in template order; a natural person with personal data unless overridden. */
const row = (number: string, over: Cells = {}): string[] => {
  const v: Cells = {
    执法类别: '行政处罚',
    决定书文号: number,
    决定日期: '2026-11-20',
    承办科室: '执法科',
    当事人类型: '自然人',
    当事人名称: '张三丰',
    证件类型: '居民身份证',
    证件号码: ID_NUMBER,
    联系电话: PHONE,
    '违法事实（事由）': `当事人张三丰（电话${PHONE}）擅自改变人防工程用途。`,
    依据: '《中华人民共和国人民防空法》第四十九条',
    决定类别: '罚款',
    决定内容: '罚款人民币5,000元',
    '罚款金额（元）': '5000',
    ...over,
  };
  return HEADERS.map((h) => v[h] ?? '');
};

async function xlsx(rows: string[][], header = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示决定');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvText = (rows: string[][], header = HEADERS) =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n') + '\r\n';

/** GB18030 bytes of a text (Excel's CSV on Chinese Windows), built from the platform's decoder. */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.from([a, b]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

describe.each(DIALECTS)('import of decisions made outside the platform on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  let noUnit: Session;
  let leader: Session;

  const upload = (s: Session, bytes: Buffer, format: 'xlsx' | 'csv', type = 'application/octet-stream') =>
    t.app.inject({
      method: 'POST',
      url: `/api/publications/import?format=${format}`,
      headers: { ...s.headers, 'content-type': type },
      payload: bytes,
    });
  const items = () => t.db.db.selectFrom('publication_items').selectAll().orderBy('id').execute();
  const entries = () =>
    t.db.db.selectFrom('ledger').select('action').where('action', '=', 'publication.itemCreated@1').execute();
  type Refusal = {
    code: string;
    message: string;
    details?: { rows: Array<{ row: number; field: string; message: string }> };
  };
  const refusal = (r: { json<U>(): U }) => r.json<{ error: Refusal }>().error;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    t.clock.current = new Date('2026-11-27T02:00:00Z');
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    await demoOffice(t.app, admin);
    noUnit = await officerSession(t.app, admin, null, 'import-nounit', ['officer']);
  });
  afterAll(() => t?.close());

  it('PUB-08 the template (.xlsx and .csv) has the single entry’s columns and an example row, and imports as downloaded', async () => {
    const x = await t.app.inject({
      url: '/api/publications/import/template?format=xlsx',
      headers: officer.headers,
    });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('公示决定')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.getCell(2, HEADERS.indexOf('承办科室') + 1).value).toBe('执法科');
    expect(wb.getWorksheet('填写说明')).toBeDefined();
    const before = (await items()).length;
    const fromX = await ok<{ imported: number; ids: string[] }>(upload(officer, x.rawPayload, 'xlsx'));
    expect(fromX.imported).toBe(1);

    const c = await t.app.inject({
      url: '/api/publications/import/template?format=csv',
      headers: officer.headers,
    });
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toContain('text/csv');
    expect([...c.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = c.rawPayload.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(HEADERS.join(','));
    // Downloaded again, its example 文号 is the one just imported: changed, it imports too.
    const changed = text.replace('青国动罚字〔2026〕第1号', '青国动罚字〔2026〕第2号');
    const fromC = await ok<{ imported: number }>(upload(officer, Buffer.from(changed), 'csv', 'text/csv'));
    expect(fromC.imported).toBe(1);
    expect((await items()).length).toBe(before + 2);
    expect(
      (await t.app.inject({ url: '/api/publications/import/template?format=pdf', headers: officer.headers }))
        .statusCode,
    ).toBe(400);
  });

  it('PUB-08 PUB-11 an .xlsx of decisions becomes pending items, each with its ledger entry, masked for publication', async () => {
    const before = (await items()).length;
    const ledgered = (await entries()).length;
    const file = await xlsx([
      row('青国动罚字〔2026〕第201号'),
      row('青国动罚字〔2026〕第202号', {
        当事人类型: '法人或其他组织',
        当事人名称: '上海某某商贸有限公司',
        统一社会信用代码: '91310118MA1JL0000X',
        证件类型: '',
        证件号码: '',
        联系电话: '',
        法定代表人: '李四',
        '违法事实（事由）': '擅自拆除人民防空工程。',
        决定日期: '2026年11月2日',
        '罚款金额（元）': '1,234.5',
      }),
      // A minor's decision is never published: the row is accepted and makes no item.
      row('青国动罚字〔2026〕第203号', { 当事人名称: '李小明', 是否涉及未成年人: '是' }),
    ]);
    const r = await ok<{ imported: number; ids: string[] }>(
      upload(officer, file, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    );
    expect(r.imported).toBe(2);
    const all = await items();
    expect(all.length).toBe(before + 2);
    const [a, b] = r.ids.map((id) => all.find((i) => i.id === id)!);
    expect(a).toMatchObject({
      state: 'pending',
      decision: 'external',
      party_kind: 'person',
      draft_party_name: '张某',
    });
    expect(a!.draft_facts).not.toContain(PHONE);
    expect(b).toMatchObject({
      party_kind: 'organisation',
      decision_date: '2026-11-02',
      credit_code: '91310118MA1JL0000X',
    });
    expect(Number(b!.fine_amount)).toBe(123_450);
    expect((await entries()).length).toBe(ledgered + 2);
    const d = await ok<{ partyName: string; number: string }>(
      t.app.inject({ url: `/api/publications/${a!.id}`, headers: officer.headers }),
    );
    expect(d).toMatchObject({ partyName: '张某', number: '青国动罚字〔2026〕第201号' });
  });

  it('PUB-08 a .csv is read as UTF-8 (with or without BOM) or, failing that, as GB18030', async () => {
    const utf8 = Buffer.from('\uFEFF' + csvText([row('青国动罚字〔2026〕第301号')]), 'utf8');
    expect((await ok<{ imported: number }>(upload(officer, utf8, 'csv', 'text/csv'))).imported).toBe(1);
    const plain = Buffer.from(csvText([row('青国动罚字〔2026〕第302号', { 决定日期: '2026/11/3' })]), 'utf8');
    expect(
      (await ok<{ imported: number }>(upload(officer, plain, 'csv', 'application/vnd.ms-excel'))).imported,
    ).toBe(1);
    const gb = gb18030(
      csvText([
        row('青国动罚字〔2026〕第303号', { '违法事实（事由）': '擅自改变人防工程用途，多行\n说明。' }),
      ]),
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    const r = await ok<{ ids: string[] }>(upload(officer, gb, 'csv'));
    const item = (await items()).find((i) => i.id === r.ids[0])!;
    expect(item).toMatchObject({
      party_name: '张三丰',
      unit_id: expect.any(String),
      number: '青国动罚字〔2026〕第303号',
    });
    expect(item.facts).toBe('擅自改变人防工程用途，多行\n说明。');
  });

  it('PUB-08 PLT-05 a bad row is reported with its row number and column, and nothing of the file is written; no personal data in the answer', async () => {
    const before = (await items()).length;
    const ledgered = (await entries()).length;
    const file = await xlsx([
      row('青国动罚字〔2026〕第401号'),
      row('青国动罚字〔2026〕第402号', { 决定日期: '2026-13-01' }),
      row('青国动罚字〔2026〕第403号', { 当事人名称: '' }),
      row('青国动罚字〔2026〕第404号', { 承办科室: '不存在的科室' }),
      row('青国动罚字〔2026〕第405号', { 执法类别: '行政处分', '罚款金额（元）': '五千' }),
      row('青国动罚字〔2026〕第406号', { 决定日期: '2026-12-30' }),
      row('青国动罚字〔2026〕第407号', { '违法事实（事由）': 'x'.repeat(5001) }),
    ]);
    const res = await upload(officer, file, 'xlsx');
    expect(res.statusCode).toBe(422);
    const e = refusal(res);
    expect(e.code).toBe('PUBLICATION_IMPORT_INVALID');
    expect(e.details!.rows).toEqual([
      { row: 3, field: '决定日期', message: expect.stringContaining('决定日期') },
      { row: 4, field: '当事人名称', message: '缺少必填字段“当事人名称”' },
      { row: 5, field: '承办科室', message: expect.stringContaining('承办科室不存在') },
      { row: 6, field: '罚款金额（元）', message: expect.any(String) },
      { row: 7, field: '决定日期', message: '决定日期不能晚于今天' },
      { row: 8, field: '违法事实（事由）', message: expect.stringContaining('5000') },
    ]);
    expect(res.body).not.toContain(ID_NUMBER);
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain('张三丰');
    expect((await items()).length).toBe(before);
    expect((await entries()).length).toBe(ledgered);
    // The unknown act type alone (the amount fixed) is the entry's own rule on allowed values.
    const alone = await upload(
      officer,
      await xlsx([row('青国动罚字〔2026〕第408号', { 执法类别: '行政处分' })]),
      'xlsx',
    );
    expect(refusal(alone).details!.rows).toEqual([
      { row: 2, field: '执法类别', message: '字段“执法类别”的取值不在允许范围内' },
    ]);
  });

  it('PUB-08 a 文号 twice in the file, or one an item already has, is refused', async () => {
    const before = (await items()).length;
    const twice = await upload(
      officer,
      Buffer.from(
        csvText([
          row('青国动罚字〔2026〕第501号'),
          row('青国动罚字〔2026〕第502号'),
          row('青国动罚字〔2026〕第501号'),
        ]),
      ),
      'csv',
    );
    expect(twice.statusCode).toBe(422);
    expect(refusal(twice).details!.rows).toEqual([
      { row: 4, field: '决定书文号', message: '决定书文号与第 2 行重复' },
    ]);
    const taken = await upload(officer, Buffer.from(csvText([row('青国动罚字〔2026〕第201号')])), 'csv');
    expect(taken.statusCode).toBe(422);
    expect(refusal(taken).details!.rows).toEqual([
      { row: 2, field: '决定书文号', message: '该决定书文号已有公示事项，不能重复导入' },
    ]);
    expect((await items()).length).toBe(before);
  });

  it('PLT-05 more than 1000 rows, a wrong format, a foreign header, an empty file and a body over 5 MiB are refused with their codes', async () => {
    const before = (await items()).length;
    const many = Array.from({ length: 1001 }, (_, i) => row(`青国动罚字〔2027〕第${i + 1}号`));
    const tooMany = await upload(officer, Buffer.from(csvText(many)), 'csv');
    expect(tooMany.statusCode).toBe(422);
    expect(errorOf(tooMany).code).toBe('PUBLICATION_IMPORT_TOO_MANY_ROWS');
    const tooManyX = await upload(officer, await xlsx(many), 'xlsx');
    expect(errorOf(tooManyX).code).toBe('PUBLICATION_IMPORT_TOO_MANY_ROWS');

    const wrong = await upload(officer, Buffer.from(csvText([row('青国动罚字〔2026〕第601号')])), 'xlsx');
    expect(wrong.statusCode).toBe(422);
    expect(errorOf(wrong)).toMatchObject({ code: 'PUBLICATION_IMPORT_UNREADABLE', field: 'file' });
    const binaryAsCsv = await upload(officer, await xlsx([row('青国动罚字〔2026〕第602号')]), 'csv');
    expect(binaryAsCsv.statusCode).toBe(422);
    expect(errorOf(binaryAsCsv).code).toMatch(/^PUBLICATION_IMPORT_(UNREADABLE|INVALID)$/);

    const foreign = await upload(officer, Buffer.from('姓名,金额\r\n张三,1\r\n'), 'csv');
    expect(foreign.statusCode).toBe(422);
    const rows = refusal(foreign).details!.rows;
    expect(rows.every((r) => r.row === 1)).toBe(true);
    expect(rows).toContainEqual({ row: 1, field: '执法类别', message: '缺少必填栏目，请使用下载的模板' });

    const headerOnly = await upload(officer, Buffer.from(csvText([])), 'csv');
    expect(headerOnly.statusCode).toBe(422);
    expect(errorOf(headerOnly).code).toBe('PUBLICATION_IMPORT_EMPTY');
    const empty = await upload(officer, Buffer.alloc(0), 'csv');
    expect(empty.statusCode).toBeGreaterThanOrEqual(400);
    expect(empty.statusCode).toBeLessThan(500);

    const huge = await upload(officer, Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'csv');
    expect(huge.statusCode).toBe(413);
    expect(errorOf(huge).code).toBe('BODY_TOO_LARGE');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/publications/import?format=csv',
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 1 }),
    });
    expect(json.statusCode).toBe(422);
    expect((await items()).length).toBe(before);
  });

  it('PUB-08 PLT-07 the import has the single entry’s access: an officer for their own unit only, a leader for any, others not at all', async () => {
    const before = (await items()).length;
    const other = await upload(noUnit, Buffer.from(csvText([row('青国动罚字〔2026〕第701号')])), 'csv');
    expect(other.statusCode).toBe(422);
    expect(refusal(other).details!.rows).toEqual([
      { row: 2, field: '承办科室', message: '只能录入本科室作出的决定' },
    ]);
    expect(
      (await upload(admin, Buffer.from(csvText([row('青国动罚字〔2026〕第702号')])), 'csv')).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/publications/import?format=csv', payload: 'x' }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/publications/import/template?format=csv', headers: admin.headers }))
        .statusCode,
    ).toBe(403);
    expect((await items()).length).toBe(before);
    const byLeader = await ok<{ imported: number }>(
      upload(leader, Buffer.from(csvText([row('青国动罚字〔2026〕第703号', { 负责人: 'officer1' })])), 'csv'),
    );
    expect(byLeader.imported).toBe(1);
  });
});
