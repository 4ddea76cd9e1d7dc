import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { creditCodeCheckChar } from '../src/domain/identity';
import { buildApp } from '../src/http/app';
import { seedDemo } from '../src/services/seed-service';
import { login } from './app';
import { zhifa } from './cli';

const ORG_CODE = '91310118MA1JL0000' + creditCodeCheckChar('91310118MA1JL0000');

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
      const admin = await login(app, 'admin');
      const officer = await login(app, 'officer1');
      const keeper = await login(app, 'keeper');
      const get = (url: string) => app.inject({ url, headers: admin.headers });
      const post = async (s: typeof admin, url: string, payload: object = {}) => {
        const r = await app.inject({ method: 'POST', url, headers: s.headers, payload });
        if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
        return r.json<Record<string, unknown>>();
      };
      const officers = (await get('/api/officers')).json<{ items: Array<{ id: string; name: string }> }>()
        .items;
      const items = (await get('/api/power-items')).json<Array<{ id: string; code: string }>>();
      const unit = (await get('/api/units'))
        .json<{ items: Array<{ id: string; name: string }> }>()
        .items.find((u) => u.name === '执法科')!;
      const c = await post(officer, '/api/cases', {
        actType: 'penalty',
        procedure: 'simplified',
        title: '未按规定设置民防工程标识案',
        powerItemId: items.find((i) => i.code === 'QPMF-CF-003')!.id,
        party: {
          kind: 'organisation',
          name: '上海某某物业管理有限公司',
          idType: 'creditCode',
          idNumber: ORG_CODE,
          legalRepresentative: '孙某',
          phone: '021-59720000',
          address: '上海市青浦区盈港东路1号',
        },
        unitId: unit.id,
        officerIds: officers.filter((o) => ['王建国', '李明'].includes(o.name)).map((o) => o.id),
        sanction: { kinds: ['fine'], fine: 300_000, confiscated: 0 },
      });
      const caseId = c.id as string;
      for (const action of ['serve', 'execute', 'close'])
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
