import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore, openReady } from '../src/bootstrap';
import { runDisposals } from '../src/services/retention-service';
import { loadConfig } from '../src/config';
import { creditCodeCheckChar } from '../src/domain/identity';
import { buildApp } from '../src/http/app';
import { seedDemo } from '../src/services/seed-service';
import { demoOffice, httpClient, login, TestClock, tusUpload } from './app';
import { zhifa } from './cli';
import { proceedings } from './proceeding';

const ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');
const CLIP = fs.readFileSync(path.resolve(import.meta.dirname, 'fixtures/clip.mp4'));

type App = Awaited<ReturnType<typeof buildApp>>;
type Session = Awaited<ReturnType<typeof login>>;

/** What the demo office offers a test, read through the API, and a POST that must succeed. */
async function office(app: App) {
  const admin = await login(app, 'admin');
  const http = httpClient(app);
  const post = async (s: Session, url: string, payload: object = {}) => {
    const r = await http.post(s, url, payload);
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json<Record<string, unknown>>();
  };
  const demo = await demoOffice(app, admin);
  const officers = [demo.officers.get('王建国')!, demo.officers.get('李明')!];
  /** Files a case for the same organisation party with 王建国 and 李明. */
  const file = (
    officer: Session,
    c: { actType: string; procedure: string; title: string; item: string; sanction?: object },
  ) =>
    post(officer, '/api/cases', {
      actType: c.actType,
      procedure: c.procedure,
      title: c.title,
      powerItemId: demo.items.get(c.item),
      party: {
        kind: 'organisation',
        name: '上海某某物业管理有限公司',
        idType: 'creditCode',
        idNumber: ORG_CODE,
        legalRepresentative: '孙某',
        phone: '021-59720000',
        address: '上海市青浦区盈港东路1号',
      },
      unitId: demo.unitId,
      officerIds: officers,
      ...(c.sanction && { sanction: c.sanction }),
    });
  return { post, officers, recorders: demo.recorders, file };
}

/**
 * `zhifa archive export` against a data directory the server wrote (SQLite file, local blobs),
 * then `zhifa archive verify` on the package with the office's own key — no database involved.
 */
