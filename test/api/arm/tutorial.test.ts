// The seed tutorial's Azure half through @azure/arm-resources and @azure/arm-network over HTTPS,
// with the OCI half through oci-core against the same server: the connection comes up, the VM's
// NIC learns the OCI prefix from the gateway, both device paths show ARP and BGP, and deleting the
// virtual circuit before the connection fails the way the clouds document, then recovers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as core from 'oci-core';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { fastWaiters, ociClients, type OciClients } from '../oci/harness.ts';
import { createOciHalf, type OciHalf } from '../oci/tutorial-flow.ts';
import { FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';
import { RG, connectWithSdk, createAzureHalfWithSdk, type AzureClients, type AzureHalf } from './tutorial-flow.ts';

const CIRCUIT = 'er-oci-azure';

async function provisioned(s: ArmTestServer): Promise<{ azure: AzureClients; half: AzureHalf; oci: OciClients; ociHalf: OciHalf }> {
  const azure = s.clients();
  const half = await createAzureHalfWithSdk(azure);
  const oci = ociClients(s.endpoints.oci);
  const ociHalf = await createOciHalf(oci, half.serviceKey);
  await connectWithSdk(azure, half);
  return { azure, half, oci, ociHalf };
}

/** A server per describe, with the tutorial provisioned through both SDKs before its tests. */
function provisionedServer(): { s: ArmTestServer; t: Awaited<ReturnType<typeof provisioned>> } {
  const holder = {} as { s: ArmTestServer; t: Awaited<ReturnType<typeof provisioned>> };
  before(async () => {
    holder.s = await startArmServer();
    holder.t = await provisioned(holder.s);
  });
  after(async () => {
    await holder.s.close();
  });
  return holder;
}

void describe('seed tutorial, Azure half, through @azure/arm-network', () => {
  const suite = provisionedServer();

  void it('provisions the circuit with the private peering, and connects the gateway', async () => {
    const circuit = await suite.t.azure.network.expressRouteCircuits.get(RG, CIRCUIT);
    assert.equal(circuit.serviceProviderProvisioningState, 'Provisioned');
    assert.equal(circuit.circuitProvisioningState, 'Enabled');
    const peering = circuit.peerings?.find((p) => p.name === 'AzurePrivatePeering');
    assert.equal(peering?.primaryPeerAddressPrefix, '10.99.0.0/30');
    assert.equal(peering?.secondaryPeerAddressPrefix, '10.99.0.4/30');
    assert.equal(peering?.peerASN, 31898);
    const connection = await suite.t.azure.network.virtualNetworkGatewayConnections.get(RG, 'conn-er-oci');
    assert.equal(connection.connectionStatus, 'Connected');
    assert.equal(connection.provisioningState, 'Succeeded');
  });

  void it('shows the OCI prefix in the VM NIC\'s effective routes via VirtualNetworkGateway', async () => {
    const nicId = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/${suite.t.half.nicName}`;
    const vm = await suite.s.arm('PUT', `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/vm-azure?api-version=2024-07-01`, {
      location: 'eastus', properties: { hardwareProfile: { vmSize: 'Standard_B1s' }, networkProfile: { networkInterfaces: [{ id: nicId, properties: { primary: true } }] } },
    });
    assert.equal(vm.status, 201);
    const routes = await suite.t.azure.network.networkInterfaces.beginGetEffectiveRouteTableAndWait(RG, suite.t.half.nicName, FAST_POLL);
    const fromOci = (routes.value ?? []).filter((r) => r.source === 'VirtualNetworkGateway');
    assert.ok(fromOci.length > 0, JSON.stringify(routes.value));
    assert.ok(fromOci.some((r) => (r.addressPrefix ?? []).some((p) => p.startsWith('10.10.'))), 'an OCI prefix is learned');
    for (const r of fromOci) {
      assert.equal(r.nextHopType, 'VirtualNetworkGateway');
      assert.equal(r.state, 'Active');
    }
    const local = (routes.value ?? []).find((r) => r.nextHopType === 'VnetLocal');
    assert.deepEqual(local?.addressPrefix, ['10.20.0.0/16']);
  });

  void it('shows ARP entries and BGP routes on both device paths', async () => {
    for (const [path, oracle, microsoft] of [['primary', '10.99.0.1', '10.99.0.2'], ['secondary', '10.99.0.5', '10.99.0.6']] as const) {
      const arp = await suite.t.azure.network.expressRouteCircuits.beginListArpTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      const addresses = (arp.value ?? []).map((e) => e.ipAddress).sort();
      assert.deepEqual(addresses, [oracle, microsoft].sort(), `${path} ARP`);
      const table = await suite.t.azure.network.expressRouteCircuits.beginListRoutesTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      assert.ok((table.value ?? []).some((r) => r.network?.startsWith('10.10.')), `${path} routes: ${JSON.stringify(table.value)}`);
      const summary = await suite.t.azure.network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      const neighbor = (summary.value ?? [])[0];
      assert.equal(neighbor?.neighbor, oracle);
      assert.equal(neighbor.as, 31898);
      assert.match(String(neighbor.statePfxRcd), /^\d+$/, 'an established session reports its prefix count');
    }
  });
});

void describe('seed tutorial teardown in the wrong order', () => {
  const suite = provisionedServer();

  /** Deletes the OCI virtual circuit and waits (SDK waiter) for the state it must reach. */
  async function deleteVirtualCircuit(until: core.models.VirtualCircuit.LifecycleState): Promise<void> {
    const virtualCircuitId = suite.t.ociHalf.virtualCircuit.id ?? '';
    await suite.t.oci.network.deleteVirtualCircuit({ virtualCircuitId });
    await fastWaiters(suite.t.oci).network.forVirtualCircuit({ virtualCircuitId }, until);
  }

  void it('deleting the virtual circuit while the connection exists fails the circuit and drops the connection', async () => {
    await deleteVirtualCircuit(core.models.VirtualCircuit.LifecycleState.Failed);
    const circuit = await suite.t.azure.network.expressRouteCircuits.get(RG, CIRCUIT);
    assert.equal(circuit.provisioningState, 'Failed');
    assert.equal(circuit.serviceProviderProvisioningState, 'Provisioned');
    const connection = await suite.t.azure.network.virtualNetworkGatewayConnections.get(RG, 'conn-er-oci');
    assert.equal(connection.connectionStatus, 'NotConnected');
  });

  void it('recovers: delete the connection, then the virtual circuit; the circuit returns to NotProvisioned and can go', async () => {
    await suite.t.azure.network.virtualNetworkGatewayConnections.beginDeleteAndWait(RG, 'conn-er-oci', FAST_POLL);
    await deleteVirtualCircuit(core.models.VirtualCircuit.LifecycleState.Terminated);
    const circuit = await suite.t.azure.network.expressRouteCircuits.get(RG, CIRCUIT);
    assert.equal(circuit.serviceProviderProvisioningState, 'NotProvisioned');
    assert.equal(circuit.provisioningState, 'Succeeded');
    await suite.t.azure.network.expressRouteCircuits.beginDeleteAndWait(RG, CIRCUIT, FAST_POLL);
    await assert.rejects(suite.t.azure.network.expressRouteCircuits.get(RG, CIRCUIT), (e: { statusCode?: number; code?: string }) => e.statusCode === 404 && e.code === 'ResourceNotFound');
  });
});
