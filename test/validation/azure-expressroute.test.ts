// ExpressRoute circuits, connections and the private peering of a partner (Oracle Cloud FastConnect)
// circuit: ARM's validation codes, and that a refused request changes nothing on either cloud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteExpressRouteCircuit, putExpressRouteCircuit, putPeering } from '../../src/lifecycle/azure/circuit.ts';
import { putConnection } from '../../src/lifecycle/azure/connection.ts';
import {
  AZ, LOCATION, RG, azureBadRequest, azureBase, circuitBody, erCircuit, erGateway, expectRejected, mutate, openEngine, provisionedInterconnect, resourceGroup,
} from '../helpers/validation-fixtures.ts';

const CIRCUIT_KINDS = ['azure.ExpressRouteCircuit', 'azure.ExpressRouteCircuitPeering'] as const;
const INTERCONNECT_KINDS = [...CIRCUIT_KINDS, 'azure.Connection', 'oci.VirtualCircuit', 'oci.DrgAttachment'] as const;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const connectionBody = (gatewayId: string, circuitId: string) => ({ location: LOCATION, properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId } } });

// ── circuits ─────────────────────────────────────────────────────────────────────────────────────

void test('Circuit: an unknown service provider is rejected', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(1000, { provider: 'Oracle FastConnect' })),
    azureBadRequest('ExpressRouteServiceProviderNotFound', /ExpressRoute service provider 'Oracle FastConnect' was not found/), CIRCUIT_KINDS);
});

void test('Circuit: a peering location the provider does not offer is rejected', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(1000, { peeringLocation: 'Atlantis' })),
    azureBadRequest('InvalidPeeringLocation', /Peering location 'Atlantis' is not offered by service provider 'Oracle Cloud FastConnect'/), CIRCUIT_KINDS);
});

void test('Circuit: a bandwidth the provider does not offer (3000 Mbps) is rejected', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(3000)),
    azureBadRequest('InvalidBandwidth', /Bandwidth 3000 Mbps is not offered by service provider 'Oracle Cloud FastConnect' at 'Washington DC'/), CIRCUIT_KINDS);
});

void test('Circuit: the Local tier needs at least 1 Gbps', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(500, { tier: 'Local', family: 'UnlimitedData' })),
    azureBadRequest('InvalidBandwidth', /ExpressRoute Local circuits require a bandwidth of 1 Gbps or more/), CIRCUIT_KINDS);
  const local = await mutate(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(1000, { tier: 'Local', family: 'UnlimitedData' })));
  assert.equal(local.sku.name, 'Local_UnlimitedData');
});

void test('Circuit: bandwidth can be increased but not decreased (CircuitBandwidthDecreaseNotAllowed)', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  const { circuitId, serviceKey } = await erCircuit(engine, 'er', 1000);
  const up = await mutate(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(2000)));
  assert.equal(up.properties.serviceProviderProperties.bandwidthInMbps, 2000);
  assert.equal(up.properties.serviceKey, serviceKey, 'an update keeps the service key');
  await expectRejected(engine, (tx) => putExpressRouteCircuit(tx, AZ, RG, 'er', circuitBody(500)),
    azureBadRequest('CircuitBandwidthDecreaseNotAllowed', /Downgrading the bandwidth of circuit er from 2000 to 500 Mbps is not supported/), CIRCUIT_KINDS);
  assert.equal(await engine.read((v) => v.get('azure.ExpressRouteCircuit', circuitId)?.properties.serviceProviderProperties.bandwidthInMbps), 2000);
});

void test('Circuit: deleting a Provisioned partner circuit is rejected with ConflictError and the interconnect stays up', async (t) => {
  const engine = await openEngine(t);
  const ic = await provisionedInterconnect(engine);
  await expectRejected(engine, (tx) => { deleteExpressRouteCircuit(tx, AZ, RG, 'er'); },
    { cloud: 'azure', status: 409, code: 'ConflictError', message: /^The specified dedicated circuit is not in Deprovisioned state\. Please initiate the deprovisioning process with your service provider\.$/ }, INTERCONNECT_KINDS);
  const state = await engine.read((v) => [v.get('azure.ExpressRouteCircuit', ic.circuitId)?.properties.serviceProviderProvisioningState, v.get('oci.VirtualCircuit', ic.vcId)?.lifecycleState]);
  assert.deepEqual(state, ['Provisioned', 'PROVISIONED']);
});

// ── connections ──────────────────────────────────────────────────────────────────────────────────

