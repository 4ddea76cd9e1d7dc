import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency } from '../../src/bootstrap';
import { verifyPackageFile } from '../../src/services/archive-zip';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { demoOffice, demoOrgParty, httpClient, login, ok, type Session } from '../app';
import { proceedings, type Sanction } from '../proceeding';
import { expectAccessible, launchBrowser, screenshot, startServer, workbench } from './browser';

/** ¥60,000 on an organisation: at or above the ¥50,000 hearing threshold (category 1 once it exists). */
const SANCTION: Sanction = { kinds: ['warning', 'fine'], fine: 6_000_000, confiscated: 0 };
const FURTHER_REASONS = '现有证据不足以证明使用面积，须补充现场勘验笔录和测绘报告。';
const OBJECTION = '现场检查笔录已载明使用面积，证据足以认定违法事实，不同意补充调查。';
const REPLY = '经复核，仍认为使用面积的证据不足，维持原审核意见。';
const FINAL = '现场检查笔录可以认定使用面积，同意承办部门意见，本环节审核结束。';
const CONCLUSION = '同意对当事人给予警告并处罚款六万元。';

/**
 * Legal review of a major decision in Chromium against the real server (issue 13, "Done when" 4):
 * officer 王建国 files a penalty case against an organisation in the filing form, proposing a
 * ¥60,000 fine; it is major by that fact (category 1); he submits the
 * filing review; reviewer 陈雅婷 answers 继续调查或补充证据 with reasons (the server refuses it
 * without); the unit objects within 2 working days; the reviewer maintains; leader 孙志强 decides
 * finally; the later stages are submitted and agreed; the leaders' 案审会 is recorded with a quorum;
 * the case is decided, served, executed and closed after its closing review. The legal review steps
 * are done in the workbench; the procedure around them (approvals, evidence, documents) through the
 * API. The case tab and the review form are checked with axe and photographed at 1440 and 390 px.
 */
