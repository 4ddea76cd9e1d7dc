import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { csvLine, parseCsv } from '../../src/domain/csv';
import { chineseDate } from '../../src/domain/shanghai-time';
import { residentIdCheckChar } from '../../src/domain/identity';
import { makeScheduler, type Scheduler } from '../../src/jobs';
import type { Deps } from '../../src/services/deps';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { httpClient, login, ok, type Session } from '../app';
import { proceedings } from '../proceeding';
import { expectAccessible, launchBrowser, screenshot, startServer, workbench } from './browser';
import { startReceiver, type Received } from './receiver';

const ID17 = '31011819850317281';
const ID_NUMBER = ID17 + residentIdCheckChar(ID17);
const PARTY = '张伟';
const PHONE = '13812345678';
const ADDRESS = '上海市青浦区华新镇华志路8弄12号';
/** A person the decision's text names without a cue word: the preparer masks her by hand. */
const EMPLOYEE = '陈小红';
const EMPLOYEE_PHONE = '13912345678';
const CHARGED = '侵占人民防空工程';
const FACTS =
  `经查，当事人${PARTY}自2026年10月起在华新镇某仓库地下室${CHARGED}堆放杂物，` +
  `现场由其雇员${EMPLOYEE}配合检查，联系电话${EMPLOYEE_PHONE}。`;
/** Everything personal the case knows: none of it may appear on a public page. */
const PERSONAL = [PARTY, ID_NUMBER, PHONE, ADDRESS, '华志路8弄', EMPLOYEE, EMPLOYEE_PHONE];
const WITHDRAWAL_REASON = '该行政处罚决定经行政复议被撤销';

/**
 * 事后公示 in Chromium against the real server (issue 14, "Done when" 3): a penalty case of a
 * natural person is decided through the API; its publication item appears in 公示管理 with its due
 * date; officer 王建国 reviews the masking side by side, masks one more name and confirms; leader
 * 孙志强 publishes in his own session; the portal finds the decision by a two-character query and
 * by its 文号 and shows 张某 and no personal data; the decision is revoked, withdrawn with a reason
 * and the portal shows the withdrawal; a receiving platform on 127.0.0.1, configured through the
 * outbox API, got each delivery exactly once. Every page visited is checked with axe and
 * photographed at desktop width and at 390 px.
 */
