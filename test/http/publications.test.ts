import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/identity';
import { expirePublications, firePublicationTimers } from '../../src/services/publication-service';
import {
  demoFiling,
  demoOffice,
  demoOrgParty,
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
import { proceedings } from '../proceeding';

type Detail = {
  id: string;
  state: string;
  view: string;
  due: string;
  dueConfirmed: boolean;
  workingDaysLeft: number | null;
  responsibleName: string;
  unit: { id: string; name: string };
  partyName: string;
  number: string | null;
  original: Record<string, string | null>;
  masked: Record<string, string | null>;
  changes: Array<{ field: string; original: string; replacement: string; kind: string }>;
  extraMasks: string[];
  withdrawalDue: string | null;
  withdrawalDueConfirmed: boolean | null;
  displayEnd: string | null;
  publicId: string | null;
  ledger: { seq: number; leafHash: string } | null;
  permissions: Record<string, boolean>;
};
type Page = { items: Detail[]; nextCursor: string | null };

const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
/** Personal data planted in a decision: none of it may reach a public table. */
const PLANTED = {
  name: '张三丰',
  idNumber: id18('31010119800101123'),
  phone: '13912345678',
  address: '上海市青浦区盈港东路1234弄56号',
  witness: '赵六顺',
};

describe.each(DIALECTS)('publication of decisions on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  let admin: Session;
  let supervisor: Session;
  let otherUnitOfficer: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const http = httpClient(() => t.app);
  const asOfficer = http.as(() => officer);
  const asLeader = http.as(() => leader);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [office.officers.get('王建国')!, office.officers.get('李明')!],
  });
  /** Moves the clock to a Beijing morning; sessions expire when idle, so everyone signs in again. */
  const setToday = async (d: string) => {
    t.clock.current = new Date(`${d}T02:00:00Z`);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    supervisor = await login(t.app, 'supervisor-pub');
    otherUnitOfficer = await login(t.app, 'officer-nounit');
  };
  const external = (over: Record<string, unknown> = {}) => ({
    actType: 'penalty',
    number: '青国动罚字〔2026〕第101号',
    decisionDate: '2026-11-20',
    unitId: office.unitId,
    party: {
      kind: 'person',
      name: PLANTED.name,
      idType: 'residentId',
      idNumber: PLANTED.idNumber,
      phone: PLANTED.phone,
      address: PLANTED.address,
    },
    otherPersons: [PLANTED.witness],
    facts: `当事人${PLANTED.name}（身份证号${PLANTED.idNumber}，电话${PLANTED.phone}，住${PLANTED.address}）擅自改变人防工程用途，证人${PLANTED.witness}在场。`,
    basis: '《中华人民共和国人民防空法》第四十九条',
    resultKind: '罚款',
    resultContent: `对${PLANTED.name}处以罚款人民币5,000元`,
    fineAmount: 500_000,
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}) =>
    (await ok<{ id: string; published: boolean }>(asOfficer.post('/api/publications', external(over)), 201))
      .id;
  const detail = (id: string, s: Session = officer) =>
    ok<Detail>(http.as(() => s).get(`/api/publications/${id}`));
  const publicRows = () => t.db.db.selectFrom('public_decisions').selectAll().execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    admin = await login(t.app, 'admin');
    office = await demoOffice(t.app, admin);
    supervisor = await officerSession(t.app, admin, null, 'supervisor-pub', ['supervisor']);
    otherUnitOfficer = await officerSession(t.app, admin, null, 'officer-nounit', ['officer']);
  });
  afterAll(() => t?.close());

  it('PUB-09 PUB-10 PUB-02 a penalty decided in a case becomes a pending item due in 7 working days, with its unit and responsible person', async () => {
    await setToday('2026-11-25');
    const c = await ok<{ id: string }>(asOfficer.post('/api/cases', demoFiling(office)), 201);
    await p.runTo(c.id, 'decided');
    const page = await ok<Page>(asOfficer.get('/api/publications?view=pending'));
    const item = page.items.find((i) => (i as unknown as { caseId: string }).caseId === c.id)!;
    expect(item).toBeDefined();
    // Decided on Wednesday 2026-11-25: 7 working days → Friday 2026-12-04.
    expect(item).toMatchObject({ state: 'pending', view: 'pending', due: '2026-12-04', dueConfirmed: true });
    expect(item.workingDaysLeft).toBe(7);
    expect(item.unit.name).toBe('执法科');
    expect(item.responsibleName).not.toBe('');
    // An organisation is named with its credit code.
    expect(item.partyName).toContain('上海某某置业有限公司');
    const d = await detail(item.id);
    expect(d.original.basis).not.toBe('');
    expect(d.permissions).toMatchObject({ prepare: true, publish: false });
  });

  it.each([
    // act type, decision date, due, confirmed: National Day and the 调休 Saturday 10-10 of 2026
    ['penalty', '2026-09-29', '2026-10-14', true],
    // 20 working days across the Mid-Autumn holiday, the 调休 Sunday 09-20 and National Day
    ['inspection', '2026-09-18', '2026-10-22', true],
    ['licensing', '2026-12-24', '2027-01-04', false],
    // Into 2027, which has no schedule yet: weekends alone, flagged unconfirmed
    ['penalty', '2026-12-28', '2027-01-06', false],
  ])(
    'PUB-08 PUB-09 PUB-10 a %s decision of %s is due on %s (confirmed: %s)',
    async (actType, on, due, confirmed) => {
      await setToday('2027-01-10');
      const id = await create({ actType, decisionDate: on });
      const d = await detail(id);
      expect(d.due).toBe(due);
      expect(d.dueConfirmed).toBe(confirmed);
    },
  );

  it('PUB-10 alerts fire before and on the due day, and an overdue item alerts once and is listed as overdue', async () => {
    await setToday('2026-11-20');
    const id = await create({ decisionDate: '2026-11-20' }); // due Monday 2026-12-01
    const alerts = () =>
      t.db.db
        .selectFrom('publication_alerts')
        .select(['stage'])
        .where('item_id', '=', id)
        .orderBy('stage')
        .execute();
    await setToday('2026-11-27'); // 2 working days before
    await firePublicationTimers(t.deps);
    expect((await alerts()).map((a) => a.stage)).toEqual(['before']);
    await setToday('2026-12-01');
    await firePublicationTimers(t.deps);
    await setToday('2026-12-03');
    await firePublicationTimers(t.deps);
    await firePublicationTimers(t.deps);
    await setToday('2026-12-20');
    await firePublicationTimers(t.deps);
    expect((await alerts()).map((a) => a.stage)).toEqual(['before', 'due', 'overdue']);
    const overdue = await ok<Page>(asOfficer.get('/api/publications?view=overdue'));
    const it = overdue.items.find((i) => i.id === id)!;
    expect(it.view).toBe('overdue');
    expect(it.workingDaysLeft).toBeLessThan(0);
    const pending = await ok<Page>(asOfficer.get('/api/publications?view=pending'));
    expect(pending.items.map((i) => i.id)).not.toContain(id);
  });

  it('PUB-11 PUB-12 masking review, publish by a leader, change, withdrawal: the public row holds only masked data', async () => {
    await setToday('2026-11-27');
    const id = await create();
    const d = await detail(id);
    // Side by side: the original keeps the data, the masked text and the public name do not.
    expect(d.original.facts).toContain(PLANTED.idNumber);
    expect(d.partyName).toBe('张某');
    for (const v of Object.values(PLANTED)) expect(JSON.stringify(d.masked)).not.toContain(v);
    expect(d.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['idNumber', 'phone', 'address']));
    // Publishing before the preparer confirms is refused; officers may not publish.
    expect(errorOf(await asLeader.post(`/api/publications/${id}/publish`)).code).toBe('PUBLICATION_STATE');
    const confirmed = await ok<Detail>(
      asOfficer.post(`/api/publications/${id}/masking`, { extraMasks: ['人防工程用途'] }),
    );
    expect(confirmed.masked.facts).not.toContain('人防工程用途');
    expect(confirmed.extraMasks).toEqual(['人防工程用途']);
    expect((await asOfficer.post(`/api/publications/${id}/publish`)).statusCode).toBe(403);
    const published = await ok<Detail>(asLeader.post(`/api/publications/${id}/publish`));
    expect(published.state).toBe('published');
    expect(published.displayEnd).toBe('2028-11-20'); // natural persons: 2 years
    const row = (await publicRows()).find((r) => r.item_id === id)!;
    expect(row.party_name).toBe('张某');
    expect(row.number).toBe('青国动罚字〔2026〕第101号');
    expect(row.search_tokens.split(' ')).toEqual(expect.arrayContaining(['张某', '罚款']));
    for (const v of Object.values(PLANTED)) expect(JSON.stringify(row)).not.toContain(v);
    // The row names the ledger entry of its publication.
    const entry = await t.db.db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', '=', Number(row.ledger_seq))
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('publication.published@1');
    expect(entry.leaf_hash).toBe(row.leaf_hash);
    expect(published.ledger).toEqual({ seq: Number(row.ledger_seq), leafHash: row.leaf_hash });
    expect(entry.data).not.toContain(PLANTED.idNumber);

    // PUB-12: revoked on Wednesday 2026-12-02 → withdraw by Monday 2026-12-07.
    await setToday('2026-12-02');
    const bad = await asOfficer.post(`/api/publications/${id}/change`, {
      kind: 'revoked',
      reason: '',
      on: '2026-12-02',
    });
    expect(bad.statusCode).toBe(400);
    const changed = await ok<Detail>(
      asOfficer.post(`/api/publications/${id}/change`, {
        kind: 'revoked',
        reason: '经行政复议，原处罚决定被撤销',
        on: '2026-12-02',
      }),
    );
    expect(changed).toMatchObject({
      state: 'withdrawalDue',
      withdrawalDue: '2026-12-07',
      withdrawalDueConfirmed: true,
    });
    expect(
      (await asOfficer.post(`/api/publications/${id}/withdraw`, { publicReason: '原决定已被撤销' }))
        .statusCode,
    ).toBe(403);
    const withdrawn = await ok<Detail>(
      asLeader.post(`/api/publications/${id}/withdraw`, { publicReason: '原决定已被撤销' }),
    );
    expect(withdrawn.state).toBe('withdrawn');
    const after = (await publicRows()).find((r) => r.item_id === id)!;
    expect(after).toMatchObject({
      withdrawn: 1,
      withdrawal_reason: '原决定已被撤销',
      party_name: null,
      facts: null,
      result_content: null,
      search_tokens: '',
    });
    const again = await asLeader.post(`/api/publications/${id}/withdraw`, { publicReason: '再次撤回' });
    expect(again.statusCode).toBe(409);
  });

  it('PUB-12 at the end of the display period the job takes the decision down, once, with a ledger entry', async () => {
    await setToday('2026-11-27');
    const id = await create({ party: demoOrgParty(), resultContent: '罚款', otherPersons: [] });
    await ok(asOfficer.post(`/api/publications/${id}/masking`, { extraMasks: [] }));
    const pub = await ok<Detail>(asLeader.post(`/api/publications/${id}/publish`));
    expect(pub.displayEnd).toBe('2031-11-20'); // organisations: 5 years
    await setToday('2031-11-20');
    await expirePublications(t.deps);
    expect((await detail(id)).state).toBe('published');
    await setToday('2031-11-21');
    expect(await expirePublications(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await expirePublications(t.deps)).toBe(0);
    const d = await detail(id);
    expect(d.state).toBe('expired');
    const row = (await publicRows()).find((r) => r.item_id === id)!;
    expect(row).toMatchObject({ expired: 1, party_name: null, facts: null });
    const entries = await t.db.db
      .selectFrom('ledger')
      .select('action')
      .where('subject_id', '=', id)
      .execute();
    expect(entries.filter((e) => e.action === 'publication.expired@1')).toHaveLength(1);
  });

  it('PUB-08 a decision about a minor is never published; bad input is refused with 4xx and nothing written', async () => {
    await setToday('2026-11-27');
    const before = await t.db.db.selectFrom('publication_items').select('id').execute();
    const minor = await ok<{ id: string; published: boolean }>(
      asOfficer.post(
        '/api/publications',
        external({ party: { kind: 'person', name: '李小明', minor: true } }),
      ),
      201,
    );
    expect(minor.published).toBe(false);
    const unknownField = await asOfficer.post('/api/publications', { ...external(), secret: 1 });
    expect(unknownField.statusCode).toBe(400);
    const future = await asOfficer.post('/api/publications', external({ decisionDate: '2026-12-30' }));
    expect(future.statusCode).toBe(400);
    expect(errorOf(future)).toMatchObject({ code: 'PUBLICATION_DATE_INVALID', field: 'decisionDate' });
    const badDate = await asOfficer.post('/api/publications', external({ decisionDate: '2026-13-01' }));
    expect(badDate.statusCode).toBe(400);
    // A date of the right shape that no calendar has (it reached the deadline count, a 500, before).
    const noSuchDay = await asOfficer.post('/api/publications', external({ decisionDate: '2026-02-30' }));
    expect(noSuchDay.statusCode).toBe(400);
    expect(errorOf(noSuchDay)).toMatchObject({ code: 'PUBLICATION_DATE_INVALID', field: 'decisionDate' });
    const unknown = await asOfficer.get('/api/publications/01900000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('PUBLICATION_NOT_FOUND');
    const after = await t.db.db.selectFrom('publication_items').select('id').execute();
    expect(after).toHaveLength(before.length);
    // A personal ID number never appears in an error message.
    expect(future.body).not.toContain(PLANTED.idNumber);
  });

  it('PUB-02 PLT-07 access: an officer outside the unit sees nothing of it; a supervisor reads but may not publish', async () => {
    await setToday('2026-11-27');
    const id = await create();
    expect((await http.as(() => otherUnitOfficer).get(`/api/publications/${id}`)).statusCode).toBe(403);
    const list = await ok<Page>(http.as(() => otherUnitOfficer).get('/api/publications?view=pending'));
    expect(list.items).toEqual([]);
    expect((await http.as(() => otherUnitOfficer).post('/api/publications', external())).statusCode).toBe(
      403,
    );
    const d = await detail(id, supervisor);
    expect(d.permissions).toMatchObject({ prepare: false, publish: false });
    expect((await http.as(() => supervisor).post(`/api/publications/${id}/publish`)).statusCode).toBe(403);
    expect((await http.as(() => admin).get('/api/publications')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/publications' })).statusCode).toBe(401);
  });

  it('PUB-11 planted personal data in every field of a case reaches no public table row', async () => {
    await setToday('2026-11-25');
    const party = {
      kind: 'person',
      name: PLANTED.name,
      idType: 'residentId',
      idNumber: PLANTED.idNumber,
      phone: PLANTED.phone,
      address: PLANTED.address,
    };
    const c = await ok<{ id: string }>(
      asOfficer.post(
        '/api/cases',
        demoFiling(office, { party, title: `${PLANTED.name}擅自改变人防工程用途案` }),
      ),
      201,
    );
    await p.runTo(c.id, 'decided', { sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 } });
    const item = (await ok<Page>(asOfficer.get('/api/publications?view=pending'))).items.find(
      (i) => (i as unknown as { caseId: string }).caseId === c.id,
    )!;
    await ok(
      asOfficer.post(`/api/publications/${item.id}/masking`, {
        extraMasks: [],
        number: '青国动罚字〔2026〕第7号',
      }),
    );
    await ok(asLeader.post(`/api/publications/${item.id}/publish`));
    // The portal engineer extends this to every public HTTP response (pages, open data, feeds).
    const rows = await publicRows();
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    for (const v of Object.values(PLANTED)) expect(text).not.toContain(v);
    expect(text).toContain('张某');
  });

  it('PUB-11 who publishes is a setting: a leader by default; with handlingUnit also an officer of the item’s unit, never one of another unit', async () => {
    await setToday('2026-11-27');
    const asAdmin = http.as(() => admin);
    const unit = await ok<{ id: string }>(asAdmin.post('/api/units', { name: '公示测试科' }), 201);
    const o = await ok<{ id: string }>(
      asAdmin.post('/api/officers', { name: '周其他', unitId: unit.id, post: '执法人员' }),
      201,
    );
    const elsewhere = await officerSession(t.app, admin, o.id, 'officer-elsewhere', ['officer']);
    const asElsewhere = http.as(() => elsewhere);

    expect(await ok(asOfficer.get('/api/settings/publication'))).toEqual({ publisher: 'leader' });
    const id = await create({ number: '青国动罚字〔2026〕第901号' });
    await ok(asOfficer.post(`/api/publications/${id}/masking`, { extraMasks: [] }));
    expect((await detail(id)).permissions).toMatchObject({ prepare: true, publish: false });
    const refused = await asOfficer.post(`/api/publications/${id}/publish`);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('PUBLICATION_ACCESS_DENIED');

    // Only the administrator changes it; a value outside the two is refused.
    expect((await asOfficer.put('/api/settings/publication', { publisher: 'handlingUnit' })).statusCode).toBe(
      403,
    );
    const bad = await asAdmin.put('/api/settings/publication', { publisher: 'anyone' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('publisher');
    expect(await ok(asAdmin.put('/api/settings/publication', { publisher: 'handlingUnit' }))).toEqual({
      publisher: 'handlingUnit',
    });
    expect(await ok(asLeader.get('/api/settings/publication'))).toEqual({ publisher: 'handlingUnit' });
    const saved = await t.db.db
      .selectFrom('ledger')
      .select(['action', 'subject_type'])
      .where('action', '=', 'settings.publicationSaved@1')
      .execute();
    expect(saved).toEqual([{ action: 'settings.publicationSaved@1', subject_type: 'setting' }]);

    // An officer of another unit neither reads nor publishes the item.
    const other = await asElsewhere.post(`/api/publications/${id}/publish`);
    expect(other.statusCode).toBe(403);
    expect(errorOf(other).code).toBe('PUBLICATION_ACCESS_DENIED');
    expect((await detail(id)).permissions.publish).toBe(true);
    const published = await ok<Detail & { publishedBy: { id: string } }>(
      asOfficer.post(`/api/publications/${id}/publish`),
    );
    expect(published.state).toBe('published');
    const me = await t.db.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'officer1')
      .executeTakeFirstOrThrow();
    expect(published.publishedBy.id).toBe(me.id);
    await ok(
      asOfficer.post(`/api/publications/${id}/change`, {
        kind: 'changed',
        reason: '复议变更',
        on: '2026-11-27',
      }),
    );
    expect((await detail(id)).permissions.withdraw).toBe(true);
    expect(
      (await asElsewhere.post(`/api/publications/${id}/withdraw`, { publicReason: '决定已变更' })).statusCode,
    ).toBe(403);

    // Back to the default: the officer may no longer withdraw; the leader may.
    await ok(asAdmin.put('/api/settings/publication', { publisher: 'leader' }));
    expect((await detail(id)).permissions.withdraw).toBe(false);
    expect(
      (await asOfficer.post(`/api/publications/${id}/withdraw`, { publicReason: '决定已变更' })).statusCode,
    ).toBe(403);
    expect(
      (await ok<Detail>(asLeader.post(`/api/publications/${id}/withdraw`, { publicReason: '决定已变更' })))
        .state,
    ).toBe('withdrawn');
  });
});
