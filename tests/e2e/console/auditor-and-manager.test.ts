import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type ConsolePage } from '../../support/browser';
import { startTestHub, type TestHub } from '../../support/hub';
import { as } from '../../support/principals';
import { consoleReady, screenshot, signInWithToken } from './support';

/**
 * The console in a real browser (Debian's Chromium) against a hub with the demo data: an auditor
 * finds who read a caller's phone, verifies the chain and checks an export's hash; a manager finds
 * the water-outage hotspot in 滨河街道 and acknowledges a risk warning; a handler is refused the
 * auditor's screens. Every screen is also checked to load nothing from outside the hub.
 */
describe('the console (auditors and managers), in Chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let stopBrowser: () => Promise<void>;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    await consoleReady();
    hub = await startTestHub();
    const launched = await launchBrowser();
    browser = launched.browser;
    stopBrowser = launched.stop;
  }, 180_000);
  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await stopBrowser?.();
    await hub?.stop();
  });

  /** A fresh page whose clock is the hub's (the demo data and the events are dated by it), a minute on. */
  const open = async () => {
    const p = await openPage(browser, { allowedOrigins: [new URL(hub.url).origin], now: new Date(hub.clock.now().getTime() + 60_000) });
    pages.push(p);
    return p;
  };

  const expectClean = (p: ConsolePage) => {
    expect(p.offsite).toEqual([]);
    expect(p.problems).toEqual([]);
  };

  it('serves the page and every asset from the hub, with a policy that allows nothing else', async () => {
    const response = await fetch(`${hub.url}/console/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset.startsWith('/console/assets/')).toBe(true);
      const file = await fetch(`${hub.url}${asset}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toContain('immutable');
      expect(await file.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org|127\.0\.0\.1|localhost)[a-z0-9.-]+\.[a-z]{2,}\/[^\s"']*\.(js|css|woff2?)/i);
    }
    expect((await fetch(`${hub.url}/console/../package.json`)).status).not.toBe(200);
    expect((await fetch(`${hub.url}/console/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${hub.url}/console/.source-hash`)).status).toBe(404);
  });

  it('an auditor finds who read 张三\'s phone this week, sees the chain intact, and checks an export\'s hash', async () => {
    // 张三 calls the hotline (the README's intake example); the dispatcher reads his phone under SUPERVISION.
    const registered = await hub.gql(
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id number } }`,
      {
        as: as.OPERATOR,
        purpose: 'INTAKE',
        variables: {
          input: {
            channel: 'PHONE', type: 'COMPLAINT', urgency: 'NORMAL', disposition: 'HANDLE', categoryCode: '0104',
            title: '夜间施工噪音扰民', description: '龙凤南路工地连续多日夜间22点后施工，诉求尽快制止。',
            region: '141102', township: '141102001', address: '吕梁市离石区滨河街道龙凤南路18号',
            caller: { name: '张三', phone: '13812345678', callbackConsent: true }, idempotencyKey: 'console-e2e-zhangsan',
          },
        },
      },
    );
    expect(registered.body.errors).toBeUndefined();
    const { number } = registered.body.data!.registerCase;
    const read = await hub.gql(`query($n: String!) { caseByNumber(number: $n) { caller { phone } } }`, { as: as.DISPATCHER, purpose: 'SUPERVISION', variables: { n: number } });
    expect(read.body.data!.caseByNumber.caller.phone).toBe('13812345678');

    const p = await open();
    const { page } = p;
    await signInWithToken(page, hub.url, await hub.token(as.AUDITOR));
    await page.getByRole('link', { name: '个人信息查询' }).click();
    await page.locator('input[name=phone]').fill('138 1234 5678');
    await page.getByRole('button', { name: '查找工单' }).click();
    await expect(page.getByTestId('located-cases').textContent()).resolves.toContain(number);
    const readers = page.getByTestId('readers');
    await readers.waitFor();
    const dispatcher = readers.locator('tr[data-principal="dp-zhaolei"]');
    await expect(dispatcher.textContent()).resolves.toMatch(/派单员.*督办.*明文 × 1/s);
    // The operator who registered the case read nothing back; the auditor's own lookup is on the record too.
    await expect(readers.locator('tr[data-principal="au-chenjing"]').textContent()).resolves.toContain('审计');
    const chain = page.getByTestId('chain-result');
    await expect(chain.getAttribute('data-ok')).resolves.toBe('true');
    await expect(chain.textContent()).resolves.toMatch(/完好：已校验 \d+ 条事件/);
    await screenshot(page, 'auditor-subject');

    // The lookup is itself an access event of the auditor (a read like any other).
    const events = await hub.gql(`{ accessEvents(filter: { principalId: "au-chenjing", subjectType: "Case" }) { edges { node { role fields { path decision } } } } }`, { as: as.AUDITOR, purpose: 'AUDIT' });
    expect(events.body.data!.accessEvents.edges.map((e: any) => e.node.fields)).toContainEqual([{ path: 'caller.phone', decision: 'ALLOWED' }]);

    // The access log, filtered by the person the lookup named.
    await dispatcher.getByRole('link', { name: 'dp-zhaolei' }).click();
    await page.getByTestId('events').waitFor();
    await expect(page.getByTestId('events').locator('tr[data-principal="dp-zhaolei"]').first().textContent()).resolves.toContain('来电人电话 · 明文');
    await screenshot(page, 'auditor-access-log');

    // Chain verification: every chain's head, to record elsewhere.
    await page.getByRole('link', { name: '日志链校验' }).click();
    await page.getByRole('button', { name: '校验' }).click();
    await expect(page.getByTestId('chain-result').getAttribute('data-ok')).resolves.toBe('true');
    const heads = await page.getByTestId('chains').locator('tbody tr code').allTextContents();
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) expect(head).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'auditor-chain');

    // Export: the file downloaded is the one the server hashed, and a saved copy checks out.
    await page.getByRole('link', { name: '导出', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出并下载' }).click()]);
    const saved = await download.path();
    const bytes = fs.readFileSync(saved);
    const serverHash = (await page.getByTestId('server-sha256').locator('code').textContent())!.trim();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(serverHash);
    expect(bytes.toString('utf8')).toContain('"principalId":"dp-zhaolei"');
    await expect(page.getByTestId('hash-verdict').getAttribute('data-match')).resolves.toBe('true');
    await page.locator('input[name=expected]').fill(serverHash);
    await page.locator('input[name=saved]').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/x-ndjson', buffer: bytes });
    await expect(page.getByTestId('file-verdict').getAttribute('data-match')).resolves.toBe('true');
    // One changed byte, and the check says so.
    const tampered = Buffer.from(bytes);
    tampered[10] = tampered[10]! ^ 1;
    await page.locator('input[name=saved]').setInputFiles({ name: 'tampered.jsonl', mimeType: 'application/x-ndjson', buffer: tampered });
    await expect(page.getByTestId('file-verdict').getAttribute('data-match')).resolves.toBe('false');
    await screenshot(page, 'auditor-export');

    // The anomalies report and the exchange log render for the same principal.
    await page.getByRole('link', { name: '异常访问' }).click();
    await page.getByTestId('unjustifiedReads').waitFor();
    await screenshot(page, 'auditor-anomalies');
    await page.getByRole('link', { name: '交换日志' }).click();
    await page.getByRole('button', { name: '校验交换日志链' }).click();
    await expect(page.getByTestId('exchange-verdict').getAttribute('data-ok')).resolves.toBe('true');
    await screenshot(page, 'auditor-exchange');

    // English is one click away; China time and names stay.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('link', { name: 'Exchange log' }).isVisible()).resolves.toBe(true);
    expectClean(p);
  }, 180_000);

  it('a manager finds the water-outage hotspot in 滨河街道 and acknowledges a risk warning', async () => {
    await hub.evaluateRisk();
    const p = await open();
    const { page } = p;
    await signInWithToken(page, hub.url, await hub.token(as.DISPATCHER));
    await page.getByRole('link', { name: '热点（未诉先办）' }).click();
    const grid = page.getByTestId('place-grid');
    await grid.waitFor();
    const cell = grid.locator('button[data-place="滨河街道"][data-category*="停水"]');
    await cell.click();
    const detail = page.getByTestId('hotspot-detail');
    expect(Number(await detail.getByTestId('observed').textContent())).toBeGreaterThanOrEqual(18);
    expect(Number(await detail.getByTestId('expected').textContent())).toBeLessThan(1);
    await expect(detail.textContent()).resolves.toContain('滨河街道 · 停水');
    await screenshot(page, 'manager-hotspots');

    await page.getByRole('link', { name: '风险预警' }).click();
    const warnings = page.getByTestId('warnings');
    await warnings.waitFor();
    const open1 = warnings.locator('tbody tr').first();
    const id = (await open1.getAttribute('data-warning'))!;
    // Names, not codes: the region and the rule in Chinese.
    await expect(open1.textContent()).resolves.toMatch(/(敏感类别|突增|同一地址多人反映)/);
    await screenshot(page, 'manager-warnings');
    await open1.getByRole('textbox').fill('已通知供水公司排查管网');
    await open1.getByRole('button', { name: '确认' }).click();
    await page.getByRole('status').waitFor();
    await warnings.locator(`tr[data-warning="${id}"]`).waitFor({ state: 'detached' });
    const acknowledged = await hub.gql(`{ riskWarnings(acknowledged: true) { id acknowledgedBy } }`, { as: as.DISPATCHER });
    expect(acknowledged.body.data!.riskWarnings).toContainEqual({ id, acknowledgedBy: 'dp-zhaolei' });

    await page.getByRole('link', { name: '季节性展望' }).click();
    await page.getByTestId('outlook').waitFor();
    await page.locator('.chart svg').first().waitFor();
    await screenshot(page, 'manager-outlook');
    await page.getByRole('link', { name: '三率与时限' }).click();
    await page.getByTestId('stats').waitFor();
    await page.getByRole('combobox', { name: '分组' }).selectOption('TIER');
    await page.getByTestId('stats').getByText('A 档').waitFor();
    await screenshot(page, 'manager-stats');
    expectClean(p);
  }, 180_000);

  it('an analyst sees the managers\' figures but no acknowledge button; the API refuses the act anyway', async () => {
    const p = await open();
    const { page } = p;
    await signInWithToken(page, hub.url, await hub.token(as.ANALYST), '#/manage/warnings');
    await page.getByTestId('warnings').or(page.getByText('没有记录。')).first().waitFor();
    await expect(page.getByRole('button', { name: '确认' }).count()).resolves.toBe(0);
    const list = await hub.gql(`{ riskWarnings(first: 1) { id } }`, { as: as.ANALYST });
    const id = list.body.data?.riskWarnings[0]?.id ?? 'Umlza1dhcm5pbmc6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw';
    const refused = await hub.gql(`mutation($id: ID!) { acknowledgeRiskWarning(id: $id) { id } }`, { as: as.ANALYST, variables: { id } });
    expect(refused.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expectClean(p);
  }, 120_000);

  it('a handler is refused the auditor\'s screens: no menu, and the API answers FORBIDDEN with no events', async () => {
    const p = await open();
    const { page } = p;
    await signInWithToken(page, hub.url, await hub.token(as.HANDLER));
    await expect(page.getByTestId('no-screens').textContent()).resolves.toContain('HANDLER');
    await expect(page.getByRole('link', { name: '访问日志' }).count()).resolves.toBe(0);
    // Straight to the auditor's address: the screen asks the API, which refuses.
    await page.goto(`${hub.url}/console/#/audit/events`);
    await page.getByTestId('not-for-role').waitFor();
    const refusal = page.locator('.banner.refused[role=alert]');
    await refusal.waitFor();
    await expect(refusal.getAttribute('data-code')).resolves.toBe('FORBIDDEN');
    await expect(page.getByTestId('events').count()).resolves.toBe(0);
    await screenshot(page, 'handler-refused');
    await page.goto(`${hub.url}/console/#/audit/subject?phone=13812345678`);
    await page.locator('.banner.refused[role=alert]').waitFor();
    await expect(page.locator('.banner.refused[role=alert]').textContent()).resolves.toContain('FORBIDDEN');
    await expect(page.getByTestId('located-cases').count()).resolves.toBe(0);
    expectClean(p);
  }, 120_000);
});
