import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseLedgerEntry, LedgerPage } from '../../src/http/routes/ledger.schema';
import type { Flag } from '../../src/http/routes/cases.schema';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { verifyLedger } from '../../src/services/verify-service';
import {
  demoFiling,
  demoOffice,
  errorOf,
  httpClient,
  login,
  makeTestApp,
  ok,
  type Session,
  type TestApp,
  tusUpload,
} from '../app';
import { DIALECTS } from '../db';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url)).subarray(0, 200),
]);

/** REC-11: a supervisor marks a flag handled with a note; handled flags leave the open list. */
describe.each(DIALECTS)('flag handling on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let supervisor: Session;
  let leader: Session;
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const { post, get } = httpClient(() => t.app);
  type FlagPage = { items: Flag[]; nextCursor: string | null };

  /** A refused deletion of a record: the flag it raises, and the case. */
  const raiseFlag = async () => {
    const c = await ok<{ id: string; number: string; title: string }>(
      post(officer, '/api/cases', demoFiling(office)),
      201,
    );
    const step = await ok<{ id: string }>(
      post(officer, `/api/cases/${c.id}/steps`, {
        kind: 'inquiry',
        occurredAt: '2026-11-25T09:30:00+08:00',
        place: '青浦区国防动员办公室',
        notes: '询问',
        officerIds: [office.officers.get('王建国'), office.officers.get('李明')],
        inField: false,
      }),
      201,
    );
    const uploadId = await tusUpload(t.app, officer, PDF, '询问笔录.pdf', 'application/pdf');
    const rec = await ok<{ id: string }>(
      post(officer, `/api/steps/${step.id}/records`, { uploadId, kind: 'scan', protection: 'internal' }),
      201,
    );
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/records/${rec.id}`,
      headers: officer.headers,
    });
    expect(del.statusCode).toBe(409);
    const open = await ok<FlagPage>(get(supervisor, '/api/flags?limit=200'));
    const flag = open.items.find((f) => f.recordId === rec.id)!;
    expect(flag).toMatchObject({
      kind: 'deleteRefused',
      caseNumber: c.number,
      caseTitle: c.title,
      handled: null,
    });
    return { c, flag };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const admin = await login(t.app, 'admin');
    officer = await login(t.app, 'officer1');
    supervisor = await login(t.app, 'supervisor');
    leader = await login(t.app, 'leader');
    office = await demoOffice(t.app, admin);
  });
  afterAll(() => t?.close());

  it('REC-11 a supervisor marks a flag handled with a note: ledgered in the same transaction, it leaves the open list and shows among handled ones with who, when and the note', async () => {
    const { c, flag } = await raiseFlag();
    const handled = await ok<Flag>(
      post(supervisor, `/api/flags/${flag.id}/handle`, { note: '  已约谈经办人，确认系误操作  ' }),
    );
    expect(handled.handled).toMatchObject({ by: { name: '吴敏' }, note: '已约谈经办人，确认系误操作' });
    expect(new Date(handled.handled!.at).toISOString()).toBe(handled.handled!.at);

    const open = await ok<FlagPage>(get(supervisor, '/api/flags?limit=200'));
    expect(open.items.some((f) => f.id === flag.id)).toBe(false);
    const done = await ok<FlagPage>(get(supervisor, '/api/flags?state=handled&limit=200'));
    expect(done.items.find((f) => f.id === flag.id)).toEqual(handled);

    // The ledger: flag.handled@1, about the case, read in Chinese.
    const ledger = await ok<LedgerPage>(get(supervisor, '/api/ledger?limit=20'));
    const entry = ledger.items.find((e) => e.action === 'flag.handled@1')!;
    expect(entry).toMatchObject({
      actionLabel: '处理监督事项',
      actorName: '吴敏',
      case: { id: c.id, number: c.number },
      subjectLabel: '监督事项处理',
    });
    expect(entry.details).toEqual(
      expect.arrayContaining([
        { label: '监督事项', value: '试图删除记录资料（已拒绝）' },
        { label: '处理情况', value: '已约谈经办人，确认系误操作' },
      ]),
    );
    // The handling row is tracked: the verifier finds it as its entry recorded it.
    const config = t.app.zhifaConfig;
    const report = await verifyLedger(t.deps, loadTransparency(config), {
      blobs: await openBlobStore(config),
    });
    expect(report.problems).toEqual([]);
    // The case's own trail is unchanged by supervision.
    const trail = await ok<CaseLedgerEntry[]>(get(supervisor, `/api/cases/${c.id}/ledger`));
    expect(trail.every((e) => e.action !== 'flag.handled@1')).toBe(true);
  });

  it('REC-11 PLT-05 a handling needs a note, a known flag not yet handled, and a supervisor', async () => {
    const { flag } = await raiseFlag();
    const count = async () =>
      Number(
        (await t.db.db
          .selectFrom('ledger')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      );
    const before = await count();
    const blank = await post(supervisor, `/api/flags/${flag.id}/handle`, { note: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(errorOf(blank)).toMatchObject({
      code: 'FLAG_NOTE_REQUIRED',
      field: 'note',
      message: '请填写处理情况',
    });
    const missing = await post(supervisor, `/api/flags/${flag.id}/handle`, {});
    expect(missing.statusCode).toBe(400);
    expect(await count()).toBe(before);

    const unknown = await post(supervisor, '/api/flags/0190a2b4-0000-7000-8000-000000000000/handle', {
      note: '核查',
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('FLAG_NOT_FOUND');
    // Leaders read the list but do not handle; officers do neither.
    expect((await post(leader, `/api/flags/${flag.id}/handle`, { note: '核查' })).statusCode).toBe(403);
    expect((await post(officer, `/api/flags/${flag.id}/handle`, { note: '核查' })).statusCode).toBe(403);

    await ok(post(supervisor, `/api/flags/${flag.id}/handle`, { note: '已核查' }));
    const again = await post(supervisor, `/api/flags/${flag.id}/handle`, { note: '再次核查' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'FLAG_ALREADY_HANDLED' });
    expect(errorOf(again).message).toMatch(/已处理/);
    expect(await count()).toBe(before + 1);
  });
});
