// The seed tutorial's Azure half through Debian's az CLI 2.45 (via az-launcher.py), against a real
// FastRoute over HTTPS with its own CA: cloud registration from /metadata/endpoints, both offline
// login flows (ADFS service principal, managed identity), then the tutorial's commands in order.
// The OCI half is provisioned through the OCI SDK between the circuit and the connection, as a
// user would do it in the OCI console. One server and one logged-in config dir are shared by the
// steps (each `az` costs 2-4 s of Python), so the `it`s run in order and depend on each other.
import assert from 'node:assert/strict';
import { after, before, it, type TestContext } from 'node:test';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from '../api/arm/harness.ts';
import { ociClients } from '../api/oci/harness.ts';
import { createOciHalf } from '../api/oci/tutorial-flow.ts';
import { azUnavailableReason, prepareAzConfigDir, primeAzCommandIndex, runAz, type AzEnv, type AzResult } from './az.ts';

const RG = 'rg-fastroute';
const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}`;
const CIRCUIT_ID = `${RG_ID}/providers/Microsoft.Network/expressRouteCircuits/er-oci-azure`;
const GATEWAY_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworkGateways/ergw`;
const ER_TABLE = ['-g', RG, '-n', 'er-oci-azure', '--path', 'primary', '--peering-name', 'AzurePrivatePeering'];

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `an object, got ${JSON.stringify(v)}`);
  return v as Obj;
}

function list(v: unknown): Obj[] {
  assert.ok(Array.isArray(v), `an array, got ${JSON.stringify(v)}`);
  return v.map(obj);
}

/** The CLI prints a POST action's result either as the ARM list ({value}) or as the bare array. */
function rows(v: unknown): Obj[] {
  return Array.isArray(v) ? list(v) : list(obj(v).value);
}

