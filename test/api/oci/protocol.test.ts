// The OCI wire protocol through the official SDK: pagination, etags, retry tokens, request ids,
// region prefixes, every error code once, and bad input that must leave stored state unchanged.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ociError, startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;

async function raw(s: OciTestServer, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.ociUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

void describe('OCI protocol', () => {
  let s: OciTestServer;
  before(async () => {
    s = await startOciServer();
  });
  after(async () => {
    await s.close();
  });

  void it('lists page by page with opc-next-page until the SDK iterator has every VCN once', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    for (const [i, displayName] of names.entries()) {
      await s.network.createVcn({ createVcnDetails: { compartmentId, displayName, cidrBlocks: [`10.${i}.0.0/16`] } });
    }
    const first = await s.network.listVcns({ compartmentId, limit: 10, sortBy: 'DISPLAYNAME' as never, sortOrder: 'ASC' as never });
    assert.equal(first.items.length, 10);
    assert.ok(first.opcNextPage, 'a next-page token while more remain');
    assert.deepEqual(first.items.map((v) => v.displayName), names.slice(0, 10));

    const seen: string[] = [];
    for await (const vcn of s.network.listVcnsRecordIterator({ compartmentId, limit: 4, sortBy: 'DISPLAYNAME' as never })) seen.push(vcn.displayName ?? '');
    assert.deepEqual(seen.filter((n) => n.startsWith('page-')), names, 'every VCN exactly once, in order, across 6 pages');

    const last = await s.network.listVcns({ compartmentId, limit: 1000 });
    assert.equal(last.opcNextPage, undefined, 'no token on the last page');
    const filtered = await s.network.listVcns({ compartmentId, displayName: 'page-07' });
    assert.deepEqual(filtered.items.map((v) => v.cidrBlocks), [['10.7.0.0/16']]);
  });

  void it('answers a bad page token or limit with 400 InvalidParameter', async () => {
    assert.equal((await ociError(s.network.listVcns({ compartmentId, page: 'not-a-token' }))).serviceCode, 'InvalidParameter');
    assert.equal((await ociError(s.network.listVcns({ compartmentId, limit: 5000 }))).serviceCode, 'InvalidParameter');
    assert.equal((await ociError(s.network.listVcns({ compartmentId: '' }))).serviceCode, 'MissingParameter');
  });

  void it('returns an etag that changes with the resource, and refuses a stale if-match with 412', async () => {
    const created = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'etag', cidrBlocks: ['172.16.0.0/16'] } });
    const got = await s.network.getVcn({ vcnId: created.vcn.id });
    assert.ok(got.etag);
    const renamed = await s.network.updateVcn({ vcnId: created.vcn.id, updateVcnDetails: { displayName: 'etag-2' }, ifMatch: got.etag });
    assert.notEqual(renamed.etag, got.etag);
    const stale = await ociError(s.network.updateVcn({ vcnId: created.vcn.id, updateVcnDetails: { displayName: 'etag-3' }, ifMatch: got.etag }));
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.serviceCode, 'NoEtagMatch');
    const del = await ociError(s.network.deleteVcn({ vcnId: created.vcn.id, ifMatch: got.etag }));
    assert.equal(del.statusCode, 412);
    assert.equal((await s.network.getVcn({ vcnId: created.vcn.id })).vcn.displayName, 'etag-2', 'the refused update changed nothing');
  });

  void it('replays a create with the same opc-retry-token and refuses the token for another body or after deletion', async () => {
    const details = { compartmentId, displayName: 'retry', cidrBlocks: ['172.17.0.0/16'] };
    const a = await s.network.createVcn({ createVcnDetails: details, opcRetryToken: 'token-1' });
    const b = await s.network.createVcn({ createVcnDetails: details, opcRetryToken: 'token-1' });
    assert.equal(b.vcn.id, a.vcn.id, 'the replay returns the VCN the token created');
    assert.equal((await s.network.listVcns({ compartmentId, displayName: 'retry' })).items.length, 1, 'no second VCN');
    const other = await ociError(s.network.createVcn({ createVcnDetails: { ...details, displayName: 'retry-other' }, opcRetryToken: 'token-1' }));
    assert.equal(other.statusCode, 409);
    assert.equal(other.serviceCode, 'InvalidatedRetryToken');
    await s.network.deleteVcn({ vcnId: a.vcn.id });
    const gone = await ociError(s.network.createVcn({ createVcnDetails: details, opcRetryToken: 'token-1' }));
    assert.equal(gone.serviceCode, 'InvalidatedRetryToken');
  });

  void it('keeps a deleted VCN readable as TERMINATED for the waiters', async () => {
    const v = await s.network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['172.18.0.0/16'] } });
    const deleted = await s.network.deleteVcn({ vcnId: v.vcn.id });
    assert.ok(deleted.opcRequestId);
    assert.equal((await s.network.getVcn({ vcnId: v.vcn.id })).vcn.lifecycleState, 'TERMINATED');
  });

  void it('echoes opc-request-id and serves each region under its own path prefix', async () => {
    const r = await raw(s, 'GET', `/20160918/vcns?compartmentId=${compartmentId}`, undefined, { 'opc-request-id': 'ABC123' });
    assert.equal(r.headers.get('opc-request-id'), 'ABC123');
    // Without one, each answer gets its own: 32 upper-case hex digits.
    const ids = await Promise.all([1, 2, 3].map(async () => (await raw(s, 'GET', `/20160918/vcns?compartmentId=${compartmentId}`)).headers.get('opc-request-id')));
    for (const id of ids) assert.match(String(id), /^[0-9A-F]{32}$/);
    assert.equal(new Set(ids).size, ids.length);
    const fra = await raw(s, 'POST', '/eu-frankfurt-1/20160918/vcns', JSON.stringify({ compartmentId, cidrBlocks: ['10.200.0.0/16'] }));
    assert.equal(fra.status, 200);
    assert.match(String(fra.body?.id), /^ocid1\.vcn\.oc1\.fra\./);
    const unknown = await raw(s, 'GET', `/mars-north-1/20160918/vcns?compartmentId=${compartmentId}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body?.code, 'NotFound');
  });

  void it('answers each error with OCI status and code', async () => {
    const badCidr = await ociError(s.network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.0.0.0/33'] } }));
    assert.deepEqual([badCidr.statusCode, badCidr.serviceCode], [400, 'InvalidParameter']);
    const missing = await ociError(s.network.createVcn({ createVcnDetails: { cidrBlocks: ['10.250.0.0/16'] } as never }));
    assert.deepEqual([missing.statusCode, missing.serviceCode], [400, 'MissingParameter']);
    const unknown = await ociError(s.network.getVcn({ vcnId: 'ocid1.vcn.oc1.iad.aaaaaaaanothere' }));
    assert.deepEqual([unknown.statusCode, unknown.serviceCode], [404, 'NotAuthorizedOrNotFound']);
    const route = await raw(s, 'GET', '/20160918/no-such-collection');
    assert.deepEqual([route.status, route.body?.code], [404, 'NotFound']);
    const notImplemented = await ociError(s.network.listCpes({ compartmentId }));
    assert.equal(notImplemented.statusCode, 501);
    assert.match(notImplemented.message, /listCpes/);
    const parse = await raw(s, 'POST', '/20160918/vcns', '{"compartmentId": ');
    assert.deepEqual([parse.status, parse.body?.code], [400, 'CannotParseRequest']);
  });
});

void describe('OCI protocol: states, throttling', () => {
  void it('answers 409 IncorrectState when a VCN is not yet AVAILABLE (manual clock)', async () => {
    const s = await startOciServer({ clock: 'manual' });
    try {
      const v = await s.network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.0.0.0/16'] } });
      const e = await ociError(s.network.addVcnCidr({ vcnId: v.vcn.id, addVcnCidrDetails: { cidrBlock: '10.1.0.0/16' } }));
      assert.deepEqual([e.statusCode, e.serviceCode], [409, 'IncorrectState']);
    } finally {
      await s.close();
    }
  });

  void it('answers 429 TooManyRequests past the configured rate for the tenancy', async () => {
    const s = await startOciServer({ ociRateLimit: '5' });
    try {
      // The limit is per second: on a loaded machine the burst may span more than one window, so the
      // successes are bounded by 5 per window the burst touched, not fixed at 5.
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 30 }, () => raw(s, 'GET', `/20160918/vcns?compartmentId=${compartmentId}`)));
      const windows = Math.ceil((Date.now() - started) / 1000) + 1;
      const limited = results.filter((r) => r.status === 429);
      const passed = results.filter((r) => r.status === 200).length;
      assert.ok(limited.length > 0, 'some of the 30 are throttled');
      assert.equal(limited[0]?.body?.code, 'TooManyRequests');
      assert.ok(passed >= 5 && passed <= 5 * windows, `${passed} of 30 passed in ${windows} one-second windows`);
      assert.equal(passed + limited.length, 30, 'every request is either served or throttled');
    } finally {
      await s.close();
    }
  });
});