describe('PUB-08 PUB-10 PUB-11 PUB-12 PUB-03 PUB-04 publication of a decision in the workbench and on the portal', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let deps: Deps;
  let base: string;
  let dir: string;
  let scheduler: Scheduler;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let officerPage: Page;
  let leaderPage: Page;
  let portalPage: Page;
  /** The page the workbench helpers act on. */
  let page: Page;
  let officer: Session;
  let leader: Session;
  let admin: Session;
  let caseId = '';
  let decisionNumber = '';
  let due = '';
  let publicUrl = '';
  const consoleErrors: string[] = [];
  const { dialog, submit, named } = workbench(() => page);
  const http = httpClient(() => app);
  let officerIds: string[] = [];
  const api = proceedings(() => app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => officerIds,
  });

  async function newPage(width = 1440): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 1000 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const p = await context.newPage();
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    p.setDefaultTimeout(15_000);
    return p;
  }

  async function logIn(p: Page, username: string): Promise<void> {
    await p.goto(`${base}/app/`);
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码').fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: '登录' }).click();
    await p.getByRole('button', { name: /退出登录/ }).waitFor();
  }

  /** The page as it stands, checked with axe and photographed at desktop width and at 390 px. */
  async function both(p: Page, name: string): Promise<void> {
    const size = p.viewportSize()!;
    await expectAccessible(p, name);
    await screenshot(p, `publication-${name}`);
    await p.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(p, `${name} (390 px)`);
    // Nothing is wider than the phone: no sideways scrolling of the whole page.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, `publication-${name}-390`);
    await p.setViewportSize(size);
  }

  /** The antd drawer with this title, once it has slid fully into view. */
  async function drawer(p: Page, title: string | RegExp): Promise<Locator> {
    const d = p.getByRole('dialog', { name: title });
    await d.waitFor();
    const width = p.viewportSize()!.width;
    await expect
      .poll(async () => {
        const box = await d.boundingBox();
        return box && Math.round(box.x + box.width);
      })
      .toBe(width);
    return d;
  }

  /** 公示管理, on the tab of this list; the row of the case's item. */
  async function openList(p: Page, tab: string): Promise<Locator> {
    await p.getByRole('menuitem', { name: /公示管理/ }).click();
    // antd draws the list buttons over hidden radios: click the visible button.
    await p
      .locator('label.ant-radio-button-wrapper')
      .filter({ hasText: new RegExp(`^${tab}`) })
      .click();
    const table = p.getByRole('table', { name: `${tab}的事项` });
    const row = table.locator('tr.ant-table-row', { hasText: '张某' });
    await expect.poll(() => row.count()).toBe(1);
    return row;
  }

  /** Runs the scheduler's due jobs once, after the outbox interval (1 s here) has passed. */
  async function runJobs(): Promise<string[]> {
    await new Promise((r) => setTimeout(r, 1_100));
    return scheduler.runDue();
  }

  /** What the platform got, by event: the `event` of each delivery's JSON body. */
  const eventsOf = (received: Received[]) =>
    received.map((r) => (JSON.parse(r.body) as { event: string }).event).sort();

  /** The text of a public page, with every personal datum the case knows checked absent. */
  async function withoutPersonalData(p: Page): Promise<string> {
    const text = (await p.locator('body').textContent()) ?? '';
    const html = await p.content();
    for (const s of PERSONAL) {
      expect(text, `public page shows ${s.slice(0, 1)}…`).not.toContain(s);
      expect(html).not.toContain(s);
    }
    return text;
  }

  beforeAll(async () => {
    ({ app, base, dir, deps } = await startServer({ ZHIFA_OUTBOX_INTERVAL: '1' }));
    const config = app.zhifaConfig;
    scheduler = makeScheduler({
      deps,
      config,
      blobs: await openBlobStore(config),
      transparency: loadTransparency(config),
    });
    receiver = await startReceiver();
    browser = await launchBrowser();
    officer = await login(app, 'officer1');
    leader = await login(app, 'leader');
    admin = await login(app, 'admin');
  }, 120_000);
  afterAll(async () => {
    await scheduler?.stop();
    await browser?.close();
    await app?.close();
    await receiver?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // A failed step leaves a picture of the page behind.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
      await screenshot(page, `publication-failed-${name}`).catch(() => undefined);
    }
  });

  it('setup through the API: the receiving platform is configured; a penalty case of 张伟 is decided and its decision issued', async () => {
    await ok(
      http.as(admin).post('/api/outbox/platforms', {
        name: '区政务公开平台',
        url: receiver.url,
        secret: 'journey-secret-0123456789abcdef',
      }),
      201,
    );

    const get = http.as(officer).get;
    const officers = new Map(
      (await ok<{ items: Array<{ id: string; name: string }> }>(get('/api/officers'))).items.map((o) => [
        o.name,
        o.id,
      ]),
    );
    const item = (await ok<Array<{ id: string; code: string }>>(get('/api/power-items'))).find(
      (i) => i.code === 'QPMF-CF-005',
    )!;
    const unit = (await ok<{ items: Array<{ id: string; name: string }> }>(get('/api/units'))).items.find(
      (u) => u.name === '执法科',
    )!;
    officerIds = [officers.get('王建国')!, officers.get('李明')!];
    const c = await ok<{ id: string }>(
      http.as(officer).post('/api/cases', {
        actType: 'penalty',
        procedure: 'ordinary',
        title: '侵占人民防空工程案',
        powerItemId: item.id,
        party: {
          kind: 'person',
          name: PARTY,
          idType: 'residentId',
          idNumber: ID_NUMBER,
          phone: PHONE,
          address: ADDRESS,
        },
        unitId: unit.id,
        officerIds,
        chargedViolations: [CHARGED],
      }),
      201,
    );
    caseId = c.id;
    // A warning and ¥2,000 (within the band for a natural person); the decision's reasons, as the
    // leader approved them, name the party's employee and her phone: the text that is published.
    const sanction = { kinds: ['warning', 'fine'], fine: 200_000, confiscated: 0 };
    await api.runTo(caseId, 'noticed', { sanction });
    await api.approve(caseId, 'decision', { outcome: 'penalty', sanction, reasons: FACTS });
    await api.act(caseId, { action: 'decide', partyWaived: true });
    decisionNumber = (await api.issue(caseId, 'penaltyDecision')).number!;
    expect(decisionNumber).toMatch(/^青国动罚字〔\d{4}〕第\d+号$/);

    // The due date the rule gives: 7 working days after the decision (PUB-09), by the calendar.
    const { dates } = await ok<{ dates: { decidedOn: string } }>(get(`/api/cases/${caseId}`));
    due = (
      await ok<{ date: string }>(get(`/api/calendar/deadline?date=${dates.decidedOn}&days=7&kind=working`))
    ).date;
  });

  it('PUB-08 PUB-10 the decided case appears in 公示管理 (待公示) with its due date, working days left and who is responsible', async () => {
    officerPage = page = await newPage();
    await logIn(page, 'officer1');
    const row = await openList(page, '待公示');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(chineseDate(due));
    expect(text).toMatch(/剩 \d+ 个工作日|今日到期/);
    // The 文号 is taken when the decision document is issued: the preparer fills it in.
    expect(text).toContain('文号待填');
    expect(text).toContain('执法科');
    expect(text).toContain('王建国');
    // The list never shows the party's full name.
    expect(text).not.toContain(PARTY);
    await both(page, '01-pending');
  });

  it('PUB-11 the officer reviews original and masked text side by side, masks a name the rules could not know, and confirms', async () => {
    const row = page
      .getByRole('table', { name: '待公示的事项' })
      .locator('tr.ant-table-row', { hasText: '张某' });
    await row.getByRole('button', { name: '张某' }).click();
    const d = await drawer(page, /^公示事项：/);
    const review = d.getByRole('region', { name: '脱敏核对' });
    const original = review.getByRole('group', { name: '违法事实（事由）原文' });
    const masked = review.getByRole('group', { name: '违法事实（事由）公示文本' });
    await expect.poll(() => original.textContent()).toContain(EMPLOYEE);
    // The automatic changes, highlighted on both sides: the party's name and the phone number.
    expect(await original.locator('mark').allTextContents()).toEqual(
      expect.arrayContaining([PARTY, EMPLOYEE_PHONE]),
    );
    expect(await masked.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['张某']));
    expect(await masked.textContent()).not.toContain(EMPLOYEE_PHONE);
    // The employee is named without a cue word: still in the masked text until the officer acts.
    expect(await masked.textContent()).toContain(EMPLOYEE);
    // An officer prepares; publishing is not his.
    expect(await d.getByRole('button', { name: named('发布') }).count()).toBe(0);
    await both(page, '02-review');

    await d.getByLabel('需要隐去的内容（每行一项）').fill(EMPLOYEE);
    await d.getByRole('button', { name: named('加入隐去') }).click();
    expect(await d.getByRole('group', { name: '补充隐去的内容' }).textContent()).toContain(EMPLOYEE);
    await d.getByLabel('决定书文号').fill(decisionNumber);
    await d.getByRole('button', { name: named('确认脱敏结果') }).click();
    await expect.poll(() => d.locator('.ant-descriptions').first().textContent()).toContain('王建国 于');
    // Confirmed: the name is masked too, and highlighted on both sides.
    await expect.poll(() => masked.textContent()).not.toContain(EMPLOYEE);
    expect(await original.locator('mark').allTextContents()).toContain(EMPLOYEE);
    await both(page, '03-confirmed');
  });

  it('PUB-02 the leader publishes it in his own session', async () => {
    leaderPage = page = await newPage();
    await logIn(page, 'leader');
    const row = await openList(page, '待公示');
    await row.getByRole('button', { name: '张某' }).click();
    const d = await drawer(page, /^公示事项：/);
    await d.getByRole('button', { name: named('发布') }).click();
    const confirm = await dialog(/^发布：/);
    await both(page, '04-publish');
    await submit(confirm, '发布');
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => d.textContent()).toContain('已公示');
    expect(await d.textContent()).toContain('孙志强 于');
    await both(page, '05-published');
    await d.getByRole('button', { name: /^(关闭|Close)$/ }).click();
    await openList(page, '已公示');
  });

  it('PUB-03 the outbox job delivers the publication to the receiving platform, signed, once', async () => {
    expect(await runJobs()).toContain('outbox');
    await expect.poll(() => eventsOf(receiver.received)).toEqual(['published']);
    const r = receiver.received[0]!;
    expect(r.method).toBe('POST');
    expect(r.headers['x-zhifa-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(r.headers['idempotency-key']).toBeTruthy();
    for (const s of PERSONAL) expect(r.body).not.toContain(s);
    expect(r.body).toContain('张某');
    // Another run sends nothing again.
    await runJobs();
    expect(receiver.received).toHaveLength(1);
  });

  it('PUB-04 PUB-11 the portal finds it by a two-character query and by its 文号, and shows 张某 and no personal data', async () => {
    portalPage = page = await newPage();
    await page.goto(`${base}/decisions`);
    await expectAccessible(page, 'portal decisions');
    await page.getByLabel('查询内容').fill('张某');
    await page.getByLabel('查询内容').press('Enter');
    await page.waitForURL(/q=/);
    const hit = page.getByRole('link', { name: decisionNumber });
    await expect.poll(() => hit.count()).toBe(1);
    await withoutPersonalData(page);
    await both(page, '06-portal-search');

    await page.getByLabel('查询内容').fill(decisionNumber);
    await page.getByLabel('查询内容').press('Enter');
    await expect.poll(() => page.getByRole('link', { name: decisionNumber }).count()).toBe(1);
    await page.getByRole('link', { name: decisionNumber }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(decisionNumber) }).waitFor();
    publicUrl = page.url();
    const text = await withoutPersonalData(page);
    expect(text).toContain('张某');
    expect(text).toContain(CHARGED);
    // 谁执法谁公示谁负责: the officer who made the decision is named as responsible.
    expect(text).toContain('王建国');
    await both(page, '07-portal-decision');
  });

  it('PUB-12 the officer records the revocation; the leader withdraws it with a reason; the portal shows the withdrawal', async () => {
    page = officerPage;
    await page.reload();
    const row = await openList(page, '已公示');
    await row.getByRole('button', { name: '张某' }).click();
    let d = await drawer(page, /^公示事项：/);
    await d.getByRole('button', { name: named('登记变更或撤销') }).click();
    const change = await dialog(/^登记变更或撤销：/);
    await change.getByLabel('决定被撤销').check();
    await change.getByLabel('情况说明').fill('经行政复议，青浦区人民政府撤销原处罚决定。');
    await both(page, '08-revocation');
    await submit(change, '登记');
    await change.waitFor({ state: 'detached' });
    await expect.poll(() => d.textContent()).toContain('待撤回');
    expect(await d.textContent()).toContain('决定被撤销');

    page = leaderPage;
    await page.reload();
    const due = await openList(page, '待撤回');
    await due.getByRole('button', { name: '张某' }).click();
    d = await drawer(page, /^公示事项：/);
    await d.getByRole('button', { name: named('撤回') }).click();
    const withdraw = await dialog(/^撤回：/);
    // The reason is required.
    await submit(withdraw, '撤回');
    await expect
      .poll(() => withdraw.locator('.ant-form-item-explain').textContent())
      .toContain('请填写撤回理由');
    await withdraw.getByLabel('撤回理由（公开）').fill(WITHDRAWAL_REASON);
    await both(page, '09-withdraw');
    await submit(withdraw, '撤回');
    await withdraw.waitFor({ state: 'detached' });
    await expect.poll(() => d.textContent()).toContain('已撤回');
    expect(await d.textContent()).toContain(WITHDRAWAL_REASON);
    await both(page, '10-withdrawn');

    page = portalPage;
    await page.goto(publicUrl);
    await page.getByRole('heading', { name: '本决定已撤回' }).waitFor();
    const text = await withoutPersonalData(page);
    expect(text).toContain(`撤回原因：${WITHDRAWAL_REASON}`);
    // The content is no longer shown.
    expect(text).not.toContain('堆放杂物');
    await both(page, '11-portal-withdrawn');
  });

  it('PUB-03 the receiving platform got all three deliveries — publication, revocation, withdrawal — each exactly once', async () => {
    await runJobs();
    await runJobs();
    await expect.poll(() => eventsOf(receiver.received)).toEqual(['changed', 'published', 'withdrawn']);
    const keys = receiver.received.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of receiver.received) for (const s of PERSONAL) expect(r.body).not.toContain(s);
    const body = (event: string) =>
      receiver.received.find((r) => r.body.includes(`"event":"${event}"`))!.body;
    expect(body('changed')).toContain('revoked');
    expect(body('withdrawn')).toContain(WITHDRAWAL_REASON);
  });

  it('PUB-08 the officer imports a decision made outside the platform: a file with a bad row is refused with its row number and nothing goes in; the corrected file goes in as 待公示', async () => {
    page = await newPage();
    await logIn(page, 'officer1');
    // The template as offered, its example row filled in as an office would.
    const tpl = await http.as(officer).get('/api/publications/import/template?format=csv');
    expect(tpl.statusCode).toBe(200);
    const [header, example] = parseCsv(tpl.body.replace(/^\uFEFF/, ''));
    const at = (name: string) => header!.indexOf(name);
    expect(at('决定日期')).toBeGreaterThanOrEqual(0);
    const row = [...example!];
    row[at('决定书文号')] = '青国动罚字〔2025〕第88号';
    const file = (cells: string[]) => ({
      name: '历史决定.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csvLine(header!)}${csvLine(cells)}`, 'utf8'),
    });
    const upload = async (cells: string[]) => {
      await page.getByRole('button', { name: named('导入决定') }).click();
      const d = await dialog('导入决定');
      await d.locator('input[type=file]').setInputFiles(file(cells));
      await submit(d, '导入');
      return d;
    };

    await page.getByRole('menuitem', { name: /公示管理/ }).click();
    const bad = [...row];
    bad[at('决定日期')] = '2025-02-30';
    const d = await upload(bad);
    const errors = d.getByRole('table', { name: '有误的行' });
    await expect.poll(() => errors.textContent()).toContain('第 2 行');
    expect(await errors.textContent()).toContain('决定日期');
    await both(page, '08-import-refused');
    await d.getByRole('button', { name: '取消' }).click();
    await d.waitFor({ state: 'detached' });

    const ok2 = await upload(row);
    await ok2.waitFor({ state: 'detached' });
    await page
      .locator('label.ant-radio-button-wrapper')
      .filter({ hasText: /^待公示/ })
      .click();
    const table = page.getByRole('table', { name: '待公示的事项' });
    await expect
      .poll(() => table.locator('tr.ant-table-row', { hasText: '青国动罚字〔2025〕第88号' }).count())
      .toBe(1);
  });

  it('PLT-03 the publication pages run under the strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
