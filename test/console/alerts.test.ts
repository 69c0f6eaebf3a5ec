// The console's alerts view (#/alerts) in Debian's headless Chromium against a real FastRoute on the
// tutorial with the manual clock: nothing active at first; a primary link-down drill shows the
// pending alerts (the view reloads when the world changes), by display name; a minute on the clock
// turns the state alerts firing (the view polls: time alone changes them); stopping the drill
// clears the list. The page asks for nothing beyond loopback and throws nothing.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { assertConsoleBuilt, chromiumMissing, launchChromium, openConsole, openGuardedPage, screenshot, startConsoleServer, TUTORIAL_LAB, waitFor } from './harness.ts';

interface Row { state: string; name: string; summary: string }
interface RowEl { className: string; querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }

async function rows(page: Page): Promise<Row[]> {
  return page.locator('[data-testid="alert"]').evaluateAll((els: RowEl[]) => els.map((r) => ({
    state: r.className.replace('alert-', ''),
    name: r.querySelector('strong')?.textContent ?? '',
    summary: Array.from(r.querySelectorAll('td')).at(-1)?.textContent ?? '',
  })));
}

describeWithTool('console alerts view', chromiumMissing(), () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    assertConsoleBuilt();
    server = await startConsoleServer(TUTORIAL_LAB);
    browser = await launchChromium();
    assert.equal((await server.api('PUT', '/clock', { mode: 'manual' })).status, 200);
  });
  after(async () => {
    await browser.close();
    await server.close();
  });

  void it('none, then a drill\'s alerts pending, firing a minute later, and gone when it stops', async () => {
    const g = await openGuardedPage(browser);
    await openConsole(g.page, server.adminUrl, '#/alerts');
    await waitFor(g.page, '[data-testid="alerts-none"]', '"No alert is active"');
    assert.equal(await g.page.locator('[data-testid="nav-alerts"]').getAttribute('aria-current'), 'page');

    assert.equal((await server.api('POST', '/drills', { kind: 'link-down', path: 'primary' })).status, 201);
    await waitFor(g.page, '[data-testid="alert"].alert-pending', 'the drill\'s pending alerts', { count: 4, shot: 'alerts-pending' });
    const pending = await rows(g.page);
    assert.deepEqual(pending.map((r) => r.name).sort(), ['FastRouteArpUnavailable', 'FastRouteBgpSessionDown', 'FastRouteOnePathCarriesAll', 'FastRouteRedundancyLost']);
    const bgp = pending.find((r) => r.name === 'FastRouteBgpSessionDown');
    assert.equal(bgp?.summary, 'BGP session Primary-IPv4 of circuit er-oci-azure is down', 'by display name');
    await screenshot(g.page, 'alerts-pending');

    assert.equal((await server.api('POST', '/clock/advance', { seconds: 60 })).status, 200);
    await waitFor(g.page, '[data-testid="alert"].alert-firing', 'three firing alerts', { count: 3, shot: 'alerts-firing' });
    const firing = await rows(g.page);
    assert.deepEqual(firing.slice(0, 3).map((r) => r.state), ['firing', 'firing', 'firing'], 'firing first');
    assert.deepEqual(firing.filter((r) => r.state === 'pending').map((r) => r.name), ['FastRouteOnePathCarriesAll']);
    assert.match(await g.page.locator('[data-testid="alerts-summary"]').innerText(), /^3 firing · 1 pending · 10 rules/);
    await screenshot(g.page, 'alerts-firing');

    assert.equal((await server.api('DELETE', '/drills')).status, 200);
    await waitFor(g.page, '[data-testid="alerts-none"]', 'the list cleared once the drill stopped');
    assert.deepEqual(g.blocked, [], 'the page asked for nothing beyond loopback');
    assert.deepEqual(g.pageErrors, [], 'no uncaught error in the page');
    await g.context.close();
  });
});
