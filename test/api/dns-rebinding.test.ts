// DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 reaches FastRoute's
// ports, but its requests say `Host: evil.example:PORT`. All three APIs refuse them, each with its
// cloud's error, before anything is read or changed; the names real clients use (127.0.0.1,
// localhost, [::1], with the port) pass, and a foreign Origin is refused on ARM as on OCI and admin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startTestServer, type TestServer } from './server.ts';

void describe('Host check (DNS rebinding) on admin, OCI and ARM', () => {
  let s: TestServer;
  let ca: string;
  const port = (url: string) => new URL(url).port;
  const adminStatus = (headers: Record<string, string>) => rawRequest(`${s.adminUrl}/fastroute/v1/status`, 'GET', headers);
  const ociVcns = (headers: Record<string, string>) => rawRequest(`${s.endpoints.oci}/20160918/vcns?compartmentId=${DEFAULT_TENANCY_ID}`, 'GET', headers);
  const armGroups = (headers: Record<string, string>) =>
    rawRequest(`${s.endpoints.arm}/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourcegroups?api-version=2021-04-01`, 'GET', { authorization: 'Bearer test', ...headers }, undefined, ca);

  before(async () => {
    s = await startTestServer();
    ca = readFileSync(s.endpoints.armCa, 'utf8');
  });
  after(async () => {
    await s.close();
  });

  void it('admin: 403 Forbidden for Host evil.example', async () => {
    const r = await adminStatus({ host: `evil.example:${port(s.adminUrl)}` });
    assert.deepEqual([r.status, r.body?.code], [403, 'Forbidden']);
    assert.match(String(r.body?.message), /Host header "evil\.example/);
  });

  void it('OCI: 403 NotAllowed ({code, message}) for Host evil.example, with an opc-request-id', async () => {
    for (const host of [`evil.example:${port(s.endpoints.oci)}`, 'evil.example', `localhost:${Number(port(s.endpoints.oci)) + 1}`]) {
      const r = await ociVcns({ host });
      assert.deepEqual([r.status, r.body?.code], [403, 'NotAllowed'], host);
      assert.match(String(r.body?.message), /Host header/, host);
      assert.ok(r.headers['opc-request-id'], host);
    }
  });

  void it('ARM: 400 InvalidHostName ({error: {code, message}}) for Host evil.example', async () => {
    for (const host of [`evil.example:${port(s.endpoints.arm)}`, 'evil.example']) {
      const r = await armGroups({ host });
      const error = r.body?.error as { code?: string; message?: string } | undefined;
      assert.deepEqual([r.status, error?.code], [400, 'InvalidHostName'], host);
      assert.match(String(error?.message), /Host header/, host);
      assert.ok(r.headers['x-ms-request-id'], host);
    }
  });

  void it('ARM: 403 for a foreign Origin, as OCI and admin', async () => {
    const r = await armGroups({ origin: 'https://evil.example' });
    assert.equal(r.status, 403);
    assert.equal((r.body?.error as { code?: string } | undefined)?.code, 'Forbidden');
    const own = await armGroups({ origin: new URL(s.endpoints.arm).origin });
    assert.equal(own.status, 200, own.text);
  });

  void it('answers the loopback names clients use, with the port', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      assert.equal((await adminStatus({ host: `${name}:${port(s.adminUrl)}` })).status, 200, name);
      assert.equal((await ociVcns({ host: `${name}:${port(s.endpoints.oci)}` })).status, 200, name);
      const arm = await armGroups({ host: `${name}:${port(s.endpoints.arm)}` });
      assert.equal(arm.status, 200, `${name}: ${arm.text}`);
    }
  });
});
