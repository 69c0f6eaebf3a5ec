// The interconnect's state machines (issue: foundation, "Lifecycle"): handshake, region pairs,
// connections, teardown in both orders, DRG change, bandwidth mismatch, BGP addressing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudError } from '../../src/model/errors.ts';
import { interconnectStatus } from '../../src/lifecycle/interconnect/status.ts';
import { deleteVirtualCircuit, updateVirtualCircuit } from '../../src/lifecycle/oci/virtual-circuit.ts';
import { createDrg } from '../../src/lifecycle/oci/drg.ts';
import { deleteExpressRouteCircuit, putPeering } from '../../src/lifecycle/azure/circuit.ts';
import { deleteConnection } from '../../src/lifecycle/azure/connection.ts';
import { AZ, buildAzure, buildOci, connect, memoryEngine, ociScope } from '../helpers/interconnect.ts';
import type { Engine } from '../../src/engine/engine.ts';

const status = async (engine: Engine) => {
  const [s] = await engine.read((v) => interconnectStatus(v));
  assert.ok(s, 'one interconnect');
  return s;
};

const isCloudError = (code: string, status = 400) => (e: unknown) => e instanceof CloudError && e.code === code && e.status === status;

void test('a new Oracle circuit gets a service key and waits NotProvisioned/Enabled', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  const circuit = await engine.read((v) => v.get('azure.ExpressRouteCircuit', azure.circuitId));
  assert.match(circuit?.properties.serviceKey ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(circuit?.properties.serviceProviderProvisioningState, 'NotProvisioned');
  assert.equal(circuit?.properties.circuitProvisioningState, 'Enabled');
  assert.equal(circuit?.properties.provisioningState, 'Succeeded');
  assert.equal(circuit?.sku.name, 'Standard_MeteredData');
});

void test('the handshake provisions both sides and fills the private peering', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  const s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'PROVISIONED');
  assert.equal(s.virtualCircuit.providerState, 'ACTIVE');
  assert.equal(s.virtualCircuit.bgpSessionState, 'UP');
  assert.deepEqual(s.virtualCircuit.sessions.map((x) => [x.path, x.oracleBgpPeeringIp, x.customerBgpPeeringIp, x.state]), [
    ['Primary', '10.99.0.1/30', '10.99.0.2/30', 'UP'], ['Secondary', '10.99.0.5/30', '10.99.0.6/30', 'UP'],
  ]);
  assert.equal(s.circuit?.serviceProviderProvisioningState, 'Provisioned');
  assert.deepEqual(s.circuit?.privatePeering, {
    state: 'Enabled', azureASN: 12076, peerASN: 31898, primaryPeerAddressPrefix: '10.99.0.0/30', secondaryPeerAddressPrefix: '10.99.0.4/30', vlanId: 100,
  });
  const vc = await engine.read((v) => v.get('oci.VirtualCircuit', oci.vcId));
  assert.equal(vc?.oracleBgpAsn, 31898);
  assert.deepEqual(vc?.crossConnectMappings.map((m) => m.vlan), [100, 100], 'one VLAN shared by both sides');
  assert.equal(vc?.virtualCircuitRedundancyMetadata.ipv4bgpSessionRedundancyStatus, 'CONFIGURATION_MATCH');
  const vcAttachment = await engine.read((v) => v.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT'));
  assert.equal(vcAttachment?.lifecycleState, 'ATTACHED');
  assert.equal(vcAttachment?.drgId, oci.drgId);
  // Every step is an event with its cause, in order.
  const vcEvents = await engine.queryEvents({ resourceId: oci.vcId });
  assert.deepEqual(vcEvents.filter((e) => e.field === 'lifecycleState').map((e) => `${String(e.before)}>${String(e.after)}`), ['PENDING_PROVIDER>PROVISIONING', 'PROVISIONING>PROVISIONED']);
  const circuitEvents = await engine.queryEvents({ resourceId: azure.circuitId });
  assert.deepEqual(circuitEvents.filter((e) => e.field === 'properties.serviceProviderProvisioningState').map((e) => e.after), ['Provisioning', 'Provisioned']);
  assert.ok(circuitEvents.every((e) => e.cause.length > 0));
});

void test('an ExpressRoute connection is refused until the circuit is Provisioned, then connects', async () => {
  const engine = await memoryEngine({ clock: 'manual', scale: 1 });
  const azure = await buildAzure(engine);
  await engine.advance(3600); // gateway deployed
  const before = engine.world.count();
  await assert.rejects(connect(engine, azure), (e: unknown) => isCloudError('ServiceProviderNotProvisioned')(e) && (e as Error).message.includes(azure.serviceKey));
  assert.equal(engine.world.count(), before, 'a refused connection stores nothing');
  await buildOci(engine, azure.serviceKey);
  await engine.advance(60);
  assert.equal((await status(engine)).circuit?.serviceProviderProvisioningState, 'Provisioning');
  await assert.rejects(connect(engine, azure), isCloudError('ServiceProviderNotProvisioned'));
  await engine.advance(180);
  const id = await connect(engine, azure);
  assert.equal(engine.world.get('azure.Connection', id)?.properties.connectionStatus, 'Connecting');
  await engine.advance(60);
  assert.equal((await status(engine)).connections[0]?.connectionStatus, 'Connected');
});