void test('Connection: a gateway still Updating is 400 ReferencedResourceNotProvisioned', async (t) => {
  const engine = await openEngine(t, 'manual');
  const { gatewaySubnetId } = await azureBase(engine);
  const gatewayId = await erGateway(engine, gatewaySubnetId);
  const { circuitId } = await erCircuit(engine);
  assert.equal(await engine.read((v) => v.get('azure.VirtualNetworkGateway', gatewayId)?.properties.provisioningState), 'Updating', 'frozen clock: the gateway is still deploying');
  await expectRejected(engine, (tx) => putConnection(tx, AZ, RG, 'conn', connectionBody(gatewayId, circuitId)),
    azureBadRequest('ReferencedResourceNotProvisioned', new RegExp(`Cannot proceed with operation because resource ${esc(gatewayId)} used by resource .*/connections/conn is not in Succeeded state\\. Resource is in Updating state`)),
    ['azure.Connection', 'azure.VirtualNetworkGateway']);
});

void test('Connection: a circuit the provider has not provisioned is 400 ServiceProviderNotProvisioned naming the service key', async (t) => {
  const engine = await openEngine(t);
  const { gatewaySubnetId } = await azureBase(engine);
  const gatewayId = await erGateway(engine, gatewaySubnetId);
  const { circuitId, serviceKey } = await erCircuit(engine);
  await expectRejected(engine, (tx) => putConnection(tx, AZ, RG, 'conn', connectionBody(gatewayId, circuitId)),
    azureBadRequest('ServiceProviderNotProvisioned', new RegExp(`The current cross connection provisioning state 'NotProvisioned' of this service key '${serviceKey}' prevents this operation\\.`)),
    ['azure.Connection', ...CIRCUIT_KINDS]);
});

void test('Connection: once the interconnect is provisioned the same connection is accepted (control)', async (t) => {
  const engine = await openEngine(t);
  const ic = await provisionedInterconnect(engine);
  await mutate(engine, (tx) => putConnection(tx, AZ, RG, 'conn', connectionBody(ic.gatewayId, ic.circuitId)));
  const status = await engine.read((v) => v.list('azure.Connection').map((c) => [c.properties.provisioningState, c.properties.connectionStatus]));
  assert.deepEqual(status, [['Succeeded', 'Connected']]);
});

// ── private peering ──────────────────────────────────────────────────────────────────────────────

void test('Peering: peerASN 65515 (reserved by Microsoft) is 400 PeerAsnReserved', async (t) => {
  const engine = await openEngine(t);
  await provisionedInterconnect(engine);
  for (const peerASN of [65515, 65520]) {
    await expectRejected(engine, (tx) => putPeering(tx, AZ, RG, 'er', 'AzurePrivatePeering', { properties: { peeringType: 'AzurePrivatePeering', peerASN } }),
      azureBadRequest('PeerAsnReserved', new RegExp(`Peer ASN ${peerASN} is reserved by Microsoft \\(65515-65520\\)`)), INTERCONNECT_KINDS);
  }
});

void test('Peering: a /29 peer address prefix is rejected (the private peering needs /30 links)', async (t) => {
  const engine = await openEngine(t);
  await provisionedInterconnect(engine);
  await expectRejected(engine, (tx) => putPeering(tx, AZ, RG, 'er', 'AzurePrivatePeering', { properties: { primaryPeerAddressPrefix: '10.99.0.0/29' } }),
    azureBadRequest('InvalidAddressPrefixFormat', /primaryPeerAddressPrefix 10\.99\.0\.0\/29 of .*\/peerings\/AzurePrivatePeering must be a \/30 prefix/), INTERCONNECT_KINDS);
  await expectRejected(engine, (tx) => putPeering(tx, AZ, RG, 'er', 'AzurePrivatePeering', { properties: { secondaryPeerAddressPrefix: '10.99.0.5/30' } }),
    azureBadRequest('InvalidCIDRNotation', /should be 10\.99\.0\.4\/30/), INTERCONNECT_KINDS);
});

void test('Peering: a peering change and a bad one in one request leave the peering as the provider set it', async (t) => {
  const engine = await openEngine(t);
  const ic = await provisionedInterconnect(engine);
  await expectRejected(engine, (tx) => {
    putPeering(tx, AZ, RG, 'er', 'AzurePrivatePeering', { properties: { state: 'Disabled' } });
    putPeering(tx, AZ, RG, 'er', 'AzurePrivatePeering', { properties: { peerASN: 65517 } });
  }, azureBadRequest('PeerAsnReserved', /65517/), INTERCONNECT_KINDS);
  const peering = await engine.read((v) => v.get('azure.ExpressRouteCircuitPeering', `${ic.circuitId}/peerings/AzurePrivatePeering`)!.properties);
  assert.deepEqual([peering.state, peering.peerASN, peering.lastModifiedBy], ['Enabled', 31898, 'ServiceProvider']);
});
