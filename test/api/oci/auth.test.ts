// Identity on the OCI API: tenancies see only their own resources, and --strict-auth verifies
// request signatures made by the official SDK against keys registered through the admin API.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { common, ociClients, ociError, startOciServer, type OciTestServer } from './harness.ts';

const TENANCY_B = 'ocid1.tenancy.oc1..aaaaaaaatenancyb';
const USER = 'ocid1.user.oc1..aaaaaaaauser';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const fingerprint = createHash('md5').update(der).digest('hex').replace(/(..)(?!$)/g, '$1:');
  return { publicPem, privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), fingerprint };
}

function provider(tenancy: string, fingerprint: string, privatePem: string) {
  return new common.SimpleAuthenticationDetailsProvider(tenancy, USER, fingerprint, privatePem, null);
}

/** A request signed by the SDK's own signer, sent with fetch so the test can tamper with it. */
async function signed(
  s: OciTestServer,
  auth: common.AuthenticationDetailsProvider,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  tamper?: (h: Headers) => string | undefined,
  preset: Record<string, string> = {},
) {
  // Headers set before signing (e.g. x-date) are kept and signed by the SDK's signer.
  const headers = new Headers({ 'content-type': 'application/json', ...preset });
  const request: common.HttpRequest = { method, uri: `${s.ociUrl}${path}`, headers, ...(body === undefined ? {} : { body }) };
  await new common.DefaultRequestSigner(auth).signHttpRequest(request);
  const sentBody = tamper ? tamper(headers) : body;
  const res = await fetch(request.uri, { method, headers, ...(sentBody === undefined ? {} : { body: sentBody }) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

void describe('OCI identity: tenant isolation (default mode)', () => {
  let s: OciTestServer;
  before(async () => {
    s = await startOciServer();
  });
  after(async () => {
    await s.close();
  });

  void it("keeps one tenancy's resources invisible to another", async () => {
    const k = keyPair();
    const b = ociClients(s.ociUrl, provider(TENANCY_B, k.fingerprint, k.privatePem));
    const mine = await s.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.0.0.0/16'] } });
    const theirs = await b.network.createVcn({ createVcnDetails: { compartmentId: TENANCY_B, cidrBlocks: ['10.0.0.0/16'] } });
    assert.equal((await b.network.getVcn({ vcnId: theirs.vcn.id })).vcn.compartmentId, TENANCY_B);

    const get = await ociError(b.network.getVcn({ vcnId: mine.vcn.id }));
    assert.deepEqual([get.statusCode, get.serviceCode], [404, 'NotAuthorizedOrNotFound']);
    const del = await ociError(b.network.deleteVcn({ vcnId: mine.vcn.id }));
    assert.equal(del.statusCode, 404);
    const list = await ociError(b.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID }));
    assert.equal(list.serviceCode, 'NotAuthorizedOrNotFound');
    const create = await ociError(b.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.1.0.0/16'] } }));
    assert.equal(create.statusCode, 404, 'creating in a compartment of another tenancy is refused');
    assert.equal((await s.network.getVcn({ vcnId: mine.vcn.id })).vcn.lifecycleState, 'AVAILABLE', 'untouched');
    assert.deepEqual((await s.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID })).items.map((v) => v.id), [mine.vcn.id]);
  });
});

