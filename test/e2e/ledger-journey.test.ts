import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { shanghaiDate } from '../../src/domain/shanghai-time';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { launchBrowser, screenshot, startServer, workbench } from './browser';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const BASE17 = '91310118MA1JL0001';

/** What a person sees must be Chinese: no ids, no JSON, no action codes (PLT-06). */
function expectReadable(text: string, where: string) {
  expect(text, `${where}: a UUID`).not.toMatch(UUID);
  expect(text, `${where}: JSON`).not.toContain('{"');
  expect(text, `${where}: an action code`).not.toMatch(/@\d/);
}

/**
 * The 留痕 screens and the supervisor's list in Chromium (PLT-04, PLT-06, REC-11): a case made
 * through the API by officer 王建国 (filing, a field inspection completed without AV, so flagged),
 * its 留痕 tab, the supervisor handling the flag, and the whole ledger — all read in Chinese.
 */
describe('PLT-06 REC-11 the 留痕 screens and the 监督清单 in the workbench', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let officerCtx: BrowserContext;
  let supervisorCtx: BrowserContext;
  let page: Page;
  let caseId = '';
  let caseNumber = '';
  const { dialog, submit } = workbench(() => page);

  /** Signs in through the API in this browser context; returns the CSRF header for changes. */
  async function apiLogin(ctx: BrowserContext, username: string) {
    const r = await ctx.request.post(`${base}/api/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(r.status()).toBe(200);
    return { 'x-csrf-token': ((await r.json()) as { csrfToken: string }).csrfToken };
  }

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    officerCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    supervisorCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });

    // The case, through the API as the officer: filed, a field inspection completed without AV.
    const headers = await apiLogin(officerCtx, 'officer1');
    const req = officerCtx.request;
    const json = async <T>(p: ReturnType<typeof req.get>) => {
      const r = await p;
      expect(r.ok(), await r.text()).toBe(true);
      return (await r.json()) as T;
    };
    const officers = (
      await json<{ items: Array<{ id: string; name: string }> }>(req.get(`${base}/api/officers`))
    ).items;
    const officerId = (name: string) => officers.find((o) => o.name === name)!.id;
    const items = await json<Array<{ id: string; code: string }>>(req.get(`${base}/api/power-items`));
    const units = (await json<{ items: Array<{ id: string; name: string }> }>(req.get(`${base}/api/units`)))
      .items;
    const filed = await json<{ id: string; number: string }>(
      req.post(`${base}/api/cases`, {
        headers,
        data: {
          actType: 'penalty',
          procedure: 'ordinary',
          title: '擅自改变人防工程用途案',
          // The Beijing date of two hours ago: the step an hour ago is never before the filing.
          filedOn: shanghaiDate(new Date(Date.now() - 2 * 3600_000)),
          powerItemId: items.find((i) => i.code === 'QPMF-CF-002')!.id,
          party: {
            kind: 'organisation',
            name: '上海某某商贸有限公司',
            idType: 'creditCode',
            idNumber: BASE17 + creditCodeCheckChar(BASE17),
            legalRepresentative: '钱某',
            phone: '021-59721234',
            address: '上海市青浦区华新镇华志路100号',
          },
          unitId: units.find((u) => u.name === '执法科')!.id,
          officerIds: [officerId('王建国'), officerId('李明')],
        },
      }),
    );
    caseId = filed.id;
    caseNumber = filed.number;
    const step = await json<{ id: string }>(
      req.post(`${base}/api/cases/${caseId}/steps`, {
        headers,
        data: {
          kind: 'inspection',
          occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
          place: '上海市青浦区华志路100号地下室',
          notes: '现场检查人防工程使用情况',
          officerIds: [officerId('王建国'), officerId('李明')],
          inField: true,
          contactWithParty: true,
        },
      }),
    );
    await json(
      req.post(`${base}/api/steps/${step.id}/complete`, {
        headers,
        data: { avMissingReason: '执法记录仪电量耗尽，已制作书面笔录' },
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
      await screenshot(page, `ledger-failed-${name}`).catch(() => undefined);
    }
  });

  it('PLT-06 the case 留痕 tab reads in Chinese, its details expand as label and value, never JSON', async () => {
    page = await officerCtx.newPage();
    await page.goto(`${base}/app/cases/${encodeURIComponent(caseId)}`);
    await page.getByRole('tab', { name: '留痕' }).click();
    const ledger = page.getByRole('table', { name: '留痕记录' });
    const rows = ledger.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const text = (await rows.allTextContents()).join('\n');
    for (const label of ['立案', '记录执法环节', '完成执法环节', '王建国']) expect(text).toContain(label);
    // Expand the filing and the completed step.
    for (const label of ['立案', '完成执法环节']) {
      await rows.filter({ hasText: label }).first().getByRole('button', { name: /展开/ }).click();
    }
    const details = ledger.locator('.zf-ledger-details');
    await expect.poll(() => details.count()).toBe(2);
    const shown = (await details.allInnerTexts()).join('\n');
    for (const s of ['执法行为', '行政处罚', '普通程序', '执法人员', '王建国、李明', '缺少音像记录', '理由'])
      expect(shown).toContain(s);
    await screenshot(page, 'ledger-01-case-tab');
    expectReadable(await page.locator('.zf-content').innerText(), 'case 留痕 tab');
  });

  it('REC-11 the supervisor marks the flag handled (a note is required, in Chinese); it moves to 已处理 with who, when and the note', async () => {
    page = await supervisorCtx.newPage();
    await page.goto(`${base}/app/`);
    await page.getByLabel('用户名').fill('supervisor');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: /监督清单/ }).click();
    const list = page.getByRole('table', { name: '监督事项' });
    const row = list.locator('tbody tr.ant-table-row', { hasText: caseNumber });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('应同步音像记录而未记录');
    await screenshot(page, 'ledger-02-flags-open');
    await row.getByRole('button', { name: '标记已处理' }).click();
    const d = await dialog(/^处理监督事项/);
    await submit(d, '标记已处理');
    await expect.poll(() => d.textContent()).toContain('请填写处理情况');
    await d.getByLabel('处理情况').fill('已约谈执法人员，设备电量管理已整改');
    await submit(d, '标记已处理');
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('处理状态').locator('.ant-segmented-item', { hasText: '已处理' }).click();
    const handled = list.locator('tbody tr.ant-table-row', { hasText: caseNumber });
    await expect.poll(() => handled.count()).toBe(1);
    const t = (await handled.textContent()) ?? '';
    expect(t).toContain('已约谈执法人员，设备电量管理已整改');
    expect(t).toContain('吴敏');
    await screenshot(page, 'ledger-03-flags-handled');
    expectReadable(await page.locator('.zf-content').innerText(), '监督清单');
  });

  it('PLT-06 the whole ledger names people and cases, shows the handling, and its details expand in Chinese', async () => {
    await page.getByRole('menuitem', { name: /留痕记录/ }).click();
    const ledger = page.getByRole('table', { name: '留痕记录' });
    const rows = ledger.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    const handling = rows.filter({ hasText: '处理监督事项' }).first();
    expect(await handling.textContent()).toContain(caseNumber);
    await handling.getByRole('button', { name: /展开/ }).click();
    await rows.filter({ hasText: '立案' }).first().getByRole('button', { name: /展开/ }).click();
    const details = ledger.locator('.zf-ledger-details');
    await expect.poll(() => details.count()).toBe(2);
    const shown = (await details.allInnerTexts()).join('\n');
    expect(shown).toContain('已约谈执法人员，设备电量管理已整改');
    expect(shown).toContain('应同步音像记录而未记录');
    await screenshot(page, 'ledger-04-whole-ledger');
    expectReadable(await page.locator('.zf-content').innerText(), 'whole ledger');
  });
});
