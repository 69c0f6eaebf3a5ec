// The admin token: in strict mode (and beyond loopback) every admin API request must present it,
// or gets 401 and changes nothing; it is kept in the data directory with mode 0600 and reused on
// restart; a token file others can read stops start-up; the console trades the sign-in URL's token
// for an HttpOnly SameSite=Strict cookie. A loopback server without strict auth needs no token.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../src/config/errors.ts';
import { ADMIN_TOKEN_FILE } from '../../src/server/admin-token.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startTestServer, TUTORIAL, type TestServer } from './server.ts';

const STATUS = '/fastroute/v1/status';

void describe('admin token', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-token-'));
  const tokenFile = path.join(dataDir, ADMIN_TOKEN_FILE);
  let s: TestServer;
  let token: string;
  const get = (headers: Record<string, string>, url = STATUS) => rawRequest(`${s.adminUrl}${url}`, 'GET', headers);
  const labCount = async () => ((await s.api('GET', '/status')).body as { labs: unknown[] }).labs.length;

  before(async () => {
    s = await startTestServer({ strictAuth: true, inMemory: false, dataDir });
    token = s.adminToken?.token ?? '';
    const up = await s.api('POST', '/labs', { yaml: readFileSync(TUTORIAL, 'utf8'), file: 'labs/tutorial.yaml' });
    assert.equal(up.status, 201, up.text);
  });
  after(async () => {
    await s.close();
  });

  void it('is kept in the data directory, readable by its owner only', () => {
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(readFileSync(tokenFile, 'utf8').trim(), token);
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    assert.equal(s.adminToken?.file, tokenFile);
  });

  void it('answers 401 with a JSON error without it (or with a wrong one), and changes nothing', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${token}` }, { authorization: `Bearer ${token}x` }];
    for (const headers of attempts) {
      const r = await get(headers);
      assert.equal(r.status, 401, JSON.stringify(headers));
      assert.equal(r.body?.code, 'Unauthorized');
      assert.match(String(r.body?.message), /admin token/);
      assert.equal(r.headers['www-authenticate'], 'Bearer realm="fastroute-admin"');
    }
    const reset = await rawRequest(`${s.adminUrl}/fastroute/v1/reset`, 'POST', { 'content-type': 'application/json' }, '{}');
    assert.equal(reset.status, 401);
    const keys = await rawRequest(`${s.adminUrl}/fastroute/v1/oci/api-keys`, 'POST', { 'content-type': 'application/json' }, '{}');
    assert.equal(keys.status, 401, 'nobody registers an API key for a tenancy without the token');
    for (const url of ['/%66astroute/v1/status', '/fastroute/%761/status', '/fastroute/v1/stat%75s']) {
      assert.equal((await get({}, url)).status, 401, `${url}: the router decodes escapes, the guard must not be fooled by them`);
    }
    assert.equal(await labCount(), 1, 'the lab is still there');
  });

  void it('answers with it, as a bearer token', async () => {
    const r = await get({ authorization: `Bearer ${token}` });
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.body?.labs));
  });

  void it('lets the console sign in: /?token= becomes an HttpOnly SameSite=Strict cookie for the API only', async () => {
    const signIn = await get({}, `/?token=${token}`);
    assert.equal(signIn.status, 303);
    assert.equal(signIn.headers.location, '/', 'the token leaves the address bar');
    const cookie = signIn.headers['set-cookie']?.[0] ?? '';
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.match(cookie, /; Path=\/fastroute\/v1/);
    const pair = cookie.split(';')[0] ?? '';
    assert.equal((await get({ cookie: pair })).status, 200, 'the cookie opens the API');
    assert.equal((await get({ cookie: pair.replace(/=.*/, '=wrong') })).status, 401);
    const wrong = await get({}, '/?token=wrong');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
    // The console page itself holds no secret: served without the token (503 in a checkout without console/dist).
    const built = existsSync(path.join(import.meta.dirname, '../../console/dist/index.html'));
    assert.equal((await get({}, '/')).status, built ? 200 : 503, 'the console page is served without the token');
  });

  void it('is reused on restart, and a token file others can read stops start-up', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'fastroute-token-'));
    const first = await startTestServer({ strictAuth: true, inMemory: false, dataDir: other });
    const t = first.adminToken?.token;
    await first.close();
    const second = await startTestServer({ strictAuth: true, inMemory: false, dataDir: other });
    assert.equal(second.adminToken?.token, t, 'the same token after a restart');
    await second.close();
    chmodSync(path.join(other, ADMIN_TOKEN_FILE), 0o644);
    await assert.rejects(startTestServer({ strictAuth: true, inMemory: false, dataDir: other }), (err: unknown) => err instanceof ConfigError && /readable by other users/.test(err.message));
  });

  void it('is not needed on loopback without strict auth, and an in-memory strict server keeps it in memory', async () => {
    const plainDir = mkdtempSync(path.join(tmpdir(), 'fastroute-token-'));
    const plain = await startTestServer({ inMemory: false, dataDir: plainDir });
    try {
      assert.equal(plain.adminToken, undefined);
      assert.equal(existsSync(path.join(plainDir, ADMIN_TOKEN_FILE)), false);
      assert.equal((await rawRequest(`${plain.adminUrl}${STATUS}`, 'GET', {})).status, 200);
    } finally {
      await plain.close();
    }
    const memory = await startTestServer({ strictAuth: true });
    try {
      assert.equal(memory.adminToken?.file, undefined);
      assert.equal((await rawRequest(`${memory.adminUrl}${STATUS}`, 'GET', {})).status, 401);
    } finally {
      await memory.close();
    }
  });
});