void describe('OCI identity: --strict-auth', () => {
  let s: OciTestServer;
  const k = keyPair();
  const other = keyPair();
  before(async () => {
    s = await startOciServer({ strictAuth: true });
    const r = await s.api('POST', '/oci/api-keys', { tenancyId: TENANCY_B, userId: USER, fingerprint: k.fingerprint, publicKey: k.publicPem });
    assert.equal(r.status, 201);
  });
  after(async () => {
    await s.close();
  });

  void it('refuses to register a key that is not an RSA public key, and lists the registered ones', async () => {
    const bad = await s.api('POST', '/oci/api-keys', { tenancyId: TENANCY_B, userId: USER, fingerprint: 'aa', publicKey: 'not a key' });
    assert.deepEqual([bad.status, (bad.body as { code: string }).code], [400, 'InvalidPublicKey']);
    const listed = (await s.api('GET', '/oci/api-keys')).body as { apiKeys: { keyId: string }[] };
    assert.deepEqual(listed.apiKeys.map((x) => x.keyId), [`${TENANCY_B}/${USER}/${k.fingerprint}`]);
  });

  void it('accepts requests the SDK signs with a registered key', async () => {
    const b = ociClients(s.ociUrl, provider(TENANCY_B, k.fingerprint, k.privatePem));
    const v = await b.network.createVcn({ createVcnDetails: { compartmentId: TENANCY_B, cidrBlocks: ['10.0.0.0/16'] } });
    assert.equal((await b.network.getVcn({ vcnId: v.vcn.id })).vcn.id, v.vcn.id);
    const region = await signed(s, provider(TENANCY_B, k.fingerprint, k.privatePem), 'GET', `/us-phoenix-1/20160918/vcns?compartmentId=${TENANCY_B}`);
    assert.equal(region.status, 200, 'the region prefix is part of the signed request target');
  });

  void it('refuses an unsigned request with 401 NotAuthenticated', async () => {
    const e = await ociError(s.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID }));
    assert.deepEqual([e.statusCode, e.serviceCode], [401, 'NotAuthenticated']);
  });

  void it('refuses a body changed after signing', async () => {
    const body = JSON.stringify({ compartmentId: TENANCY_B, cidrBlocks: ['10.1.0.0/16'] });
    const ok = await signed(s, provider(TENANCY_B, k.fingerprint, k.privatePem), 'POST', '/20160918/vcns', body);
    assert.equal(ok.status, 200);
    const tampered = await signed(s, provider(TENANCY_B, k.fingerprint, k.privatePem), 'POST', '/20160918/vcns', body, () => body.replace('10.1.', '10.9.'));
    assert.deepEqual([tampered.status, tampered.body?.code], [401, 'NotAuthenticated']);
    assert.match(String(tampered.body?.message), /x-content-sha256/);
  });

  void it('refuses a signature made with another key under a registered keyId', async () => {
    const forged = ociClients(s.ociUrl, provider(TENANCY_B, k.fingerprint, other.privatePem));
    const e = await ociError(forged.network.listVcns({ compartmentId: TENANCY_B }));
    assert.deepEqual([e.statusCode, e.serviceCode], [401, 'NotAuthenticated']);
  });

  void it('refuses a keyId nobody registered, and a signature whose signed header was removed', async () => {
    const stranger = ociClients(s.ociUrl, provider(TENANCY_B, other.fingerprint, other.privatePem));
    assert.equal((await ociError(stranger.network.listVcns({ compartmentId: TENANCY_B }))).serviceCode, 'NotAuthenticated');
    const noDate = await signed(s, provider(TENANCY_B, k.fingerprint, k.privatePem), 'GET', `/20160918/vcns?compartmentId=${TENANCY_B}`, undefined, (h) => {
      h.delete('x-date');
      return undefined;
    });
    assert.equal(noDate.status, 401);
    assert.match(String(noDate.body?.message), /x-date/);
  });

  void it("refuses a signature dated outside OCI's 5-minute clock-skew window, and accepts one inside it", async () => {
    const auth = provider(TENANCY_B, k.fingerprint, k.privatePem);
    const path = `/20160918/vcns?compartmentId=${TENANCY_B}`;
    const minutes = (m: number) => new Date(Date.now() + m * 60_000).toUTCString();
    const refused = { '1970': new Date(0).toUTCString(), 'a month old': minutes(-30 * 24 * 60), 'a day ahead': minutes(24 * 60), '6 minutes old': minutes(-6) };
    for (const [what, date] of Object.entries(refused)) {
      const r = await signed(s, auth, 'GET', path, undefined, undefined, { 'x-date': date });
      assert.deepEqual([r.status, r.body?.code], [401, 'NotAuthenticated'], what);
      assert.match(String(r.body?.message), /5 minutes/, what);
    }
    const body = JSON.stringify({ compartmentId: TENANCY_B, cidrBlocks: ['10.2.0.0/16'] });
    const stale = await signed(s, auth, 'POST', '/20160918/vcns', body, undefined, { 'x-date': minutes(-60) });
    assert.equal(stale.status, 401, 'a replayed create is refused');
    for (const skew of [-4, 0, 4]) {
      const r = await signed(s, auth, 'GET', path, undefined, undefined, { 'x-date': minutes(skew) });
      assert.equal(r.status, 200, `${skew} minutes of skew is accepted`);
    }
    const sdk = ociClients(s.ociUrl, auth);
    const listed = await sdk.network.listVcns({ compartmentId: TENANCY_B });
    assert.ok(!listed.items.some((v) => v.cidrBlocks.includes('10.2.0.0/16')), 'the refused create stored nothing');
  });

  void it('stops accepting a key once it is removed', async () => {
    const keyId = `${TENANCY_B}/${USER}/${k.fingerprint}`;
    const removed = await s.api('DELETE', `/oci/api-keys/${encodeURIComponent(keyId)}`);
    assert.equal(removed.status, 204);
    const b = ociClients(s.ociUrl, provider(TENANCY_B, k.fingerprint, k.privatePem));
    assert.equal((await ociError(b.network.listVcns({ compartmentId: TENANCY_B }))).serviceCode, 'NotAuthenticated');
    assert.equal((await s.api('DELETE', `/oci/api-keys/${encodeURIComponent(keyId)}`)).status, 404);
  });
});

void describe('OCI identity: the rate limit counts verified tenancies, not claimed ones', () => {
  let s: OciTestServer;
  const a = keyPair();
  const forger = keyPair();
  before(async () => {
    s = await startOciServer({ strictAuth: true, ociRateLimit: '5' });
    const r = await s.api('POST', '/oci/api-keys', { tenancyId: TENANCY_B, userId: USER, fingerprint: a.fingerprint, publicKey: a.publicPem });
    assert.equal(r.status, 201);
  });
  after(async () => {
    await s.close();
  });

  void it("a flood of forged signatures naming a tenancy does not throttle that tenancy's real calls; the forger gets 401, then 429", async () => {
    // Forged: the registered keyId of tenancy B, signed with another key.
    const forged = ociClients(s.ociUrl, provider(TENANCY_B, a.fingerprint, forger.privatePem));
    const flood = await Promise.all(Array.from({ length: 30 }, () => ociError(forged.network.listVcns({ compartmentId: TENANCY_B }))));
    const real = ociClients(s.ociUrl, provider(TENANCY_B, a.fingerprint, a.privatePem));
    const calls = await Promise.allSettled(Array.from({ length: 4 }, () => real.network.listVcns({ compartmentId: TENANCY_B })));
    assert.deepEqual(calls.map((c) => c.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], "the tenancy's own calls all succeed");
    const statuses = flood.map((e) => e.statusCode);
    assert.ok(statuses.every((c) => c === 401 || c === 429), statuses.join(' '));
    // 5 a second per address reach authentication, which refuses them; the rest are throttled (the flood may
    // straddle a window on a slow machine, hence bounds rather than 5 and 25).
    assert.ok(statuses.filter((c) => c === 401).length >= 5, statuses.join(' '));
    assert.ok(statuses.filter((c) => c === 429).length >= 15, statuses.join(' '));
  });
});