describe('REV-02 REV-03 REV-04 REV-05 REV-06 REV-07 REV-09 legal review of a major penalty in the workbench', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let officer: Session;
  let leader: Session;
  let admin: Session;
  let officerPage: Page;
  let reviewerPage: Page;
  let leaderPage: Page;
  /** The page the workbench helpers act on. */
  let page: Page;
  let caseId = '';
  let caseNumber = '';
  let office: Awaited<ReturnType<typeof demoOffice>>;
  const consoleErrors: string[] = [];
  const { dialog, submit, named, pick } = workbench(() => page);
  const http = httpClient(() => app);
  const api = proceedings(() => app, {
    officer: () => officer,
    leader: () => leader,
    officerIds: () => [office.officers.get('王建国')!, office.officers.get('李明')!],
  });

  async function newPage(width = 1440): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, locale: 'zh-CN' });
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
    await screenshot(p, `legal-review-${name}`);
    await p.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(p, `${name} (390 px)`);
    // Nothing is wider than the phone: no sideways scrolling of the whole page.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, `legal-review-${name}-390`);
    await p.setViewportSize(size);
  }

  /** The case page's 法制审核 tab, freshly loaded. */
  async function caseTab(p: Page): Promise<Locator> {
    await p.goto(`${base}/app/cases/${caseId}`);
    await p.getByRole('tab', { name: '法制审核' }).click();
    const tab = p.locator('section[aria-label="法制审核"]');
    await tab.waitFor();
    return tab;
  }

  /** The state the case tab shows for a stage (e.g. 审核中). */
  async function stageState(tab: Locator, label: string): Promise<string> {
    const row = tab.getByRole('table', { name: '审核环节' }).locator('tr.ant-table-row', { hasText: label });
    return (await row.locator('.ant-tag').first().textContent()) ?? '';
  }

  /** The officer submits a stage on the case tab with the case's first record and a statement. */
  async function submitStage(label: string): Promise<void> {
    page = officerPage;
    const tab = await caseTab(page);
    await tab.getByRole('button', { name: named(`提请${label}`) }).click();
    const d = await dialog(new RegExp(`^提请${label}：`));
    await d
      .getByRole('checkbox', { name: /^记录：/ })
      .first()
      .check();
    await d.getByLabel('提请说明').fill(`案件材料已齐备，提请${label}。`);
    await submit(d, '提请审核');
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => stageState(tab, label)).toBe('审核中');
  }

  /** The reviewer opens the stage's review from 待审核 and takes it. */
  async function takeFromQueue(label: string): Promise<Locator> {
    page = reviewerPage;
    await page.goto(`${base}/app/legal-reviews`);
    const row = page
      .getByRole('table', { name: '审核事项' })
      .locator('tr.ant-table-row', { hasText: label })
      .filter({ hasText: caseNumber });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('link', { name: caseNumber }).click();
    await page.locator('.zf-page-head', { hasText: label }).waitFor();
    await page.getByRole('button', { name: named('由我审核') }).click();
    const form = page.getByRole('region', { name: '出具审核意见' });
    await form.waitFor();
    return form;
  }

  /** Every checklist item of the form answered 符合. */
  async function answerAll(form: Locator): Promise<void> {
    const groups = form.getByRole('radiogroup', { name: /：审核结果$/ });
    const n = await groups.count();
    expect(n).toBe(10); // six general items and the four of a penalty
    for (let i = 0; i < n; i += 1)
      await groups.nth(i).getByRole('radio', { name: '符合', exact: true }).check();
  }

  /** A later stage: submitted by the officer, taken and agreed by the reviewer, all in the workbench. */
  async function stageAgreed(label: string): Promise<void> {
    await submitStage(label);
    const form = await takeFromQueue(label);
    await answerAll(form);
    await form.getByRole('radio', { name: '同意', exact: true }).check();
    await form.getByRole('button', { name: named('出具审核意见') }).click();
    const card = page.getByRole('region', { name: '审核意见' });
    await expect.poll(() => card.textContent()).toContain('同意');
    const tab = await caseTab((page = officerPage));
    await expect.poll(() => stageState(tab, label)).toBe('已通过');
  }

  /** Drafts a document under the case's latest step and issues it. */
  async function issue(kind: string): Promise<void> {
    const v = await ok<{ steps: Array<{ id: string }> }>(http.as(officer).get(`/api/cases/${caseId}`));
    const d = await ok<{ id: string }>(
      http.as(officer).post(`/api/cases/${caseId}/documents`, { kind, stepId: v.steps.at(-1)!.id }),
      201,
    );
    await ok(http.as(officer).post(`/api/documents/${d.id}/finalise`));
  }

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    officer = await login(app, 'officer1');
    leader = await login(app, 'leader');
    admin = await login(app, 'admin');
    office = await demoOffice(app, admin);
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
      await screenshot(page, `legal-review-failed-${name}`).catch(() => undefined);
    }
  });

  it('setup through the API: a second leader for the quorum and the reviewer’s 法律职业资格', async () => {
    const created = await http.as(admin).post('/api/users', {
      username: 'leader2',
      displayName: '钱立新',
      password: DEMO_PASSWORD,
      roles: ['leader'],
      officerId: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    const users = await ok<{ items: Array<{ id: string; username: string }> }>(
      http.as(admin).get('/api/users'),
    );
    const reviewerId = users.items.find((u) => u.username === 'reviewer')!.id;
    await ok(
      http.as(admin).put(`/api/users/${reviewerId}/legal-qualification`, {
        qualified: true,
        certificateNumber: 'A20190310001',
      }),
    );
  });

  it('REV-01 the officer files the penalty against an organisation in the filing form, proposing a ¥60,000 fine; the inquiry record follows through the API', async () => {
    officerPage = page = await newPage();
    await logIn(page, 'officer1');
    await page.getByRole('menuitem', { name: /案件/ }).click();
    await page.getByRole('button', { name: /立案/ }).click();
    const d = await dialog('立案');
    await d.getByLabel('案由').fill('擅自拆除人民防空工程案');
    await pick(d.getByLabel('权力事项'), 'QPMF-CF-001');
    const party = demoOrgParty();
    await d.getByLabel('单位名称').fill(party.name);
    await d.getByLabel('法定代表人（负责人）').fill(party.legalRepresentative);
    await d.getByLabel('统一社会信用代码').fill(party.idNumber);
    await d.getByLabel('联系电话').fill(party.phone);
    await d.getByLabel('住所（经营场所）').fill(party.address);
    // 执法人员: 王建国 (lead, by default) and 李明.
    await pick(d.getByLabel('执法人员'), '李明');
    await d.getByLabel('案由').click(); // close the dropdown
    // The fine the officer proposes at filing: what classifies the case (REV-01 category 1).
    const proposed = d.getByRole('group', { name: '拟作出的处罚（可不填）' });
    await proposed.getByLabel('罚款').check();
    await d.getByLabel('拟罚款金额').fill(String(SANCTION.fine / 100));
    await both(page, '00-filing-form-proposed-fine');
    await submit(d, '立案');
    await page.waitForURL(/\/app\/cases\/[^/]+$/);
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const head = page.locator('.zf-page-head');
    await expect.poll(() => head.textContent()).toMatch(/青国动〔\d{4}〕案第\d+号/);
    caseNumber = /青国动〔\d{4}〕案第\d+号/.exec((await head.textContent()) ?? '')![0];
    // The inquiry with its record: the material the reviews are submitted with.
    await api.evidence(caseId);
  });

  it('REV-01 the case is major by its own facts: the 法制审核 tab shows category (1) with the fine and the hearing threshold as its reason', async () => {
    leaderPage = page = await newPage();
    await logIn(page, 'leader');
    const tab = await caseTab(page);
    const cls = tab.getByRole('region', { name: '重大执法决定认定' });
    await expect.poll(() => cls.textContent()).toContain('第一类：符合听证条件');
    const text = (await cls.textContent()) ?? '';
    expect(text).toContain('重大执法决定');
    expect(text).toMatch(/罚款 .*60,000.*达到听证标准 .*50,000/);
    expect(text).toContain('行政处罚法第六十三条');
    expect(await stageState(tab, '立案审核')).toBe('待提交审核');
    await both(page, '00-case-tab-category-1');
  });

  it('REV-02 REV-04 the officer submits the filing review from the case tab with a record and a statement', async () => {
    await submitStage('立案审核');
    const tab = page.locator('section[aria-label="法制审核"]');
    expect(await tab.getByRole('table', { name: '审核事项' }).textContent()).toContain('待分配');
    await both(page, '01-case-tab');
  });

  it('REV-02 the reviewer finds it in 待审核 with its due date and working days left', async () => {
    reviewerPage = page = await newPage();
    await logIn(page, 'reviewer');
    await page.getByRole('menuitem', { name: /待审核/ }).click();
    const row = page
      .getByRole('table', { name: '审核事项' })
      .locator('tr.ant-table-row', { hasText: caseNumber });
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('立案审核');
    expect(text).toMatch(/剩 \d+ 个工作日|今日到期/);
    expect(text).toContain('未分配');
    await both(page, '02-queue');
    // Filtered by another stage, it is not listed.
    await page.getByRole('combobox', { name: '审核环节' }).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '结案审批审核',
      })
      .click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('REV-03 REV-05 REV-09 the reviewer answers the checklist beside the materials; 继续调查 without reasons is refused beside the field, then issued with them', async () => {
    const form = await takeFromQueue('立案审核');
    const materials = page.getByRole('region', { name: '送审材料' });
    expect(await materials.textContent()).toContain('询问笔录.pdf');
    await answerAll(form);
    await form
      .getByRole('textbox', { name: '是否需要集体讨论：说明' })
      .fill('拟罚款数额较大，须经案审会讨论');
    await form.getByRole('radio', { name: '继续调查或补充证据', exact: true }).check();
    await both(page, '03-review-form');
    await form.getByRole('button', { name: named('出具审核意见') }).click();
    // The server refuses an opinion other than 同意 without reasons: its message stands at 理由.
    await expect
      .poll(() => form.locator('.ant-form-item-has-error .ant-form-item-explain').textContent())
      .toContain('须写明理由');
    await form.getByRole('textbox', { name: '理由' }).fill(FURTHER_REASONS);
    await form.getByRole('button', { name: named('出具审核意见') }).click();
    const card = page.getByRole('region', { name: '审核意见' });
    // The form itself names the six kinds: wait for the issued opinion's own lines.
    await expect.poll(() => card.textContent()).toContain('是否需要集体讨论：符合');
    expect(await card.textContent()).toContain('继续调查或补充证据');
    expect(await card.textContent()).toContain(FURTHER_REASONS);
    await both(page, '04-opinion');
  });

  it('REV-07 the unit objects in writing within 2 working days', async () => {
    page = officerPage;
    const tab = await caseTab(page);
    expect(await stageState(tab, '立案审核')).toBe('审核未通过');
    await tab.getByRole('link', { name: /第 1 次送审/ }).click();
    const area = page.getByRole('region', { name: '采纳与异议' });
    await expect.poll(() => area.textContent()).toMatch(/前书面提出异议/);
    await area.getByRole('button', { name: named('提出异议') }).click();
    const d = await dialog(/^提出异议：/);
    expect(await d.textContent()).toContain('2 个工作日内');
    await d.getByLabel('异议理由').fill(OBJECTION);
    await both(page, '05-objection');
    await submit(d, '提出异议');
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => area.textContent()).toContain(OBJECTION);
    expect(await area.textContent()).toMatch(/前书面答复/);
  });

  it('REV-07 the review unit answers in writing and maintains its opinion: the objection goes to the leader', async () => {
    page = reviewerPage;
    await page.reload();
    const area = page.getByRole('region', { name: '采纳与异议' });
    await area.getByRole('button', { name: named('答复异议') }).click();
    const d = await dialog(/^答复异议：/);
    await d.getByLabel('书面答复').fill(REPLY);
    await submit(d, '答复');
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => area.textContent()).toContain(REPLY);
    expect(await page.locator('.zf-page-head').textContent()).toContain('报负责人决定');
  });

  it('REV-07 the leader finds it in 审核待决 and decides finally; the filing stage passes', async () => {
    page = leaderPage;
    await page.goto(`${base}/app/`);
    await page.getByRole('menuitem', { name: /审核待决/ }).click();
    const escalations = page.getByRole('region', { name: '异议待决定' });
    const row = escalations.locator('tr.ant-table-row', { hasText: caseNumber });
    await expect.poll(() => row.count()).toBe(1);
    await both(page, '06-leader-inbox');
    await row.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('button', { name: named('作出最终决定') }).click();
    const d = await dialog(/^最终决定：/);
    await d.getByRole('radio', { name: '采纳承办部门意见' }).check();
    await d.getByLabel('理由').fill(FINAL);
    await submit(d, '作出决定');
    await d.waitFor({ state: 'detached' });
    const area = page.getByRole('region', { name: '采纳与异议' });
    await expect.poll(() => area.textContent()).toContain('最终决定');
    expect(await area.textContent()).toContain(FINAL);
    const tab = await caseTab(page);
    expect(await stageState(tab, '立案审核')).toBe('已通过');
  });

  it('REV-04 the filing approved, the investigation starts; 调查终结审核 is submitted and agreed; the investigation ends', async () => {
    expect((await api.runTo(caseId, 'investigating')).state).toBe('investigating');
    await stageAgreed('调查终结审核');
    expect((await api.runTo(caseId, 'investigationEnded')).state).toBe('investigationEnded');
  });

  it('REV-04 the fine proposed and the party notified; 作出决定前审核 is submitted and agreed', async () => {
    await ok(http.as(officer).post(`/api/cases/${caseId}/penalty-proposal`, { sanction: SANCTION }));
    await issue('penaltyNotice');
    expect((await api.act(caseId, { action: 'notice' })).state).toBe('noticed');
    await stageAgreed('作出决定前审核');
  });

  it('REV-06 the leader records the 案审会 with a quorum of leaders, each view and the conclusion', async () => {
    page = leaderPage;
    const tab = await caseTab(page);
    const meeting = tab.getByRole('region', { name: '案审会集体讨论' });
    await meeting.getByRole('button', { name: named('记录案审会') }).click();
    const d = await dialog(/^记录案审会：/);
    await d.getByLabel('负责人 1 的意见').fill('同意给予警告并处罚款六万元。');
    await d.getByLabel('负责人 2 的意见').fill('同意，处罚在裁量基准幅度内。');
    await d
      .getByLabel('讨论情况')
      .fill('与会负责人听取了承办部门汇报和法制审核意见，对事实、证据和处罚幅度进行了讨论。');
    await d.getByLabel('结论').fill(CONCLUSION);
    await both(page, '07-meeting');
    await submit(d, '记录');
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => meeting.textContent()).toContain(CONCLUSION);
    const text = (await meeting.textContent()) ?? '';
    for (const s of ['孙志强：', '钱立新：', '同意给予警告并处罚款六万元。', '同意，处罚在裁量基准幅度内。'])
      expect(text).toContain(s);
  });

  it('REV-04 the decision is made, served and executed; 结案审批审核 agreed; the case closes', async () => {
    await api.approve(caseId, 'decision', {
      outcome: 'penalty',
      sanction: SANCTION,
      reasons: '事实清楚，证据确凿，经法制审核和集体讨论，依法作出决定',
    });
    expect((await api.act(caseId, { action: 'decide', partyWaived: true })).state).toBe('decided');
    await issue('penaltyDecision');
    expect((await api.act(caseId, { action: 'serve' })).state).toBe('served');
    await api.pay(caseId, SANCTION.fine);
    expect((await api.act(caseId, { action: 'execute' })).state).toBe('executed');
    await stageAgreed('结案审批审核');
    expect((await api.runTo(caseId, 'closed', { sanction: SANCTION })).state).toBe('closed');
    const tab = await caseTab((page = officerPage));
    for (const label of ['立案审核', '调查终结审核', '作出决定前审核', '结案审批审核'])
      expect(await stageState(tab, label)).toBe('已通过');
    const reviews = tab.getByRole('table', { name: '审核事项' });
    expect(await reviews.locator('tr.ant-table-row').count()).toBe(4);
    await both(page, '08-case-tab-closed');
  });

  it('REV-08 the case file’s sub-volume lists the 法制审核意见书 and the 集体讨论记录; nothing of the reviews is missing; the exported package verifies offline', async () => {
    const keeper = await login(app, 'keeper');
    const file = await ok<{
      id: string;
      index: Array<{ volume: string; title: string }>;
      missing: Array<{ code: string }>;
    }>(http.as(keeper).get(`/api/cases/${caseId}/case-file`));
    const sub = file.index.filter((i) => i.volume === 'sub').map((i) => i.title);
    // One 意见书 per stage (the filing stage's after its re-review too), the objection, the answer,
    // the leader's decision and the meeting.
    expect(sub.filter((t) => t.includes('法制审核意见书')).length).toBeGreaterThanOrEqual(4);
    expect(sub).toEqual(expect.arrayContaining(['复审申请书', '复审意见书', '集体讨论记录']));
    expect(file.missing.map((m) => m.code)).not.toContain('LEGAL_REVIEW_MISSING');
    expect(file.missing.map((m) => m.code)).not.toContain('COLLECTIVE_DISCUSSION_MISSING');

    await ok(http.as(keeper).post(`/api/case-files/${file.id}/accept`, { note: '材料齐全' }));
    const r = await http
      .as(keeper)
      .get(`/api/case-files/${file.id}/package?purpose=${encodeURIComponent('移交档案馆')}`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const zip = path.join(dir, 'legal-review-package.zip');
    fs.writeFileSync(zip, r.rawPayload);
    const result = await verifyPackageFile(zip, loadTransparency(app.zhifaConfig).verifier);
    expect(result.problems).toEqual([]);
    const inSub = result.manifest!.files.filter((x) => x.volume === 'sub');
    expect(inSub.length).toBe(sub.length);
    expect(inSub.every((x) => x.inclusion === 'content')).toBe(true);
  });

  it('PLT-03 the legal review pages run under the strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
