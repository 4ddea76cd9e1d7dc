import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { expectAccessible, launchBrowser, screenshot, startServer } from './browser';

/**
 * A password someone else chose is replaced at the first login, and administrators see who is
 * locked out from which network — in Chromium against the real server.
 */
describe('first login and lock-outs in the workbench', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;
  let dir: string;
  let page: Page;

  beforeAll(async () => {
    ({ app, base, dir } = await startServer());
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const api = async (path: string, body: unknown, session?: { cookie: string; csrf: string }) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrf }),
      },
      body: JSON.stringify(body),
    });
    return res;
  };
  const signIn = async (username: string, password: string) => {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  };

  it('PLT-03 after an administrator resets a password the user is shown 请修改初始密码 and works on once it is changed', async () => {
    const login = await api('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    const admin = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const users = (await (
      await fetch(`${base}/api/users`, { headers: { cookie: admin.cookie } })
    ).json()) as { items: Array<{ id: string; username: string }> };
    const officer = users.items.find((u) => u.username === 'officer1')!;
    expect(
      (await api(`/api/users/${officer.id}/password`, { password: 'set-by-admin-2026' }, admin)).status,
    ).toBe(204);

    await page.goto(`${base}/app/`);
    await signIn('officer1', 'set-by-admin-2026');
    await page.getByRole('heading', { name: '请修改初始密码' }).waitFor();
    await screenshot(page, 'first-login-change-password');
    await expectAccessible(page, 'first-login-change-password');
    await page.getByLabel('当前密码').fill('set-by-admin-2026');
    await page.getByLabel('新密码', { exact: true }).fill('officer-own-2026');
    await page.getByLabel('确认新密码').fill('officer-own-2026');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.getByRole('menuitem', { name: /案件/ }).first().waitFor();
    await page.getByRole('button', { name: /退出登录/ }).click();
  });

  it('PLT-03 PLT-08 the users page shows a lock-out with its network masked, and unlocking lifts it', async () => {
    for (let i = 0; i < 5; i++)
      await api('/api/auth/login', { username: 'keeper', password: 'wrong-password-1' });
    await signIn('admin', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /用户与角色/ }).click();
    const row = page.getByRole('row', { name: /keeper/ });
    await expect.poll(() => row.textContent()).toMatch(/来自 127\.0\.0\.\* 的登录锁定至 \d{4}年/);
    await screenshot(page, 'users-lockout');
    await expectAccessible(page, 'users-lockout');
    await row.getByRole('button', { name: '解锁' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '解锁' }).click();
    await expect.poll(() => row.textContent()).not.toContain('锁定');
  });
});
