// The console of a FastRoute that requires its admin token (strict auth), in headless Chromium:
// opened at the sign-in URL the start banner prints, it trades the token for an HttpOnly cookie,
// drops it from the address bar and works as usual (topology, live events); a browser that never
// signed in gets 401 from the API. Needs the built console (`npm run build`), like console.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../api/server.ts';
import { assertConsoleBuilt, launchChromium, openConsole, openGuardedPage, startConsoleServer, TUTORIAL_LAB, type GuardedPage } from './harness.ts';

void describe('web console with an admin token', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const pages: GuardedPage[] = [];

  before(async () => {
    assertConsoleBuilt();
    browser = await launchChromium();
    server = await startConsoleServer(TUTORIAL_LAB, { strictAuth: true });
  });
  after(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  void it('signs in at the printed URL and draws the topology, with the token out of sight', { timeout: 60_000 }, async () => {
    assert.ok(browser && server);
    const token = server.adminToken?.token ?? '';
    assert.notEqual(token, '');
    const g = await openGuardedPage(browser);
    pages.push(g);
    await openConsole(g.page, server.adminUrl, `?token=${token}#/topology`);
    assert.equal(g.page.url(), `${server.adminUrl}/#/topology`, 'the token left the address bar');
    assert.equal(await g.page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie), '', 'page scripts cannot read the cookie');
    const status = await g.page.evaluate(async () => (await fetch('/fastroute/v1/status')).status);
    assert.equal(status, 200);
    const live = await g.page.evaluate(() => new Promise<string>((resolve) => {
      const es = new EventSource('/fastroute/v1/events/stream');
      es.onopen = () => { es.close(); resolve('open'); };
      es.onerror = () => { es.close(); resolve('error'); };
    }));
    assert.equal(live, 'open', 'the live event stream signs in with the cookie too');
    assert.deepEqual(g.pageErrors, []);
    assert.deepEqual(g.consoleErrors.filter((e) => /401/.test(e)), []);
  });

  void it('a browser that did not sign in gets 401 from the API', { timeout: 60_000 }, async () => {
    assert.ok(browser && server);
    const g = await openGuardedPage(browser);
    pages.push(g);
    await g.page.goto(`${server.adminUrl}/`);
    const status = await g.page.evaluate(async () => (await fetch('/fastroute/v1/status')).status);
    assert.equal(status, 401);
  });
});
