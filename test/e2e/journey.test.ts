import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { demoFiling, demoOffice, demoOrgParty, login } from '../app';
import { expectAccessible, launchBrowser, renderedFont, screenshot, startServer, workbench } from './browser';

/**
 * Browser journeys in Debian Chromium against the real server and the built workbench.
 * Screenshots are saved under test-output/screenshots.
 */
describe('workbench and portal in Chromium', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let page: Page;
  const consoleErrors: string[] = [];
  const { dialog, pick, submit } = workbench(() => page);

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PLT-05 keys typed while the session check is still out are kept in the login form', async () => {
    // Hold the session check until the user has typed: the form must already take the keys.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/auth/me', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/app/`);
    const username = page.getByLabel('用户名');
    await expect.poll(() => username.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('admin');
    release();
    await page.waitForResponse('**/api/auth/me');
    await page.unroute('**/api/auth/me');
    expect(await username.inputValue()).toBe('admin');
    await page.getByLabel('密码').focus();
    await page.keyboard.type('x');
    expect(await page.getByLabel('密码').inputValue()).toBe('x');
  });

  it('PLT-05 PLT-06 empty fields say what is missing, in Chinese', async () => {
    await page.getByLabel('用户名').fill('');
    await page.getByLabel('密码').fill('');
    await page.getByRole('button', { name: '登录' }).click();
    const explain = page.locator('.ant-form-item-explain-error');
    await expect.poll(() => explain.allTextContents()).toEqual(['请输入用户名', '请输入密码']);
    await screenshot(page, '00-login-empty-fields');
  });

  it('PLT-06 a wrong password shows the Chinese error', async () => {
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await screenshot(page, '01-login-wrong-password');
    await expectAccessible(page, 'login with an error');
  });

  it('PLT-03 PUB-06 admin creates a unit and an officer with a certificate, suspends it, and the public page says 已暂停', async () => {
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: /组织机构/ }).click();

    // A new unit.
    await page.getByRole('button', { name: /新建科室/ }).click();
    const unitDialog = page.getByRole('dialog', { name: '新建科室' });
    await unitDialog.getByLabel('名称').fill('稽查科');
    await unitDialog.getByRole('button', { name: '新建' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '稽查科' }).count()).toBe(1);
    await screenshot(page, '02-units');
    await expectAccessible(page, 'units');

    // A new officer in it.
    await page.getByRole('menuitem', { name: /执法人员/ }).click();
    await page.getByRole('button', { name: /新增执法人员/ }).click();
    const officerDialog = page.getByRole('dialog', { name: '新增执法人员' });
    await officerDialog.getByLabel('姓名').fill('郑浩然');
    await officerDialog.getByLabel('科室').click();
    await page.locator('.ant-select-item-option', { hasText: '稽查科' }).click();
    await officerDialog.getByLabel('职务').fill('科员');
    await expectAccessible(page, 'new officer dialog');
    await officerDialog.getByRole('button', { name: '新增' }).click();

    // The officer's drawer opens: issue a certificate.
    const drawer = page.getByRole('dialog', { name: /执法人员：郑浩然/ });
    await drawer.getByRole('button', { name: /新增执法证/ }).click();
    const certDialog = page.getByRole('dialog', { name: '新增执法证' });
    await certDialog.getByLabel('证件编号').fill('31011866001');
    const domains = certDialog.getByLabel('执法领域');
    await domains.fill('民防工程建设');
    await domains.press('Enter');
    // 有效期自: picked in the zh_CN calendar (the first day of the month it opens on).
    await certDialog.getByLabel('有效期自').click();
    const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await panel.waitFor();
    expect(await panel.locator('.ant-picker-header').textContent()).toMatch(/\d{4}年\s*\d{1,2}月/);
    expect(await panel.locator('thead').textContent()).toBe('一二三四五六日');
    await screenshot(page, '03a-date-picker-zh-cn');
    await panel.locator('td.ant-picker-cell-in-view').first().click();
    expect(await certDialog.getByLabel('有效期自').inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    // 有效期至: typed, in the Chinese form too.
    await certDialog.getByLabel('有效期至').fill('2030年12月31日');
    await certDialog.getByLabel('有效期至').press('Tab');
    expect(await certDialog.getByLabel('有效期至').inputValue()).toBe('2030-12-31');
    await certDialog.getByRole('button', { name: '新增' }).click();

    const cert = drawer.getByRole('region', { name: '执法证 31011866001' });
    await expect.poll(() => cert.textContent()).toContain('有效');
    await cert.getByRole('button', { name: '暂停' }).click();
    const suspendDialog = page.getByRole('dialog', { name: /暂停执法证 31011866001/ });
    await suspendDialog.getByLabel('原因').fill('涉嫌违规执法，暂停执法资格');
    await suspendDialog.getByRole('button', { name: '暂停' }).click();
    await expect.poll(() => cert.textContent()).toContain('已暂停');
    await screenshot(page, '03-officer-suspended');
    await expectAccessible(page, 'officer drawer');

    // The public verification page.
    const portal = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
    await portal.goto(`${base}/verify/certificate/31011866001`);
    const status = portal.getByRole('status');
    expect(await status.textContent()).toBe('已暂停');
    expect(await portal.locator('main').textContent()).toContain('郑浩然');
    await screenshot(portal, '04-portal-suspended');
    await expectAccessible(portal, 'portal certificate check');
    await portal.close();
  });

  it('PLT-06 Chinese renders in a CJK font in the workbench and the portal, not as tofu', async () => {
    // The signed-in workbench (its menu) and the public portal (its heading).
    const portal = await browser.newPage({ locale: 'zh-CN' });
    await portal.goto(`${base}/`);
    await expectAccessible(portal, 'portal home');
    for (const [p, selector] of [
      [page, '.ant-menu a'],
      [portal, 'main h1'],
    ] as const) {
      await p.waitForSelector(selector);
      const font = await renderedFont(p, selector);
      expect(font.families.join(','), selector).toMatch(
        /WenQuanYi|Noto Sans CJK|Source Han|Droid Sans Fallback/,
      );
      // Two CJK characters are two ems wide in a CJK font.
      expect(font.cjkWidthEm, selector).toBeGreaterThan(1.9);
      expect(font.cjkWidthEm, selector).toBeLessThan(2.1);
    }
    await portal.close();
  });

  it('REC-06 a video record plays and seeks in the browser through Range requests, each logged', async () => {
    const me = await page.request.get(`${base}/api/auth/me`);
    const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
    const clip = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/clip.mp4'));
    const up = await page.request.post(`${base}/api/records`, {
      headers: {
        'x-csrf-token': csrf,
        'content-type': 'video/mp4',
        'x-file-name': encodeURIComponent('执法记录仪.mp4'),
      },
      data: clip,
    });
    expect(up.status()).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const src = `/api/records/${id}/content?purpose=${encodeURIComponent('浏览器播放测试')}`;
    const played = await page.evaluate(async (url) => {
      const v = document.createElement('video');
      v.muted = true;
      v.preload = 'auto';
      document.body.appendChild(v);
      const once = (ev: string) =>
        new Promise<void>((resolve, reject) => {
          v.addEventListener(ev, () => resolve(), { once: true });
          v.addEventListener('error', () => reject(new Error(`video error ${v.error?.code ?? ''}`)), {
            once: true,
          });
        });
      v.src = url;
      await once('loadeddata');
      const duration = v.duration;
      v.currentTime = 3;
      await once('seeked');
      const at = v.currentTime;
      v.remove();
      return { duration, at };
    }, src);
    expect(played.duration).toBeGreaterThan(3.5);
    expect(played.at).toBeGreaterThan(2.5);
    const log = await page.request.get(`${base}/api/records/${id}/retrievals`);
    const items = ((await log.json()) as { items: Array<{ purpose: string; range: string | null }> }).items;
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((i) => i.purpose === '浏览器播放测试')).toBe(true);
    expect(items.some((i) => i.range !== null)).toBe(true);
  });

  it("PLT-06 every page of the administrator's menu meets WCAG 2.1 AA (axe-core)", async () => {
    const links = await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as const));
    expect(links.length).toBeGreaterThan(10);
    for (const [label, href] of links) {
      await page.goto(`${base}${href}`);
      await page.locator('.zf-page-head').first().waitFor();
      // Lists load after the page opens: wait for every loading veil to lift.
      await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
      await expectAccessible(page, label);
    }
  });

  it("PUB-05 PLT-05 the administrator reads the power items at 1440 px and adds one in a form in yuan; the server's benchmark check shows beside its field", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/app/power-items`);
    const table = page.getByRole('table', { name: '权力事项' });
    const rows = table.locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(4);
    // Readable at 1440 px: nothing scrolls sideways, long names end in an ellipsis.
    const overflow = await page
      .locator('.ant-table-content')
      .first()
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await screenshot(page, 'power-items-1440');
    await expectAccessible(page, 'power items');

    // Editing: the benchmark reads in yuan with Chinese labels.
    await rows.filter({ hasText: 'QPMF-CF-002' }).getByRole('button', { name: /编辑/ }).click();
    const edit = await dialog('编辑权力事项：QPMF-CF-002');
    expect(await edit.getByLabel('违法行为').inputValue()).toContain('出租、使用未经竣工验收');
    expect(await edit.getByLabel('法定幅度（法人或其他组织）：下限', { exact: true }).inputValue()).toBe(
      '10000',
    );
    expect(await edit.getByLabel('法定幅度（法人或其他组织）：上限', { exact: true }).inputValue()).toBe(
      '50000',
    );
    expect(await edit.textContent()).not.toMatch(/grades|organisation|"kind"/);
    await screenshot(page, 'power-items-edit-benchmark');
    await expectAccessible(page, 'benchmark editor');
    await edit.getByRole('button', { name: '取消' }).click();
    await edit.waitFor({ state: 'detached' });

    // Adding: a grade outside the statutory band is refused by the server, named on the grade's band.
    await page.getByRole('button', { name: /新增权力事项/ }).click();
    const d = await dialog('新增权力事项');
    await d.getByLabel('事项编码').fill('QPMF-CF-101');
    await d.getByLabel('事项名称').fill('对擅自拆除民防工程的行政处罚');
    await pick(d.getByLabel('责任部门'), '执法科');
    await d
      .getByLabel('法律依据')
      .fill('《上海市民防条例》第四十三条\n《中华人民共和国人民防空法》第四十九条');
    await d.getByLabel('违法行为').fill('擅自拆除民防工程');
    await d.getByLabel('处罚依据').fill('《上海市民防条例》第四十三条：对单位处一万元以上五万元以下罚款');
    await d.getByLabel('法定幅度（法人或其他组织）：下限', { exact: true }).fill('10000');
    await d.getByLabel('法定幅度（法人或其他组织）：上限', { exact: true }).fill('50000');
    const grade = d.getByRole('group', { name: '裁量等级 1' });
    await grade.getByLabel('适用情形').fill('拆除面积不足100平方米且及时改正的');
    await grade.getByLabel('罚款幅度（法人或其他组织）：下限', { exact: true }).fill('60000');
    await grade.getByLabel('罚款幅度（法人或其他组织）：上限', { exact: true }).fill('70000.5');
    await submit(d, '新增');
    const band = grade.locator('.ant-form-item', {
      has: page.getByLabel('罚款幅度（法人或其他组织）：下限', { exact: true }),
    });
    await expect
      .poll(() => band.locator('.ant-form-item-explain').textContent())
      .toContain('裁量幅度超出法定罚款幅度');
    await screenshot(page, 'power-items-new-error');
    await expectAccessible(page, 'new power item with an error');

    await grade.getByLabel('罚款幅度（法人或其他组织）：下限', { exact: true }).fill('10000');
    await grade.getByLabel('罚款幅度（法人或其他组织）：上限', { exact: true }).fill('20000.5');
    await submit(d, '新增');
    await d.waitFor({ state: 'detached' });
    const added = rows.filter({ hasText: 'QPMF-CF-101' });
    await expect.poll(() => added.count()).toBe(1);
    expect(await added.textContent()).toContain('法人或其他组织：10,000元至50,000元');
    expect(await added.textContent()).toContain('自然人：不设罚款');
    // Stored in fen.
    const items = (await (await page.request.get(`${base}/api/power-items`)).json()) as Array<{
      code: string;
      benchmark: { grades: Array<{ standard: { organisation?: { min: number; max: number } } }> };
    }>;
    const item = items.find((i) => i.code === 'QPMF-CF-101')!;
    expect(item.benchmark.grades[0]!.standard.organisation).toEqual({ min: 1_000_000, max: 2_000_050 });
    await screenshot(page, 'power-items-added');
  });

  it('PLT-06 PLT-05 an officer at 1440 px sees the case total, finds a party by part of its name, picks a filing date range, and a malformed case id is 案件不存在', async () => {
    // Three cases, filed through the API as officer1.
    const officer = await login(app, 'officer1');
    const office = await demoOffice(app, officer);
    const names = ['上海某某置业有限公司', '青浦置业发展有限公司', '上海青浦某某物业管理有限公司'];
    for (const [i, name] of names.entries()) {
      const base17 = `91310118MA1JL${String(i + 1).padStart(4, '0')}`;
      const r = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: officer.headers,
        payload: demoFiling(office, {
          party: demoOrgParty({ name, idNumber: base17 + creditCodeCheckChar(base17) }),
        }),
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const wide = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    wide.setDefaultTimeout(15_000);
    wide.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const { pick } = workbench(() => wide);
    await wide.goto(`${base}/app/`);
    await wide.getByLabel('用户名').fill('officer1');
    await wide.getByLabel('密码').fill(DEMO_PASSWORD);
    await wide.getByRole('button', { name: '登录' }).click();
    await wide.getByRole('menuitem', { name: /案件/ }).click();

    const total = wide.locator('.zf-list-total');
    await expect.poll(() => total.textContent()).toBe('共 3 件案件');
    expect(await wide.locator('.ant-breadcrumb').textContent()).toBe('工作台/案件');
    // 下一期限 is on screen, without scrolling the table sideways.
    const content = wide.locator('.ant-table-content').first();
    expect(await content.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const header = await wide.getByRole('columnheader', { name: '下一期限' }).boundingBox();
    expect(header!.x + header!.width).toBeLessThanOrEqual(1440);
    await screenshot(wide, '05-cases-total-1440');

    // A part of the name in the middle finds both 置业 companies.
    await wide.getByLabel('当事人名称').fill('置业');
    await wide.getByLabel('当事人名称').press('Enter');
    await expect.poll(() => total.textContent()).toBe('符合条件的案件共 2 件');
    const rows = wide.locator('.ant-table-tbody tr.ant-table-row');
    expect((await rows.allTextContents()).join()).toContain('青浦置业发展有限公司');
    await screenshot(wide, '06-cases-party-search');
    await wide.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => total.textContent()).toBe('共 3 件案件');

    // A filing-date range picked in the calendar: from the 1st of this month to today.
    await wide.getByLabel('立案日期自').click();
    const panel = wide.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    // A click while the calendar still slides in may be lost on a busy machine: waited out first.
    const sliding = wide.locator(
      '.ant-picker-dropdown[class*="slide-up-appear"], .ant-picker-dropdown[class*="slide-up-enter"]',
    );
    await panel.first().waitFor();
    await expect.poll(() => sliding.count()).toBe(0);
    await panel.locator('td.ant-picker-cell-in-view').first().click();
    await expect.poll(() => total.textContent()).toMatch(/^符合条件的案件共 [03] 件$/);
    // The first calendar closes (it may still be fading out on a busy machine) before the second opens.
    await expect.poll(() => panel.count()).toBe(0);
    await wide.getByLabel('立案日期至').click();
    await panel.last().waitFor();
    await expect.poll(() => sliding.count()).toBe(0);
    await panel.last().getByText('今天', { exact: true }).click();
    expect(await wide.getByLabel('立案日期至').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await screenshot(wide, '07-cases-date-range');
    await wide.getByRole('button', { name: '清除筛选' }).click();
    await pick(wide.getByLabel('案件状态'), /^立案$/);
    await expect.poll(() => total.textContent()).toBe('符合条件的案件共 3 件');

    // A malformed case id: 案件不存在, no 重试, and a way back to the list.
    await wide.goto(`${base}/app/cases/abc`);
    const main = wide.locator('.zf-content');
    await expect.poll(() => main.textContent()).toContain('案件不存在');
    expect(await main.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(await wide.locator('.ant-breadcrumb').textContent()).toBe('工作台/案件/案件详情');
    await screenshot(wide, '08-case-malformed-id');
    await wide.locator('.ant-breadcrumb').getByRole('link', { name: '案件' }).click();
    await wide.waitForURL(/\/app\/cases$/);
    await expect.poll(() => total.textContent()).toBe('共 3 件案件');
    await wide.close();
  });

  it('PLT-03 the workbench runs under its strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
