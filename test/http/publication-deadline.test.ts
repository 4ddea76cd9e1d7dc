import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, type Session, type TestApp } from '../app';

describe.each(DIALECTS)('publication deadline API on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const get = (q: string) =>
    t.app.inject({ url: `/api/publications/deadline?${q}`, headers: officer.headers });

  it.each([
    ['kind=decision&actType=penalty&from=2026-09-18', { due: '2026-09-29', workingDays: 7, confirmed: true }],
    [
      'kind=decision&actType=licensing&from=2026-09-30',
      { due: '2026-10-15', workingDays: 7, confirmed: true },
    ],
    ['kind=decision&actType=penalty&from=2026-02-12', { due: '2026-02-28', workingDays: 7, confirmed: true }],
    [
      'kind=decision&actType=inspection&from=2026-09-18',
      { due: '2026-10-22', workingDays: 20, confirmed: true },
    ],
    [
      'kind=withdrawal&actType=penalty&from=2026-02-13',
      { due: '2026-02-25', workingDays: 3, confirmed: true },
    ],
    [
      'kind=decision&actType=penalty&from=2026-12-28',
      { due: '2027-01-06', workingDays: 7, confirmed: false },
    ],
  ])('PUB-09 PUB-08 PUB-12 %s', async (q, expected) => {
    const r = await get(q);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(expected);
  });

  it.each([
    ['kind=decision&actType=penalty&from=2026-02-30', 'DATE_INVALID', 'from'],
    ['kind=decision&actType=penalty&from=1999-12-31', 'PUBLICATION_DATE_RANGE', 'from'],
    ['kind=later&actType=penalty&from=2026-09-18', undefined, 'kind'],
    ['kind=decision&actType=parking&from=2026-09-18', undefined, 'actType'],
    ['kind=decision&actType=penalty', undefined, 'from'],
  ])('PUB-10 bad input %s is refused with 400, a code and the field', async (q, code, field) => {
    const r = await get(q);
    expect(r.statusCode).toBe(400);
    const e = errorOf(r);
    if (code) expect(e.code).toBe(code);
    else expect(e.code).toMatch(/^VALIDATION/);
    expect(e.field).toContain(field);
    expect(e.message).toMatch(/\p{Script=Han}/u);
  });

  it('PUB-10 needs a signed-in user', async () => {
    const r = await t.app.inject({
      url: '/api/publications/deadline?kind=decision&actType=penalty&from=2026-09-18',
    });
    expect(r.statusCode).toBe(401);
  });
});
