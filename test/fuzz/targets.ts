// How to address each server: its base URL, the credentials of each auth variant (OCI: requests
// signed by oci-common's signer with a registered key; ARM: a token FastRoute issued to a strict
// principal; admin: same-origin headers), and the real ids of a seeded world for path parameters.
// Seeding uses the same raw requests (no SDK clients: loading them costs more than the whole seed).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as common from 'oci-common';
import type { TestServer } from '../api/server.ts';
import { sendRaw } from './send.ts';
import type { AuthVariant } from './arbitraries.ts';
import type { Endpoint, ServerName } from './routes.ts';

export const FUZZ_TENANCY = 'ocid1.tenancy.oc1..aaaaaaaafuzztenancy';
export const FUZZ_SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const FUZZ_TENANT = '33333333-3333-4333-8333-333333333333';
const FUZZ_USER = 'ocid1.user.oc1..aaaaaaaafuzzuser';

/** The strict ARM principal the suite calls as (a config file entry). */
export const FUZZ_CONFIG = { armPrincipals: [{ clientId: 'fuzz-app', clientSecret: 'fuzz-secret', tenantId: FUZZ_TENANT, subscriptions: [FUZZ_SUBSCRIPTION] }] };

export interface Target {
  base: string;
  ca?: string;
  /** Query pairs every request of this endpoint needs (ARM's api-version). */
  fixedQuery(ep: Endpoint): [string, string][];
  headers(ep: Endpoint, auth: AuthVariant, method: string, pathAndQuery: string, body: string | undefined, contentType: string | undefined): Promise<Record<string, string>>;
  /** Real ids of the seeded world, by path parameter name. */
  realIds: Record<string, string[]>;
  /**
   * The plain request's path segments as sent (not encoded), by endpoint path, for a wildcard that
   * spans several segments: Fastify prints `/resources/:kind/*` as `/resources/*`, so one id cannot
   * reach it, and its coverage would otherwise hang on the luck of the hostile samples' seed.
   */
  plainSegments?: Record<string, string[]>;
}

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    fingerprint: createHash('md5').update(der).digest('hex').replace(/(..)(?!$)/g, '$1:'),
  };
}

const toRecord = (h: Headers): Record<string, string> => Object.fromEntries([...h.entries()]);

async function ociTarget(s: TestServer): Promise<Target> {
  const mine = keyPair();
  const stranger = keyPair();
  const registered = await s.api('POST', '/oci/api-keys', { tenancyId: FUZZ_TENANCY, userId: FUZZ_USER, fingerprint: mine.fingerprint, publicKey: mine.publicPem });
  if (registered.status >= 300) throw new Error(`registering the fuzz API key: ${registered.text}`);
  const provider = new common.SimpleAuthenticationDetailsProvider(FUZZ_TENANCY, FUZZ_USER, mine.fingerprint, mine.privatePem, null);
  const strangerProvider = new common.SimpleAuthenticationDetailsProvider(FUZZ_TENANCY, FUZZ_USER, stranger.fingerprint, stranger.privatePem, null);
  const base = s.endpoints.oci;
  const realIds = await seedOci(base, provider);
  return {
    base,
    realIds,
    fixedQuery: () => [],
    async headers(_ep, auth, method, pathAndQuery, body, contentType) {
      const headers = new Headers(contentType === undefined || body === undefined ? {} : { 'content-type': contentType });
      if (auth === 'none') return toRecord(headers);
      if (auth === 'garbage') {
        headers.set('date', new Date().toUTCString());
        headers.set('authorization', 'Signature version="1",keyId="a/b/c",algorithm="rsa-sha256",headers="date",signature="AAAA"');
        return toRecord(headers);
      }
      const request: common.HttpRequest = { method: method as common.HttpRequest['method'], uri: `${base}${pathAndQuery}`, headers, ...(body === undefined ? {} : { body }) };
      await new common.DefaultRequestSigner(auth === 'valid' ? provider : strangerProvider).signHttpRequest(request);
      return toRecord(headers);
    },
  };
}