void test('only supported region pairs provision; others stay unprovisioned with a reason', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine, { peeringLocation: 'Washington DC' });
  await buildOci(engine, azure.serviceKey, { region: 'us-phoenix-1' });
  const s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'PENDING_PROVIDER');
  assert.equal(s.virtualCircuit.providerState, 'INACTIVE');
  assert.match(s.virtualCircuit.reason ?? '', /Washington DC is not paired with OCI region us-phoenix-1; use Phoenix/);
  assert.equal(s.circuit?.serviceProviderProvisioningState, 'NotProvisioned');
  assert.match(s.circuit?.serviceProviderNotes ?? '', /not paired/);
  assert.equal(s.regionPair?.supported, false);
  await assert.rejects(connect(engine, azure), isCloudError('ServiceProviderNotProvisioned'));
});

void test('every one of the 12 pairs provisions at each of its peering locations', async () => {
  const { REGION_PAIRS_2024 } = await import('../../src/model/interconnect/region-pairs.ts');
  assert.equal(REGION_PAIRS_2024.pairs.length, 12);
  for (const pair of REGION_PAIRS_2024.pairs) {
    for (const location of pair.peeringLocations) {
      const engine = await memoryEngine();
      const azure = await buildAzure(engine, { peeringLocation: location });
      await buildOci(engine, azure.serviceKey, { region: pair.ociRegion });
      assert.equal((await status(engine)).virtualCircuit.lifecycleState, 'PROVISIONED', `${pair.ociRegion} at ${location}`);
    }
  }
});

void test('bandwidth mismatch is allowed and the effective rate is the circuit bandwidth', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine, { bandwidthInMbps: 1000 });
  await buildOci(engine, azure.serviceKey, { bandwidthShapeName: '10 Gbps' });
  const s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'PROVISIONED');
  assert.equal(s.virtualCircuit.bandwidthShapeName, '10 Gbps');
  assert.equal(s.effectiveBandwidthMbps, 1000);
});

void test('a provisioned partner circuit cannot be deleted', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  await buildOci(engine, azure.serviceKey);
  await assert.rejects(engine.mutate('t', (tx) => { deleteExpressRouteCircuit(tx, AZ, 'rg', 'er-oci-azure'); }), (e: unknown) => isCloudError('ConflictError', 409)(e) && /not in Deprovisioned state/.test((e as Error).message));
  assert.equal((await status(engine)).circuit?.serviceProviderProvisioningState, 'Provisioned');
});

void test('teardown in the right order: connection, virtual circuit, then circuit', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  await connect(engine, azure);
  await engine.settle();
  await engine.mutate('t', (tx) => { deleteConnection(tx, AZ, 'rg', 'conn-er'); });
  await engine.mutate('t', (tx) => { deleteVirtualCircuit(tx, ociScope(), oci.vcId); });
  const vc = await engine.read((v) => v.get('oci.VirtualCircuit', oci.vcId));
  assert.equal(vc?.lifecycleState, 'TERMINATED', 'deleted VC stays readable as TERMINATED for the SDK waiters');
  const circuit = await engine.read((v) => v.get('azure.ExpressRouteCircuit', azure.circuitId));
  assert.equal(circuit?.properties.serviceProviderProvisioningState, 'NotProvisioned');
  assert.equal(engine.world.list('azure.ExpressRouteCircuitPeering').length, 0, 'private peering removed');
  const states = (await engine.queryEvents({ resourceId: azure.circuitId })).filter((e) => e.field === 'properties.serviceProviderProvisioningState').map((e) => e.after);
  assert.deepEqual(states, ['Provisioning', 'Provisioned', 'Deprovisioning', 'NotProvisioned']);
  await engine.mutate('t', (tx) => { deleteExpressRouteCircuit(tx, AZ, 'rg', 'er-oci-azure'); });
  assert.equal(await engine.read((v) => v.get('azure.ExpressRouteCircuit', azure.circuitId)), undefined);
});

void test('teardown in the wrong order leaves the failed states, and the right order recovers', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  await connect(engine, azure);
  await engine.mutate('t', (tx) => { deleteVirtualCircuit(tx, ociScope(), oci.vcId); });
  let s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'FAILED');
  assert.match(s.virtualCircuit.reason ?? '', /still has 1 connection/);
  assert.equal(s.virtualCircuit.bgpSessionState, 'DOWN');
  assert.equal(s.circuit?.provisioningState, 'Failed');
  assert.equal(s.circuit?.serviceProviderProvisioningState, 'Provisioned');
  assert.equal(s.connections[0]?.connectionStatus, 'NotConnected');
  await assert.rejects(engine.mutate('t', (tx) => { deleteExpressRouteCircuit(tx, AZ, 'rg', 'er-oci-azure'); }), isCloudError('ConflictError', 409));
  // Recovery: remove the connection, delete the VC again, then the circuit.
  await engine.mutate('t', (tx) => { deleteConnection(tx, AZ, 'rg', 'conn-er'); });
  await engine.mutate('t', (tx) => { deleteVirtualCircuit(tx, ociScope(), oci.vcId); });
  s = (await engine.read((v) => interconnectStatus(v)))[0] ?? s;
  const circuit = await engine.read((v) => v.get('azure.ExpressRouteCircuit', azure.circuitId));
  assert.equal(circuit?.properties.serviceProviderProvisioningState, 'NotProvisioned');
  assert.equal(circuit?.properties.provisioningState, 'Succeeded');
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState, 'TERMINATED');
  await engine.mutate('t', (tx) => { deleteExpressRouteCircuit(tx, AZ, 'rg', 'er-oci-azure'); });
});

