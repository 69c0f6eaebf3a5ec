// Bad input on the OCI API gets OCI's 400 and changes nothing that is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ALL_KINDS } from '../../../src/model/kinds.ts';
import { startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;

void describe('OCI API: malformed input', () => {
  let s: OciTestServer;
  let vcnId = '';
  before(async () => {
    s = await startOciServer();
    vcnId = (await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'keep', cidrBlocks: ['10.0.0.0/16'] } })).vcn.id;
    await s.network.getVcn({ vcnId });
  });
  after(async () => {
    await s.close();
  });

  /** Every stored resource of every OCI kind, as the admin API lists them. */
  async function snapshot(): Promise<unknown[]> {
    const all = await Promise.all(ALL_KINDS.filter((k) => k.startsWith('oci.')).map(async (kind) => (await s.api('GET', `/resources?kind=${kind}`)).body));
    return all;
  }

  async function send(method: string, path: string, body: string) {
    const res = await fetch(`${s.ociUrl}/20160918${path}`, { method, headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as { code: string; message: string } };
  }

  const cases: [string, string, string, string, string][] = [
    ['bad JSON', 'POST', '/vcns', '{"compartmentId": "x", ', 'CannotParseRequest'],
    ['a JSON array instead of an object', 'POST', '/vcns', '[]', 'CannotParseRequest'],
    ['a bad CIDR', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: ['10.0.0.300/16'] }), 'InvalidParameter'],
    ['a VCN CIDR with surrounding spaces', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: [' 10.2.0.0/16 '] }), 'InvalidParameter'],
    ['a CIDR with host bits', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: ['10.0.0.1/16'] }), 'InvalidParameter'],
    ['an unknown field', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: ['10.1.0.0/16'], colour: 'blue' }), 'CannotParseRequest'],
    ['a wrong type', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: '10.1.0.0/16' }), 'CannotParseRequest'],
    ['a huge body', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: ['10.1.0.0/16'], displayName: 'x'.repeat(2 * 1024 * 1024) }), 'CannotParseRequest'],
    ['an over-long name', 'POST', '/vcns', JSON.stringify({ compartmentId, cidrBlocks: ['10.1.0.0/16'], displayName: 'x'.repeat(300) }), 'InvalidParameter'],
    ['an update with an unknown field', 'PUT', '/vcns/{vcn}', JSON.stringify({ displayName: 'changed', cidrBlocks: ['10.9.0.0/16'] }), 'CannotParseRequest'],
    ['an update with a wrong type', 'PUT', '/vcns/{vcn}', JSON.stringify({ displayName: 42 }), 'CannotParseRequest'],
    ['an update with bad JSON', 'PUT', '/vcns/{vcn}', '{"displayName": "changed"', 'CannotParseRequest'],
    ['a CIDR action with surrounding spaces', 'POST', '/vcns/{vcn}/actions/addCidr', JSON.stringify({ cidrBlock: ' 10.3.0.0/16' }), 'InvalidParameter'],
    ['a CIDR action with a bad CIDR', 'POST', '/vcns/{vcn}/actions/addCidr', JSON.stringify({ cidrBlock: 'ten.zero/8' }), 'InvalidParameter'],
  ];

  for (const [what, method, path, body, code] of cases) {
    void it(`answers ${what} with 400 ${code} and stores nothing`, async () => {
      const before = await snapshot();
      const r = await send(method, path.replace('{vcn}', vcnId), body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.code, code, r.body.message);
      assert.ok(r.body.message.length > 0);
      assert.deepEqual(await snapshot(), before);
    });
  }

  void it('still serves the VCN unchanged afterwards', async () => {
    const v = await s.network.getVcn({ vcnId });
    assert.equal(v.vcn.displayName, 'keep');
    assert.deepEqual(v.vcn.cidrBlocks, ['10.0.0.0/16']);
  });
});
