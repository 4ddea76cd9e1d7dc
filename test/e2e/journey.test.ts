import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
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

  it('PLT-06 a wrong password shows the Chinese error', async () => {
    await page.goto(`${base}/app/`);
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
    await certDialog.getByLabel('有效期自').fill('2026-01-01');
    await certDialog.getByLabel('有效期至').fill('2030-12-31');
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

  it('PLT-03 the workbench runs under its strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
