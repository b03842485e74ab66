import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): Playwright's own download cannot run here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with a fresh profile, and nothing it may reach but the machine itself: the
 * flags keep it from calling home, and every request to another host is refused and recorded
 * (`offsite`), so a test can assert that a page needs nothing from outside the hub.
 */
export async function launchBrowser(): Promise<{ browser: Browser; profile: string; stop(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    // Playwright gives a non-persistent browser a fresh, empty profile of its own (it refuses
    // --user-data-dir here); its temporary files go under this run's directory.
    env: { ...process.env, TMPDIR: profile },
    timeout: 60_000,
  });
  return {
    browser,
    profile,
    async stop() {
      await browser.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type ConsolePage = {
  page: Page;
  context: BrowserContext;
  /** Requests to any host but the allowed ones (refused). */
  offsite: string[];
  /** Console errors and uncaught exceptions of the page (CSP violations included). */
  problems: string[];
  close(): Promise<void>;
};

/** A new page (own context: own memory, own storage) whose clock starts at `now` and runs on. */
export async function openPage(browser: Browser, options: { allowedOrigins: string[]; now?: Date; locale?: string }): Promise<ConsolePage> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true, viewport: { width: 1360, height: 900 } });
  // Generous: the machine is shared, and a waiting test only waits as long as the page needs.
  context.setDefaultTimeout(60_000);
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['data:', 'blob:'].includes(url.protocol) || options.allowedOrigins.includes(url.origin)) return route.continue();
    offsite.push(url.toString());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  if (options.now) await page.clock.install({ time: options.now });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, context, offsite, problems, close: () => context.close() };
}
