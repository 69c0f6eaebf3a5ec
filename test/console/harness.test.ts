// The browser harness itself, on a trivial page served from 127.0.0.1: Chromium starts, the route
// guard aborts and records requests to other hosts, the proxy black hole stops them even without
// the guard, and screenshots land in test-artifacts/console/. Only `.invalid` names are used as the
// "outside" (RFC 2606: they never resolve), so nothing can leave the machine even if a guard failed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { Browser } from 'playwright-core';
import { chromiumMissing, isAllowedUrl, launchChromium, openGuardedPage, screenshot, waitFor } from './harness.ts';

const OUTSIDE = 'http://fastroute-guard-test.invalid';

const PAGE = `<!doctype html><html><head><title>harness</title>
<link rel="stylesheet" href="${OUTSIDE}/font.css"></head>
<body><h1 data-testid="hello">hello from 127.0.0.1</h1><img src="${OUTSIDE}/pixel.png" alt="">
<script>
  fetch('${OUTSIDE}/api').catch(() => { document.body.dataset.fetchFailed = 'true'; });
  fetch('/local.json').then((r) => r.json()).then((j) => { document.body.dataset.local = j.ok; document.body.dataset.ready = 'true'; });
</script></body></html>`;

describeWithTool('console test harness (trivial page)', chromiumMissing(), () => {
  let browser: Browser;
  let server: http.Server;
  let base = '';
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/local.json') {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":"yes"}');
        return;
      }
      res.setHeader('content-type', 'text/html');
      res.end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  });

  void it('allows loopback and in-page URLs only', () => {
    for (const ok of ['http://127.0.0.1:4650/', 'http://localhost:1/x', 'ws://127.0.0.1:9/s', 'http://[::1]:80/', 'data:text/plain,hi', 'blob:http://127.0.0.1/abc', 'about:blank']) {
      assert.equal(isAllowedUrl(ok), true, ok);
    }
    for (const no of ['https://fonts.googleapis.com/css', 'http://10.0.0.1/', 'http://127.0.0.2/', 'http://localhost.example.invalid/', 'ftp://127.0.0.1/', 'not a url']) {
      assert.equal(isAllowedUrl(no), false, no);
    }
  });

  void it('loads a local page, aborts and records requests elsewhere, and saves a screenshot', async () => {
    const g = await openGuardedPage(browser);
    try {
      await g.page.goto(`${base}/`);
      await waitFor(g.page, 'body[data-ready="true"][data-fetch-failed="true"]', 'the local fetch to succeed and the outside fetch to fail');
      assert.equal(await g.page.getAttribute('body', 'data-local'), 'yes');
      assert.deepEqual([...g.blocked].sort(), [`${OUTSIDE}/api`, `${OUTSIDE}/font.css`, `${OUTSIDE}/pixel.png`]);
      assert.deepEqual(g.pageErrors, []);
      const file = await screenshot(g.page, 'harness-trivial');
      assert.deepEqual([...readFileSync(file).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    } finally {
      await g.context.close();
    }
  });

  void it('without the route guard, the browser still cannot leave the machine (proxy black hole)', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await assert.rejects(page.goto(`${OUTSIDE}/`, { timeout: 10_000 }), /ERR_PROXY_CONNECTION_FAILED/);
      const local = await context.newPage();
      const res = await local.goto(`${base}/local.json`);
      assert.equal(res?.status(), 200, 'loopback bypasses the proxy');
    } finally {
      await context.close();
    }
  });
});
