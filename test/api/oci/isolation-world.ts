// For the isolation matrix: a tenancy with a signing key registered through the admin API, raw
// requests signed by the SDK's own signer, and a network holding one resource of every kind the OCI
// API serves (so every operation has a target of each tenancy to aim at).
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Engine } from '../../../src/engine/engine.ts';
import { putExpressRouteCircuit } from '../../../src/lifecycle/azure/circuit.ts';
import { putResourceGroup } from '../../../src/lifecycle/azure/resource-group.ts';
import { availabilityDomainName } from '../../../src/lifecycle/oci/availability-domains.ts';
import { AZ } from '../../helpers/interconnect.ts';
import { common, type OciTestServer, ASHBURN_IMAGE_ID } from './harness.ts';

export interface OciReply { status: number; code: string | undefined; message: string; text: string; body: unknown }

export interface Tenancy {
  id: string;
  call(method: string, path: string, body?: unknown): Promise<OciReply>;
}

const USER = 'ocid1.user.oc1..aaaaaaaauser';

export async function tenancy(s: OciTestServer, id: string): Promise<Tenancy> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fingerprint = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').replace(/(..)(?!$)/g, '$1:');
  const r = await s.api('POST', '/oci/api-keys', { tenancyId: id, userId: USER, fingerprint, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  assert.equal(r.status, 201);
  const signer = new common.DefaultRequestSigner(new common.SimpleAuthenticationDetailsProvider(id, USER, fingerprint, privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), null));
  return {
    id,
    async call(method, path, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = new Headers({ 'content-type': 'application/json' });
      const request: common.HttpRequest = { method: method as common.HttpRequest['method'], uri: `${s.ociUrl}/20160918${path}`, headers, ...(payload === undefined ? {} : { body: payload }) };
      await signer.signHttpRequest(request);
      const res = await fetch(request.uri, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      const err = parsed as { code?: string; message?: string } | undefined;
      return { status: res.status, code: res.status >= 400 ? err?.code : undefined, message: res.status >= 400 ? String(err?.message) : '', text, body: parsed };
    },
  };
}

/** One resource of every kind a tenancy can own, by the name the matrix's tables use. */
export interface Net {
  tenancy: string; vcn: string; subnet: string; rt: string; sl: string; dhcp: string; nsg: string; nsgRule: string;
  igw: string; nat: string; sgw: string; drg: string; drgRt: string; drgRule: string; drgRd: string; drgStatement: string; drgAtt: string;
  lpg: string; rpc: string; vc: string; instance: string; vnic: string; vnicAtt: string; privateIp: string; workRequest: string;
  service: string; providerService: string;
}

async function ok(t: Tenancy, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await t.call(method, path, body);
  assert.ok(r.status < 300, `${method} ${path}: ${r.text}`);
  return r.body as Record<string, unknown>;
}
const idOf = async (p: Promise<Record<string, unknown>>): Promise<string> => String((await p).id);
const first = async (p: Promise<Record<string, unknown>>): Promise<Record<string, unknown>> => ((await p) as unknown as Record<string, unknown>[])[0] ?? {};

/** A new ExpressRoute circuit's service key, for a virtual circuit to be provisioned on. */
export async function serviceKey(engine: Engine, name: string): Promise<string> {
  return engine.mutate('test:circuit', (tx) => {
    putResourceGroup(tx, AZ, 'rg', { location: 'eastus' });
    return putExpressRouteCircuit(tx, AZ, 'rg', name, {
      location: 'eastus', sku: { tier: 'Standard', family: 'MeteredData' },
      properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } },
    }).properties.serviceKey;
  });
}

