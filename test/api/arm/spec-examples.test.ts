// The azure-rest-api-specs example bodies for the Microsoft.Network types FastRoute models (vendored
// byte-identical under test/fixtures/arm-examples, sources in its README), each PUT as published
// (only the subscription and a per-example resource group substituted) after its prerequisites
// exist. Each either round-trips (every property of the request body comes back on GET with the
// same value, up to ARM's normal id casing and location normalisation) or is refused with an
// explicit error naming what FastRoute does not model: never accepted and silently dropped.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID as SUB } from '../../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';
import { differences } from './round-trip.ts';

const DIR = join(import.meta.dirname, '../../fixtures/arm-examples');

/** Examples FastRoute refuses, with the code and the property (or feature) the message must name. */
const REFUSED: Record<string, { code: string; names: string }> = {
  '2024-05-01/NetworkInterfaceCreate.json': { code: 'FeatureNotModelled', names: 'privateIPAddressPrefixLength' },
  '2024-07-01/NetworkInterfaceCreateGatewayLoadBalancerConsumer.json': { code: 'FeatureNotModelled', names: 'load balancers' },
  '2024-07-01/ExpressRouteCircuitCreateOnExpressRoutePort.json': { code: 'FeatureNotModelled', names: 'ExpressRoute Direct' },
  '2024-07-01/VirtualNetworkCreateSubnetWithAddressPrefixes.json': { code: 'FeatureNotModelled', names: 'addressPrefixes' },
  // VPN: FastRoute's gateways and connections are ExpressRoute ones.
  '2024-05-01/VirtualNetworkGatewayUpdate.json': { code: 'GatewayTypeNotSupported', names: 'Vpn' },
  '2024-07-01/VirtualNetworkGatewayConnectionCreate.json': { code: 'FeatureNotModelled', names: 'local network gateways' },
};

interface Example { file: string; params: Record<string, unknown> }

/** [collection path segments, body parameter] for the operation an example's parameters name. */
function target(p: Record<string, unknown>): { path: string; body: unknown } {
  const n = (k: string) => encodeURIComponent(String(p[k]));
  const body = Object.entries(p).find(([k, v]) => k !== 'zones' && typeof v === 'object' && v !== null && !Array.isArray(v))?.[1];
  const path =
    p.subnetName !== undefined ? `virtualNetworks/${n('virtualNetworkName')}/subnets/${n('subnetName')}`
      : p.virtualNetworkPeeringName !== undefined ? `virtualNetworks/${n('virtualNetworkName')}/virtualNetworkPeerings/${n('virtualNetworkPeeringName')}`
        : p.virtualNetworkName !== undefined ? `virtualNetworks/${n('virtualNetworkName')}`
          : p.securityRuleName !== undefined ? `networkSecurityGroups/${n('networkSecurityGroupName')}/securityRules/${n('securityRuleName')}`
            : p.networkSecurityGroupName !== undefined ? `networkSecurityGroups/${n('networkSecurityGroupName')}`
              : p.routeName !== undefined ? `routeTables/${n('routeTableName')}/routes/${n('routeName')}`
                : p.routeTableName !== undefined ? `routeTables/${n('routeTableName')}`
                  : p.networkInterfaceName !== undefined ? `networkInterfaces/${n('networkInterfaceName')}`
                    : p.publicIpAddressName !== undefined ? `publicIPAddresses/${n('publicIpAddressName')}`
                      : p.peeringName !== undefined ? `expressRouteCircuits/${n('circuitName')}/peerings/${n('peeringName')}`
                        : p.authorizationName !== undefined ? `expressRouteCircuits/${n('circuitName')}/authorizations/${n('authorizationName')}`
                          : p.virtualNetworkGatewayName !== undefined ? `virtualNetworkGateways/${n('virtualNetworkGatewayName')}`
                            : p.virtualNetworkGatewayConnectionName !== undefined ? `connections/${n('virtualNetworkGatewayConnectionName')}`
                              : `expressRouteCircuits/${n('circuitName')}`;
  return { path, body };
}

function examples(): Example[] {
  return readdirSync(DIR).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().flatMap((version) =>
    readdirSync(join(DIR, version)).filter((f) => f.endsWith('.json')).sort().map((f) => ({
      file: `${version}/${f}`,
      params: (JSON.parse(readFileSync(join(DIR, version, f), 'utf8')) as { parameters: Record<string, unknown> }).parameters,
    })));
}