/** A small OCI world: a VCN with its defaults, a subnet, gateways, an NSG, a DRG attached to the VCN. */
async function seedOci(base: string, provider: common.AuthenticationDetailsProvider): Promise<Record<string, string[]>> {
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const text = JSON.stringify(body);
    const headers = new Headers({ 'content-type': 'application/json' });
    const request: common.HttpRequest = { method: 'POST', uri: `${base}/20160918${path}`, headers, body: text };
    await new common.DefaultRequestSigner(provider).signHttpRequest(request);
    const r = await sendRaw({ base, method: 'POST', path: `/20160918${path}`, headers: toRecord(headers), body: text });
    if (r.status >= 300) throw new Error(`seeding ${path}: ${r.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };
  const compartmentId = FUZZ_TENANCY;
  const id = (o: Record<string, unknown>, field = 'id'): string[] => (typeof o[field] === 'string' ? [o[field]] : []);
  const vcn = await post('/vcns', { compartmentId, cidrBlocks: ['10.0.0.0/16'], displayName: 'fuzz' });
  const vcnId = id(vcn)[0] ?? '';
  const subnet = await post('/subnets', { compartmentId, vcnId, cidrBlock: '10.0.1.0/24' });
  const ig = await post('/internetGateways', { compartmentId, vcnId, isEnabled: true });
  const nat = await post('/natGateways', { compartmentId, vcnId });
  const lpg = await post('/localPeeringGateways', { compartmentId, vcnId });
  const nsg = await post('/networkSecurityGroups', { compartmentId, vcnId });
  const drg = await post('/drgs', { compartmentId });
  const attachment = await post('/drgAttachments', { drgId: id(drg)[0], networkDetails: { type: 'VCN', id: vcnId } });
  return {
    vcnId: [vcnId], subnetId: id(subnet), rtId: id(vcn, 'defaultRouteTableId'), securityListId: id(vcn, 'defaultSecurityListId'), dhcpId: id(vcn, 'defaultDhcpOptionsId'),
    igId: id(ig), natGatewayId: id(nat), localPeeringGatewayId: id(lpg), networkSecurityGroupId: id(nsg), drgId: id(drg), drgAttachmentId: id(attachment),
    drgRouteTableId: id(attachment, 'drgRouteTableId'),
  };
}

const API_VERSIONS: [RegExp, string][] = [[/Microsoft\.Network/i, '2025-05-01'], [/Microsoft\.Compute/i, '2024-07-01']];

async function armTarget(s: TestServer): Promise<Target> {
  const base = s.endpoints.arm;
  const ca = readFileSync(s.endpoints.armCa, 'utf8');
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'fuzz-app', client_secret: 'fuzz-secret', scope: `${base}//.default` }).toString();
  const t = await sendRaw({ base, ca, method: 'POST', path: '/adfs/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const token = (JSON.parse(t.text) as { access_token?: string }).access_token;
  if (token === undefined) throw new Error(`no ARM token: ${t.text}`);
  const realIds = await seedArm(base, ca, token);
  return {
    base,
    ca,
    realIds,
    fixedQuery: (ep) => (ep.unauthenticated === true ? [] : [['api-version', API_VERSIONS.find(([re]) => re.test(ep.path))?.[1] ?? '2021-04-01']]),
    headers(_ep, auth, _method, _path, body, contentType) {
      const h: Record<string, string> = contentType === undefined || body === undefined ? {} : { 'content-type': contentType };
      const authorization = { valid: `Bearer ${token}`, none: undefined, garbage: 'Bearer not.a.jwt', foreign: 'Basic Zm9vOmJhcg==' }[auth];
      if (authorization !== undefined) h.authorization = authorization;
      return Promise.resolve(h);
    },
  };
}

/** A small ARM world: a resource group with a VNet and subnet, an NSG with a rule, a route table with a route, a public IP. */
async function seedArm(base: string, ca: string, token: string): Promise<Record<string, string[]>> {
  const rg = `/subscriptions/${FUZZ_SUBSCRIPTION}/resourceGroups/rg`;
  const net = `${rg}/providers/Microsoft.Network`;
  const put = async (path: string, body: unknown, version = '2025-05-01') => {
    const r = await sendRaw({ base, ca, method: 'PUT', path: `${path}?api-version=${version}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.status >= 300) throw new Error(`seeding ${path}: ${r.status} ${r.text}`);
  };
  await put(rg, { location: 'eastus' }, '2021-04-01');
  await put(`${net}/virtualNetworks/vnet`, { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [{ name: 'sub', properties: { addressPrefix: '10.1.1.0/24' } }] } });
  await put(`${net}/networkSecurityGroups/nsg`, { location: 'eastus', properties: { securityRules: [{ name: 'rule', properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: 'Tcp', sourceAddressPrefix: '*', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '22' } }] } });
  await put(`${net}/routeTables/rt`, { location: 'eastus', properties: { routes: [{ name: 'r', properties: { addressPrefix: '10.9.0.0/16', nextHopType: 'None' } }] } });
  await put(`${net}/publicIPAddresses/pip`, { location: 'eastus', sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } });
  return {
    subscriptionId: [FUZZ_SUBSCRIPTION], resourceGroupName: ['rg'], virtualNetworkName: ['vnet'], subnetName: ['sub'], networkSecurityGroupName: ['nsg'], securityRuleName: ['rule'],
    routeTableName: ['rt'], routeName: ['r'], publicIpAddressName: ['pip'], location: ['eastus'], providerNamespace: ['Microsoft.Network'], tenantId: [FUZZ_TENANT],
    defaultSecurityRuleName: ['AllowVnetInBound'],
  };
}

function adminTarget(s: TestServer): Target {
  const port = new URL(s.adminUrl).port;
  return {
    base: s.adminUrl,
    // '*' is the console's static files (GET /*) as well as ids: its plain request asks for the page.
    realIds: { name: ['tutorial'], '*': ['index.html', 'oci.Vcn', 'azure.VirtualNetwork'] },
    plainSegments: { '/fastroute/v1/resources/*': ['oci.Vcn/ocid1.vcn.oc1.iad.fuzz'] },
    fixedQuery: () => [],
    headers(_ep, auth, _method, _path, body, contentType) {
      const h: Record<string, string> = contentType === undefined || body === undefined ? {} : { 'content-type': contentType };
      // Strict mode puts the admin API behind its token: every variant but 'none' carries it, so the
      // hostile Host and Origin are what gets refused, not a missing token.
      if (auth !== 'none' && s.adminToken !== undefined) h.authorization = `Bearer ${s.adminToken.token}`;
      if (auth === 'garbage') h.host = `evil.example:${port}`;
      if (auth === 'foreign') h.origin = 'http://evil.example';
      return Promise.resolve(h);
    },
  };
}

export async function targets(s: TestServer): Promise<Record<ServerName, Target>> {
  return { oci: await ociTarget(s), arm: await armTarget(s), admin: adminTarget(s) };
}
