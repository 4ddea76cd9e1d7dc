import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../src/domain/dates';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { demoFiling, demoOffice, httpClient, login, ok, type Session } from '../app';
import { proceedings } from '../proceeding';
import { launchBrowser, screenshot, startServer } from './browser';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Raw JSON on a page: an object or list opening with a quoted key or value. */
const JSON_TEXT = /[{[]\s*"|"\s*:\s*["{[\d]/;

/**
 * The 待办 home page in Chromium against the real server, for each demo role (seed-service's
 * demo users): real cases filed, a step lacking AV, a draft, a flag and a terminated case made
 * through the API first. Each role's page is photographed at 1440 px; its text must be Chinese
 * for people — no UUID, no JSON.
 */
describe('PLT-07 REC-11 PLT-06 the 待办 page of each role', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let officer: Session;
  const numbers: Record<'late' | 'soon' | 'fresh' | 'ended', string> = {
    late: '',
    soon: '',
    fresh: '',
    ended: '',
  };

  /** The card of a section: its title, count and text. */
  const card = (page: Page, title: string) =>
    page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: title }) });

  async function pageAs(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/app/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
    return page;
  }

  /** The 待办 page, once its sections have loaded; checks its text and takes its picture. */
  async function todoPage(username: string, sections: string[]): Promise<Page> {
    const page = await pageAs(username);
    await page.waitForURL(`${base}/app/`);
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain('待办');
    for (const s of sections) await card(page, s).first().waitFor();
    // 待办 is the first menu entry.
    expect(await page.getByRole('menuitem').first().textContent()).toContain('待办');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(JSON_TEXT);
    await screenshot(page, `todo-${username}`);
    return page;
  }

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    officer = await login(app, 'officer1');
    const admin = await login(app, 'admin');
    const office = await demoOffice(app, admin);
    const { post } = httpClient(app).as(officer);
    const leader = await login(app, 'leader');
    const leaderHttp = httpClient(app).as(leader);
    const today = shanghaiDate(new Date());
    const file = async (over: Record<string, unknown> = {}) =>
      ok<{ id: string; number: string }>(post('/api/cases', demoFiling(office, over)), 201);
    const team = [office.officers.get('王建国'), office.officers.get('李明')];
    const late = await file({ filedOn: addDays(today, -100), title: '擅自拆除人防工程设施案' });
    const soon = await file({ filedOn: addDays(today, -88), title: '人防工程平时使用未备案案' });
    // Filed yesterday: its steps an hour or two ago fall after the filing even in the small hours.
    const fresh = await file({ filedOn: addDays(today, -1) });
    const ended = await file({ title: '民防工程维护管理不到位案' });
    Object.assign(numbers, {
      late: late.number,
      soon: soon.number,
      fresh: fresh.number,
      ended: ended.number,
    });
    // The leader's 立案审批 before the investigation (issue 12).
    const p = proceedings(() => app, {
      officer: () => officer,
      leader: () => leader,
      officerIds: () => team as string[],
    });
    await p.approve(fresh.id, 'filing');
    await ok(post(`/api/cases/${fresh.id}/transitions`, { action: 'startInvestigation' }));
    // 立案审批 asked on the two older cases: the leader returns one, the other waits for the leader.
    type Asked = { proceeding: { approvals: Array<{ id: string; kind: string; state: string }> } };
    const askFiling = async (caseId: string) =>
      (await ok<Asked>(post(`/api/cases/${caseId}/approvals`, { kind: 'filing' }))).proceeding.approvals.find(
        (a) => a.kind === 'filing' && a.state === 'pending',
      )!.id;
    const returned = await askFiling(soon.id);
    await ok(
      leaderHttp.post(`/api/approvals/${returned}/decision`, {
        verdict: 'return',
        opinion: '案件来源材料不全，请补充后再报',
      }),
    );
    await askFiling(late.id);
    const step = (minutesAgo: number) =>
      ok<{ id: string }>(
        post(`/api/cases/${fresh.id}/steps`, {
          kind: 'inspection',
          occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
          place: '上海市青浦区华志路100号地下室',
          notes: '现场检查人防工程使用情况',
          officerIds: team,
          inField: true,
          contactWithParty: true,
        }),
        201,
      );
    // One inspection still lacks its video; another was completed without one (a flag).
    await step(60);
    const flagged = await step(120);
    await ok(
      post(`/api/steps/${flagged.id}/complete`, { avMissingReason: '执法记录仪电量耗尽，已书面说明' }),
    );
    await ok(post(`/api/cases/${fresh.id}/documents`, { kind: 'inquiryRecord' }), 201);
    // A case ended without a decision: its case file waits for the records keeper.
    await p.approve(ended.id, 'filing');
    await ok(post(`/api/cases/${ended.id}/transitions`, { action: 'startInvestigation' }));
    await ok(
      post(`/api/cases/${ended.id}/transitions`, { action: 'terminate', reason: '不构成违法，撤销立案' }),
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('officer1 sees their open cases by next deadline, the step lacking AV, the draft and the returned approval, and a case link opens the case', async () => {
    const page = await todoPage('officer1', ['我承办的未结案件（按下一期限）', '缺少音像记录的执法环节']);
    const cases = card(page, '我承办的未结案件（按下一期限）');
    // Three open cases (the terminated one is not); the overdue one first.
    await expect.poll(() => cases.locator('.ant-badge').first().textContent()).toBe('3');
    const links = cases.locator('li a');
    expect(await links.first().textContent()).toContain(numbers.late);
    expect(await cases.locator('li').first().textContent()).toContain('已逾期');
    expect(await cases.textContent()).not.toContain(numbers.ended);
    expect(await card(page, '缺少音像记录的执法环节').textContent()).toContain(numbers.fresh);
    expect(await card(page, '待签发的文书').textContent()).toContain('询问笔录（草稿）');
    const returned = await card(page, '退回的审批').textContent();
    expect(returned).toContain(`立案审批`);
    expect(returned).toContain(numbers.soon);
    expect(returned).toContain('孙志强');
    expect(returned).not.toContain(numbers.late);
    await links.first().click();
    await page.waitForURL(/\/app\/cases\/[^/]+$/);
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain(numbers.late);
  });

  it('the leader sees the decision periods to extend and the filing approval waiting for them', async () => {
    const page = await todoPage('leader', ['待决定延长的决定期限', '待审批事项']);
    const ext = card(page, '待决定延长的决定期限');
    await expect.poll(() => ext.textContent()).toContain(numbers.late);
    expect(await ext.textContent()).toContain('最多可延长');
    const approvals = await card(page, '待审批事项').textContent();
    expect(approvals).toContain('立案审批');
    expect(approvals).toContain(numbers.late);
    expect(approvals).toContain('王建国');
    // Approved and returned ones are not the leader's to decide.
    expect(approvals).not.toContain(numbers.soon);
    expect(approvals).not.toContain(numbers.fresh);
  });

  it('the records keeper sees the case file to accept; its link leads to 归档接收', async () => {
    const page = await todoPage('keeper', ['待接收的案卷', '待批准的记录资料处置']);
    const files = card(page, '待接收的案卷');
    await expect.poll(() => files.textContent()).toContain(numbers.ended);
    expect(await card(page, '待批准的记录资料处置').textContent()).toContain('暂无');
    await files.getByRole('link', { name: '前往归档接收' }).click();
    await page.waitForURL(`${base}/app/case-files/intake`);
  });

  it('the supervisor sees the flag and the overdue case; 查看逾期案件 opens the case list filtered to overdue cases', async () => {
    const page = await todoPage('supervisor', ['监督清单未处理事项', '逾期案件']);
    const flags = card(page, '监督清单未处理事项');
    await expect.poll(() => flags.textContent()).toContain('应同步音像记录而未记录');
    expect(await flags.textContent()).toContain('王建国');
    const overdue = card(page, '逾期案件');
    expect(await overdue.textContent()).toContain(numbers.late);
    await overdue.getByRole('link', { name: '查看逾期案件' }).click();
    await page.waitForURL(/\/app\/cases\?overdue=1$/);
    await expect.poll(() => page.getByRole('checkbox', { name: '仅看逾期' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: numbers.late }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: numbers.fresh }).count()).toBe(0);
  });

  it('the administrator, with nothing to do here, lands on the first page without a 待办 entry', async () => {
    const page = await pageAs('admin');
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/app/');
    expect(await page.getByRole('menuitem', { name: '待办' }).count()).toBe(0);
    await page.context().close();
  });

  it('REV-02 the legal reviewer’s 待办 lists the reviews assigned to them', async () => {
    const page = await pageAs('reviewer');
    await expect.poll(() => page.getByRole('menuitem', { name: '待办' }).count()).toBe(1);
    await page.getByRole('menuitem', { name: '待办' }).click();
    await expect.poll(() => card(page, '分配给我的法制审核（按期限）').count()).toBe(1);
    await page.context().close();
  });
});
