import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/http/app';
import { openReady } from '../../src/bootstrap';
import { seedDemo } from '../../src/services/seed-service';
import type { Deps } from '../../src/services/deps';

export const CHROMIUM = '/usr/bin/chromium';
export const OUTPUT = path.resolve(import.meta.dirname, '../../test-output/screenshots');

/** Debian Chromium, headless, with the flags this machine kind needs (no network, no GPU, root). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/test-all.sh (installs Debian chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The real server on a fresh SQLite file with the demo office, listening on a free port; `env`
 * adds configuration (a job's interval, say). Its `deps` let a journey run the jobs itself
 * (`makeScheduler(…).runDue()`): like `makeTestApp`, it starts no scheduler.
 */
export async function startServer(env: Record<string, string> = {}): Promise<{
  app: FastifyInstance;
  base: string;
  dir: string;
  deps: Deps;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-e2e-'));
  const config = loadConfig({ ...env, ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' });
  if (!fs.existsSync(path.join(config.webDistDir, 'index.html')))
    throw new Error('the workbench is not built: run `npm run build:web`');
  const { database, deps } = await openReady(config);
  await seedDemo(deps);
  const app = await buildApp({ config, database });
  app.addHook('onClose', () => database.destroy());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, base: `http://127.0.0.1:${port}`, dir, deps };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The WCAG 2.1 A and AA rules: what the workbench and the portal are held to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the page as it now stands and fails, naming each violated rule
 * and the elements, on any violation. axe is evaluated through the DevTools protocol, not added as a
 * <script>: the pages' CSP (rightly) refuses inline scripts, and a refusal would be a console error
 * the journeys count.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Let antd's opening and fading animations end: a half-faded element has a contrast of its own.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    WCAG_TAGS,
  );
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? ''}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `  ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`)
        .join('\n'),
  );
  expect(problems, `accessibility of ${name}`).toEqual([]);
}

/**
 * The font Chromium actually used for the text of an element (from the DevTools protocol), and
 * the rendered width of two CJK characters in em. Tofu or a missing font shows up in both.
 */
export async function renderedFont(
  page: Page,
  selector: string,
): Promise<{ families: string[]; cjkWidthEm: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  const cjkWidthEm = await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const probe = document.createElement('span');
    probe.textContent = '执法';
    probe.style.fontSize = '40px';
    probe.style.whiteSpace = 'nowrap';
    el.appendChild(probe);
    const w = probe.getBoundingClientRect().width / 40;
    probe.remove();
    return w;
  }, selector);
  return { families: fonts.map((f) => f.familyName), cjkWidthEm };
}

/**
 * The workbench helpers both journeys use, acting on whatever page `current()` returns (a journey
 * may switch between users' pages).
 */
export function workbench(current: () => Page) {
  /**
   * The antd dialog with this title, once it has opened: a click that lands while it still zooms in
   * may be lost, so its opening animation is waited out.
   */
  async function dialog(title: string | RegExp): Promise<Locator> {
    const d = current().getByRole('dialog', { name: title });
    await d.waitFor();
    await expect.poll(() => d.getAttribute('class')).not.toMatch(/ant-zoom/);
    return d;
  }

  /** Picks an option of an antd Select (by its visible text) after opening it. */
  async function pick(select: Locator, option: string | RegExp): Promise<void> {
    await select.click();
    // A click on an option while its list still slides in may be lost on a busy machine: the
    // opening animation is waited out first, as for dialogs.
    await expect
      .poll(() =>
        current()
          .locator(
            '.ant-select-dropdown[class*="slide-up-appear"], .ant-select-dropdown[class*="slide-up-enter"]',
          )
          .count(),
      )
      .toBe(0);
    await current()
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: option,
      })
      .first()
      .click();
  }

  /**
   * A button's name. A button that was loading may keep antd's fading loading icon (named
   * "loading") for a while in this headless Chromium, so the label is matched at the end.
   */
  const named = (label: string) => new RegExp(`(^|\\s)${label}$`);

  /** Clicks a dialog's OK button. */
  async function submit(d: Locator, label: string): Promise<void> {
    await d
      .locator('.ant-modal-footer')
      .getByRole('button', { name: named(label) })
      .click();
  }

  /** Clicks one of the case's action buttons and confirms its form; waits for the new state. */
  async function act(label: string, state: string, fill?: (d: Locator) => Promise<void>): Promise<void> {
    const page = current();
    await page
      .getByRole('region', { name: '办理' })
      .getByRole('button', { name: label, exact: true })
      .click();
    const d = await dialog(new RegExp(`^${label}：`));
    await fill?.(d);
    await submit(d, label);
    await d.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.zf-page-head').textContent()).toContain(state);
  }

  return { dialog, pick, named, submit, act };
}
