import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { httpClient, login, ok, type Session } from '../app';
import { proceedings } from '../proceeding';
import { expectAccessible, launchBrowser, screenshot, startServer, workbench } from './browser';

const BASE17 = '91310118MA1JL0000';
const CREDIT_CODE = BASE17 + creditCodeCheckChar(BASE17);
const PARTY = '上海青浦某某商贸有限公司';
const TITLE = '出租未经竣工验收的民防工程案';
const PLACE = '上海市青浦区盈港东路100号地下一层';

/**
 * The case page on a phone (390 × 844): officer 王建国, assigned to a case under investigation,
 * opens it from the case list in the field, reads its deadlines, records a step and uploads a
 * photo to it — every page checked with axe-core and photographed.
 */
describe('REC-01 PLT-06 a field officer works a case on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let page: Page;
  let officer: Session;
  let caseNumber = '';
  const consoleErrors: string[] = [];
  const { dialog, named, submit } = workbench(() => page);
  const { post, get } = httpClient(() => app).as(() => officer);

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.setDefaultTimeout(15_000);
    officer = await login(app, 'officer1');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // A failed step leaves a picture of the page behind.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
      await screenshot(page, `phone-failed-${name}`).catch(() => undefined);
    }
  });

  /** Nothing on the page is wider than the phone: no sideways scrolling of the whole page. */
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  it('setup through the API: officer1 files an ordinary-procedure penalty, the leader approves the filing and the investigation starts', async () => {
    const officers = new Map(
      (await ok<{ items: Array<{ id: string; name: string }> }>(get('/api/officers'))).items.map((o) => [
        o.name,
        o.id,
      ]),
    );
    const item = (await ok<Array<{ id: string; code: string }>>(get('/api/power-items'))).find(
      (i) => i.code === 'QPMF-CF-002',
    )!;
    const unit = (await ok<{ items: Array<{ id: string; name: string }> }>(get('/api/units'))).items.find(
      (u) => u.name === '执法科',
    )!;
    const c = await ok<{ id: string; number: string }>(
      post('/api/cases', {
        actType: 'penalty',
        procedure: 'ordinary',
        title: TITLE,
        powerItemId: item.id,
        party: {
          kind: 'organisation',
          name: PARTY,
          idType: 'creditCode',
          idNumber: CREDIT_CODE,
          legalRepresentative: '钱某',
          phone: '021-59721234',
          address: '上海市青浦区盈港东路100号',
        },
        unitId: unit.id,
        officerIds: [officers.get('王建国'), officers.get('李明')],
      }),
      201,
    );
    caseNumber = c.number;
    // The leader's 立案审批, then the investigation starts (issue 12).
    const leader = await login(app, 'leader');
    const p = proceedings(() => app, {
      officer: () => officer,
      leader: () => leader,
      officerIds: () => [officers.get('王建国')!, officers.get('李明')!],
    });
    expect((await p.runTo(c.id, 'investigating')).state).toBe('investigating');
  });

  it('signs in on the phone, lands on 待办 and opens the case from the case list through the folded menu', async () => {
    await page.goto(`${base}/app/`);
    await page.getByLabel('用户名').waitFor();
    await expectAccessible(page, 'phone login');
    await page.getByLabel('用户名').fill('officer1');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // An officer lands on 待办; the menu is folded: the content has the phone's whole width.
    await page.waitForURL(`${base}/app/`);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.isVisible()).toBe(false);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    // The menu button unfolds it; choosing 案件 opens the case list and folds it away again.
    await page.getByRole('button', { name: '主菜单' }).click();
    await menu.getByRole('link', { name: '案件', exact: true }).click();
    await page.waitForURL(/\/app\/cases$/);
    await expect.poll(() => menu.isVisible()).toBe(false);
    const link = page.getByRole('link', { name: caseNumber });
    await link.waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-01-case-list');
    await expectAccessible(page, 'phone case list');
    await link.click();
    await page.waitForURL(/\/app\/cases\/[^/]+$/);
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain(caseNumber);
  });

  it('reads the case and its deadlines on the phone', async () => {
    const deadlines = page.getByRole('region', { name: '期限' });
    await expect.poll(() => deadlines.textContent()).toContain('作出处罚决定');
    // The deadlines fit the phone: no sideways scrolling to read a due date.
    const box = (await deadlines.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    const card = page.locator('.ant-card', { hasText: TITLE });
    expect(await card.textContent()).toContain(PARTY);
    expect(await card.textContent()).toContain('王建国（主办）');
    await screenshot(page, 'phone-02-case');
    await expectAccessible(page, 'phone case page');
    // What the officer reads is Chinese for people: no UUID, no raw JSON (issue 12).
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toMatch(/\{"|@1\b/);
  });

  it('records a field inspection step in a form that fits the phone', async () => {
    await page.getByRole('button', { name: '记录执法环节' }).click();
    const d = await dialog('记录执法环节');
    const box = (await d.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await d.getByLabel('地点').fill(PLACE);
    await d.getByLabel('情况记录').fill('现场检查人防工程使用情况，拍摄现场照片。');
    await screenshot(page, 'phone-03-step-form');
    await expectAccessible(page, 'phone step form');
    await submit(d, '记录');
    await d.waitFor({ state: 'detached' });
    const step = page.getByLabel(/^执法环节 检查/);
    await expect.poll(() => step.textContent()).toContain('进行中');
    expect(await step.textContent()).toContain(PLACE);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
  });

  it('REC-01 uploads a photo to the step; it is listed on the step', async () => {
    // A real JPEG, taken by the browser itself.
    const shot = await browser.newPage({ viewport: { width: 320, height: 240 } });
    await shot.setContent(
      '<div style="width:320px;height:240px;background:#6b8e23;color:#fff;font:32px sans-serif;display:flex;align-items:center;justify-content:center">现场照片</div>',
    );
    const jpeg = await shot.screenshot({ type: 'jpeg', quality: 80 });
    await shot.close();

    const step = page.getByLabel(/^执法环节 检查/);
    await step.getByRole('button', { name: '上传记录' }).click();
    const d = await dialog(/^上传记录：检查/);
    await d
      .locator('input[type=file]')
      .setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await expect
      .poll(() => d.locator('.ant-form-item', { hasText: '记录类型' }).textContent())
      .toContain('照片');
    await screenshot(page, 'phone-04-upload-form');
    await expectAccessible(page, 'phone upload form');
    await submit(d, '上传');
    await d.waitFor({ state: 'detached' });
    const records = step.getByLabel('检查环节的记录资料');
    await expect.poll(() => records.textContent()).toContain('现场照片.jpg');
    expect(await records.textContent()).toContain('照片');
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-05-photo-uploaded');
    await expectAccessible(page, 'phone case page with the photo');
    await step.getByRole('button', { name: named('完成') }).click();
    await expect.poll(() => step.textContent()).toContain('已完成');
  });

  it("opens the photo's record in a drawer as wide as the phone", async () => {
    const step = page.getByLabel(/^执法环节 检查/);
    await step.getByLabel('检查环节的记录资料').getByRole('button', { name: '现场照片.jpg' }).click();
    const drawer = page.getByRole('dialog', { name: /^记录资料：现场照片\.jpg/ });
    await drawer.waitFor();
    await expect
      .poll(async () => {
        const box = await drawer.boundingBox();
        return box && [Math.round(box.x), Math.round(box.width)];
      })
      .toEqual([0, 390]);
    await screenshot(page, 'phone-06-record-drawer');
    await expectAccessible(page, 'phone record drawer');
  });

  it('PLT-03 the phone pages run under the strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
