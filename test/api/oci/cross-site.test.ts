// A web page on another site must not be able to drive the OCI API: the bodies it can send without a
// preflight (text/plain, forms) are refused, and so is any request carrying a foreign Origin. The SDK,
// which sends JSON and no Origin, is unaffected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;

async function send(s: OciTestServer, method: string, path: string, headers: Record<string, string>, body?: string) {
  const res = await fetch(`${s.ociUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

const vcnBody = (cidr: string) => JSON.stringify({ compartmentId, cidrBlocks: [cidr] });

void describe('OCI API: cross-site requests', () => {
  let s: OciTestServer;
  before(async () => {
    s = await startOciServer();
  });
  after(async () => {
    await s.close();
  });

  async function storedCidrs(): Promise<string[]> {
    return (await s.network.listVcns({ compartmentId })).items.flatMap((v) => v.cidrBlocks);
  }

  void it('refuses bodies that are not JSON (text/plain, forms) with 400 CannotParseRequest and stores nothing', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await send(s, 'POST', '/20160918/vcns', { 'content-type': type }, vcnBody('10.10.0.0/16'));
      assert.deepEqual([r.status, r.body?.code], [400, 'CannotParseRequest'], type);
      assert.match(String(r.body?.message), /application\/json/, type);
    }
    assert.deepEqual(await storedCidrs(), []);
  });

  void it('refuses a request with a foreign Origin with 403 NotAllowed, even a JSON one, and stores nothing', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:1`]) {
      const create = await send(s, 'POST', '/20160918/vcns', { 'content-type': 'application/json', origin }, vcnBody('10.11.0.0/16'));
      assert.deepEqual([create.status, create.body?.code], [403, 'NotAllowed'], origin);
    }
    const read = await send(s, 'GET', `/20160918/vcns?compartmentId=${compartmentId}`, { origin: 'http://evil.example' });
    assert.equal(read.status, 403, 'reads too: a foreign page must not read the world');
    assert.deepEqual(await storedCidrs(), []);
  });

  void it('accepts JSON with a charset, its own origin, and the SDK', async () => {
    const own = new URL(s.ociUrl).origin;
    const a = await send(s, 'POST', '/20160918/vcns', { 'content-type': 'application/json; charset=utf-8', origin: own }, vcnBody('10.12.0.0/16'));
    assert.equal(a.status, 200);
    const b = await s.network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.13.0.0/16'] } });
    assert.equal(b.vcn.lifecycleState !== undefined, true);
    assert.deepEqual((await storedCidrs()).sort(), ['10.12.0.0/16', '10.13.0.0/16']);
  });
});
