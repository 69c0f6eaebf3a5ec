// ARM identity: the metadata and token endpoints the clients call before ARM, default mode (any
// bearer, every subscription, but no subscription sees another's resources) and strict mode (only
// FastRoute's tokens, for configured principals, on their own subscriptions).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../../../src/lifecycle/defaults.ts';
import { staticCredential, startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';
const TENANT = '33333333-3333-4333-8333-333333333333';
const V = '?api-version=2021-04-01';

const PRINCIPALS = {
  armPrincipals: [
    { clientId: 'app-a', clientSecret: 's3cret-a', tenantId: TENANT, subscriptions: [SUB_A] },
    { clientId: 'vm-identity', tenantId: TENANT, subscriptions: [SUB_B], managedIdentity: true },
  ],
};

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded', authorization: '' };

function code(r: ArmResponse): string {
  return (r.body as { error: { code: string } }).error.code;
}

async function adfsToken(s: ArmTestServer, clientId: string, secret: string): Promise<ArmResponse> {
  return s.arm('POST', '/adfs/oauth2/token', form({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: `${s.armUrl}//.default` }), FORM);
}

void describe('ARM identity, default mode', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer({}, PRINCIPALS);
  });
  after(async () => {
    await s.close();
  });

  void it('serves the cloud metadata `az cloud register` reads, with an ADFS login endpoint', async () => {
    const r = await s.arm('GET', '/metadata/endpoints?api-version=2015-01-01', undefined, { authorization: '' });
    assert.equal(r.status, 200);
    const body = r.body as { authentication: { loginEndpoint: string; audiences: string[] } };
    assert.equal(body.authentication.loginEndpoint, `${s.armUrl}/adfs`);
    assert.deepEqual(body.authentication.audiences, [`${s.armUrl}/`]);
    const oidc = (await s.arm('GET', '/adfs/.well-known/openid-configuration', undefined, { authorization: '' })).body as { token_endpoint: string; issuer: string };
    assert.equal(oidc.token_endpoint, `${s.armUrl}/adfs/oauth2/token`);
  });

  void it('issues JWTs with tid to any client; any bearer token is accepted', async () => {
    const t = await adfsToken(s, 'whoever', 'whatever');
    assert.equal(t.status, 200);
    const claims = decodeJwt((t.body as { access_token: string }).access_token);
    assert.equal(claims.tid, DEFAULT_TENANT_ID);
    assert.equal(claims.aud, `${s.armUrl}/`);
    assert.equal((await s.arm('GET', `/subscriptions${V}`, undefined, { authorization: 'Bearer not-even-a-jwt' })).status, 200);
  });

  void it('lists every subscription, and one subscription never sees another\'s resources', async () => {
    const subs = ((await s.arm('GET', `/subscriptions${V}`)).body as { value: { subscriptionId: string }[] }).value.map((x) => x.subscriptionId).sort();
    assert.deepEqual(subs, [DEFAULT_SUBSCRIPTION_ID, SUB_A, SUB_B].sort());
    const a = s.clients(SUB_A);
    const b = s.clients(SUB_B);
    await a.resources.resourceGroups.createOrUpdate('shared-name', { location: 'eastus' });
    await a.network.virtualNetworks.beginCreateOrUpdateAndWait('shared-name', 'vnet-a', { location: 'eastus', addressSpace: { addressPrefixes: ['10.1.0.0/16'] } }, { updateIntervalInMs: 10 });
    await assert.rejects(b.resources.resourceGroups.get('shared-name'), (e: { statusCode?: number; code?: string }) => e.statusCode === 404 && e.code === 'ResourceGroupNotFound');
    const listed: unknown[] = [];
    for await (const v of b.network.virtualNetworks.listAll()) listed.push(v);
    assert.deepEqual(listed, []);
    const unknown = await s.arm('GET', `/subscriptions/44444444-4444-4444-8444-444444444444/resourcegroups${V}`);
    assert.equal(unknown.status, 404);
    assert.equal(code(unknown), 'SubscriptionNotFound');
  });
});

void describe('ARM identity, strict mode', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer({ strictAuth: true }, PRINCIPALS);
  });
  after(async () => {
    await s.close();
  });

  void it('refuses a wrong secret and an unknown client as the token endpoint does', async () => {
    const wrong = await adfsToken(s, 'app-a', 'nope');
    assert.equal(wrong.status, 401);
    assert.equal((wrong.body as { error: string }).error, 'invalid_client');
    const unknown = await adfsToken(s, 'app-z', 'x');
    assert.equal(unknown.status, 400);
    assert.equal((unknown.body as { error: string }).error, 'unauthorized_client');
  });

  void it('accepts only its own tokens, each principal on its own subscriptions', async () => {
    const t = await adfsToken(s, 'app-a', 's3cret-a');
    const token = (t.body as { access_token: string }).access_token;
    assert.equal(decodeJwt(token).tid, TENANT);
    const a = s.clients(SUB_A, staticCredential(token));
    const rg = await a.resources.resourceGroups.createOrUpdate('rg-strict', { location: 'eastus' });
    assert.equal(rg.name, 'rg-strict');
    const subs = ((await s.arm('GET', `/subscriptions${V}`, undefined, { authorization: `Bearer ${token}` })).body as { value: { subscriptionId: string }[] }).value;
    assert.deepEqual(subs.map((x) => x.subscriptionId), [SUB_A]);
    const other = s.clients(SUB_B, staticCredential(token));
    await assert.rejects(other.resources.resourceGroups.createOrUpdate('rg-x', { location: 'eastus' }), (e: { statusCode?: number; code?: string }) => e.statusCode === 403 && e.code === 'AuthorizationFailed');
    const forged = await s.arm('GET', `/subscriptions${V}`, undefined, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.' });
    assert.equal(forged.status, 401);
    assert.equal(code(forged), 'InvalidAuthenticationToken');
  });

  void it('gives `az login --identity` the configured managed identity, only with the Metadata header', async () => {
    const noHeader = await s.arm('POST', '/msi/token', form({ resource: `${s.armUrl}/` }), FORM);
    assert.equal(noHeader.status, 400);
    const t = await s.arm('POST', '/msi/token', form({ resource: `${s.armUrl}/` }), { ...FORM, metadata: 'true' });
    assert.equal(t.status, 200);
    const body = t.body as { access_token: string; expires_on: number; token_type: string };
    assert.equal(body.token_type, 'Bearer');
    assert.equal(decodeJwt(body.access_token).appid, 'vm-identity');
    const subs = ((await s.arm('GET', `/subscriptions${V}`, undefined, { authorization: `Bearer ${body.access_token}` })).body as { value: { subscriptionId: string }[] }).value;
    assert.deepEqual(subs.map((x) => x.subscriptionId), [SUB_B]);
  });
});