/** Builds `t`'s network on `prefix` ("10.1"): every kind, linked as a real one would be. */
export async function networkOf(t: Tenancy, prefix: string, circuitKey: string): Promise<Net> {
  const c = { compartmentId: t.id };
  const vcn = await idOf(ok(t, 'POST', '/vcns', { ...c, cidrBlocks: [`${prefix}.0.0/16`] }));
  const rt = await idOf(ok(t, 'POST', '/routeTables', { ...c, vcnId: vcn, routeRules: [] }));
  const sl = await idOf(ok(t, 'POST', '/securityLists', { ...c, vcnId: vcn, egressSecurityRules: [], ingressSecurityRules: [] }));
  const dhcp = await idOf(ok(t, 'POST', '/dhcps', { ...c, vcnId: vcn, options: [{ type: 'DomainNameServer', serverType: 'VcnLocalPlusInternet' }] }));
  const subnet = await idOf(ok(t, 'POST', '/subnets', { ...c, vcnId: vcn, cidrBlock: `${prefix}.0.0/24` }));
  const nsg = await idOf(ok(t, 'POST', '/networkSecurityGroups', { ...c, vcnId: vcn }));
  const rules = await ok(t, 'POST', `/networkSecurityGroups/${nsg}/actions/addSecurityRules`, { securityRules: [{ direction: 'INGRESS', protocol: 'all', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK' }] });
  const nsgRule = String((rules.securityRules as { id: string }[])[0]?.id);
  const igw = await idOf(ok(t, 'POST', '/internetGateways', { ...c, vcnId: vcn, isEnabled: true }));
  const nat = await idOf(ok(t, 'POST', '/natGateways', { ...c, vcnId: vcn }));
  const service = String((await first(ok(t, 'GET', '/services'))).id);
  const sgw = await idOf(ok(t, 'POST', '/serviceGateways', { ...c, vcnId: vcn, services: [{ serviceId: service }] }));
  const drg = await idOf(ok(t, 'POST', '/drgs', c));
  const drgRd = await idOf(ok(t, 'POST', '/drgRouteDistributions', { drgId: drg, distributionType: 'IMPORT' }));
  const drgRt = await idOf(ok(t, 'POST', '/drgRouteTables', { drgId: drg }));
  const drgAtt = await idOf(ok(t, 'POST', '/drgAttachments', { drgId: drg, networkDetails: { type: 'VCN', id: vcn } }));
  const drgRule = String((await first(ok(t, 'POST', `/drgRouteTables/${drgRt}/actions/addDrgRouteRules`, { routeRules: [{ destination: '192.168.0.0/16', destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: drgAtt }] }))).id);
  const drgStatement = String((await first(ok(t, 'POST', `/drgRouteDistributions/${drgRd}/actions/addDrgRouteDistributionStatements`, { statements: [{ priority: 10, action: 'ACCEPT', matchCriteria: [{ matchType: 'DRG_ATTACHMENT_ID', drgAttachmentId: drgAtt }] }] }))).id);
  const lpg = await idOf(ok(t, 'POST', '/localPeeringGateways', { ...c, vcnId: vcn }));
  const rpc = await idOf(ok(t, 'POST', '/remotePeeringConnections', { ...c, drgId: drg }));
  const providers = (await ok(t, 'GET', `/fastConnectProviderServices?compartmentId=${t.id}`)) as unknown as { id: string; providerName: string }[];
  const providerService = providers.find((p) => p.providerName === 'Microsoft Azure')?.id ?? '';
  const vc = await idOf(ok(t, 'POST', '/virtualCircuits', {
    ...c, type: 'PRIVATE', bandwidthShapeName: '1 Gbps', gatewayId: drg, providerServiceId: providerService, providerServiceKeyName: circuitKey,
    crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }],
  }));
  const instance = await idOf(ok(t, 'POST', '/instances', {
    ...c, availabilityDomain: availabilityDomainName(t.id, 'us-ashburn-1', 1), shape: 'VM.Standard.E4.Flex',
    sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: subnet, nsgIds: [nsg] },
  }));
  const att = await first(ok(t, 'GET', `/vnicAttachments?compartmentId=${t.id}&instanceId=${instance}`));
  const vnic = String(att.vnicId);
  const privateIp = String((await first(ok(t, 'GET', `/privateIps?vnicId=${vnic}`))).id);
  const workRequest = String((await first(ok(t, 'GET', `/workRequests?compartmentId=${t.id}`))).id);
  return {
    tenancy: t.id, vcn, subnet, rt, sl, dhcp, nsg, nsgRule, igw, nat, sgw, drg, drgRt, drgRule, drgRd, drgStatement, drgAtt,
    lpg, rpc, vc, instance, vnic, vnicAtt: String(att.id), privateIp, workRequest, service, providerService,
  };
}
