import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../../federation/console-build';

/** The console is built before its tests (npm install builds it; this rebuilds only after a change to its sources). */
export async function consoleReady(): Promise<void> {
  await ensureConsoleBuilt({ log: () => undefined });
}

/**
 * `CONSOLE_SCREENSHOTS=docs/console npx jest tests/e2e/console` refreshes the README's screenshots;
 * otherwise nothing is written.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Signs in on the console's page with a pasted token (development and test hubs). */
export async function signInWithToken(page: Page, url: string, token: string, hash = ''): Promise<void> {
  await page.goto(`${url}/console/${hash}`);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: '使用令牌登录' }).click();
  await page.getByTestId('signed-in').waitFor();
}
