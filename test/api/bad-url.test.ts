// Found by the fuzz suite (test/fuzz): a path that is not valid percent-encoding ("%ZZ", a cut
// UTF-8 sequence) was answered by Fastify itself, {"error":"Bad Request","code":"FST_ERR_BAD_URL"},
// on all three servers; and an ARM path with an empty name ("resourceGroups//providers/...") was
// a 501 "not implemented" although no ARM path has an empty segment. Each now answers in its API's
// own shape: such a path names nothing (404 NotFound on OCI and ARM; the admin API's 400). So does
// a URL too long for Node's HTTP parser (over 16 KB with the headers): 431 in each API's body, where
// Fastify's own {"error","message","statusCode"} came back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { closeAgents, sendRaw } from '../fuzz/send.ts';
import { startTestServer, type TestServer } from './server.ts';

void describe('paths that are not valid percent-encoding, and empty ARM names', () => {
  let s: TestServer;
  let ca: string;
  before(async () => {
    s = await startTestServer();
    ca = readFileSync(s.endpoints.armCa, 'utf8');
  });
  after(async () => {
    closeAgents();
    await s.close();
  });

  const get = (base: string, path: string) => sendRaw({ base, method: 'GET', path, headers: { authorization: 'Bearer any' }, ca });

  for (const bad of ['%ZZ', '%E0%A4%A']) {
    void it(`OCI answers /vcns/${bad} with its own 404 NotFound`, async () => {
      const r = await get(s.endpoints.oci, `/20160918/vcns/${bad}`);
      assert.equal(r.status, 404, r.text);
      assert.equal((JSON.parse(r.text) as { code: string }).code, 'NotFound');
    });

    void it(`ARM answers a subscription ${bad} with {error: {code: NotFound}}`, async () => {
      const r = await get(s.endpoints.arm, `/subscriptions/${bad}/resourceGroups/rg?api-version=2021-04-01`);
      assert.equal(r.status, 404, r.text);
      assert.equal((JSON.parse(r.text) as { error: { code: string } }).error.code, 'NotFound');
    });

    void it(`the admin API answers /labs/${bad} with {code, message}`, async () => {
      const r = await sendRaw({ base: s.adminUrl, method: 'DELETE', path: `/fastroute/v1/labs/${bad}`, headers: {} });
      assert.equal(r.status, 400, r.text);
      const body = JSON.parse(r.text) as { code: string; message: string };
      assert.equal(body.code, 'InvalidRequest');
      assert.match(body.message, /not a valid url/);
    });
  }

  void it('ARM answers an empty resource group name with 404 NotFound, not 501', async () => {
    const r = await get(s.endpoints.arm, '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups//providers/Microsoft.Network/virtualNetworks/v?api-version=2025-05-01');
    assert.equal(r.status, 404, r.text);
    assert.equal((JSON.parse(r.text) as { error: { code: string } }).error.code, 'NotFound');
  });

  void it('answers a 20 KB URL with 431 in each API’s own body', async () => {
    const long = 'a'.repeat(20_000);
    const oci = await get(s.endpoints.oci, `/20160918/vcns/${long}`);
    assert.equal(oci.status, 431, oci.text);
    assert.equal((JSON.parse(oci.text) as { code: string }).code, 'RequestHeaderFieldsTooLarge');
    const arm = await get(s.endpoints.arm, `/subscriptions/${long}?api-version=2021-04-01`);
    assert.equal(arm.status, 431, arm.text);
    assert.equal((JSON.parse(arm.text) as { error: { code: string } }).error.code, 'RequestHeaderFieldsTooLarge');
    const admin = await sendRaw({ base: s.adminUrl, method: 'GET', path: `/fastroute/v1/labs/${long}`, headers: {} });
    assert.equal(admin.status, 431, admin.text);
    assert.match((JSON.parse(admin.text) as { message: string }).message, /exceed 16 KB/);
  });
});
