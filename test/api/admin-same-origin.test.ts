// The admin API refuses what other web pages can send: a foreign Origin (cross-site request
// forgery), a Host that does not name the server (DNS rebinding) and bodies in the content types a
// page may post without a CORS preflight. Nothing changes when a request is refused; the CLI's and
// the console's own requests still pass. Raw node:http requests, since fetch cannot set Host.
import assert from 'node:assert/strict';
import { rawRequest } from '../helpers/raw-http.ts';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestServer, TUTORIAL, type TestServer } from './server.ts';

interface Raw {
  status: number;
  body: { code?: string; message?: string; labs?: unknown[] };
}

async function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const r = await rawRequest(url, method, headers, body);
  return { status: r.status, body: r.body ?? {} };
}

void describe('admin API same-origin guard', () => {
  let s: TestServer;
  let port: string;
  const reset = (headers: Record<string, string>, body?: string) => raw(`${s.adminUrl}/fastroute/v1/reset`, 'POST', headers, body);
  const labCount = async () => ((await s.api('GET', '/status')).body as { labs: unknown[] }).labs.length;

  before(async () => {
    s = await startTestServer();
    port = new URL(s.adminUrl).port;
    const up = await s.api('POST', '/labs', { yaml: readFileSync(TUTORIAL, 'utf8'), file: 'labs/tutorial.yaml' });
    assert.equal(up.status, 201, up.text);
  });
  after(async () => {
    await s.close();
  });

  void it('refuses a cross-site POST /reset (foreign Origin) with 403 and resets nothing', async () => {
    const r = await reset({ origin: 'http://evil.example', host: `127.0.0.1:${port}` });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'Forbidden');
    assert.match(r.body.message ?? '', /evil\.example/);
    assert.equal(await labCount(), 1, 'the lab is still there');
  });

  void it('refuses an opaque (null) Origin and a same-site page on another port', async () => {
    assert.equal((await reset({ origin: 'null' })).status, 403);
    assert.equal((await reset({ origin: 'http://localhost:1', 'sec-fetch-site': 'same-site' })).status, 403);
    assert.equal(await labCount(), 1);
  });

  void it('refuses a DNS-rebinding request (Host names another site) even with a matching Origin', async () => {
    const host = `evil.example:${port}`;
    const r = await reset({ host, origin: `http://${host}` });
    assert.equal(r.status, 403);
    assert.match(r.body.message ?? '', /Host header/);
    const get = await raw(`${s.adminUrl}/fastroute/v1/status`, 'GET', { host });
    assert.equal(get.status, 403, 'reads are refused too: a rebound page must not read the world');
    assert.equal((await raw(`${s.adminUrl}/fastroute/v1/status`, 'GET', { host: `localhost:${Number(port) + 1}` })).status, 403, 'the port must match');
    assert.equal(await labCount(), 1);
  });

  void it('refuses bodies in the content types a page can post without a preflight', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await reset({ 'content-type': type }, '{}');
      assert.equal(r.status, 403, type);
      assert.match(r.body.message ?? '', /content type/);
    }
    assert.equal(await labCount(), 1);
  });

  void it("answers the server's own origin under every loopback name (the console) and clients without Origin (the CLI)", async () => {
    for (const name of ['localhost', '127.0.0.1']) {
      const r = await raw(`${s.adminUrl}/fastroute/v1/status`, 'GET', { host: `${name}:${port}`, origin: `http://${name}:${port}`, 'sec-fetch-site': 'same-origin' });
      assert.equal(r.status, 200, name);
    }
    const ok = await reset({ host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json' }, '{}');
    assert.equal(ok.status, 200);
    assert.equal(await labCount(), 0, 'the same-origin reset went through');
  });
});