void describe('azure-rest-api-specs example bodies round-trip or are refused by name', () => {
  let s: ArmTestServer;
  const list = examples();
  const outcome = { run: 0, roundTripped: 0, refused: [] as string[] };

  before(async () => { s = await startArmServer(); });
  after(async () => {
    // The count the closing note asks for.
    console.log(`spec examples: ${outcome.run} run, ${outcome.roundTripped} round-tripped, ${outcome.refused.length} refused (${outcome.refused.join('; ')})`);
    await s.close();
  });

  /** PUT through raw HTTPS; the answer must not be a server error. */
  async function put(api: string, path: string, body: unknown): Promise<ArmResponse> {
    const r = await s.arm('PUT', `${path}?api-version=${api}`, body);
    assert.ok(r.status < 500, `PUT ${path}: ${r.status} ${r.text}`);
    return r;
  }

  /** What each example needs to exist first, in its own resource group. */
  async function prerequisites(api: string, rgPath: string, p: Record<string, unknown>): Promise<void> {
    const mn = `${rgPath}/providers/Microsoft.Network`;
    const ok = async (path: string, body: unknown) => {
      const r = await put(api, `${mn}/${path}`, body);
      assert.ok(r.status < 300, `prerequisite ${path}: ${r.text}`);
    };
    const vnet = (prefix: string, subnets: unknown[] = []) => ({ location: 'eastus', properties: { addressSpace: { addressPrefixes: [prefix] }, subnets } });
    if (p.subnetName !== undefined) await ok(`virtualNetworks/${String(p.virtualNetworkName)}`, vnet('10.0.0.0/8'));
    if (p.virtualNetworkPeeringName !== undefined) {
      await ok(`virtualNetworks/${String(p.virtualNetworkName)}`, vnet('10.1.0.0/16'));
      await ok('virtualNetworks/vnet2', vnet('10.2.0.0/16'));
    }
    if (p.securityRuleName !== undefined) await ok(`networkSecurityGroups/${String(p.networkSecurityGroupName)}`, { location: 'eastus' });
    if (p.routeName !== undefined) await ok(`routeTables/${String(p.routeTableName)}`, { location: 'eastus' });
    if (p.networkInterfaceName !== undefined) {
      await ok('virtualNetworks/rg1-vnet', vnet('172.20.0.0/16', [{ name: 'default', properties: { addressPrefix: '172.20.2.0/24' } }]));
      await ok('publicIPAddresses/test-ip', { location: 'eastus' });
    }
    if (p.virtualNetworkGatewayName !== undefined) {
      await ok('virtualNetworks/vnet1', vnet('10.0.0.0/16', [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.1.0/24' } }]));
      await ok('publicIPAddresses/gwpip', { location: 'eastus', sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } });
    }
    if (p.peeringName !== undefined || p.authorizationName !== undefined) {
      // The peering example is a customer's own configuration: a Layer 2 provider's (Equinix) circuit,
      // which Azure lets the customer peer before the provider provisions it.
      await ok(`expressRouteCircuits/${String(p.circuitName)}`, {
        location: 'eastus', sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' },
        properties: { serviceProviderProperties: { serviceProviderName: p.peeringName === undefined ? 'Oracle Cloud FastConnect' : 'Equinix', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } },
      });
    }
  }

  for (const [i, ex] of list.entries()) {
    void it(ex.file, async () => {
      outcome.run++;
      const api = String(ex.params['api-version']);
      const rg = `${String(ex.params.resourceGroupName)}-${i}`;
      const rgPath = `/subscriptions/${SUB}/resourceGroups/${rg}`;
      const group = await s.arm('PUT', `${rgPath}?api-version=2021-04-01`, { location: 'eastus' });
      assert.equal(group.status, 201, group.text);
      await prerequisites(api, rgPath, ex.params);
      const { path, body } = target(ex.params);
      // The only change to the published body: its subscription and resource group become this test's.
      const text = JSON.stringify(body)
        .replace(new RegExp(`/subscriptions/${String(ex.params.subscriptionId)}/`, 'gi'), `/subscriptions/${SUB}/`)
        .replace(new RegExp(`/resourceGroups/${String(ex.params.resourceGroupName)}/`, 'gi'), `/resourceGroups/${rg}/`);
      const url = `${rgPath}/providers/Microsoft.Network/${path}`;
      const r = await put(api, url, text);
      const refused = REFUSED[ex.file];
      if (refused !== undefined) {
        const err = (r.body as { error?: { code?: string; message?: string } }).error;
        assert.equal(r.status, 400, r.text);
        assert.equal(err?.code, refused.code, r.text);
        assert.ok(err?.message?.includes(refused.names), `the message names ${refused.names}: ${r.text}`);
        assert.equal((await s.arm('GET', `${url}?api-version=${api}`)).status, 404, 'a refused PUT leaves nothing behind');
        outcome.refused.push(`${ex.file}: ${err?.message ?? ''}`);
        return;
      }
      assert.ok(r.status === 200 || r.status === 201, `PUT ${ex.file}: ${r.status} ${r.text}`);
      const got = await s.arm('GET', `${url}?api-version=${api}`);
      assert.equal(got.status, 200, got.text);
      assert.deepEqual(differences(JSON.parse(text), got.body), [], `every property of ${ex.file} comes back: ${got.text}`);
      outcome.roundTripped++;
    });
  }

  void it('ran every vendored example', () => {
    assert.ok(list.length >= 26, `found ${list.length} examples`);
    // A refusal listed for a file that is no longer vendored would go untested, silently.
    const files = new Set(list.map((ex) => ex.file));
    assert.deepEqual(Object.keys(REFUSED).filter((f) => !files.has(f)), [], 'REFUSED names examples that are not vendored');
  });
});