describe('REC-08 zhifa archive export and verify', () => {
  let dir = '';
  let archiveNumber = '';
  const env = () => ({ ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-archive-cli-'));
    const config = loadConfig(env());
    const { database, deps } = await openReady(config);
    await seedDemo(deps);
    const app = await buildApp({ config, database });
    try {
      const officer = await login(app, 'officer1');
      const keeper = await login(app, 'keeper');
      const leader = await login(app, 'leader');
      const { post, officers, file: fileCase } = await office(app);
      const p = proceedings(() => app, {
        officer: () => officer,
        leader: () => leader,
        officerIds: () => officers,
      });
      const c = await fileCase(officer, {
        actType: 'penalty',
        procedure: 'simplified',
        title: '未按规定设置民防工程标识案',
        item: 'QPMF-CF-003',
        sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 },
      });
      const caseId = c.id as string;
      await post(officer, `/api/cases/${caseId}/transitions`, { action: 'serve' });
      await p.pay(caseId, 300_000); // 执行 waits for the payment (issue 12)
      for (const action of ['execute', 'close'])
        await post(officer, `/api/cases/${caseId}/transitions`, { action });
      const file = (
        await app.inject({ url: `/api/cases/${caseId}/case-file`, headers: keeper.headers })
      ).json<{
        id: string;
      }>();
      const accepted = await post(keeper, `/api/case-files/${file.id}/accept`, {
        note: '当场处罚决定书为纸质，另存',
      });
      archiveNumber = accepted.archiveNumber as string;
    } finally {
      await app.close();
      await database.destroy();
    }
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('REC-08 exports the package as the records keeper and verifies it offline with the office key; bad usage exits 2', async () => {
    const zip = path.join(dir, 'package.zip');
    const exported = await zhifa(
      [
        'archive',
        'export',
        '--archive-number',
        archiveNumber,
        '--user',
        'keeper',
        '--purpose',
        '移交档案馆',
        '--out',
        zip,
      ],
      env(),
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(archiveNumber);
    const verified = await zhifa(['archive', 'verify', zip], env());
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('完好 intact');

    const officer = await zhifa(
      [
        'archive',
        'export',
        '--archive-number',
        archiveNumber,
        '--user',
        'officer1',
        '--purpose',
        '查阅',
        '--out',
        `${zip}.2`,
      ],
      env(),
    );
    expect(officer.code).toBe(1);
    expect(officer.stderr).toContain('无权导出');
    expect(fs.existsSync(`${zip}.2`)).toBe(false);
    const usage = await zhifa(['archive', 'export', '--user', 'keeper'], env());
    expect(usage.code).toBe(2);
    const again = await zhifa(
      [
        'archive',
        'export',
        '--archive-number',
        archiveNumber,
        '--user',
        'keeper',
        '--purpose',
        '再次',
        '--out',
        zip,
      ],
      env(),
    );
    expect(again.code).toBe(2); // never overwrites
  }, 60_000);
});

/**
 * REC-10 end to end on a data directory: an inspection video recorded 13 months ago is disposed of
 * after both approvals and the undo window (a controlled clock), and then `zhifa verify` — a
 * separate process reading the same directory — reports the content as disposed, not missing.
 */
describe('REC-10 disposal, then zhifa verify', () => {
  let dir = '';
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('REC-10 a 13-month-old inspection video is disposed after approval and the undo window; zhifa verify passes and counts it as disposed', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-retention-cli-'));
    const env = { ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    const { database, deps } = await openReady(config);
    const clock = new TestClock(new Date('2025-10-20T02:00:00Z'));
    await seedDemo({ ...deps, clock });
    const app = await buildApp({ config, database, clock });
    try {
      let officer = await login(app, 'officer1');
      const { post, officers, recorders, file: fileCase } = await office(app);
      const c = await fileCase(officer, {
        actType: 'inspection',
        procedure: 'standard',
        title: '民防工程使用情况检查',
        item: 'QPMF-JC-001',
      });
      const caseId = c.id as string;
      await post(officer, `/api/cases/${caseId}/transitions`, { action: 'startInspection' });
      const step = await post(officer, `/api/cases/${caseId}/steps`, {
        kind: 'inspection',
        occurredAt: '2025-10-20T09:30:00+08:00',
        place: '上海市青浦区盈港东路1号地下车库',
        notes: '检查人防工程平时使用情况',
        officerIds: officers,
        inField: true,
        contactWithParty: true,
      });
      const uploadId = await tusUpload(app, officer, CLIP, '现场检查.mp4', 'video/mp4');
      const video = await post(officer, `/api/steps/${step.id as string}/records`, {
        uploadId,
        kind: 'video',
        protection: 'internal',
        av: {
          recorderId: recorders.get('QP-JLY-001'),
          officerIds: officers,
          startedAt: '2025-10-20T09:30:00+08:00',
          endedAt: '2025-10-20T09:42:00+08:00',
          place: '上海市青浦区盈港东路1号地下车库',
        },
      });
      await post(officer, `/api/steps/${step.id as string}/complete`);
      await post(officer, `/api/cases/${caseId}/transitions`, {
        action: 'recordResult',
        result: 'compliant',
      });
      await post(officer, `/api/cases/${caseId}/transitions`, { action: 'close' });

      // Thirteen months later: listed, approved by both roles, disposed after the undo window.
      clock.current = new Date('2026-11-25T02:00:00Z');
      officer = await login(app, 'officer1');
      const keeper = await login(app, 'keeper');
      const leader = await login(app, 'leader');
      const due = (await app.inject({ url: '/api/retention?status=due', headers: keeper.headers })).json<{
        items: Array<{ recordId: string }>;
      }>();
      expect(due.items.map((i) => i.recordId)).toEqual([video.id]);
      await post(keeper, `/api/records/${video.id as string}/disposal/approve`);
      await post(leader, `/api/records/${video.id as string}/disposal/approve`);
      const blobs = await openBlobStore(config);
      expect((await runDisposals({ ...deps, clock, blobs })).disposed).toEqual([]); // undo window
      clock.advance(7 * 86_400_000 + 60_000);
      expect((await runDisposals({ ...deps, clock, blobs })).disposed).toEqual([video.id]);
    } finally {
      await app.close();
      await database.destroy();
    }
    // Nothing is left for the job; then the verifier, in its own process, finds all in order.
    const run = await zhifa(['retention', 'run'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('已处置 disposed 0');
    const verified = await zhifa(['verify', '--json'], env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ intact: true, problems: [], disposed: 1 });
  }, 60_000);
});
