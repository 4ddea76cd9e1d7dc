import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/identity';
import {
  demoFiling,
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  officerSession,
  type Session,
  type TestApp,
  tusUpload,
} from '../app';
import { DIALECTS } from '../db';
import { proceedings } from '../proceeding';

/**
 * The holes a security review found, as an attacker inside the office would use them (PLT-07,
 * PLT-08, REC-07, REC-09). Each test failed before the fix.
 */
const PERSON_ID = '31011819900101123' + residentIdCheckChar('31011819900101123');
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url)).subarray(0, 200),
]);

describe.each(DIALECTS)('access findings on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  let leader: Session;
  let supervisor: Session;
  let keeper: Session;
  let officers = new Map<string, string>();
  let items = new Map<string, string>();
  let unitId = '';

  const { post, get } = httpClient(() => t.app);
  const p = proceedings(() => t.app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [officers.get('王建国')!, officers.get('李明')!],
  });
  const filing = (over: Record<string, unknown> = {}) => demoFiling({ officers, items, unitId }, over);
  const file = async () => {
    const r = await post(officer, '/api/cases', filing());
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>();
  };
  const step = async (caseId: string) => {
    const r = await post(officer, `/api/cases/${caseId}/steps`, {
      kind: 'inquiry',
      occurredAt: '2026-11-25T09:30:00+08:00',
      place: '青浦区国防动员办公室',
      notes: '询问',
      officerIds: [officers.get('王建国'), officers.get('李明')],
      inField: false,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  const record = async (s: Session, stepId: string, body: Record<string, unknown>, content = PDF) => {
    const uploadId = await tusUpload(t.app, s, content, '国家秘密材料.pdf', 'application/pdf');
    return post(s, `/api/steps/${stepId}/records`, { uploadId, kind: 'scan', ...body });
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
    officer = await login(t.app, 'officer1');
    leader = await login(t.app, 'leader');
    supervisor = await login(t.app, 'supervisor');
    keeper = await login(t.app, 'keeper');
    ({ officers, items, unitId } = await demoOffice(t.app, admin));
  });
  afterAll(() => t?.close());

  it('PLT-07 an officer may not act on a case they are not assigned to, even in their own unit', async () => {
    const c = await file();
    const stepId = await step(c.id);
    const colleague = await officerSession(t.app, admin, officers.get('张伟')!, 'colleague');
    const outsider = await officerSession(t.app, admin, officers.get('黄静')!, 'outsider');
    for (const s of [colleague, outsider]) {
      const r = await post(s, `/api/cases/${c.id}/transitions`, { action: 'startInvestigation' });
      expect(r.statusCode).toBe(403);
      expect(errorOf(r)).toMatchObject({ code: 'CASE_ACCESS_DENIED' });
      expect((await post(s, `/api/steps/${stepId}/complete`, {})).statusCode).toBe(403);
    }
    // The colleague reads the unit's case; the outsider does not.
    expect((await get(colleague, `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await get(outsider, `/api/cases/${c.id}`)).statusCode).toBe(403);
    // Nothing was changed by the refused attempts.
    expect((await get(officer, `/api/cases/${c.id}`)).json<{ state: string }>().state).toBe('filed');
  });

  it('PLT-07 filing needs the filer among the case officers (a leader may file for a unit), and every officer certified for the item on the filing date', async () => {
    const notMine = await post(
      officer,
      '/api/cases',
      filing({ officerIds: [officers.get('张伟'), officers.get('李明')] }),
    );
    expect(notMine.statusCode).toBe(403);
    expect(errorOf(notMine)).toMatchObject({ code: 'CASE_ACCESS_DENIED', field: 'officerIds' });
    const byLeader = await post(
      leader,
      '/api/cases',
      filing({ officerIds: [officers.get('张伟'), officers.get('李明')] }),
    );
    expect(byLeader.statusCode, byLeader.body).toBe(201);
    // Expired (刘洋) and suspended (赵磊) certificates cannot be assigned.
    for (const [name, reason] of [
      ['刘洋', 'certificateNotValid'],
      ['赵磊', 'certificateNotValid'],
    ] as const) {
      const r = await post(
        officer,
        '/api/cases',
        filing({ officerIds: [officers.get('王建国'), officers.get(name)] }),
      );
      expect(r.statusCode).toBe(422);
      expect(errorOf(r)).toMatchObject({ code: 'OFFICER_NOT_QUALIFIED', field: 'officerIds' });
      expect(r.json<{ error: { details: { problems: unknown[] } } }>().error.details.problems).toEqual([
        expect.objectContaining({ name, reason }),
      ]);
    }
    // 王建国's certificate was valid on 2024-06-01, 徐晓燕's only from 2026-01-01.
    const early = await post(
      officer,
      '/api/cases',
      filing({ officerIds: [officers.get('王建国'), officers.get('徐晓燕')], filedOn: '2025-06-01' }),
    );
    expect(errorOf(early)).toMatchObject({ code: 'OFFICER_NOT_QUALIFIED' });
  });

  it('REC-07 REC-09 a correction is made only by the case officers and never lowers the protection of the record it corrects', async () => {
    const c = await file();
    const stepId = await step(c.id);
    const secret = await record(officer, stepId, { protection: 'stateSecret' });
    expect(secret.statusCode, secret.body).toBe(201);
    const secretId = secret.json<{ id: string }>().id;
    // Another unit's officer cannot replace it.
    const outsider = await officerSession(t.app, admin, officers.get('黄静')!, 'outsider2');
    const replaced = await record(outsider, stepId, {
      protection: 'public',
      versionOf: secretId,
      reason: '替换为公开版本',
    });
    expect(replaced.statusCode).toBe(403);
    // The case's own officer cannot lower it either.
    const lowered = await record(officer, stepId, {
      protection: 'public',
      versionOf: secretId,
      reason: '更正',
    });
    expect(lowered.statusCode).toBe(422);
    expect(errorOf(lowered)).toMatchObject({ code: 'PROTECTION_LOWERED', field: 'protection' });
    // A correction at the same class is fine.
    const same = await record(officer, stepId, {
      protection: 'stateSecret',
      versionOf: secretId,
      reason: '更正页码',
    });
    expect(same.statusCode, same.body).toBe(201);
  });

  it('REC-09 PLT-08 a restricted record shows the same masked metadata on every route: record, retention, case ledger, whole ledger', async () => {
    const c = await file();
    const stepId = await step(c.id);
    const r = await record(officer, stepId, { protection: 'stateSecret' });
    const rec = r.json<{ id: string; sha256: string; sm3: string; fileName: string; size: number }>();
    const secrets = [rec.sha256, rec.sm3, '国家秘密材料'];
    // The supervisor reads every case but may not see state secrets.
    const views = [
      await get(supervisor, `/api/records/${rec.id}`),
      await get(supervisor, `/api/records/${rec.id}/retention`),
      await get(supervisor, `/api/cases/${c.id}/ledger`),
      await get(supervisor, '/api/ledger?limit=200'),
      await get(supervisor, `/api/cases/${c.id}/records`),
    ];
    for (const v of views) {
      expect(v.statusCode, v.body).toBe(200);
      for (const sec of secrets) expect(v.body.includes(sec), `${v.raw.req.url} shows ${sec}`).toBe(false);
    }
    const shown = views[0]!.json<{ restricted: boolean; size: number | null; fileName: string }>();
    expect(shown).toMatchObject({ restricted: true, size: null, fileName: '（国家秘密，无权查看）' });
    expect(views[1]!.json()).toMatchObject({ restricted: true, size: null, sha256: '' });
    // The case's officer and a leader see it whole.
    for (const s of [officer, leader]) {
      const own = await get(s, `/api/cases/${c.id}/ledger`);
      expect(own.body).toContain(rec.sha256);
      expect((await get(s, `/api/records/${rec.id}/retention`)).json()).toMatchObject({ sha256: rec.sha256 });
    }
    // The records keeper does not see this open case at all.
    expect((await get(keeper, `/api/records/${rec.id}/retention`)).statusCode).toBe(403);
  });

  it('PLT-08 an ID number is never looked up from a URL; a lookup needs the matching name, is logged with a digest only and is rate limited per user', async () => {
    const created = await post(officer, '/api/parties', {
      kind: 'person',
      name: '张三',
      idType: 'residentId',
      idNumber: PERSON_ID,
      phone: '13812345678',
      address: '上海市青浦区盈浦街道某路1号',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    // The old probe: the number in the query string.
    const probe = await get(keeper, `/api/parties?idNumber=${PERSON_ID}`);
    expect(probe.statusCode).toBe(400);
    // A records keeper may not look numbers up at all.
    expect(
      (await post(keeper, '/api/parties/lookup', { idNumber: PERSON_ID, name: '张三' })).statusCode,
    ).toBe(403);
    // The right number with another name finds nothing; with the name, the party.
    const wrong = await post(officer, '/api/parties/lookup', { idNumber: PERSON_ID, name: '李四' });
    expect(wrong.json()).toEqual({ party: null });
    const right = await post(officer, '/api/parties/lookup', { idNumber: PERSON_ID, name: '张三' });
    expect(right.json<{ party: { id: string; idNumber: string } }>().party).toMatchObject({ id });
    expect(right.body).not.toContain(PERSON_ID);
    // Every lookup is in the ledger: who and when, a digest, never the number.
    const entries = await t.db.db
      .selectFrom('ledger')
      .select(['actor_id', 'data', 'recorded_at'])
      .where('action', '=', 'party.lookedUp@1')
      .execute();
    expect(entries.length).toBe(2);
    for (const e of entries) {
      expect(e.data).not.toContain(PERSON_ID);
      expect(JSON.parse(e.data)).toMatchObject({ digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    // Per user: after 10 a minute the next is refused; another user is unaffected.
    const codes: number[] = [];
    for (let i = 0; i < 10; i++)
      codes.push(
        (await post(officer, '/api/parties/lookup', { idNumber: PERSON_ID, name: `猜${i}` })).statusCode,
      );
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    expect(
      (await post(leader, '/api/parties/lookup', { idNumber: PERSON_ID, name: '张三' })).statusCode,
    ).toBe(200);
  });

  it("PLT-07 PLT-08 an officer cannot become a party's case officer to read its personal data: an existing party is named only by those who know it, and only for their own unit", async () => {
    const c = await file();
    const partyId = (await get(officer, `/api/cases/${c.id}`)).json<{ party: { id: string } }>().party.id;
    const outsider = await officerSession(t.app, admin, officers.get('黄静')!, 'outsider3');
    // The outsider neither sees the party nor may name it in a filing of their own.
    expect((await get(outsider, `/api/parties/${partyId}`)).statusCode).toBe(403);
    const listed = await get(outsider, '/api/parties?limit=200');
    expect(listed.json<{ items: Array<{ id: string }> }>().items.map((p) => p.id)).not.toContain(partyId);
    const hijack = await post(
      outsider,
      '/api/cases',
      filing({ partyId, party: undefined, unitId: undefined, officerIds: [officers.get('黄静')] }),
    );
    expect(hijack.statusCode).toBe(400); // no unit: the schema refuses first
    const ownUnit = (await get(admin, '/api/units'))
      .json<{ items: Array<{ id: string; name: string }> }>()
      .items.find((u) => u.name === '综合科')!.id;
    const named = await post(outsider, '/api/cases', {
      ...filing({ officerIds: [officers.get('黄静')], unitId: ownUnit }),
      party: undefined,
      partyId,
    });
    expect(named.statusCode, named.body).toBe(403);
    expect(errorOf(named)).toMatchObject({ code: 'PARTY_NOT_KNOWN', field: 'partyId' });
    // Filing for another unit than one's own is refused too.
    const otherUnit = await post(outsider, '/api/cases', filing({ officerIds: [officers.get('黄静')] }));
    expect(errorOf(otherUnit)).toMatchObject({ code: 'CASE_ACCESS_DENIED' });
    // The party's disclosure stays refused.
    expect(
      (await post(outsider, `/api/parties/${partyId}/disclosures`, { purpose: '核查', fields: ['phone'] }))
        .statusCode,
    ).toBe(403);
    // The system administrator sees no party of a case at all.
    expect((await get(admin, `/api/parties/${partyId}`)).statusCode).toBe(403);
  });

  it('REC-09 PLT-07 the case file shows restricted records masked, and the records keeper sees no hold or retention item of an open case', async () => {
    // A closed simplified case with a 国家秘密 record.
    const filed = await post(
      officer,
      '/api/cases',
      filing({
        procedure: 'simplified',
        powerItemId: items.get('QPMF-CF-003'),
        sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 },
      }),
    );
    const closed = filed.json<{ id: string }>();
    const stepId = await step(closed.id);
    expect((await record(officer, stepId, { protection: 'stateSecret' })).statusCode).toBe(201);
    expect((await post(officer, `/api/cases/${closed.id}/transitions`, { action: 'serve' })).statusCode).toBe(
      200,
    );
    await p.pay(closed.id, 300_000); // 执行 waits for the payment (issue 12)
    for (const action of ['execute', 'close'])
      expect((await post(officer, `/api/cases/${closed.id}/transitions`, { action })).statusCode).toBe(200);
    for (const s of [supervisor, keeper]) {
      const cf = await get(s, `/api/cases/${closed.id}/case-file`);
      expect(cf.statusCode, cf.body).toBe(200);
      expect(cf.body).not.toContain('国家秘密材料');
      expect(cf.body).toContain('（国家秘密，无权查看）');
    }
    expect((await get(leader, `/api/cases/${closed.id}/case-file`)).body).toContain('国家秘密材料');

    // A hold on an open case: listed for the leader who placed it, not for the records keeper.
    const open = await file();
    const hold = await post(leader, '/api/legal-holds', { caseId: open.id, reason: '信访调查中' });
    expect(hold.statusCode, hold.body).toBe(201);
    const holdId = hold.json<{ id: string }>().id;
    const ids = async (s: Session) =>
      (await get(s, '/api/legal-holds?limit=200'))
        .json<{ items: Array<{ id: string }> }>()
        .items.map((h) => h.id);
    expect(await ids(leader)).toContain(holdId);
    expect(await ids(keeper)).not.toContain(holdId);
    const retention = await get(keeper, '/api/retention?limit=200');
    expect(retention.statusCode).toBe(200);
    expect(
      retention.json<{ items: Array<{ caseId: string | null }> }>().items.map((i) => i.caseId),
    ).not.toContain(open.id);
  });

  it('REC-11 an attempt to delete a record is refused and reported whoever makes it; the retrieval log of a case record follows the case', async () => {
    const c = await file();
    const stepId = await step(c.id);
    const rec = (await record(officer, stepId, { protection: 'internal' })).json<{ id: string }>();
    const outsider = await officerSession(t.app, admin, officers.get('黄静')!, 'outsider4');
    const flags = async () =>
      Number(
        (await t.db.db
          .selectFrom('flags')
          .select((e) => e.fn.countAll().as('n'))
          .where('record_id', '=', rec.id)
          .executeTakeFirst())!.n,
      );
    const before = await flags();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/records/${rec.id}`,
      headers: outsider.headers,
    });
    expect(del.statusCode).toBe(409);
    expect(await flags()).toBe(before + 1);
    // The administrator reads no case: not its records' retrieval log either.
    expect((await get(admin, `/api/records/${rec.id}/retrievals`)).statusCode).toBe(403);
    expect((await get(supervisor, `/api/records/${rec.id}/retrievals`)).statusCode).toBe(200);
  });
});
