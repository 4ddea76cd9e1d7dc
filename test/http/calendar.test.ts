import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, type Session, type TestApp } from '../app';

describe.each(DIALECTS)('calendar API on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  it('PLT-01 2026 is confirmed from the data package; 2027 is not until imported', async () => {
    const y2026 = (await t.app.inject({ url: '/api/calendar/2026', headers: admin.headers })).json();
    expect(y2026).toMatchObject({ year: 2026, confirmed: true, origin: 'package' });
    expect(y2026.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    const y2027 = (await t.app.inject({ url: '/api/calendar/2027', headers: admin.headers })).json();
    expect(y2027).toEqual({ year: 2027, confirmed: false, origin: null, holidays: [], workdays: [] });
  });

  it('PLT-02 the deadline endpoint counts working and natural days', async () => {
    const w = await t.app.inject({
      url: '/api/calendar/deadline?date=2026-09-18&days=7',
      headers: admin.headers,
    });
    expect(w.json()).toEqual({ date: '2026-09-29', confirmed: true });
    const n = await t.app.inject({
      url: '/api/calendar/deadline?date=2026-01-31&days=15&kind=natural',
      headers: admin.headers,
    });
    expect(n.json()).toEqual({ date: '2026-02-24', confirmed: true });
    const bad = await t.app.inject({
      url: '/api/calendar/deadline?date=2026-02-30&days=7',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'DATE_INVALID', field: 'date' });
  });

  it('PLT-01 importing a 2027 schedule confirms 2027 deadlines; the import is ledgered', async () => {
    const before = (
      await t.app.inject({ url: '/api/calendar/deadline?date=2026-12-31&days=1', headers: admin.headers })
    ).json();
    expect(before).toEqual({ date: '2027-01-01', confirmed: false });
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/schedules',
      headers: admin.headers,
      payload: {
        year: 2027,
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
        workdays: [],
        note: '国务院办公厅通知',
      },
    });
    expect(imp.statusCode).toBe(201);
    const after = (
      await t.app.inject({ url: '/api/calendar/deadline?date=2026-12-31&days=1', headers: admin.headers })
    ).json();
    expect(after).toEqual({ date: '2027-01-04', confirmed: true });
    const entry = await t.db.db
      .selectFrom('ledger')
      .selectAll()
      .where('action', '=', 'calendar.schedule-imported@1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.data)).toMatchObject({
      year: 2027,
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
    });
  });

  it('PLT-05 a bad schedule is refused naming the first bad date', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/schedules',
      headers: admin.headers,
      payload: { year: 2028, holidays: ['2028-01-01', '2027-12-31'], workdays: ['2028-01-03'] },
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 'CALENDAR_INVALID', field: 'holidays[1]' });
    expect((await t.app.inject({ url: '/api/calendar/2028', headers: admin.headers })).json().confirmed).toBe(
      false,
    );
    const officer = await login(t.app, 'officer1');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/schedules',
      headers: officer.headers,
      payload: { year: 2028, holidays: [], workdays: [] },
    });
    expect(denied.statusCode).toBe(403);
  });
});
