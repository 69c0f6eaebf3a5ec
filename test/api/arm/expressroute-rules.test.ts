// ExpressRoute rules the SDKs' retry and wait logic depends on, through @azure/arm-network over HTTPS
// against a circuit the OCI side provisioned: FastPath on ErGwScale from 10 scale units, a
// cross-subscription connection's authorization key (NRP's 400, not RBAC's 403), and the DELETE of a
// provisioned circuit, accepted (202) and then failed on its operation with ConflictError.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import { DEFAULT_SUBSCRIPTION_ID as SUB } from '../../../src/lifecycle/defaults.ts';
import { createOciHalf } from '../oci/tutorial-flow.ts';
import { ociClients } from '../oci/harness.ts';
import { FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';

const OTHER_SUB = '22222222-2222-4222-8222-222222222222';
const RG = 'rg-er';
const CIRCUIT = 'er-oci-azure';
const PROVIDER = { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 };
const CONFLICT = 'The specified dedicated circuit is not in Deprovisioned state. Please initiate the deprovisioning process with your service provider.';

type ArmErr = { statusCode?: number; code?: string; message?: string };
const armError = (status: number, code: string, message?: RegExp) => (e: ArmErr) => {
  assert.equal(e.code, code, e.message);
  assert.equal(e.statusCode, status);
  if (message) assert.match(e.message ?? '', message);
  return true;
};

/** A VNet with a GatewaySubnet and an ExpressRoute gateway of the given SKU in it; returns the gateway id. */
async function gatewayIn(network: NetworkManagementClient, rg: string, name: string, prefix: string, sku: string, scaleUnits?: number): Promise<string> {
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(rg, `vnet-${name}`, {
    location: 'eastus', addressSpace: { addressPrefixes: [`${prefix}.0.0/16`] }, subnets: [{ name: 'GatewaySubnet', addressPrefix: `${prefix}.255.0/27` }],
  }, FAST_POLL);
  const gw = await network.virtualNetworkGateways.beginCreateOrUpdateAndWait(rg, name, {
    location: 'eastus', gatewayType: 'ExpressRoute', sku: { name: sku, tier: sku },
    ...(scaleUnits === undefined ? {} : { autoScaleConfiguration: { bounds: { min: scaleUnits, max: scaleUnits } } }),
    ipConfigurations: [{ name: 'default', subnet: { id: `${vnet.id ?? ''}/subnets/GatewaySubnet` } }],
  }, FAST_POLL);
  return gw.id ?? '';
}

void describe('ExpressRoute rules through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let resources: ResourceManagementClient;
  let circuitId = '';

  before(async () => {
    s = await startArmServer({}, { armPrincipals: [{ clientId: 'spoke-owner', tenantId: '33333333-3333-4333-8333-333333333333', subscriptions: [OTHER_SUB] }] });
    ({ network, resources } = s.clients());
    await resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
    const c = await network.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, CIRCUIT, { location: 'eastus', sku: { name: 'Standard_MeteredData' }, serviceProviderProperties: PROVIDER }, FAST_POLL);
    circuitId = c.id ?? '';
    await createOciHalf(ociClients(s.endpoints.oci), c.serviceKey ?? '');
    assert.equal((await network.expressRouteCircuits.get(RG, CIRCUIT)).serviceProviderProvisioningState, 'Provisioned');
  });
  after(async () => { await s.close(); });

  void it('refuses FastPath on ErGwScale below 10 scale units and accepts it from 10', async () => {
    const gatewayId = await gatewayIn(network, RG, 'ergw-scale', '10.40', 'ErGwScale', 9);
    const connect = () => network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'conn-fastpath', {
      location: 'eastus', connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId }, expressRouteGatewayBypass: true,
    }, FAST_POLL);
    await assert.rejects(connect(), armError(400, 'FastPathNotSupportedOnGatewaySku', /ErGwScale with 9 scale units/));
    await assert.rejects(network.virtualNetworkGatewayConnections.get(RG, 'conn-fastpath'), armError(404, 'ResourceNotFound'));
    const vnet = await network.virtualNetworks.get(RG, 'vnet-ergw-scale');
    await network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'ergw-scale', {
      location: 'eastus', gatewayType: 'ExpressRoute', sku: { name: 'ErGwScale', tier: 'ErGwScale' }, autoScaleConfiguration: { bounds: { min: 10, max: 10 } },
      ipConfigurations: [{ name: 'default', subnet: { id: `${vnet.id ?? ''}/subnets/GatewaySubnet` } }],
    }, FAST_POLL);
    assert.equal((await network.virtualNetworkGateways.get(RG, 'ergw-scale')).sku?.capacity, 10);
    const conn = await connect();
    assert.equal(conn.expressRouteGatewayBypass, true);
    assert.equal(conn.provisioningState, 'Succeeded');
  });

  void it('still refuses FastPath on a Standard gateway', async () => {
    const gatewayId = await gatewayIn(network, RG, 'ergw-std', '10.41', 'Standard');
    await assert.rejects(network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'conn-std', {
      location: 'eastus', connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId }, expressRouteGatewayBypass: true,
    }, FAST_POLL), armError(400, 'FastPathNotSupportedOnGatewaySku'));
  });

  void it("answers a cross-subscription connection's bad authorization key with 400 InvalidAuthorizationKey, and redeems a good one", async () => {
    const spoke = s.clients(OTHER_SUB);
    await spoke.resources.resourceGroups.createOrUpdate('rg-spoke', { location: 'eastus' });
    const gatewayId = await gatewayIn(spoke.network, 'rg-spoke', 'ergw-spoke', '10.50', 'Standard');
    const connect = (authorizationKey: string) => spoke.network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait('rg-spoke', 'conn-spoke', {
      location: 'eastus', connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId }, authorizationKey,
    }, FAST_POLL);
    await assert.rejects(connect('00000000-0000-4000-8000-000000000000'), armError(400, 'InvalidAuthorizationKey', /does not match any authorization of circuit/));
    // Without a valid key, another subscription learns nothing of a circuit: not even that it is unprovisioned.
    const dark = await network.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, 'er-dark', { location: 'eastus', sku: { name: 'Standard_MeteredData' }, serviceProviderProperties: PROVIDER }, FAST_POLL);
    assert.equal(dark.serviceProviderProvisioningState, 'NotProvisioned');
    await assert.rejects(spoke.network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait('rg-spoke', 'conn-dark', {
      location: 'eastus', connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: dark.id ?? '' }, authorizationKey: '00000000-0000-4000-8000-000000000000',
    }, FAST_POLL), armError(400, 'InvalidAuthorizationKey', /does not match any authorization of circuit/));
    await assert.rejects(spoke.network.virtualNetworkGatewayConnections.get('rg-spoke', 'conn-spoke'), armError(404, 'ResourceNotFound'));
    const auth = await network.expressRouteCircuitAuthorizations.beginCreateOrUpdateAndWait(RG, CIRCUIT, 'spoke', {}, FAST_POLL);
    const conn = await connect(auth.authorizationKey ?? '');
    assert.equal(conn.provisioningState, 'Succeeded');
    const used = await network.expressRouteCircuitAuthorizations.get(RG, CIRCUIT, 'spoke');
    assert.equal(used.authorizationUseStatus, 'InUse');
  });

  void it('accepts the DELETE of a provisioned circuit (202) and fails its operation with ConflictError; the circuit stays', async () => {
    const del = await s.arm('DELETE', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/expressRouteCircuits/${CIRCUIT}?api-version=2025-05-01`);
    assert.equal(del.status, 202, del.text);
    assert.ok(del.headers.location !== undefined, 'Location header');
    const asyncUrl = new URL(String(del.headers['azure-asyncoperation']));
    const status = await s.arm('GET', `${asyncUrl.pathname}${asyncUrl.search}`);
    assert.equal(status.status, 200);
    const body = status.body as { status: string; error: { code: string; message: string } };
    assert.equal(body.status, 'Failed');
    assert.deepEqual([body.error.code, body.error.message], ['ConflictError', CONFLICT]);
    // core-lro reports a failed operation as "The long-running operation has failed. <code>. <message>".
    await assert.rejects(network.expressRouteCircuits.beginDeleteAndWait(RG, CIRCUIT, FAST_POLL), { message: `The long-running operation has failed. ConflictError. ${CONFLICT}` });
    const circuit = await network.expressRouteCircuits.get(RG, CIRCUIT);
    assert.equal(circuit.serviceProviderProvisioningState, 'Provisioned');
    assert.equal(circuit.provisioningState, 'Succeeded');
  });

  void it('fails the resource group DELETE the same way, leaving the group and its circuit', async () => {
    await assert.rejects(resources.resourceGroups.beginDeleteAndWait(RG, FAST_POLL), { message: `The long-running operation has failed. ConflictError. ${CONFLICT}` });
    assert.equal((await resources.resourceGroups.get(RG)).name, RG);
    assert.equal((await network.expressRouteCircuits.get(RG, CIRCUIT)).serviceProviderProvisioningState, 'Provisioned');
    assert.equal((await network.virtualNetworkGatewayConnections.get(RG, 'conn-fastpath')).provisioningState, 'Succeeded');
  });
});
