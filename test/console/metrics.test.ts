// Link utilisation on the topology and the metrics charts (#/metrics, uPlot) in Debian's headless
// Chromium against a real FastRoute on the tutorial, whose lab declares traffic: the primary link's
// edge carries its utilisation (attribute, band, tooltip "primary: N of 1,000 Mbit/s, P %"); a
// primary link-down drill puts everything on the secondary, whose utilisation doubles; the metrics
// view draws the interconnect's series with points. Nothing beyond loopback, no page error.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { assertConsoleBuilt, chromiumMissing, launchChromium, openConsole, openGuardedPage, screenshot, startConsoleServer, TUTORIAL_LAB, waitFor } from './harness.ts';

const link = (path: 'Primary' | 'Secondary') => `[data-testid="edge"][data-kind="link"][data-path="${path}"]`;

async function utilisation(page: Page, path: 'Primary' | 'Secondary'): Promise<number> {
  return Number(await page.locator(link(path)).getAttribute('data-utilisation'));
}

async function checkViews(server: TestServer, browser: Browser): Promise<void> {
  const g = await openGuardedPage(browser, { width: 1600, height: 1000 });
  await openConsole(g.page, server.adminUrl, '#/topology');
  await waitFor(g.page, `${link('Primary')}[data-utilisation]`, 'the primary link\'s utilisation');
  await waitFor(g.page, '[data-testid="utilisation-legend"] li', 'the utilisation legend', { count: 4 });
  const primary = await utilisation(g.page, 'Primary');
  const secondary = await utilisation(g.page, 'Secondary');
  assert.ok(primary > 0 && secondary > 0, `both links carry the declared flows (${primary} %, ${secondary} %)`);
  const title = await g.page.locator(`${link('Primary')} > title`).textContent() ?? '';
  assert.match(title, new RegExp(`^primary: [\\d,]+ of 1,000 Mbit/s, ${primary} % \\(to (Azure|OCI)\\)$`, 'm'), title);
  assert.match(await g.page.locator(link('Primary')).getAttribute('class') ?? '', /util-(low|mid|high)/);
  await screenshot(g.page, 'utilisation-before');

  assert.equal((await server.api('POST', '/drills', { kind: 'link-down', path: 'primary' })).status, 201);
  await waitFor(g.page, `${link('Secondary')}[data-utilisation="${secondary * 2}"], ${link('Secondary')}[data-utilisation="${secondary * 2 - 1}"], ${link('Secondary')}[data-utilisation="${secondary * 2 + 1}"]`, `the secondary at twice ${secondary} %`, { shot: 'utilisation-drill' });
  assert.equal(await utilisation(g.page, 'Primary'), 0, 'the cut primary carries nothing');
  await screenshot(g.page, 'utilisation-drill');
  assert.equal((await server.api('DELETE', '/drills')).status, 200);

  await g.page.locator('[data-testid="nav-metrics"]').click();
  await waitFor(g.page, '[data-testid="metrics-chart"] canvas', 'the uPlot charts', { shot: 'metrics' });
  const bitsIn = g.page.locator('[data-testid="metrics-chart"][data-metric="Microsoft.Network/expressRouteCircuits|BitsInPerSecond"]');
  assert.equal(await bitsIn.getAttribute('data-series'), '2', 'one series per link (DeviceRole)');
  assert.ok(Number(await bitsIn.getAttribute('data-points')) > 0, 'with points');
  assert.equal(await bitsIn.locator('.u-legend .u-series').count(), 3, 'uPlot\'s legend: time and the two links');
  for (const metric of ['expressRouteCircuits|BgpAvailability', 'virtualNetworkGateways|ExpressRouteGatewayBitsPerSecond', 'oci_fastconnect|BytesSent']) {
    assert.equal(await g.page.locator(`[data-testid="metrics-chart"][data-metric$="${metric}"] canvas`).count(), 1, metric);
  }
  assert.equal(await g.page.locator('[data-testid="metrics-source"]').getAttribute('data-source'), 'declared');
  await screenshot(g.page, 'metrics');
  assert.deepEqual(g.blocked, [], 'the page asked for nothing beyond loopback');
  assert.deepEqual(g.pageErrors, [], 'no uncaught error in the page');
  await g.context.close();
}

describeWithTool('console link utilisation and metrics charts', chromiumMissing(), () => {
  void it('the declared traffic on the links, the secondary\'s utilisation doubling in a drill, and the charts', async () => {
    assertConsoleBuilt();
    const server = await startConsoleServer(TUTORIAL_LAB);
    const browser = await launchChromium().catch(async (err: unknown) => { await server.close(); throw err; });
    try {
      // A fixed instant: the lab's schedule (a factor per UTC hour) cannot change between the two readings.
      assert.equal((await server.api('PUT', '/clock', { mode: 'manual' })).status, 200);
      await checkViews(server, browser);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
