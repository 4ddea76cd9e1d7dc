import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCertificateNumber } from '../../src/services/seed-service';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, type Session, type TestApp } from '../app';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(DIALECTS)('organisation registry and certificate verification on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: admin.headers,
      ...(payload !== undefined && { payload: payload as object }),
    });
  const actionsFor = async (id: string) =>
    (
      await t.db.db
        .selectFrom('ledger')
        .select('action')
        .where('subject_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('PLT-03 the demo office has its units, one legal-review body, officers with certificates, one user per role', async () => {
    const agency = (await api('GET', '/api/agency')).json();
    expect(agency).toMatchObject({ name: '上海市青浦区国防动员办公室', shortName: '青国动' });
    const units = (await api('GET', '/api/units')).json().items as Array<{
      name: string;
      isLegalReview: boolean;
    }>;
    expect(units.map((u) => u.name).sort()).toEqual(['工程指挥科', '执法科', '综合科'].sort());
    expect(units.filter((u) => u.isLegalReview).map((u) => u.name)).toEqual(['工程指挥科']);
    const officers = (await api('GET', '/api/officers?limit=200')).json().items as Array<{
      certificates: Array<{ standing: string }>;
    }>;
    expect(officers.length).toBeGreaterThanOrEqual(8);
    const standings = officers.flatMap((o) => o.certificates.map((c) => c.standing));
    expect(standings).toContain('expired');
    expect(standings).toContain('suspended');
    const users = (await api('GET', '/api/users')).json().items as Array<{ roles: string[] }>;
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(
      new Set(['officer', 'reviewer', 'recordsKeeper', 'leader', 'supervisor', 'admin']),
    );
  });

  it('PUB-06 an officer with a certificate is created, suspended, and the public page says 已暂停; each change ledgered', async () => {
    const unit = (await api('POST', '/api/units', { name: '督察科' })).json();
    const officer = await api('POST', '/api/officers', {
      name: '钱多多',
      unitId: unit.id,
      post: '科员',
      duties: '民防工程执法检查',
    });
    expect(officer.statusCode).toBe(201);
    const o = officer.json();
    const cert = await api('POST', `/api/officers/${o.id}/certificates`, {
      number: '31011899001',
      domains: ['民防工程建设'],
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
    });
    expect(cert.statusCode).toBe(201);
    const c = cert.json();
    expect(c).toMatchObject({ standing: 'valid', standingLabel: '有效' });

    let page = await t.app.inject({ url: '/verify/certificate/31011899001' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('钱多多');
    expect(page.body).toMatch(/status-valid"[^>]*>有效</);

    const suspended = await api('POST', `/api/certificates/${c.id}/suspend`, {
      reason: '涉嫌违规执法，暂停执法资格',
    });
    expect(suspended.json()).toMatchObject({ state: 'suspended', standingLabel: '已暂停' });
    page = await t.app.inject({ url: '/verify/certificate/31011899001' });
    expect(page.body).toMatch(/status-suspended"[^>]*>已暂停</);

    // Illegal transitions are refused with 409 and say why.
    const again = await api('POST', `/api/certificates/${c.id}/suspend`, { reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('已暂停');
    await api('POST', `/api/certificates/${c.id}/revoke`, { reason: '吊销' });
    page = await t.app.inject({ url: '/verify/certificate/31011899001' });
    expect(page.body).toMatch(/status-revoked"[^>]*>已吊销</);
    expect((await api('POST', `/api/certificates/${c.id}/reinstate`, { reason: '恢复' })).statusCode).toBe(
      409,
    );

    expect(await actionsFor(o.id)).toEqual(['officer.created@1']);
    expect(await actionsFor(c.id)).toEqual([
      'certificate.issued@1',
      'certificate.suspended@1',
      'certificate.revoked@1',
    ]);
  });

  it('PUB-06 certificate verification shows 有效 / 已过期 / 已暂停 / 不存在, and no private data', async () => {
    const valid = await t.app.inject({ url: `/verify/certificate/${demoCertificateNumber(0)}` });
    expect(valid.body).toMatch(/>有效</);
    expect(valid.body).toContain('2024年1月1日 至 2029年12月31日');
    const expired = await t.app.inject({ url: `/verify/certificate/${demoCertificateNumber(3)}` });
    expect(expired.body).toMatch(/status-expired"[^>]*>已过期</);
    const suspended = await t.app.inject({ url: `/verify/certificate/${demoCertificateNumber(4)}` });
    expect(suspended.body).toMatch(/>已暂停</);
    const missing = await t.app.inject({ url: '/verify/certificate/00000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toMatch(/status-notFound"[^>]*>不存在</);
    // The reason for a suspension, user accounts and internal ids are not public.
    expect(suspended.body).not.toContain('接受调查');
    for (const r of [valid, expired, suspended]) expect(r.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-7/);
    // The form on the home page leads to the verification page.
    const redirect = await t.app.inject({ url: `/verify/certificate?number=${demoCertificateNumber(0)}` });
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe(`/verify/certificate/${demoCertificateNumber(0)}`);
  });

  it('PLT-05 a certificate number is unique; a validity ending before it starts is refused', async () => {
    const officers = (await api('GET', '/api/officers?limit=1')).json().items as Array<{ id: string }>;
    const dup = await api('POST', `/api/officers/${officers[0]!.id}/certificates`, {
      number: demoCertificateNumber(0),
      domains: ['民防'],
      validFrom: '2026-01-01',
      validTo: '2027-01-01',
    });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup)).toMatchObject({ code: 'CERTIFICATE_NUMBER_TAKEN', field: 'number' });
    const order = await api('POST', `/api/officers/${officers[0]!.id}/certificates`, {
      number: '31011877777',
      domains: ['民防'],
      validFrom: '2027-01-01',
      validTo: '2026-01-01',
    });
    expect(order.statusCode).toBe(400);
    expect(errorOf(order).field).toBe('validTo');
    const badDate = await api('POST', `/api/officers/${officers[0]!.id}/certificates`, {
      number: '31011877778',
      domains: ['民防'],
      validFrom: '2026-02-30',
      validTo: '2027-01-01',
    });
    expect(badDate.statusCode).toBe(400);
    expect(errorOf(badDate).field).toBe('validFrom');
    const noUnit = await api('POST', '/api/officers', {
      name: '无科室',
      unitId: '019a0000-0000-7000-8000-000000000000',
      post: '科员',
    });
    expect(noUnit.statusCode).toBe(400);
    expect(errorOf(noUnit).field).toBe('unitId');
  });

  it('REV-02 exactly one unit is the legal-review body; marking another moves it', async () => {
    const u = (await api('POST', '/api/units', { name: '法规科', isLegalReview: true })).json();
    const units = (await api('GET', '/api/units')).json().items as Array<{
      id: string;
      isLegalReview: boolean;
    }>;
    expect(units.filter((x) => x.isLegalReview).map((x) => x.id)).toEqual([u.id]);
    const dup = await api('PATCH', `/api/units/${u.id}`, { name: '执法科' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup)).toMatchObject({ code: 'UNIT_NAME_TAKEN', field: 'name' });
  });

  it('PUB-06 an officer photo is uploaded and shown on the public page; non-images are refused', async () => {
    const officers = (await api('GET', '/api/officers?limit=1')).json().items as Array<{ id: string }>;
    const id = officers[0]!.id;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/officers/${id}/photo`,
      headers: { ...admin.headers, 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(put.statusCode).toBe(204);
    const fake = await t.app.inject({
      method: 'PUT',
      url: `/api/officers/${id}/photo`,
      headers: { ...admin.headers, 'content-type': 'image/png' },
      payload: Buffer.from('not a png at all'),
    });
    expect(fake.statusCode).toBe(415);
    const gif = await t.app.inject({
      method: 'PUT',
      url: `/api/officers/${id}/photo`,
      headers: { ...admin.headers, 'content-type': 'image/gif' },
      payload: Buffer.from('GIF89a'),
    });
    expect(gif.statusCode).toBe(415);
    const big = await t.app.inject({
      method: 'PUT',
      url: `/api/officers/${id}/photo`,
      headers: { ...admin.headers, 'content-type': 'image/png' },
      payload: Buffer.alloc(1024 * 1024 + 10),
    });
    expect(big.statusCode).toBe(413);
    const page = await t.app.inject({ url: `/verify/certificate/${demoCertificateNumber(0)}` });
    expect(page.body).toMatch(
      new RegExp(`<img\\s+src="/verify/certificate/${demoCertificateNumber(0)}/photo"`),
    );
    const photo = await t.app.inject({ url: `/verify/certificate/${demoCertificateNumber(0)}/photo` });
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(PNG)).toBe(true);
  });

  it('officer list pages with a cursor, filters by name and unit', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api('GET', `/api/officers?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(9);
    const byName = (await api('GET', `/api/officers?q=${encodeURIComponent('王建')}`)).json().items as Array<{
      name: string;
    }>;
    expect(byName.map((o) => o.name)).toEqual(['王建国']);
    const percent = (await api('GET', `/api/officers?q=${encodeURIComponent('%')}`)).json().items;
    expect(percent).toEqual([]);
  });
});
