import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { errorOf, httpClient, login, makeTestApp, type Session, type TestApp } from '../app';
import { DIALECTS } from '../db';

/** Power items, recorders, AV rules and decision-period extensions: the data around cases. */
describe.each(DIALECTS)('case configuration and equipment on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let keeper: Session;
  let officer: Session;
  let leader: Session;
  const officers = new Map<string, string>();
  const { post, get } = httpClient(() => t.app);
  const ledgerActions = async (subjectId: string) =>
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
    admin = await login(t.app, 'admin');
    keeper = await login(t.app, 'keeper');
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    for (const o of (await get(admin, '/api/officers')).json<{ items: Array<{ id: string; name: string }> }>()
      .items)
      officers.set(o.name, o.id);
  });
  afterAll(() => t?.close());

  it('seeds this office’s power items: 上海市民防条例 art. 43 and 人民防空法 art. 48, 49, with an item for every act type', async () => {
    const items = (await get(officer, '/api/power-items')).json<
      Array<{ actType: string; basis: string[] }>
    >();
    const basis = items.flatMap((i) => i.basis).join();
    expect(basis).toContain('上海市民防条例》第四十三条');
    expect(basis).toContain('人民防空法》第四十八条');
    expect(basis).toContain('人民防空法》第四十九条');
    expect(new Set(items.map((i) => i.actType))).toEqual(
      new Set(['penalty', 'inspection', 'licensing', 'compulsion', 'expropriation']),
    );
  });

  it('an administrator edits a discretion benchmark; every change is a ledger entry; a band with min > max is refused', async () => {
    const [item] = (await get(admin, '/api/power-items')).json<
      Array<{ id: string; benchmark: { violation: string; basis: string; grades: unknown[] } }>
    >();
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/power-items/${item!.id}`,
      headers: admin.headers,
      payload: {
        benchmark: {
          ...item!.benchmark,
          grades: [
            {
              grade: 'ordinary',
              conditions: '一般情节',
              standard: { kind: 'band', person: { min: 500, max: 100 } },
            },
          ],
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('BENCHMARK_INVALID');
    expect(errorOf(bad).field).toMatch(/^benchmark\./);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/power-items/${item!.id}`,
      headers: admin.headers,
      payload: { name: '改名后的事项', active: false },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '改名后的事项', active: false });
    expect(await ledgerActions(item!.id)).toEqual(['powerItem.created@1', 'powerItem.updated@1']);
    const forbidden = await t.app.inject({
      method: 'PATCH',
      url: `/api/power-items/${item!.id}`,
      headers: officer.headers,
      payload: { active: true },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('REC-05 recorders are registered, checked out to an officer and returned, with the log', async () => {
    const made = await post(keeper, '/api/recorders', { number: 'QP-JLY-099', model: 'DSJ-V9' });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: string }>().id;
    expect(errorOf(await post(keeper, '/api/recorders', { number: 'QP-JLY-099', model: 'x' })).code).toBe(
      'RECORDER_NUMBER_TAKEN',
    );
    const out = await post(keeper, `/api/recorders/${id}/check-out`, { officerId: officers.get('张伟') });
    expect(out.json()).toMatchObject({ status: 'checkedOut', holder: { name: '张伟' } });
    const twice = await post(keeper, `/api/recorders/${id}/check-out`, { officerId: officers.get('李明') });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('RECORDER_NOT_AVAILABLE');
    expect((await post(keeper, `/api/recorders/${id}/return`, {})).json()).toMatchObject({
      status: 'available',
      holder: null,
    });
    expect((await post(keeper, `/api/recorders/${id}/return`, {})).statusCode).toBe(409);
    const loans = (await get(officer, `/api/recorders/${id}/loans`)).json<
      Array<{ officer: { name: string }; returnedAt: string | null }>
    >();
    expect(loans).toMatchObject([{ officer: { name: '张伟' }, returnedAt: expect.any(String) }]);
    expect(await ledgerActions(id)).toEqual([
      'recorder.registered@1',
      'recorder.checkedOut@1',
      'recorder.returned@1',
    ]);
    expect((await post(officer, '/api/recorders', { number: 'QP-X-1', model: 'x' })).statusCode).toBe(403);
  });

  it('REC-03 the AV rules are a table an administrator configures; a step follows the table in force', async () => {
    const rules = (await get(officer, '/api/settings/av-rules')).json<Array<{ id: string }>>();
    expect(rules.length).toBe(9);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/av-rules',
      headers: admin.headers,
      payload: { rules: [{ id: 'x', label: '空条件', when: {} }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('AV_RULES_INVALID');
    // The office designates every inquiry as needing AV.
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/av-rules',
      headers: admin.headers,
      payload: {
        rules: [
          ...rules,
          { id: 'office-inquiry', label: '本办指定：所有询问', when: { stepKinds: ['inquiry'] } },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const items = (await get(officer, '/api/power-items')).json<Array<{ id: string; code: string }>>();
    const units = (await get(officer, '/api/units')).json<{ items: Array<{ id: string; name: string }> }>()
      .items;
    const base = '91310118MA1JL0001';
    const c = await post(officer, '/api/cases', {
      actType: 'penalty',
      procedure: 'ordinary',
      title: '未办理平时使用备案案',
      powerItemId: items.find((i) => i.code === 'QPMF-CF-003')!.id,
      party: {
        kind: 'organisation',
        name: '上海某物业管理有限公司',
        idType: 'creditCode',
        idNumber: base + creditCodeCheckChar(base),
        legalRepresentative: '孙某',
        phone: '021-59725678',
        address: '上海市青浦区夏阳街道某路8号',
      },
      unitId: units.find((u) => u.name === '执法科')!.id,
      officerIds: [officers.get('王建国'), officers.get('李明')],
    });
    expect(c.statusCode, c.body).toBe(201);
    const caseId = c.json<{ id: string }>().id;
    const step = await post(officer, `/api/cases/${caseId}/steps`, {
      kind: 'inquiry',
      occurredAt: '2026-11-25T09:00:00+08:00',
      place: '执法科询问室',
      notes: '',
      officerIds: [officers.get('王建国'), officers.get('李明')],
      inField: false,
    });
    expect(step.json()).toMatchObject({ avRequired: true, avReasons: ['本办指定：所有询问'] });

    // PLT-01: a leader approves a longer decision period; the due date moves, with a ledger entry.
    const before = (await get(officer, `/api/cases/${caseId}`)).json<{
      deadlines: Array<{ kind: string; due: string }>;
    }>();
    expect(before.deadlines.find((d) => d.kind === 'decision')!.due).toBe('2027-02-23');
    expect(
      (await post(officer, `/api/cases/${caseId}/extension`, { days: 30, reason: '案情复杂需补充鉴定' }))
        .statusCode,
    ).toBe(403);
    const short = await post(leader, `/api/cases/${caseId}/extension`, { days: 30, reason: '复杂' });
    expect(errorOf(short)).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const ext = await post(leader, `/api/cases/${caseId}/extension`, {
      days: 30,
      reason: '案情复杂，需补充鉴定',
    });
    expect(ext.statusCode, ext.body).toBe(200);
    // 2026-11-25 + 120 days = 2027-03-25 (a Thursday; 2027 not yet confirmed).
    expect(
      ext
        .json<{ deadlines: Array<{ kind: string; due: string; confirmed: boolean }> }>()
        .deadlines.find((d) => d.kind === 'decision'),
    ).toMatchObject({
      due: '2027-03-25',
      confirmed: false,
    });
    expect(await ledgerActions(caseId)).toEqual(['case.filed@1', 'case.extensionApproved@1']);
  });
});
