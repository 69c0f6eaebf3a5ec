// The console and the rest of the admin server answer with a Content-Security-Policy and frame,
// sniffing and referrer protection (the console browser test checks the built console obeys it).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './server.ts';

void describe('admin server security headers', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  for (const route of ['/', '/assets/missing-0000.js', '/fastroute/v1/status', '/fastroute/v1/nope']) {
    void it(`GET ${route} carries CSP, frame, nosniff and referrer headers`, async () => {
      const r = await fetch(`${s.adminUrl}${route}`);
      await r.arrayBuffer();
      const csp = r.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
      assert.equal(directives.get('default-src'), "'none'", csp);
      assert.equal(directives.get('script-src'), "'self'", 'scripts only from the server itself, never inline');
      assert.equal(directives.get('style-src'), "'self'", 'styles only from the server itself, never inline');
      assert.equal(directives.get('connect-src'), "'self'");
      assert.equal(directives.get('frame-ancestors'), "'none'");
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    });
  }
});
