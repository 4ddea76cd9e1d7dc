import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/identity';
import { demoOffice, login, makeTestApp, tusUpload, type Session, type TestApp } from '../app';
import { DIALECTS } from '../db';

const residentId = (base17: string) => base17 + residentIdCheckChar(base17);
const PERSON_ID = residentId('31011819850614262');
const WRONG_ID = PERSON_ID.slice(0, 17) + (PERSON_ID.endsWith('0') ? '1' : '0');
const NAME = '欧阳秀英';
const PHONE = '13918273645';
const ADDRESS = '上海市青浦区朱家角镇漕平路88弄7号';
const WITNESS = '司马光明';
const WITNESS_PHONE = '021-59887766';
const PLANTED = [PERSON_ID, WRONG_ID, NAME, PHONE, ADDRESS, WITNESS, WITNESS_PHONE];
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Every way a planted value could be written: as is, URL-encoded, JSON-escaped. */
const forms = (v: string) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)];

describe.each(DIALECTS)('personal data stays out of logs, URLs and errors on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let leader: Session;
  const logs: string[] = [];
  const errorBodies: string[] = [];
  const urls: string[] = [];

  const send = async (s: Session, method: 'GET' | 'POST', url: string, payload?: object) => {
    urls.push(url);
    const r = await t.app.inject({ method, url, headers: s.headers, ...(payload && { payload }) });
    if (r.statusCode >= 400) errorBodies.push(r.body);
    return r;
  };

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (b: Buffer) => logs.push(b.toString()));
    // The most talkative level a production might run at.
    t = await makeTestApp(dialect, { env: { LOG_LEVEL: 'debug' }, logStream: stream });
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
  });
  afterAll(() => t?.close());

  it('PLT-08 a journey with planted ID numbers, phones and names leaves none of them in logs, URLs or error messages', async () => {
    const admin = await login(t.app, 'admin');
    const { officers, items, unitId } = await demoOffice(t.app, admin);
    const person = {
      kind: 'person',
      name: NAME,
      idType: 'residentId',
      idNumber: PERSON_ID,
      phone: PHONE,
      address: ADDRESS,
    };
    // Bad input that carries personal data: the error names the field, never the value.
    const bad = await send(officer, 'POST', '/api/parties', { ...person, idNumber: WRONG_ID });
    expect(bad.statusCode).toBe(400);
    const badPhone = await send(officer, 'POST', '/api/parties', { ...person, phone: `${PHONE}x` });
    expect(badPhone.statusCode).toBe(400);
    const longName = await send(officer, 'POST', '/api/parties', { ...person, name: NAME.repeat(40) });
    expect(longName.statusCode).toBe(400);

    const filed = await send(officer, 'POST', '/api/cases', {
      actType: 'penalty',
      procedure: 'ordinary',
      title: '擅自拆除民防工程案',
      powerItemId: items.get('QPMF-CF-002'),
      party: person,
      unitId,
      officerIds: [officers.get('王建国'), officers.get('李明')],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const c = filed.json<{ id: string; party: { id: string } }>();
    // A second filing with the same party's number and a conflicting name is refused by field.
    await send(officer, 'POST', '/api/cases', { actType: 'penalty', party: { ...person, idNumber: 'X' } });

    // Lookups: by number in the body with the name; a wrong name finds nothing.
    const found = await send(officer, 'POST', '/api/parties/lookup', { idNumber: PERSON_ID, name: NAME });
    expect(found.json<{ party: { id: string } | null }>().party?.id).toBe(c.party.id);
    const wrongName = await send(officer, 'POST', '/api/parties/lookup', {
      idNumber: PERSON_ID,
      name: '欧阳某',
    });
    expect(wrongName.json<{ party: unknown }>().party).toBeNull();
    // A search by name (the workbench's party picker) and the case list filtered by party.
    const byName = await send(officer, 'POST', '/api/parties/search', { name: NAME });
    expect(byName.json<{ items: unknown[] }>().items.length).toBe(1);
    const cases = await send(officer, 'POST', '/api/cases/search', { partyName: NAME });
    expect(cases.json<{ items: unknown[] }>().items.length).toBe(1);
    // The name is not accepted in a URL at all.
    expect((await send(officer, 'GET', '/api/cases?partyName=x')).statusCode).toBe(400);

    await send(officer, 'POST', `/api/cases/${c.id}/transitions`, { action: 'startInvestigation' });
    const step = await send(officer, 'POST', `/api/cases/${c.id}/steps`, {
      kind: 'inquiry',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: ADDRESS,
      notes: `询问当事人${NAME}（电话${PHONE}），证人${WITNESS}（电话${WITNESS_PHONE}）在场`,
      officerIds: [officers.get('王建国'), officers.get('李明')],
      inField: false,
    });
    expect(step.statusCode, step.body).toBe(201);
    const uploadId = await tusUpload(t.app, officer, PNG, `${NAME}身份证${PERSON_ID}.png`, 'image/png');
    const rec = await send(officer, 'POST', `/api/steps/${step.json<{ id: string }>().id}/records`, {
      uploadId,
      kind: 'photo',
      protection: 'privacy',
    });
    expect(rec.statusCode, rec.body).toBe(201);
    await send(officer, 'GET', `/api/cases/${c.id}`);
    await send(officer, 'GET', `/api/cases/${c.id}/ledger`);
    const disclosed = await send(leader, 'POST', `/api/parties/${c.party.id}/disclosures`, {
      purpose: '领导审阅',
      fields: ['idNumber', 'phone', 'address'],
    });
    expect(disclosed.json()).toEqual({ idNumber: PERSON_ID, phone: PHONE, address: ADDRESS });
    // Someone with no case of this party asks: refused, and the refusal names no one.
    const keeper = await login(t.app, 'keeper');
    expect(
      (
        await send(keeper, 'POST', `/api/parties/${c.party.id}/disclosures`, {
          purpose: '查看',
          fields: ['phone'],
        })
      ).statusCode,
    ).toBe(403);
    // A server error in the middle of it (a lost database connection is not needed: a record
    // update attempt is refused and flagged, which logs at info).
    await t.app.inject({
      method: 'DELETE',
      url: `/api/records/${rec.json<{ id: string }>().id}`,
      headers: officer.headers,
    });

    await new Promise((r) => setImmediate(r));
    const logText = logs.join('');
    expect(logText.length).toBeGreaterThan(1000);
    // The log does see the requests (so a clean log is not an empty one).
    expect(logText).toContain('/api/parties/lookup');
    for (const v of PLANTED)
      for (const f of forms(v)) {
        expect(logText.includes(f), `log carries ${f}`).toBe(false);
        expect(
          errorBodies.some((b) => b.includes(f)),
          `an error message carries ${f}`,
        ).toBe(false);
      }
    // No URL the journey needed carries a name, an ID number, a phone or an address.
    for (const v of PLANTED) expect(urls.some((u) => forms(v).some((f) => u.includes(f)))).toBe(false);
  });
});
