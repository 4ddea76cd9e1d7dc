import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docxText, lineWith } from '../docx';
import { loadTransparency } from '../../src/bootstrap';
import { creditCodeCheckChar } from '../../src/domain/identity';
import { verifyPackageFile } from '../../src/services/archive-zip';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { errorOf, httpClient, login, ok, type Session } from '../app';
import { proceedings } from '../proceeding';
import { zhifa } from '../cli';
import { expectAccessible, launchBrowser, screenshot, startServer, workbench } from './browser';

const BASE17 = '91310118MA1JL0000';
const CREDIT_CODE = BASE17 + creditCodeCheckChar(BASE17);
const PARTY = '上海某某置业有限公司';
const TITLE = '侵占人民防空工程案';
/** The violation charged: one of the seven of 人民防空法 art. 49 (QPMF-CF-005). */
const CHARGED = '侵占人民防空工程';
/** Another violation of the same item, which no document of this case may name. */
const NOT_CHARGED = '向人民防空工程内排入废水、废气或者倾倒废弃物';
const YEAR = new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/**
 * The documents-to-archive journey of the workbench in Chromium against the real server: officer
 * 王建国 drafts, issues and downloads the 告知书 and 决定书 of an ordinary-procedure penalty and
 * closes the case; the records keeper checks the case file and accepts it into the archive; the
 * case is then read-only, and the archived file is found in the register and exported as a package
 * that verifies offline.
 */