describeWithTool('the seed tutorial through the Debian az CLI', azUnavailableReason(), () => {
  let s: ArmTestServer;
  let primed: string;
  /** The service principal's config dir, used by every tutorial command. */
  let sp: AzEnv;

  /** Runs az in `env`; the command must exit 0. Returns its JSON output. */
  async function az(t: TestContext, args: string[], env: AzEnv = sp): Promise<unknown> {
    const r = await runAz(args, { json: true, ...env });
    record(t, args, r);
    assert.equal(r.code, 0, `az ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
    return r.json;
  }

  /** Runs az expecting a failure; returns stderr. */
  async function azFails(t: TestContext, args: string[]): Promise<string> {
    const r = await runAz(args, { json: true, ...sp });
    record(t, args, r);
    assert.notEqual(r.code, 0, `az ${args.join(' ')} should have failed:\n${r.stdout}`);
    return r.stderr;
  }

  function record(t: TestContext, args: string[], r: AzResult): void {
    const command = args.filter((a) => !a.startsWith('-')).slice(0, 3).join(' ');
    t.diagnostic(`az ${command}: ${r.ms} ms`);
  }

  before(async () => {
    [s, primed] = await Promise.all([startArmServer(), primeAzCommandIndex()]);
    sp = { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: s.endpoints.armCa };
  });

  after(async () => {
    await s.close();
  });

  void it('registers FastRoute as a cloud from its /metadata/endpoints (ADFS authority)', async (t) => {
    await az(t, ['cloud', 'register', '-n', 'FastRoute', '--endpoint-resource-manager', s.armUrl]);
    await az(t, ['cloud', 'set', '-n', 'FastRoute']);
    const cloud = obj(await az(t, ['cloud', 'show']));
    const endpoints = obj(cloud.endpoints);
    assert.equal(cloud.isActive, true);
    assert.equal(endpoints.resourceManager, s.armUrl);
    assert.equal(endpoints.activeDirectory, `${s.armUrl}/adfs`);
    assert.equal(endpoints.activeDirectoryResourceId, `${s.armUrl}/`);
  });

  void it('logs in as a service principal through the ADFS token endpoint', async (t) => {
    const accounts = list(await az(t, ['login', '--service-principal', '-u', 'fastroute-app', '-p', 'any-secret', '--tenant', DEFAULT_TENANT_ID]));
    assert.deepEqual(accounts.map((a) => [a.id, a.cloudName, a.state, obj(a.user).type]), [[DEFAULT_SUBSCRIPTION_ID, 'FastRoute', 'Enabled', 'servicePrincipal']]);
  });

  void it('logs in with a managed identity (MSI_ENDPOINT on FastRoute, https with the CA bundle)', async (t) => {
    const msi: AzEnv = { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: s.endpoints.armCa, msiEndpoint: `${s.armUrl}/msi/token` };
    await az(t, ['cloud', 'register', '-n', 'FastRoute', '--endpoint-resource-manager', s.armUrl], msi);
    await az(t, ['cloud', 'set', '-n', 'FastRoute'], msi);
    const accounts = list(await az(t, ['login', '--identity'], msi));
    assert.deepEqual(accounts.map((a) => [a.id, a.tenantId, obj(a.user).assignedIdentityInfo]), [[DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID, 'MSI']]);
    // Later commands fetch a token from the MSI endpoint again.
    assert.deepEqual(await az(t, ['group', 'list'], msi), []);
  });

  void it('creates the resource group', async (t) => {
    const rg = obj(await az(t, ['group', 'create', '-n', RG, '-l', 'eastus']));
    assert.deepEqual([rg.id, rg.location, obj(rg.properties).provisioningState], [RG_ID, 'eastus', 'Succeeded']);
  });

  void it('creates the VNet with subnet-workload, then the GatewaySubnet', async (t) => {
    const created = obj(obj(await az(t, ['network', 'vnet', 'create', '-g', RG, '-n', 'vnet-azure', '--address-prefixes', '10.20.0.0/16', '--subnet-name', 'subnet-workload', '--subnet-prefixes', '10.20.10.0/24'])).newVNet);
    assert.equal(created.provisioningState, 'Succeeded');
    assert.deepEqual(obj(created.addressSpace).addressPrefixes, ['10.20.0.0/16']);
    assert.deepEqual(list(created.subnets).map((n) => [n.name, n.addressPrefix]), [['subnet-workload', '10.20.10.0/24']]);
    const gatewaySubnet = obj(await az(t, ['network', 'vnet', 'subnet', 'create', '-g', RG, '--vnet-name', 'vnet-azure', '-n', 'GatewaySubnet', '--address-prefixes', '10.20.255.0/27']));
    assert.deepEqual([gatewaySubnet.name, gatewaySubnet.addressPrefix, gatewaySubnet.provisioningState], ['GatewaySubnet', '10.20.255.0/27', 'Succeeded']);
  });

  void it("refuses a subnet outside the VNet's address space with NRP's code", async (t) => {
    const stderr = await azFails(t, ['network', 'vnet', 'subnet', 'create', '-g', RG, '--vnet-name', 'vnet-azure', '-n', 'outside', '--address-prefixes', '10.30.0.0/24']);
    assert.match(stderr, /\(NetcfgSubnetRangeOutsideVnet\)/);
  });

  void it('creates the ExpressRoute circuit with Oracle Cloud FastConnect at Washington DC', async (t) => {
    const c = obj(await az(t, ['network', 'express-route', 'create', '-g', RG, '-n', 'er-oci-azure', '--provider', 'Oracle Cloud FastConnect', '--peering-location', 'Washington DC', '--bandwidth', '1000']));
    assert.equal(c.id, CIRCUIT_ID);
    assert.match(String(c.serviceKey), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(c.serviceProviderProperties, { bandwidthInMbps: 1000, peeringLocation: 'Washington DC', serviceProviderName: 'Oracle Cloud FastConnect' });
    assert.deepEqual([c.provisioningState, c.serviceProviderProvisioningState, obj(c.sku).name], ['Succeeded', 'NotProvisioned', 'Standard_MeteredData']);
  });

  void it('creates the ExpressRoute gateway in the GatewaySubnet', async (t) => {
    const gw = obj(obj(await az(t, ['network', 'vnet-gateway', 'create', '-g', RG, '-n', 'ergw', '--vnet', 'vnet-azure', '--gateway-type', 'ExpressRoute', '--sku', 'Standard'])).vnetGateway);
    assert.deepEqual([gw.id, gw.gatewayType, gw.provisioningState, obj(gw.sku).name], [GATEWAY_ID, 'ExpressRoute', 'Succeeded', 'Standard']);
    const subnets = list(gw.ipConfigurations).map((c) => obj(c.subnet).id);
    assert.deepEqual(subnets, [`${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-azure/subnets/GatewaySubnet`]);
  });

  void it('fails the connection deployment while the provider has not provisioned the circuit', async (t) => {
    const stderr = await azFails(t, ['network', 'vpn-connection', 'create', '-g', RG, '-n', 'conn-er-oci', '--vnet-gateway1', 'ergw', '--express-route-circuit2', 'er-oci-azure']);
    assert.match(stderr, /"code":"DeploymentFailed"/);
    assert.match(stderr, /"code":"ServiceProviderNotProvisioned"/);
    const connections = await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/connections?api-version=2022-01-01`);
    assert.deepEqual(connections.body, { value: [] }, 'the failed deployment created nothing');
  });

  void it('sees the circuit Provisioned with its private peering once the OCI side is up', async (t) => {
    const circuit = obj(await az(t, ['network', 'express-route', 'show', '-g', RG, '-n', 'er-oci-azure']));
    await createOciHalf(ociClients(s.endpoints.oci), String(circuit.serviceKey));
    const after = obj(await az(t, ['network', 'express-route', 'show', '-g', RG, '-n', 'er-oci-azure']));
    assert.equal(after.serviceProviderProvisioningState, 'Provisioned');
    const peerings = list(after.peerings);
    assert.deepEqual(peerings.map((p) => [p.name, p.peeringType, p.primaryPeerAddressPrefix, p.secondaryPeerAddressPrefix]), [['AzurePrivatePeering', 'AzurePrivatePeering', '10.99.0.0/30', '10.99.0.4/30']]);
  });

  void it('lists the ARP table, the route table and its summary on the primary path', async (t) => {
    const arp = rows(await az(t, ['network', 'express-route', 'list-arp-tables', ...ER_TABLE]));
    assert.deepEqual(arp.map((e) => e.ipAddress).sort(), ['10.99.0.1', '10.99.0.2']);
    const routes = rows(await az(t, ['network', 'express-route', 'list-route-tables', ...ER_TABLE]));
    // Whatever the DRG advertises from the VCN (10.10.0.0/16) comes from Oracle's AS over the primary link.
    const oci = routes.find((r) => String(r.network).startsWith('10.10.'));
    assert.ok(oci, `an OCI prefix among ${JSON.stringify(routes)}`);
    assert.equal(oci.nextHop, '10.99.0.1');
    assert.match(String(oci.path), /31898/);
    const summary = rows(await az(t, ['network', 'express-route', 'list-route-tables-summary', ...ER_TABLE]));
    assert.deepEqual(summary.map((n) => [n.neighbor, n.as]), [['10.99.0.1', 31898]]);
  });

  void it('connects the gateway to the circuit (a template deployment) and prints the connection', async (t) => {
    const out = obj(await az(t, ['network', 'vpn-connection', 'create', '-g', RG, '-n', 'conn-er-oci', '--vnet-gateway1', 'ergw', '--express-route-circuit2', 'er-oci-azure']));
    const conn = obj(out.resource);
    assert.deepEqual([conn.connectionType, conn.provisioningState, obj(conn.peer).id, obj(conn.virtualNetworkGateway1).id], ['ExpressRoute', 'Succeeded', CIRCUIT_ID, GATEWAY_ID]);
    const shown = obj(await az(t, ['network', 'vpn-connection', 'show', '-g', RG, '-n', 'conn-er-oci']));
    assert.equal(shown.connectionStatus, 'Connected');
  });

  void it('keeps both deployments: the failed one with the NRP error, the succeeded one with its output', async () => {
    const r = await s.arm('GET', `${RG_ID}/providers/Microsoft.Resources/deployments?api-version=2021-04-01`);
    const deployments = list(obj(r.body).value).map((d) => obj(d.properties));
    const failed = deployments.find((p) => p.provisioningState === 'Failed');
    const succeeded = deployments.find((p) => p.provisioningState === 'Succeeded');
    assert.equal(deployments.length, 2);
    assert.equal(list(obj(failed?.error).details)[0]?.code, 'ServiceProviderNotProvisioned');
    assert.deepEqual(succeeded?.outputResources, [{ id: `${RG_ID}/providers/Microsoft.Network/connections/conn-er-oci` }]);
    assert.equal(obj(obj(obj(succeeded?.outputs).resource).value).connectionType, 'ExpressRoute');
  });

  void it('peers a spoke with the hub (gateway transit) and lists the peerings', async (t) => {
    const vnet = (name: string) => `${RG_ID}/providers/Microsoft.Network/virtualNetworks/${name}`;
    await az(t, ['network', 'vnet', 'create', '-g', RG, '-n', 'vnet-spoke', '--address-prefixes', '10.30.0.0/16']);
    const peer = ['network', 'vnet', 'peering', 'create', '-g', RG];
    const hub = obj(await az(t, [...peer, '-n', 'hub-to-spoke', '--vnet-name', 'vnet-azure', '--remote-vnet', vnet('vnet-spoke'), '--allow-vnet-access', '--allow-gateway-transit']));
    assert.deepEqual([hub.peeringState, hub.allowGatewayTransit], ['Initiated', true]);
    const spoke = obj(await az(t, [...peer, '-n', 'spoke-to-hub', '--vnet-name', 'vnet-spoke', '--remote-vnet', vnet('vnet-azure'), '--allow-vnet-access', '--use-remote-gateways']));
    assert.deepEqual([spoke.peeringState, spoke.useRemoteGateways, spoke.peeringSyncLevel], ['Connected', true, 'FullyInSync']);
    const listed = list(await az(t, ['network', 'vnet', 'peering', 'list', '-g', RG, '--vnet-name', 'vnet-azure']));
    assert.deepEqual(listed.map((p) => [p.name, p.peeringState]), [['hub-to-spoke', 'Connected']]);
    const stderr = await azFails(t, [...peer, '-n', 'self', '--vnet-name', 'vnet-spoke', '--remote-vnet', vnet('vnet-spoke')]);
    assert.match(stderr, /\(VnetCannotPeerWithItself\)/);
  });

  void it('enables Network Watcher in the region and lists it', async (t) => {
    const configured = list(await az(t, ['network', 'watcher', 'configure', '-g', RG, '-l', 'eastus', '--enabled', 'true']));
    assert.deepEqual(configured.map((w) => [w.name, w.location]), [['eastus-watcher', 'eastus']]);
    const listed = list(await az(t, ['network', 'watcher', 'list']));
    assert.deepEqual(listed.map((w) => [w.name, w.location, w.provisioningState]), [['eastus-watcher', 'eastus', 'Succeeded']]);
  });
});
