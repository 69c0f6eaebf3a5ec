// Issue 12 item 12: paths the console's static files refuse (climbing out of the root, a NUL) are
// client errors with the admin API's {code, message} body, never a 500. Raw HTTP, so the path is
// sent as is (like `curl --path-as-is`), not normalised by the client.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './server.ts';

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); });
    });
    req.on('error', reject);
    req.end();
  });
}

void describe('admin server: hostile static paths', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  for (const [path, status, code] of [
    ['/../../etc/passwd', 403, 'Forbidden'],
    ['/%2e%2e/%2e%2e/etc/passwd', 403, 'Forbidden'],
    ['/%00', 400, 'InvalidRequest'],
    ['/assets/a%00b.js', 400, 'InvalidRequest'],
  ] as const) {
    void it(`${path} is ${status} ${code}`, async () => {
      const r = await rawGet(s.adminUrl, path);
      assert.equal(r.status, status, r.body);
      const body = JSON.parse(r.body) as { code?: string; message?: string };
      assert.equal(body.code, code);
      assert.doesNotMatch(r.body, /root:|\/etc\/passwd|at \w+ \(/, 'no file content, path or stack trace');
    });
  }
});