describe('REC-02 REC-08 PUB-06 documents, closing and archiving in the workbench', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let tmp: string;
  /** The page the helpers act on: officer1's, then the records keeper's. */
  let page: Page;
  let keeperPage: Page;
  let officer: Session;
  let caseId = '';
  let caseNumber = '';
  let noticeNumber = '';
  let decisionNumber = '';
  let archiveNumber = '';
  const consoleErrors: string[] = [];
  const { dialog, pick, named, submit, act } = workbench(() => page);

  const { post, get } = httpClient(() => app).as(() => officer);
  let officerIds: string[] = [];
  const api = proceedings(() => app, {
    officer: () => officer,
    leader: () => officer, // not used: the leader approves in the browser
    officerIds: () => officerIds,
  });

  /** Signs out whoever is signed in and signs in as `username`, on the case page. */
  async function switchTo(username: string): Promise<void> {
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByLabel('用户名').waitFor();
    await logIn(username);
    await page.goto(`${base}/app/cases/${caseId}`);
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain(caseNumber);
  }

  const proceeding = () => page.getByRole('region', { name: '案由、审批与履行' });

  /** The officer asks for an approval; the leader approves it in their own session; back to the officer. */
  async function approved(label: string, fill?: (d: Locator) => Promise<void>): Promise<void> {
    await proceeding()
      .getByRole('button', { name: `提请${label}` })
      .click();
    const ask = await dialog(new RegExp(`^提请${label}：`));
    await fill?.(ask);
    await submit(ask, '提请审批');
    await ask.waitFor({ state: 'detached' });
    await expect.poll(() => proceeding().textContent()).toContain(`${label}：待审批`);
    await switchTo('leader');
    await proceeding()
      .getByRole('button', { name: named('审批') })
      .click();
    const decide = await dialog(label);
    await screenshot(page, `archive-approval-${label}`);
    await expectAccessible(page, `leader approves ${label}`);
    await decide.getByLabel('审批意见').fill('同意。');
    await submit(decide, '提交审批意见');
    await decide.waitFor({ state: 'detached' });
    await expect.poll(() => proceeding().textContent()).toContain(`${label}：已批准`);
    await switchTo('officer1');
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
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

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-archive-e2e-'));
    browser = await launchBrowser();
    page = await newPage();
    officer = await login(app, 'officer1');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  // A failed step leaves a picture of the page behind.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
      await screenshot(page, `archive-failed-${name}`).catch(() => undefined);
    }
  });

  /** The antd drawer with this title, once it has slid fully into view (its right edge at the window's). */
  async function drawer(title: string | RegExp): Promise<Locator> {
    const d = page.getByRole('dialog', { name: title });
    await d.waitFor();
    const width = page.viewportSize()!.width;
    await expect
      .poll(async () => {
        const box = await d.boundingBox();
        return box && Math.round(box.x + box.width);
      })
      .toBe(width);
    return d;
  }

  /** A table once its loading veil has faded out (rows may show under it while a list still loads). */
  async function loaded(table: Locator): Promise<void> {
    const container = page.locator('.ant-spin-container', { has: table });
    await expect
      .poll(() =>
        container.evaluate((el) => getComputedStyle(el).opacity + getComputedStyle(el, '::after').opacity),
      )
      .toBe('10');
  }

  async function logIn(username: string): Promise<void> {
    await page.goto(`${base}/app/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
  }

  /** Fills a purpose form (调阅事由) and confirms it; resolves with the file the browser saved. */
  async function withPurpose(verb: string, purpose: string): Promise<Download> {
    const d = await dialog(`调阅事由（${verb}）`);
    // A click on an option while the list still opens may be lost on a busy machine: picked again.
    const other = d.getByLabel('其他调阅事由');
    for (let tries = 0; ; tries++) {
      await pick(d.getByLabel('调阅事由'), '其他（请填写）');
      const shown = await other
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (shown || tries === 2) break;
    }
    await other.fill(purpose);
    const [download] = await Promise.all([page.waitForEvent('download'), submit(d, verb)]);
    await d.waitFor({ state: 'detached' });
    return download;
  }

  const docsTable = () => page.getByRole('table', { name: '执法文书' });
  const docRow = (title: string) =>
    docsTable().locator('tr.ant-table-row', {
      has: page.getByRole('cell', { name: title, exact: true }),
    });

  /** 制作文书 → kind → draft (the preview opens) → 签发 in the preview; returns the issued 文号. */
  async function makeAndIssue(
    kind: string,
    numberPattern: RegExp,
    preview?: (paper: Locator) => Promise<void>,
  ) {
    await page.getByRole('tab', { name: /执法文书/ }).click();
    await page.getByRole('button', { name: /制作文书/ }).click();
    const d = await dialog('制作文书');
    const kindSelect = d.getByLabel('文书种类');
    const kindItem = d.locator('.ant-form-item', { has: page.getByLabel('文书种类') });
    // A click on an option while the list still opens may be lost on a busy machine: picked again.
    for (let tries = 0; ; tries++) {
      await pick(kindSelect, new RegExp(`^${kind}$`));
      const chosen = await kindItem
        .locator('.ant-select-content-has-value', { hasText: kind })
        .waitFor({ timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (chosen || tries === 2) break;
    }
    await submit(d, '制作草稿');
    await d.waitFor({ state: 'detached' });

    // The draft is listed without a number and opened in the preview.
    await expect.poll(() => docRow(kind).textContent()).toContain('签发时编定');
    const sheet = await drawer(new RegExp(`预览：${kind}`));
    const paper = sheet.getByRole('article', { name: `文书 ${kind}` });
    await expect.poll(() => paper.textContent()).toContain('（签发时编定文号）');
    await preview?.(paper);
    await sheet.getByRole('button', { name: named('签发') }).click();

    const confirm = await dialog(`签发：${kind}`);
    await submit(confirm, '签发');
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => docRow(kind).textContent()).toMatch(numberPattern);
    const row = (await docRow(kind).textContent()) ?? '';
    expect(row).toContain('已签发');
    return numberPattern.exec(row)![0];
  }

  /** 下载 of an issued document, with the purpose 送达当事人; the .docx text. */
  async function downloadIssued(kind: string, number: string): Promise<string> {
    await docRow(kind)
      .getByRole('button', { name: named('下载') })
      .click();
    const download = await withPurpose('下载', '送达当事人');
    expect(download.suggestedFilename()).toBe(`${kind}（${number}）.docx`);
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    return docxText(fs.readFileSync(file));
  }

  it('setup through the API: an ordinary-procedure penalty of an organisation, noticed with a warning and a ¥20,000 fine', async () => {
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
          address: '上海市青浦区华新镇华志路100号',
        },
        unitId: unit.id,
        officerIds: [officers.get('王建国'), officers.get('李明')],
        chargedViolations: [CHARGED],
      }),
      201,
    );
    caseId = c.id;
    caseNumber = c.number;
    officerIds = [officers.get('王建国')!, officers.get('李明')!];
  });

  it('ACT-1 the leader approves the filing (立案审批); the officer investigates, ends it on the evidence and proposes the penalty', async () => {
    await logIn('officer1');
    await page.goto(`${base}/app/cases/${caseId}`);
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain(caseNumber);
    // Nothing but 撤销立案 before the filing is approved; the page says why.
    expect(await page.getByRole('region', { name: '办理' }).textContent()).toContain(
      '开始调查取证暂不能办理',
    );
    expect(await proceeding().textContent()).toContain(`案件名称${PARTY}${CHARGED}案`);
    await approved('立案审批');
    await act('开始调查取证', '调查取证');
    await api.evidence(caseId); // a scanned 询问笔录 (uploads in the browser: the case journey)
    await page.reload();
    await act('调查终结', '调查终结');
    await proceeding().getByRole('button', { name: '登记拟作出的处罚' }).click();
    const d = await dialog(/^拟作出的行政处罚：/);
    await d.getByLabel('罚款金额').fill('20000');
    await submit(d, '登记');
    await d.waitFor({ state: 'detached' });
    const proposed = await ok<{ facts: { hearingOffered?: boolean; sanction?: { fine: number } } }>(
      get(`/api/cases/${caseId}`),
    );
    expect(proposed.facts.sanction?.fine).toBe(2_000_000);
    // ¥20,000 for an organisation is below the ¥50,000 of a 较大数额: no hearing is offered.
    expect(proposed.facts.hearingOffered).toBe(false);
  });

  it('REC-02 PUB-06 officer1 drafts the 行政处罚事先告知书, previews it, issues it with its 文号 and downloads the .docx with a purpose', async () => {
    expect(await page.locator('.zf-page-head').textContent()).toContain('调查终结');

    noticeNumber = await makeAndIssue(
      '行政处罚事先告知书',
      new RegExp(`青国动罚告字〔${YEAR}〕第\\d+号`),
      async (paper) => {
        const text = (await paper.textContent()) ?? '';
        expect(text).toContain(`${PARTY}：`);
        expect(text).toContain('陈述、申辩');
        expect(text).toContain('申请回避');
        expect(text).not.toContain('要求听证');
        await screenshot(page, 'archive-01-notice-preview');
        await expectAccessible(page, 'archive-01-notice-preview');
      },
    );
    await screenshot(page, 'archive-02-notice-issued');
    await expectAccessible(page, 'archive-02-notice-issued');

    const text = await downloadIssued('行政处罚事先告知书', noticeNumber);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '上海市青浦区国防动员办公室',
      '行政处罚事先告知书',
      noticeNumber,
    ]);
    expect(text).toContain(`${PARTY}：`);
    expect(text).toContain('警告；罚款人民币贰万元整（¥20,000.00）');
    expect(lineWith(text, '陈述', '申辩', '收到本告知书之日起五个工作日内')).toBeDefined();
    // Below the hearing threshold: the hearing paragraph is left out.
    expect(text).not.toContain('听证');
    expect(lineWith(text, '有权申请回避')).toBeDefined();
    expect(text).toContain('王建国（执法证号：');
    // The notice names the violation charged, and no other of the item's seven.
    expect(text).toContain(CHARGED);
    expect(text).not.toContain(NOT_CHARGED);
    // 告知 once the notice is issued: the penalty is the one it states.
    await act('告知', '已告知');
  });

  it('REC-02 PUB-06 decides (party waived), issues the 行政处罚决定书 and downloads it: 文号, party and the remedies with their periods', async () => {
    // 决定审批 (行政处罚法 art. 57): the officer proposes, the leader approves, the decision is that one.
    await approved('决定审批', async (d) => {
      await d.getByLabel('理由').fill('当事人侵占人民防空工程，事实清楚，证据确凿，按一般情节裁量。');
    });
    await act('作出决定', '已决定', async (d) => {
      expect(await d.textContent()).toContain('经负责人决定审批');
      await d.getByLabel('当事人已放弃陈述、申辩权利').check();
    });
    decisionNumber = await makeAndIssue('行政处罚决定书', new RegExp(`青国动罚字〔${YEAR}〕第\\d+号`));
    const text = await downloadIssued('行政处罚决定书', decisionNumber);
    expect(text.split('\n').slice(1, 3)).toEqual(['行政处罚决定书', decisionNumber]);
    expect(text).toContain(`当事人：${PARTY}`);
    expect(text).toContain(`统一社会信用代码：${CREDIT_CODE}`);
    expect(text).toContain('警告；罚款人民币贰万元整（¥20,000.00）');
    expect(
      lineWith(text, '收到本决定书之日起六十日内', '上海市青浦区人民政府', '申请行政复议'),
    ).toBeDefined();
    expect(lineWith(text, '收到本决定书之日起六个月内', '上海铁路运输法院', '提起行政诉讼')).toBeDefined();
    expect(text).toContain(CHARGED);
    expect(text).not.toContain(NOT_CHARGED);

    // Both issued documents are listed, awaiting the party's signature.
    const rows = await docsTable().locator('tr.ant-table-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain(noticeNumber);
    expect(rows.join('\n')).toContain(decisionNumber);
    await screenshot(page, 'archive-03-documents');
    await expectAccessible(page, 'archive-03-documents');
  });

  it('REC-08 serves, executes and closes; the 案卷 tab shows the case file waiting for the records keeper', async () => {
    await act('送达', '已送达');
    // 执行 waits for the payment: recorded with its receipt.
    expect(await page.getByRole('region', { name: '办理' }).textContent()).toContain('执行暂不能办理');
    await proceeding().getByRole('button', { name: '登记履行情况' }).click();
    const paid = await dialog(/^登记履行情况：/);
    expect(await paid.getByLabel('缴款金额').inputValue()).toBe('20000.00');
    await paid.getByLabel('收据编号').fill('沪非税 No.0012345');
    await screenshot(page, 'archive-payment');
    await expectAccessible(page, 'payment form');
    await submit(paid, '登记');
    await paid.waitFor({ state: 'detached' });
    await act('执行', '已执行');
    await approved('结案审批');
    await act('结案', '已结案');
    // Closed: no more documents are made or issued.
    await page.getByRole('tab', { name: /执法文书/ }).click();
    const docs = page.getByRole('region', { name: '执法文书' });
    await expect.poll(() => docs.textContent()).toContain('案件已办结，不能再制作或签发文书。');
    expect(await docs.getByRole('button', { name: /制作文书/ }).count()).toBe(0);
    expect(await docs.getByRole('button', { name: named('签发') }).count()).toBe(0);

    await page.getByRole('tab', { name: '案卷' }).click();
    const cover = page.locator('.ant-descriptions', { hasText: '案卷封面' });
    await expect.poll(() => cover.textContent()).toContain('待接收');
    expect(await cover.textContent()).toContain('接收归档时编定');
    expect(await cover.textContent()).toContain(decisionNumber);
    // An officer cannot accept it.
    expect(await page.getByRole('button', { name: '接收归档' }).count()).toBe(0);
    await screenshot(page, 'archive-04-case-file-pending');
    await expectAccessible(page, 'archive-04-case-file-pending');
  });

  it('REC-08 the records keeper (after officer1 logs out) checks the case file in 归档接收 and accepts it with a note; the archive number is taken', async () => {
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByLabel('用户名').waitFor();
    await logIn('keeper');
    keeperPage = page;
    await page.getByRole('menuitem', { name: /归档接收/ }).click();
    const queue = page.getByRole('table', { name: '待接收的案卷' });
    const row = queue.locator('tr.ant-table-row', { hasText: caseNumber });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(PARTY);
    expect(await row.textContent()).toContain('缺 1 项');
    await loaded(queue);
    await screenshot(page, 'archive-05-intake-queue');
    await expectAccessible(page, 'archive-05-intake-queue');

    await row.getByRole('button', { name: '核对接收' }).click();
    const caseFile = await drawer(/^案卷：/);
    const cover = caseFile.locator('.ant-descriptions', { hasText: '案卷封面' });
    await expect.poll(() => cover.textContent()).toContain('待接收');
    const coverText = (await cover.textContent()) ?? '';
    // 案卷题名: the party and the violation of the power item.
    expect(coverText).toContain(`案卷题名${PARTY}${CHARGED}案`);
    expect(coverText).toContain(decisionNumber);
    expect(coverText).toContain(caseNumber);
    expect(coverText).toContain('永久');

    // 卷内目录: the decision before the notice.
    const index = await caseFile
      .getByRole('region', { name: '卷内目录' })
      .locator('tr.ant-table-row')
      .allTextContents();
    const at = (title: string) => index.findIndex((r) => r.includes(title));
    expect(at('行政处罚决定书')).toBeGreaterThanOrEqual(0);
    expect(at('行政处罚决定书')).toBeLessThan(at('行政处罚事先告知书'));
    expect(index[at('行政处罚决定书')]).toContain(decisionNumber);
    expect(index[at('行政处罚事先告知书')]).toContain(noticeNumber);
    // 缺失事项: the service receipt.
    const missing = caseFile.getByRole('region', { name: '缺失事项' });
    expect(await missing.textContent()).toContain('缺少送达回证');
    await screenshot(page, 'archive-06-case-file');
    await expectAccessible(page, 'archive-06-case-file');

    // A note is required: without one the form names it.
    await caseFile.getByRole('button', { name: '接收归档' }).click();
    const d = await dialog(`接收归档：${caseNumber}`);
    expect(await d.textContent()).toContain('缺少送达回证');
    await submit(d, '接收归档');
    const noteItem = d.locator('.ant-form-item', { has: page.getByLabel('接收说明') });
    await expect
      .poll(() => noteItem.locator('.ant-form-item-explain').textContent())
      .toContain('案卷有缺失事项，请说明情况');
    await d.getByLabel('接收说明').fill('送达回证原件另存纸质卷，已核对');
    await submit(d, '接收归档');
    await d.waitFor({ state: 'detached' });

    await expect.poll(() => cover.textContent()).toContain('已归档');
    archiveNumber = new RegExp(`${YEAR}-\\d{4}`).exec((await cover.textContent()) ?? '')?.[0] ?? '';
    expect(archiveNumber).toMatch(/^\d{4}-\d{4}$/);
    expect(await cover.textContent()).toContain('送达回证原件另存纸质卷，已核对');
    expect(await cover.textContent()).toContain('周立华'); // the keeper who accepted it
    await screenshot(page, 'archive-07-accepted');
    await expectAccessible(page, 'archive-07-accepted');

    // The queue no longer lists it.
    await caseFile.getByRole('button', { name: /^(关闭|Close)$/ }).click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('REC-08 the archived case is read-only: a step and a document draft are refused with 409 CASE_ARCHIVED; the case page shows the archive number and offers no edits', async () => {
    const officers = (await ok<{ items: Array<{ id: string; name: string }> }>(get('/api/officers'))).items;
    const ids = ['王建国', '李明'].map((n) => officers.find((o) => o.name === n)!.id);
    const refused = [
      await post(`/api/cases/${caseId}/steps`, {
        kind: 'other',
        occurredAt: new Date().toISOString(),
        place: '执法科',
        notes: '补充材料',
        officerIds: ids,
        inField: false,
      }),
      await post(`/api/cases/${caseId}/documents`, { kind: 'serviceReceipt' }),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(409);
      expect(errorOf(r).code).toBe('CASE_ARCHIVED');
    }

    // officer1 again, in a browser of its own.
    page = await newPage();
    await logIn('officer1');
    await page.goto(`${base}/app/cases/${caseId}`);
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain('已结案');
    await page.getByRole('tab', { name: '案卷' }).click();
    const cover = page.locator('.ant-descriptions', { hasText: '案卷封面' });
    await expect.poll(() => cover.textContent()).toContain('已归档');
    expect(await cover.textContent()).toContain(archiveNumber);
    await screenshot(page, 'archive-08-case-archived');
    await expectAccessible(page, 'archive-08-case-archived');

    await page.getByRole('tab', { name: /执法文书/ }).click();
    const docs = page.getByRole('region', { name: '执法文书' });
    await expect.poll(() => docs.locator('tr.ant-table-row').count()).toBe(2);
    expect(await docs.getByRole('button', { name: /制作文书/ }).count()).toBe(0);
    expect(await docs.getByRole('button', { name: /签发|重新出具|上传签名扫描件/ }).count()).toBe(0);
    // Reading stays possible.
    expect(await docs.getByRole('button', { name: named('下载') }).count()).toBe(2);
    expect(await page.getByRole('region', { name: '办理' }).getByRole('button').count()).toBe(0);
  });

  it('REC-08 档案登记 finds the case file by its archive number and exports the package, which verifies offline', async () => {
    page = keeperPage;
    await page.getByRole('menuitem', { name: /档案登记/ }).click();
    const search = page.getByRole('searchbox', { name: '档号、案号或当事人' });
    await search.fill(archiveNumber);
    await search.press('Enter');
    const table = page.getByRole('table', { name: '已归档的案卷' });
    const rows = table.locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain(archiveNumber);
    expect(await rows.first().textContent()).toContain(caseNumber);
    await loaded(table);
    await screenshot(page, 'archive-09-registry');
    await expectAccessible(page, 'archive-09-registry');

    await rows.first().getByRole('button', { name: archiveNumber }).click();
    const caseFile = await drawer(/^案卷：/);
    await caseFile.getByRole('button', { name: /导出归档包/ }).click();
    const download = await withPurpose('导出', '移交档案馆');
    expect(download.suggestedFilename()).toBe(`归档包-${archiveNumber}.zip`);
    const file = path.join(tmp, 'package.zip');
    await download.saveAs(file);

    const result = await verifyPackageFile(file, loadTransparency(app.zhifaConfig).verifier);
    expect(result.problems).toEqual([]);
    const numbers = result.manifest!.files.map((f) => f.documentNumber);
    expect(numbers).toEqual(expect.arrayContaining([noticeNumber, decisionNumber]));
    expect(result.manifest!.files.every((f) => f.inclusion === 'content')).toBe(true);
  });

  it('PLT-04 zhifa verify finds the ledger, the case file and the stored documents intact', async () => {
    const r = await zhifa(['verify', '--json'], { ZHIFA_DATA_DIR: dir });
    expect(r.code, r.stderr || r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ intact: true, problems: [] });
  });

  it('PLT-03 the document and archive pages run under the strict CSP without errors', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
