import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
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
  type Session,
  type TestApp,
  tusUpload,
} from '../app';
import { DIALECTS } from '../db';
import { countCases } from '../../src/repositories/case-repository';

const creditCode = (n: number) => {
  const base17 = `91310118MA1JL${String(n).padStart(4, '0')}`;
  return base17 + creditCodeCheckChar(base17);
};

interface ListPage {
  items: Array<{ id: string; partyName: string }>;
  nextCursor: string | null;
  total?: number;
  totalMore?: boolean;
}

/** The parties the cases below are filed against; `%` and `_` are in names on purpose. */
const NAMES = [
  '上海某某置业有限公司',
  '青浦置业发展有限公司',
  '上海青浦某某物业管理有限公司',
  '百分百%置业有限公司',
  'Acme_Trading上海有限公司',
  'AcmeXTrading上海有限公司',
];

describe.each(DIALECTS)('the case and record lists: total, party search, case column on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let other: Session;
  let leader: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const filed: Array<{ id: string; number: string; title: string }> = [];
  const { post, get } = httpClient(() => t.app);
  const search = (s: Session, body: Record<string, unknown>) =>
    ok<ListPage>(post(s, '/api/cases/search', body));
  const names = (p: ListPage) => p.items.map((c) => c.partyName).sort();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const admin = await login(t.app, 'admin');
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    office = await demoOffice(t.app, admin);
    // 黄静 of 综合科: an officer of another unit, who may read none of these cases (PLT-07).
    other = await officerSession(t.app, admin, office.officers.get('黄静')!, 'huangjing');
    for (const [i, name] of NAMES.entries())
      filed.push(
        await ok<{ id: string; number: string; title: string }>(
          post(
            officer,
            '/api/cases',
            demoFiling(office, { party: demoOrgParty({ name, idNumber: creditCode(i + 1) }) }),
          ),
          201,
        ),
      );
  }, 120_000);
  afterAll(() => t?.close());

  it('PLT-06 the first page of the list carries the total for its filter, and the total keeps to what the viewer may read', async () => {
    const all = await search(officer, { limit: 2 });
    expect(all.items).toHaveLength(2);
    expect(all.total).toBe(NAMES.length);
    expect(all.totalMore).toBe(false);
    // Later pages do not count again.
    const next = await search(officer, { limit: 2, cursor: all.nextCursor });
    expect(next.items).toHaveLength(2);
    expect(next.total).toBeUndefined();
    expect(next.totalMore).toBeUndefined();
    // GET answers with the same total.
    const viaGet = await ok<ListPage>(get(officer, '/api/cases?limit=1'));
    expect(viaGet.total).toBe(NAMES.length);
    // A filter changes the total; one that selects nothing counts 0.
    expect((await search(officer, { partyName: '置业', limit: 1 })).total).toBe(3);
    expect((await search(officer, { state: 'closed', limit: 5 })).total).toBe(0);
    // The leader reads every case; an officer of another unit reads none of them, and counts none.
    expect((await search(leader, { limit: 1 })).total).toBe(NAMES.length);
    const outside = await search(other, { limit: 50 });
    expect(outside.items).toEqual([]);
    expect(outside.total).toBe(0);
  });

  it('PLT-06 the count stops at its cap: it never counts further than it is asked to, whatever the scope', async () => {
    expect(await countCases(t.db.db, {}, 1000)).toBe(NAMES.length);
    expect(await countCases(t.db.db, {}, 4)).toBe(4);
    expect(await countCases(t.db.db, { partyName: '置业' }, 2)).toBe(2);
    expect(await countCases(t.db.db, { partyName: '置业' }, 1000)).toBe(3);
  });

  it('PLT-06 a party is found by any part of its name, not only its beginning', async () => {
    expect(names(await search(officer, { partyName: '置业' }))).toEqual(
      ['上海某某置业有限公司', '百分百%置业有限公司', '青浦置业发展有限公司'].sort(),
    );
    expect(names(await search(officer, { partyName: '某某' }))).toEqual(
      ['上海某某置业有限公司', '上海青浦某某物业管理有限公司'].sort(),
    );
    // A single character, and the whole name.
    expect((await search(officer, { partyName: '物' })).total).toBe(1);
    expect(names(await search(officer, { partyName: '上海某某置业有限公司' }))).toEqual([
      '上海某某置业有限公司',
    ]);
    // Latin letters regardless of case.
    expect((await search(officer, { partyName: 'acme' })).total).toBe(2);
    expect((await search(officer, { partyName: '没有这个名称' })).total).toBe(0);
  });

  it('PLT-05 % and _ in the searched text are taken literally, not as wildcards', async () => {
    expect(names(await search(officer, { partyName: '%' }))).toEqual(['百分百%置业有限公司']);
    expect(names(await search(officer, { partyName: '%置业' }))).toEqual(['百分百%置业有限公司']);
    expect(names(await search(officer, { partyName: 'Acme_T' }))).toEqual(['Acme_Trading上海有限公司']);
    expect(names(await search(officer, { partyName: '_' }))).toEqual(['Acme_Trading上海有限公司']);
    expect(names(await search(officer, { partyName: '\\' }))).toEqual([]);
  });

  it('PLT-05 the total is paged with the filter: a party search pages through all its matches', async () => {
    const first = await search(officer, { partyName: '置业', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(3);
    const second = await search(officer, { partyName: '置业', limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(3);
    // A party's name never goes into a URL: GET refuses it (PLT-08).
    const r = await get(officer, '/api/cases?partyName=x');
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).field).toBe('partyName');
  });

  it('REC-06 the record list names the case of each case record by number and title; a plain record has none', async () => {
    const c = filed[0]!;
    const step = await ok<{ id: string }>(
      post(officer, `/api/cases/${c.id}/steps`, {
        kind: 'inquiry',
        occurredAt: '2026-11-25T09:30:00+08:00',
        place: '上海市青浦区华志路100号',
        notes: '询问当事人',
        officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
        inField: false,
        contactWithParty: false,
      }),
      201,
    );
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 1)]);
    const uploadId = await tusUpload(t.app, officer, pdf, '询问笔录.pdf', 'application/pdf');
    const caseRecord = await ok<{ id: string }>(
      post(officer, `/api/steps/${step.id}/records`, { uploadId, kind: 'scan', protection: 'internal' }),
      201,
    );
    const plain = await ok<{ id: string }>(
      t.app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { ...officer.headers, 'content-type': 'text/plain', 'x-file-name': 'note.txt' },
        payload: '现场情况说明',
      }),
      201,
    );
    const list = await ok<{ items: Array<{ id: string; kind: string | null; case: unknown }> }>(
      get(officer, '/api/records?limit=50'),
    );
    const byId = new Map(list.items.map((r) => [r.id, r]));
    expect(byId.get(caseRecord.id)).toMatchObject({
      kind: 'scan',
      case: { id: c.id, number: c.number, title: c.title },
    });
    expect(byId.get(plain.id)?.case).toBeNull();
  });

  it.runIf(dialect === 'postgres')(
    'PLT-06 on PostgreSQL a pg_trgm GIN index serves the party search where the extension exists',
    async () => {
      const ext = await sql<{ n: number }>`
        select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(t.db.db);
      const { rows } = await sql<{ indexdef: string }>`
        select indexdef from pg_indexes
        where tablename = 'cases' and indexname = 'cases_party_name_trgm' and schemaname = current_schema()`.execute(
        t.db.db,
      );
      if (ext.rows[0]?.n === 1) expect(rows[0]?.indexdef).toMatch(/gin \(party_name \S*gin_trgm_ops\)/);
      else expect(rows).toEqual([]);
    },
  );
});