void test("changing a provisioned VC's DRG re-provisions it with a traffic interruption", async () => {
  const engine = await memoryEngine({ clock: 'manual', scale: 1 });
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  await engine.advance(3600);
  assert.equal((await status(engine)).virtualCircuit.lifecycleState, 'PROVISIONED');
  const newDrg = await engine.mutate('t', (tx) => createDrg(tx, ociScope(), { compartmentId: ociScope().tenancyId, displayName: 'drg-2' }).id);
  await engine.advance(120);
  await engine.mutate('t', (tx) => updateVirtualCircuit(tx, ociScope(), oci.vcId, { gatewayId: newDrg }));
  let s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'PROVISIONING');
  assert.equal(s.virtualCircuit.bgpSessionState, 'DOWN', 'traffic is interrupted while it re-provisions');
  assert.equal(s.circuit?.serviceProviderProvisioningState, 'Provisioned');
  await engine.advance(60);
  s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'PROVISIONED');
  assert.equal(s.virtualCircuit.bgpSessionState, 'UP');
  const attachments = engine.world.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT');
  assert.deepEqual(attachments.map((a) => [a.drgId === newDrg, a.lifecycleState]).sort(), [[false, 'DETACHED'], [true, 'ATTACHED']]);
});

void test('BGP addresses in the wrong roles or a non-/30 block keep that session down', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  // Primary: Azure on the 2nd address and Oracle on the 3rd (swapped). Secondary: a /29 block.
  await buildOci(engine, azure.serviceKey, { mappings: [{ customerBgpPeeringIp: '10.99.0.1/30', oracleBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.10/29' }] });
  const s = await status(engine);
  assert.equal(s.virtualCircuit.lifecycleState, 'PROVISIONED');
  assert.deepEqual(s.virtualCircuit.sessions.map((x) => x.state), ['DOWN', 'DOWN']);
  assert.match(s.virtualCircuit.sessions[0]?.reason ?? '', /not the 3rd address of 10\.99\.0\.0\/30; Microsoft's edge answers on 10\.99\.0\.2/);
  assert.match(s.virtualCircuit.sessions[1]?.reason ?? '', /only \/30 blocks/);
  assert.equal(s.virtualCircuit.bgpSessionState, 'DOWN');
});

void test('one good link and one bad link: BGP UP but not redundant', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey, { mappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.5/30', oracleBgpPeeringIp: '10.99.0.6/30' }] });
  const s = await status(engine);
  assert.deepEqual(s.virtualCircuit.sessions.map((x) => x.state), ['UP', 'DOWN']);
  assert.equal(s.virtualCircuit.bgpSessionState, 'UP');
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.virtualCircuitRedundancyMetadata.ipv4bgpSessionRedundancyStatus, 'NOT_MET_SLA');
});

void test('disabling the private peering or the BGP admin state drops the sessions; enabling restores them', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  await engine.settle();
  await engine.mutate('t', (tx) => putPeering(tx, AZ, 'rg', 'er-oci-azure', 'AzurePrivatePeering', { properties: { state: 'Disabled' } }));
  assert.equal((await status(engine)).virtualCircuit.bgpSessionState, 'DOWN');
  await engine.mutate('t', (tx) => putPeering(tx, AZ, 'rg', 'er-oci-azure', 'AzurePrivatePeering', { properties: { state: 'Enabled' } }));
  assert.equal((await status(engine)).virtualCircuit.bgpSessionState, 'UP');
  await engine.mutate('t', (tx) => updateVirtualCircuit(tx, ociScope(), oci.vcId, { bgpAdminState: 'DISABLED' }));
  const s = await status(engine);
  assert.equal(s.virtualCircuit.bgpSessionState, 'DOWN');
  assert.match(s.virtualCircuit.sessions[0]?.reason ?? '', /admin state is DISABLED/);
});

void test('deleting a pending VC before the provider accepts leaves the circuit untouched', async () => {
  const engine = await memoryEngine({ clock: 'manual', scale: 1 });
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  await engine.mutate('t', (tx) => { deleteVirtualCircuit(tx, ociScope(), oci.vcId); });
  await engine.advance(100);
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState, 'TERMINATED');
  await engine.advance(300);
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId), undefined, 'purged after the retention period');
  assert.equal(engine.world.get('azure.ExpressRouteCircuit', azure.circuitId)?.properties.serviceProviderProvisioningState, 'NotProvisioned');
});
