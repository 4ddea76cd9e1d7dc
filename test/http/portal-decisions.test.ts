import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInclusion } from '../../src/domain/merkle';
import { searchTokens } from '../../src/domain/search-tokens';
import { newId } from '../../src/services/deps';
import * as decisions from '../../src/services/public-decision-service';
import { login, makeTestApp, type TestApp } from '../app';
import { DIALECTS } from '../db';

/**
 * The public side of publication (PUB-04 portal, PUB-03 open data) over public rows on both
 * databases. The rows are written here as TEST SETUP ONLY (an item and its public row, as the
 * publish path leaves them); the planted-personal-data test (public-personal-data.test.ts) goes
 * through the real publish path.
 */
interface Plant {
  actType?: string;
  number?: string | null;
  decisionDate: string;
  unit?: string;
  partyKind?: 'person' | 'organisation';
  partyName: string;
  creditCode?: string | null;
  facts?: string;
  basis?: string;
  result?: string;
  fine?: number | null;
  displayEnd?: string;
  withdrawn?: string;
  ledger?: { seq: number; leafHash: string };
}

const PUBLIC_URL = 'https://zfgs.example.gov.cn';

describe.each(DIALECTS)('portal decisions and open data on %s', (dialect) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let units: Record<string, string>;
  let seq = 1_000_000;

  async function plant(key: string, p: Plant): Promise<string> {
    const db = t.db.db;
    const agency = await db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    const unitName = p.unit ?? '执法科';
    const itemId = newId(t.clock);
    const id = newId(t.clock);
    const now = t.clock.now().toISOString();
    const facts = p.facts ?? `当事人${p.partyName}未按规定办理人防工程使用手续。`;
    const basis = p.basis ?? '《上海市民防条例》第二十八条';
    const result = p.result ?? '责令限期改正。';
    await db
      .insertInto('publication_items')
      .values({
        id: itemId,
        agency_id: agency.id,
        act_type: p.actType ?? 'penalty',
        decision: 'external',
        number: p.number ?? null,
        decision_date: p.decisionDate,
        unit_id: units[unitName]!,
        responsible_name: '孙志强',
        party_kind: p.partyKind ?? 'organisation',
        party_name: p.partyName,
        credit_code: p.creditCode ?? null,
        minor: 0,
        facts,
        basis,
        result_kind: 'order',
        result_content: result,
        draft_party_name: p.partyName,
        draft_facts: facts,
        draft_basis: basis,
        draft_result_content: result,
        state: p.withdrawn ? 'withdrawn' : 'published',
        due: p.decisionDate,
        due_confirmed: 1,
        created_by: user.id,
        created_at: now,
      })
      .execute();
    const w = p.withdrawn !== undefined;
    await db
      .insertInto('public_decisions')
      .values({
        id,
        item_id: itemId,
        act_type: p.actType ?? 'penalty',
        number: p.number ?? null,
        decision_date: p.decisionDate,
        unit_id: units[unitName]!,
        unit_name: unitName,
        responsible_name: '孙志强',
        party_kind: p.partyKind ?? 'organisation',
        party_name: w ? null : p.partyName,
        credit_code: w ? null : (p.creditCode ?? null),
        facts: w ? null : facts,
        basis: w ? null : basis,
        result_kind: w ? null : 'order',
        result_content: w ? null : result,
        fine_amount: w ? null : (p.fine ?? null),
        display_end: p.displayEnd ?? '2029-12-31',
        withdrawn: w ? 1 : 0,
        withdrawal_reason: p.withdrawn ?? null,
        withdrawn_at: w ? now : null,
        expired: 0,
        published_at: now,
        ledger_seq: p.ledger?.seq ?? ++seq,
        leaf_hash: p.ledger?.leafHash ?? 'ab'.repeat(32),
        search_tokens: w
          ? searchTokens(p.number, unitName)
          : searchTokens(p.partyName, p.number, facts, unitName, p.creditCode),
      })
      .execute();
    ids[key] = id;
    return id;
  }

  beforeAll(async () => {
    t = await makeTestApp(dialect, { env: { ZHIFA_PUBLIC_URL: PUBLIC_URL } });
    units = Object.fromEntries(
      (await t.db.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]),
    );
    // The proof test names a real ledger entry: the newest one after seeding.
    const last = await t.db.db
      .selectFrom('ledger')
      .select(['seq', 'leaf_hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await plant('org', {
      number: '青国动罚字〔2026〕第12号',
      decisionDate: '2026-11-20',
      partyName: '上海朱家角宏达置业有限公司',
      creditCode: '91310118MA1JL00001',
      facts: '当事人在上海市青浦区朱家角镇公园路8号的人防工程内擅自改变用途。',
      result: '责令限期改正，罚款人民币二万元。',
      fine: 2_000_000,
      ledger: { seq: Number(last.seq), leafHash: last.leaf_hash },
    });
    await plant('person', {
      actType: 'licensing',
      number: '青国动许字〔2026〕第3号',
      decisionDate: '2026-11-18',
      partyKind: 'person',
      partyName: '张某',
      unit: '综合科',
      facts: '申请人申请在盈浦街道城中东路人防工程设置停车场。',
      result: '准予行政许可。',
    });
    await plant('withdrawn', {
      number: '青国动罚字〔2026〕第9号',
      decisionDate: '2026-11-10',
      partyName: '上海金泽恒泰实业有限公司',
      withdrawn: '经行政复议，原处罚决定已被撤销。',
    });
    await plant('expired', {
      number: '青国动罚字〔2025〕第88号',
      decisionDate: '2025-06-01',
      partyName: '上海朱家角过期公示有限公司',
      displayEnd: '2025-09-01',
    });
    // 24 more, two a day from 2026-10-01, for paging.
    for (let i = 0; i < 24; i++)
      await plant(`filler${i}`, {
        number: `青国动检字〔2026〕第${100 + i}号`,
        actType: 'inspection',
        decisionDate: `2026-10-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`,
        partyName: `上海徐泾填充${i}物业管理有限公司`,
        unit: i % 2 ? '综合科' : '执法科',
      });
  });
  afterAll(() => t?.close());

  const get = (url: string) => t.app.inject({ url });
  const json = async (url: string) => {
    const r = await get(url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>();
  };
  const idsOf = async (url: string) => (await json(url)).items.map((i) => i.id);
  const q = (s: string) => encodeURIComponent(s);

  it('PUB-04 a two-character query finds decisions by part of the party name and by a place', async () => {
    const page = await get(`/decisions?q=${q('置业')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('青国动罚字〔2026〕第12号');
    expect(page.body).not.toContain('青国动许字〔2026〕第3号');
    expect(await idsOf(`/open/decisions.json?q=${q('朱家')}`)).toEqual([ids.org]); // place; expired one not shown
    expect(await idsOf(`/open/decisions.json?q=${q('盈浦')}`)).toEqual([ids.person]);
    expect(await idsOf(`/open/decisions.json?q=${q('张某')}`)).toEqual([ids.person]);
  });

  it('PUB-04 the full party name and the 文号 find the decision', async () => {
    expect(await idsOf(`/open/decisions.json?q=${q('上海朱家角宏达置业有限公司')}`)).toEqual([ids.org]);
    expect(await idsOf(`/open/decisions.json?q=${q('青国动罚字〔2026〕第12号')}`)).toEqual([ids.org]);
    expect(await idsOf(`/open/decisions.json?q=${q('青国动许字〔2026〕第3号')}`)).toEqual([ids.person]);
    const none = await get(`/decisions?q=${q('不存在的公司')}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('没有找到符合条件的公示决定');
  });

  it('PUB-04 filters: act type, unit, decision date range and party kind, alone and together', async () => {
    const all = async (url: string) => {
      const out: unknown[] = [];
      let next: string | null = url;
      while (next) {
        const page = await json(next);
        out.push(...page.items.map((i) => i.id));
        next = page.nextCursor ? `${url}&cursor=${page.nextCursor}` : null;
      }
      return out;
    };
    expect(await all('/open/decisions.json?actType=licensing')).toEqual([ids.person]);
    expect(await all('/open/decisions.json?partyKind=person')).toEqual([ids.person]);
    expect((await all('/open/decisions.json?actType=inspection')).length).toBe(24);
    const unitZ = await all(`/open/decisions.json?unit=${units['综合科']}`);
    expect(unitZ).toContain(ids.person);
    expect(unitZ.length).toBe(13);
    expect(await all('/open/decisions.json?from=2026-11-15&to=2026-11-30')).toEqual([ids.org, ids.person]);
    expect(await all('/open/decisions.json?from=2026-10-12&to=2026-10-12&actType=inspection')).toEqual([
      ids.filler23,
      ids.filler22,
    ]);
    expect(
      await all(`/open/decisions.json?q=${q('物业')}&unit=${units['执法科']}&from=2026-10-01&to=2026-10-03`),
    ).toEqual([ids.filler4, ids.filler2, ids.filler0]);
    // The portal form's empty selects mean "any".
    const form = await get('/decisions?q=&actType=&unit=&partyKind=&from=&to=');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('青国动罚字〔2026〕第12号');
  });

  it('PUB-04 keyset pages run newest first with no repeat or gap, also when a decision is published meanwhile', async () => {
    const expected = [
      ids.org,
      ids.person,
      ids.withdrawn,
      ...Array.from({ length: 24 }, (_, i) => ids[`filler${23 - i}`]),
    ];
    const seen: unknown[] = [];
    let url: string | null = '/open/decisions.json?limit=5';
    let pages = 0;
    while (url) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
      seen.push(...page.items.map((i) => i.id));
      const link = res.headers.link as string | undefined;
      if (page.nextCursor) {
        expect(link).toBe(
          `<${PUBLIC_URL}/open/decisions.json?limit=5&cursor=${page.nextCursor}>; rel="next"`,
        );
        url = link!.slice(1, link!.indexOf('>')).replace(PUBLIC_URL, '');
      } else {
        expect(link).toBeUndefined();
        url = null;
      }
      if (++pages === 2)
        await plant('late', {
          number: '青国动罚字〔2026〕第99号',
          decisionDate: '2026-11-24',
          partyName: '上海新到公示有限公司',
        });
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(expected); // the newer one lands on page one, not in the middle of the walk
    expect((await idsOf('/open/decisions.json?limit=1'))[0]).toBe(ids.late);
    // The portal's next-page link carries the same cursor.
    const portal = await get('/decisions');
    expect(portal.body).toMatch(/<a rel="next" href="\/decisions\?cursor=[A-Za-z0-9_-]+">下一页<\/a>/);
    const cursor = /cursor=([A-Za-z0-9_-]+)/.exec(portal.body)![1]!;
    const second = await get(`/decisions?cursor=${cursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('回到第一页');
    expect((await get('/open/decisions.json?cursor=garbage')).json()).toMatchObject({
      error: { code: 'CURSOR_INVALID', field: 'cursor' },
    });
  });

  it('PUB-04 only decisions on display are answered: an expired one is gone from the list, the data and its page', async () => {
    const page = await get(`/decisions?q=${q('过期公示')}`);
    expect(page.body).not.toContain('青国动罚字〔2025〕第88号');
    expect((await get(`/decisions/${ids.expired}`)).statusCode).toBe(404);
    expect((await get('/open/decisions.csv')).body).not.toContain('第88号');
    expect((await get(`/decisions/not-an-id`)).statusCode).toBe(404);
  });

  it('PUB-12 a withdrawn decision shows the withdrawal and its reason in place of the content', async () => {
    const detail = await get(`/decisions/${ids.withdrawn}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('本决定已撤回');
    expect(detail.body).toContain('经行政复议，原处罚决定已被撤销。');
    expect(detail.body).not.toContain('上海金泽恒泰实业有限公司');
    expect(detail.body).not.toContain('违法事实');
    const list = await get(`/decisions?q=${q('第9号')}`);
    expect(list.body).toContain('已撤回');
    expect(list.body).toContain('经行政复议，原处罚决定已被撤销。');
    const rec = (await json(`/open/decisions.json?q=${q('青国动罚字〔2026〕第9号')}`)).items[0]!;
    expect(rec).toMatchObject({
      status: '已撤回',
      withdrawalReason: '经行政复议，原处罚决定已被撤销。',
      partyName: null,
      facts: null,
    });
  });

  it('PUB-04 the decision page shows unit, responsible person, dates, basis, result and a ledger entry whose proof verifies', async () => {
    const admin = await login(t.app, 'admin');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/transparency/checkpoints', headers: admin.headers }))
        .statusCode,
    ).toBe(201);
    const res = await get(`/decisions/${ids.org}`);
    expect(res.statusCode).toBe(200);
    for (const s of [
      '执法科',
      '孙志强',
      '2026年11月20日',
      '《上海市民防条例》第二十八条',
      '责令限期改正，罚款人民币二万元。',
      '20,000元',
      '上海市青浦区国防动员办公室',
      '91310118MA1JL00001',
    ])
      expect(res.body, s).toContain(s);
    const entry = await t.db.db
      .selectFrom('public_decisions')
      .select(['ledger_seq', 'leaf_hash'])
      .where('id', '=', ids.org!)
      .executeTakeFirstOrThrow();
    expect(res.body).toContain(`第 ${entry.ledger_seq} 条`);
    expect(res.body).toContain(Buffer.from(entry.leaf_hash, 'hex').toString('base64'));
    expect(res.body).toContain(`href="/transparency?index=${entry.ledger_seq}"`);
    const proofHref = /href="(\/transparency\/proof\/inclusion\?index=\d+&amp;size=\d+)"/
      .exec(res.body)![1]!
      .replace('&amp;', '&');
    const proof = (await get(proofHref)).json<{
      index: number;
      size: number;
      leafHash: string;
      rootHash: string;
      proof: string[];
    }>();
    expect(proof.index).toBe(Number(entry.ledger_seq) - 1);
    expect(Buffer.from(proof.leafHash, 'base64').toString('hex')).toBe(entry.leaf_hash);
    const checkpoint = (await get('/transparency/checkpoint')).body.split('\n');
    expect(proof.rootHash).toBe(checkpoint[2]);
    const b = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
    expect(
      verifyInclusion(proof.index, proof.size, b(proof.leafHash), proof.proof.map(b), b(proof.rootHash)),
    ).toBe(true);
    // The human check the page links to says the same.
    expect((await get(`/transparency?index=${entry.ledger_seq}`)).body).toContain('包含在');
  });

  it('PUB-04 a one-character query is refused with a Chinese message (page and data)', async () => {
    const page = await get(`/decisions?q=${q('张')}`);
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('查询内容至少需要 2 个连续的字');
    expect(page.body).toMatch(/id="q"[^>]*aria-invalid="true"/);
    const data = await get(`/open/decisions.json?q=${q('张')}`);
    expect(data.statusCode).toBe(400);
    expect(data.json()).toMatchObject({ error: { code: 'SEARCH_QUERY_TOO_SHORT', field: 'q' } });
    expect((await get(`/open/decisions.csv?q=${q('张')}`)).statusCode).toBe(400);
    expect((await get(`/decisions?actType=parking`)).statusCode).toBe(400);
    expect((await get(`/decisions?from=2026-02-30`)).body).toContain('日期应为有效的');
  });

  it('PUB-04 portal pages need no JavaScript, label every field, and offer the large-text mode', async () => {
    for (const url of [
      '/decisions',
      `/decisions?q=${q('置业')}&large=1`,
      `/decisions?q=${q('张')}`,
      `/decisions/${ids.org}`,
      `/decisions/${ids.withdrawn}?large=1`,
      `/decisions/${ids.expired}`,
    ]) {
      const r = await get(url);
      expect(r.body, url).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
      expect(r.headers['content-security-policy'], url).toContain("default-src 'none'");
      expect(r.headers['content-security-policy'], url).not.toContain('script-src');
      expect(r.body, url).toMatch(/<html lang="zh-CN">/);
      expect(r.body, url).toMatch(/<h1>/);
    }
    const form = (await get('/decisions')).body;
    for (const id of ['q', 'actType', 'unit', 'partyKind', 'from', 'to']) {
      expect(form).toMatch(new RegExp(`<label for="${id}">`));
      expect(form).toMatch(new RegExp(`id="${id}"`));
    }
    expect(form).toContain('<a class="size" href="/decisions?large=1">大字模式</a>');
    const large = (await get(`/decisions?q=${q('置业')}&large=1`)).body;
    expect(large).toContain('<body class="large">');
    expect(large).toContain('<input type="hidden" name="large" value="1" />');
    expect(large).toContain(`href="/decisions/${ids.org}?large=1"`);
    expect(large).toContain('标准字号');
  });

  it('PUB-03 the CSV has a UTF-8 BOM, Chinese headers, every row on display, the same filters, and is streamed', async () => {
    const res = await get('/open/decisions.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-length']).toBeUndefined(); // a stream, not a buffered body
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // Parsed by an independent CSV reader.
    const parsed = JSON.parse(
      execFileSync(
        'python3',
        ['-c', 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read())))))'],
        {
          input: res.body.slice(1),
        },
      ).toString(),
    ) as string[][];
    expect(parsed[0]!.slice(0, 5)).toEqual([
      '行政相对人名称',
      '行政相对人类别',
      '统一社会信用代码',
      '法定代表人',
      '决定书文号',
    ]);
    expect(parsed.length - 1).toBe(28); // 3 + 24 fillers + the late one; not the expired
    const org = parsed.find((r) => r.includes('青国动罚字〔2026〕第12号'))!;
    expect(org).toContain('上海朱家角宏达置业有限公司');
    expect(org).toContain('2'); // 罚款金额（万元）
    const filtered = (await get('/open/decisions.csv?actType=licensing')).body.trim().split('\r\n');
    expect(filtered.length).toBe(2);
    expect(filtered[1]).toContain('青国动许字〔2026〕第3号');
    // Rows come in keyset batches: memory holds one batch however long the file.
    const batches: number[] = [];
    for await (const batch of decisions.everyDecision(t.deps, {}, 7)) batches.push(batch.length);
    expect(batches).toEqual([7, 7, 7, 7]);
  });

  it('PUB-03 the CSV batches: the next page is asked for ahead, and a reader that stops early leaves none running', async () => {
    const all: string[] = [];
    for await (const batch of decisions.everyDecision(t.deps, {}, 7)) all.push(...batch.map((d) => d.id));
    const page = await decisions.searchDecisions(t.deps, {}, { limit: 100 });
    expect(all).toEqual(page.items.map((d) => d.id)); // the same rows, in the same order
    for await (const batch of decisions.everyDecision(t.deps, {}, 7)) {
      expect(batch.map((d) => d.id)).toEqual(all.slice(0, 7));
      break; // the page asked ahead is awaited here, not left behind
    }
    expect((await decisions.searchDecisions(t.deps, {}, { limit: 3 })).items.length).toBe(3);
  });

  it('PUB-03 a page read ahead that fails while the client is slow fails that download, not the server', async () => {
    // The second page query fails 20 ms late, while the reader is still busy with the first batch.
    let queries = 0;
    const failing = t.deps.db.withPlugin({
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        queries += 1;
        if (queries === 2) {
          await new Promise((r) => setTimeout(r, 20));
          throw new Error('connection lost (simulated)');
        }
        return a.result;
      },
    });
    const got: number[] = [];
    let failure: unknown;
    try {
      for await (const batch of decisions.everyDecision({ ...t.deps, db: failing }, {}, 7)) {
        got.push(batch.length);
        await new Promise((r) => setTimeout(r, 100)); // a slow client
      }
    } catch (e) {
      failure = e;
    }
    expect(got).toEqual([7]);
    expect((failure as Error).message).toBe('connection lost (simulated)');
  });

  it('PUB-03 the Atom feed is well-formed RFC 4287 with the required elements', async () => {
    const res = await get('/open/decisions.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const check = `
import sys, json, xml.etree.ElementTree as ET, re
A='{http://www.w3.org/2005/Atom}'
f=ET.fromstring(sys.stdin.buffer.read())
assert f.tag==A+'feed'
one=lambda e,n: len(e.findall(A+n))==1
rfc3339=re.compile(r'^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$')
ok={'feed':all(one(f,n) for n in ('id','title','updated')) and len(f.findall(A+'author'))>=1 and rfc3339.match(f.find(A+'updated').text) is not None,
    'self':[l.get('href') for l in f.findall(A+'link') if l.get('rel')=='self'],
    'entries':[{'id':e.find(A+'id').text,'title':e.find(A+'title').text,'ok':all(one(e,n) for n in ('id','title','updated')) and rfc3339.match(e.find(A+'updated').text) is not None,
                'alt':[l.get('href') for l in e.findall(A+'link') if l.get('rel')=='alternate']} for e in f.findall(A+'entry')]}
print(json.dumps(ok))`;
    const out = JSON.parse(execFileSync('python3', ['-c', check], { input: res.rawPayload }).toString()) as {
      feed: boolean;
      self: string[];
      entries: Array<{ id: string; title: string; ok: boolean; alt: string[] }>;
    };
    expect(out.feed).toBe(true);
    expect(out.self).toEqual([`${PUBLIC_URL}/open/decisions.atom`]);
    expect(out.entries.length).toBe(28);
    for (const e of out.entries) {
      expect(e.ok).toBe(true);
      expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(e.alt).toEqual([`${PUBLIC_URL}/decisions/${e.id.slice(9)}`]);
    }
    expect(out.entries.find((e) => e.id === `urn:uuid:${ids.withdrawn}`)!.title).toContain('【已撤回】');
  });

  it('PUB-03 the DCAT 3 catalogue describes the dataset and distributions that answer', async () => {
    const res = await get('/open/catalog.jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const c = res.json<Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(c['@context'].dcat).toBe('http://www.w3.org/ns/dcat#');
    expect(c['@context'].dcterms).toBe('http://purl.org/dc/terms/');
    expect(c['@type']).toBe('dcat:Catalog');
    expect(c['dcterms:publisher']['foaf:name']).toBe('上海市青浦区国防动员办公室');
    const [ds] = c['dcat:dataset'];
    expect(ds['@type']).toBe('dcat:Dataset');
    expect(ds['dcterms:title']['@value']).toBe('行政执法决定公示');
    expect(ds['dcterms:modified']['@type']).toBe('xsd:dateTime');
    const dists = ds['dcat:distribution'] as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const mediaOf = (d: Record<string, { '@id': string }>) =>
      d['dcat:mediaType']!['@id'].split('media-types/')[1];
    expect(dists.map(mediaOf)).toEqual(['text/csv', 'application/json', 'application/atom+xml']);
    for (const d of dists) {
      expect(d['@type']).toBe('dcat:Distribution');
      const url = d['dcat:accessURL']['@id'] as string;
      expect(url.startsWith(`${PUBLIC_URL}/open/`)).toBe(true);
      const r = await get(url.slice(PUBLIC_URL.length));
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toContain(mediaOf(d));
    }
    expect(dists[0]!['dcat:downloadURL']['@id']).toBe(`${PUBLIC_URL}/open/decisions.csv`);
    expect(c['dcat:service'][0]['dcat:servesDataset']['@id']).toBe(ds['@id']);
  });
});
