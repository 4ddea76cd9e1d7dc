import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { zhifa } from '../cli';
import { httpClient, login, ok } from '../app';
import { proceedings } from '../proceeding';
import { expectAccessible, launchBrowser, screenshot, startServer, workbench } from './browser';

const CLIP = path.resolve(import.meta.dirname, '../fixtures/clip.mp4');
const BASE17 = '91310118MA1JL0000';
const CREDIT_CODE = BASE17 + creditCodeCheckChar(BASE17);
/** Same code with a wrong check character. */
const BAD_CREDIT_CODE = BASE17 + (creditCodeCheckChar(BASE17) === '0' ? '1' : '0');
const PLACE = '上海市青浦区华新镇华志路100号地下一层人防工程';

/**
 * The case journey of the workbench in Chromium against the real server: officer 王建国 runs an
 * ordinary-procedure penalty from filing to closing, with a field inspection that must be recorded
 * on video, every step through the pages' own buttons and forms.
 */
describe('REC-01 REC-03 REC-04 REC-05 PLT-04 an ordinary-procedure penalty case in the workbench', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let page: Page;
  let caseId = '';
  const consoleErrors: string[] = [];
  const { dialog, pick, named, submit, act } = workbench(() => page);
  const proceeding = () => page.getByRole('region', { name: '案由、审批与履行' });

  /**
   * The officer asks for an approval in the page; the leader approves it through the API (the
   * archive journey has the leader do it in the browser); the page is reloaded.
   */
  async function approvedByLeader(label: string, fill?: (d: Locator) => Promise<void>): Promise<void> {
    await proceeding()
      .getByRole('button', { name: `提请${label}` })
      .click();
    const ask = await dialog(new RegExp(`^提请${label}：`));
    await fill?.(ask);
    await submit(ask, '提请审批');
    await ask.waitFor({ state: 'detached' });
    const leader = httpClient(() => app).as(await login(app, 'leader'));
    const v = await ok<{
      proceeding: { approvals: Array<{ id: string; kindLabel: string; state: string }> };
    }>(leader.get(`/api/cases/${caseId}`));
    const pending = v.proceeding.approvals.find((a) => a.kindLabel === label && a.state === 'pending')!;
    await ok(leader.post(`/api/approvals/${pending.id}/decision`, { verdict: 'approve', opinion: '同意' }));
    await page.reload();
    await expect.poll(() => proceeding().textContent()).toContain(`${label}：已批准`);
  }
  /** Drafts and issues a document through the API (the archive journey does it in the browser). */
  async function issued(kind: string): Promise<void> {
    const officer = await login(app, 'officer1');
    const p = proceedings(() => app, { officer: () => officer, leader: () => officer, officerIds: () => [] });
    await p.issue(caseId, kind);
    await page.reload();
  }

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.setDefaultTimeout(15_000);
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
      await screenshot(page, `case-failed-${name}`).catch(() => undefined);
    }
  });

  it('officer1 files the case with a new organisation party (a bad credit code is named beside its field)', async () => {
    await page.goto(`${base}/app/`);
    await page.getByLabel('用户名').waitFor();
    await expectAccessible(page, 'login');
    await page.getByLabel('用户名').fill('officer1');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: /案件/ }).click();
    await page.getByRole('button', { name: /立案/ }).click();

    const d = await dialog('立案');
    await d.getByLabel('案由').fill('擅自改变人民防空工程主体结构案');
    await pick(d.getByLabel('权力事项'), 'QPMF-CF-005');
    const hint = d.getByLabel('权力事项依据');
    await expect.poll(() => hint.textContent()).toContain('《中华人民共和国人民防空法》第四十九条');
    expect(await hint.textContent()).toContain('法人或其他组织：10,000元至50,000元');

    await d.getByLabel('单位名称').fill('上海青浦某某物业管理有限公司');
    await d.getByLabel('法定代表人（负责人）').fill('钱某某');
    await d.getByLabel('统一社会信用代码').fill(BAD_CREDIT_CODE);
    await d.getByLabel('联系电话').fill('021-59721234');
    await d.getByLabel('住所（经营场所）').fill('上海市青浦区华新镇华志路100号');
    // 执法人员: 王建国 (lead, by default) and 李明.
    await pick(d.getByLabel('执法人员'), '李明');
    // The item punishes seven violations: the case charges one of them (案由).
    await pick(d.getByLabel('查处的违法行为'), /^改变主体结构/);
    await d.getByLabel('案由').click(); // close the dropdown
    await expectAccessible(page, 'filing form');
    await submit(d, '立案');

    // The server's check of the code appears beside the field; nothing was filed.
    const codeItem = d.locator('.ant-form-item', { has: page.getByLabel('统一社会信用代码') });
    await expect
      .poll(() => codeItem.locator('.ant-form-item-explain').textContent())
      .toContain('校验码不正确');
    await screenshot(page, 'case-01-filing-credit-code-error');
    await expectAccessible(page, 'case-01-filing-credit-code-error');

    await d.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
    await submit(d, '立案');
    await page.waitForURL(/\/app\/cases\/[^/]+$/);
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const head = page.locator('.zf-page-head');
    await expect.poll(() => head.textContent()).toMatch(/青国动〔\d{4}〕案第\d+号/);
    expect(await head.textContent()).toContain('立案');
    const card = page.locator('.ant-card', { hasText: '擅自改变人民防空工程主体结构案' });
    expect(await card.textContent()).toContain('上海青浦某某物业管理有限公司');
    expect(await card.textContent()).toContain('王建国（主办）');
    expect(await card.textContent()).toContain('李明');
    // The phone is masked; the credit code of an organisation is public.
    expect(await card.textContent()).toContain('021-******34');
    expect(await card.textContent()).toContain(CREDIT_CODE);
    const deadlines = page.getByRole('region', { name: '期限' });
    expect(await deadlines.textContent()).toContain('作出处罚决定');
    await screenshot(page, 'case-02-filed');
    await expectAccessible(page, 'case-02-filed');
  });

  it('starts the investigation, once the leader approved the filing, and records a field inspection by two officers in contact with the party', async () => {
    expect(await page.getByRole('region', { name: '办理' }).textContent()).toContain(
      '开始调查取证暂不能办理',
    );
    await approvedByLeader('立案审批');
    await act('开始调查取证', '调查取证');
    await page.getByRole('button', { name: '记录执法环节' }).click();
    const d = await dialog('记录执法环节');
    await d.getByLabel('地点').fill(PLACE);
    await d.getByLabel('与当事人直接接触或进入其场所').check();
    await d.getByLabel('情况记录').fill('会同当事人现场负责人检查人防工程，发现主体结构被擅自改变。');
    await submit(d, '记录');
    await d.waitFor({ state: 'detached' });

    const step = page.getByLabel(/^执法环节 检查/);
    await expect.poll(() => step.textContent()).toContain('须同步音像记录');
    const text = (await step.textContent()) ?? '';
    expect(text).toContain('直接接触当事人或进入其场所的检查');
    expect(text).toContain('王建国');
    expect(text).toContain('李明');
    expect(text).toMatch(/证号 \d{11}/);
    expect(text).toContain('进行中');

    // Completing it without the video is refused: the form asks for a written reason.
    await step.getByRole('button', { name: named('完成') }).click();
    const reason = await dialog(/说明未同步音像记录的理由/);
    await expect.poll(() => reason.textContent()).toContain('此环节须同步音像记录');
    await screenshot(page, 'case-03-av-required');
    await expectAccessible(page, 'case-03-av-required');
    await reason.getByRole('button', { name: '取消' }).click();
    await reason.waitFor({ state: 'detached' });
  });

  it('uploads the body-camera video to the step with its AV metadata, then completes the step', async () => {
    const step = page.getByLabel(/^执法环节 检查/);
    await step.getByRole('button', { name: '上传记录' }).click();
    const d = await dialog(/^上传记录：检查/);
    await d.locator('input[type=file]').setInputFiles(CLIP);
    // A video: its kind is chosen from the file and the AV fields appear, filled from the step.
    const av = d.getByRole('group', { name: '音像记录信息' });
    await av.waitFor();
    expect(await d.locator('.ant-form-item', { hasText: '记录类型' }).textContent()).toContain('视频');
    expect(await av.locator('.ant-form-item', { hasText: '执法记录仪' }).textContent()).toContain(
      'QP-JLY-001',
    );
    expect(await av.getByLabel('摄录地点').inputValue()).toBe(PLACE);
    await expectAccessible(page, 'upload form');
    await submit(d, '上传');
    await d.waitFor({ state: 'detached' });

    // The progress bar on the step reaches 100% and the record is listed on the step.
    const bar = step.getByRole('progressbar');
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => step.getByRole('list', { name: '上传进度' }).textContent()).toContain('已登记');
    const records = step.getByLabel('检查环节的记录资料');
    await expect.poll(() => records.textContent()).toContain('clip.mp4');
    const row = (await records.textContent()) ?? '';
    expect(row).toContain('视频');
    expect(row).toContain('内部');
    expect(row).toContain('第 1 版');
    await expect.poll(() => step.textContent()).toContain('已有音像记录');
    await screenshot(page, 'case-04-video-uploaded');
    await expectAccessible(page, 'case-04-video-uploaded');
    await step.getByRole('button', { name: named('完成') }).click();
    await expect.poll(() => step.textContent()).toContain('已完成');
  });

  it('ends the investigation, notices a fine within the band, decides (party waived), serves, executes and closes', async () => {
    await act('调查终结', '调查终结');
    // The penalty proposed, then the 事先告知书 stating it is issued, then 告知 (issue 12).
    await proceeding().getByRole('button', { name: '登记拟作出的处罚' }).click();
    const proposal = await dialog(/^拟作出的行政处罚：/);
    await proposal.getByLabel('罚款金额').fill('20000');
    await expectAccessible(page, 'penalty proposal form');
    await submit(proposal, '登记');
    await proposal.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.ant-card').first().textContent()).toContain('罚款 20,000元');
    expect(await page.getByRole('region', { name: '办理' }).textContent()).toContain('告知暂不能办理');
    await issued('penaltyNotice');
    await act('告知', '已告知');
    await approvedByLeader('决定审批', async (d) => {
      await d.getByLabel('理由').fill('当事人擅自改变人防工程主体结构，事实清楚，证据确凿。');
      await screenshot(page, 'case-05a-decision-proposal');
      await expectAccessible(page, 'decision proposal form');
    });
    await act('作出决定', '已决定', async (d) => {
      expect(await d.locator('.ant-form-item', { hasText: '决定结果' }).textContent()).toContain('处罚');
      await d.getByLabel('当事人已放弃陈述、申辩权利').check();
    });
    await issued('penaltyDecision');
    await act('送达', '已送达');
    await proceeding().getByRole('button', { name: '登记履行情况' }).click();
    const paid = await dialog(/^登记履行情况：/);
    await paid.getByLabel('收据编号').fill('沪非税 No.0054321');
    await submit(paid, '登记');
    await paid.waitFor({ state: 'detached' });
    await act('执行', '已执行');
    await approvedByLeader('结案审批');
    await act('结案', '已结案');
    expect(await page.getByRole('region', { name: '办理' }).textContent()).toContain('案件已办结');
    await screenshot(page, 'case-05-closed');
    await expectAccessible(page, 'case-05-closed');
  });

  it('PLT-04 the timeline shows every step and transition, and the 留痕 tab lists the ledger entries', async () => {
    const timeline = page.getByRole('region', { name: '办案过程' });
    const transitions = await timeline.locator('[data-kind=transition]').allTextContents();
    const labels = ['开始调查取证', '调查终结', '告知', '作出决定', '送达', '执行', '结案'];
    expect(transitions).toHaveLength(labels.length);
    labels.forEach((label, i) => expect(transitions[i]).toContain(label));
    const steps = await timeline.locator('[data-kind=step]').allTextContents();
    // The inspection, and the office act each issued document is filed under (the notice, the decision).
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('已完成');
    // Filed, then the step happened after the investigation started and before it ended.
    const order = await timeline
      .locator('[data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(order).toEqual([
      'filed',
      'transition', // 开始调查取证
      'step', // 检查
      'transition', // 调查终结
      'step', // 事先告知书 issued
      'transition', // 告知
      'transition', // 作出决定
      'step', // 决定书 issued
      'transition', // 送达
      'transition', // 执行
      'transition', // 结案
    ]);

    await page.getByRole('tab', { name: '留痕' }).click();
    const ledger = page.getByRole('table', { name: '留痕记录' });
    await expect.poll(() => ledger.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const rows = await ledger.locator('tbody tr.ant-table-row').allTextContents();
    const api = await page.request.get(`${base}/api/cases/${caseId}/ledger`);
    const entries = (await api.json()) as Array<{ action: string }>;
    expect(rows).toHaveLength(entries.length);
    const text = rows.join('\n');
    for (const label of [
      '立案',
      '案件流转：开始调查取证',
      '记录执法环节',
      '上传记录资料',
      '完成执法环节',
      '案件流转：调查终结',
      '案件流转：告知',
      '案件流转：作出决定',
      '案件流转：送达',
      '案件流转：执行',
      '案件流转：结案',
    ])
      expect(text).toContain(label);
    expect(entries.filter((e) => e.action.startsWith('case.transitioned'))).toHaveLength(7);
    await screenshot(page, 'case-06-ledger');
    await expectAccessible(page, 'case-06-ledger');
  });

  it('the case list shows the closed case and filters it by state', async () => {
    await page.getByRole('menuitem', { name: /案件/ }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('擅自改变人民防空工程主体结构案');
    expect(row).toContain('上海青浦某某物业管理有限公司');
    expect(row).toContain('已结案');
    await expectAccessible(page, 'case list');
    await pick(page.getByLabel('案件状态'), /^立案$/);
    await expect.poll(() => page.locator('.ant-table-tbody').textContent()).toContain('没有符合条件的案件');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('PLT-04 zhifa verify finds the ledger and the stored video intact', async () => {
    const r = await zhifa(['verify', '--json'], { ZHIFA_DATA_DIR: dir });
    expect(r.code, r.stderr || r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ intact: true, problems: [] });
  });

  it('PLT-03 the case pages run under the strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
