// VNet peerings through @azure/arm-network over HTTPS: create/get/list/update/delete with NRP's
// errors, the Initiated → Connected → Disconnected states, the address-space sync, and gateway
// transit with the same effect as a lab file's hub and spoke: the spoke's NIC learns the
// ExpressRoute routes and OCI learns the spoke's prefix. Strict mode: the remote VNet is a linked
// resource the caller must be allowed to use. The steps share one world and run in order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient, VirtualNetworkPeering } from '@azure/arm-network';
import * as core from 'oci-core';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { ociClients, type OciClients } from '../oci/harness.ts';
import { createOciHalf, type OciHalf } from '../oci/tutorial-flow.ts';
import { armError, FAST_POLL, staticCredential, startArmServer, type ArmTestServer } from './harness.ts';
import { RG, connectWithSdk, createAzureHalfWithSdk } from './tutorial-flow.ts';

const LOC = 'eastus';
const MN = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.Network`;
const vnetId = (name: string) => `${MN}/virtualNetworks/${name}`;

void describe('virtualNetworkPeerings through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let oci: OciClients;
  let ociHalf: OciHalf;

  const peer = (vnet: string, name: string, remote: string, extra: VirtualNetworkPeering = {}, options = {}) =>
    network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, vnet, name, { remoteVirtualNetwork: { id: vnetId(remote) }, ...extra }, { ...FAST_POLL, ...options });
  const spokeRoutes = async () => (await network.networkInterfaces.beginGetEffectiveRouteTableAndWait(RG, 'spoke-nic', FAST_POLL)).value ?? [];
  const ociLearned = async () => {
    const table = ociHalf.attachment.drgRouteTableId ?? '';
    return (await oci.network.listDrgRouteRules({ drgRouteTableId: table, routeType: core.requests.ListDrgRouteRulesRequest.RouteType.Dynamic })).items.map((r) => r.destination);
  };

  before(async () => {
    s = await startArmServer();
    const azure = s.clients();
    network = azure.network;
    const half = await createAzureHalfWithSdk(azure);
    oci = ociClients(s.endpoints.oci);
    ociHalf = await createOciHalf(oci, half.serviceKey);
    await connectWithSdk(azure, half);
    for (const [name, prefix] of [['vnet-spoke', '10.30.0.0/16'], ['vnet-other', '10.40.0.0/16'], ['vnet-overlap', '10.20.128.0/17']] as const) {
      await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, name, {
        location: LOC, addressSpace: { addressPrefixes: [prefix] }, subnets: [{ name: 'default', addressPrefix: prefix.replace(/\.0\.0\/1[67]$/, '.128.0/24').replace('/16', '/24') }],
      }, FAST_POLL);
    }
    await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'spoke-nic', {
      location: LOC, ipConfigurations: [{ name: 'ipconfig1', privateIPAllocationMethod: 'Static', privateIPAddress: '10.30.128.10', subnet: { id: `${vnetId('vnet-spoke')}/subnets/default` } }],
    }, FAST_POLL);
  });
  after(async () => { await s.close(); });

  void it('refuses peering a VNet with itself, overlapping spaces and an unknown remote, storing nothing', async () => {
    await assert.rejects(peer('vnet-spoke', 'self', 'vnet-spoke'), armError(400, 'VnetCannotPeerWithItself'));
    await assert.rejects(peer('vnet-overlap', 'to-hub', 'vnet-azure'), armError(400, 'VnetAddressSpacesOverlap'));
    await assert.rejects(peer('vnet-spoke', 'nowhere', 'vnet-absent'), armError(400, 'InvalidResourceReference'));
    await assert.rejects(network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, 'vnet-spoke', 'no-remote', {}, FAST_POLL), armError(400, 'InvalidRequestFormat'));
    const listed = [];
    for await (const p of network.virtualNetworkPeerings.list(RG, 'vnet-spoke')) listed.push(p.name);
    assert.deepEqual(listed, []);
    await assert.rejects(network.virtualNetworkPeerings.get(RG, 'vnet-spoke', 'self'), armError(404, 'ResourceNotFound'));
  });

  void it('refuses useRemoteGateways on a VNet with a gateway, towards one without, and against a remote peering without transit', async () => {
    await assert.rejects(peer('vnet-azure', 'hub-to-other', 'vnet-other', { useRemoteGateways: true }), armError(400, 'UseRemoteGatewaysNotAllowedWithLocalGateway'));
    await assert.rejects(peer('vnet-spoke', 'spoke-to-other', 'vnet-other', { useRemoteGateways: true }), armError(400, 'RemoteVnetHasNoGateways'));
    const hubSide = await peer('vnet-azure', 'hub-to-spoke', 'vnet-spoke', { allowForwardedTraffic: true });
    assert.equal(hubSide.peeringState, 'Initiated');
    assert.equal(hubSide.allowGatewayTransit, false);
    await assert.rejects(peer('vnet-spoke', 'spoke-to-hub', 'vnet-azure', { useRemoteGateways: true }), (e: { statusCode?: number; code?: string; message?: string }) => {
      assert.equal(e.code, 'RemotePeeringDoesNotAllowGatewayTransit');
      assert.match(e.message ?? '', /hub-to-spoke has AllowGatewayTransit flag set to false/);
      return true;
    });
    // Not yet: the spoke learns nothing from the hub's gateway, OCI nothing of the spoke.
    assert.ok(!(await spokeRoutes()).some((r) => r.nextHopType === 'VirtualNetworkGateway'));
    assert.ok(!(await ociLearned()).includes('10.30.0.0/16'));
  });

  void it('connects hub and spoke with gateway transit: the spoke learns the ExpressRoute routes and OCI the spoke', async () => {
    const updated = await peer('vnet-azure', 'hub-to-spoke', 'vnet-spoke', { allowForwardedTraffic: true, allowGatewayTransit: true });
    assert.equal(updated.allowGatewayTransit, true);
    const spokeSide = await peer('vnet-spoke', 'spoke-to-hub', 'vnet-azure', { allowForwardedTraffic: true, useRemoteGateways: true });
    assert.equal(spokeSide.peeringState, 'Connected');
    assert.equal(spokeSide.provisioningState, 'Succeeded');
    assert.equal(spokeSide.peeringSyncLevel, 'FullyInSync');
    assert.deepEqual(spokeSide.remoteAddressSpace?.addressPrefixes, ['10.20.0.0/16']);
    const hubSide = await network.virtualNetworkPeerings.get(RG, 'vnet-azure', 'HUB-TO-SPOKE');
    assert.equal(hubSide.name, 'hub-to-spoke');
    assert.equal(hubSide.peeringState, 'Connected');
    const routes = await spokeRoutes();
    const learned = routes.filter((r) => r.source === 'VirtualNetworkGateway');
    assert.ok(learned.some((r) => (r.addressPrefix ?? []).some((p) => p.startsWith('10.10.'))), JSON.stringify(routes));
    assert.deepEqual(routes.find((r) => r.nextHopType === 'VNetPeering')?.addressPrefix, ['10.20.0.0/16']);
    assert.ok((await ociLearned()).includes('10.30.0.0/16'), 'OCI learns the spoke through the hub gateway');
    const vnet = await network.virtualNetworks.get(RG, 'vnet-spoke');
    assert.deepEqual(vnet.virtualNetworkPeerings?.map((p) => [p.name, p.peeringState, p.peeringSyncLevel]), [['spoke-to-hub', 'Connected', 'FullyInSync']]);
    // Only one peering of a VNet may use remote gateways.
    await assert.rejects(peer('vnet-spoke', 'spoke-to-other', 'vnet-other', { useRemoteGateways: true }), armError(400, 'OnlyOnePeeringCanUseRemoteGateways'));
    await assert.rejects(peer('vnet-spoke', 'spoke-to-hub', 'vnet-other', { useRemoteGateways: true }), armError(400, 'RemoteVirtualNetworkCannotBeChanged'));
  });

  void it('an address-space change is peered only once the other side syncs (syncRemoteAddressSpace)', async () => {
    await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-spoke', {
      location: LOC, addressSpace: { addressPrefixes: ['10.30.0.0/16', '10.31.0.0/16'] }, subnets: [{ name: 'default', addressPrefix: '10.30.128.0/24' }],
    }, FAST_POLL);
    const hubSide = await network.virtualNetworkPeerings.get(RG, 'vnet-azure', 'hub-to-spoke');
    assert.equal(hubSide.peeringSyncLevel, 'LocalNotInSync');
    assert.deepEqual(hubSide.remoteAddressSpace?.addressPrefixes, ['10.30.0.0/16']);
    assert.deepEqual(hubSide.remoteVirtualNetworkAddressSpace?.addressPrefixes, ['10.30.0.0/16', '10.31.0.0/16']);
    assert.equal((await network.virtualNetworkPeerings.get(RG, 'vnet-spoke', 'spoke-to-hub')).peeringSyncLevel, 'RemoteNotInSync');
    const synced = await peer('vnet-azure', 'hub-to-spoke', 'vnet-spoke', { allowForwardedTraffic: true, allowGatewayTransit: true }, { syncRemoteAddressSpace: 'true' });
    assert.equal(synced.peeringSyncLevel, 'FullyInSync');
    assert.deepEqual(synced.remoteAddressSpace?.addressPrefixes, ['10.30.0.0/16', '10.31.0.0/16']);
    assert.equal((await network.virtualNetworkPeerings.get(RG, 'vnet-spoke', 'spoke-to-hub')).peeringSyncLevel, 'FullyInSync');
    const bad = await s.arm('PUT', `${vnetId('vnet-azure')}/virtualNetworkPeerings/hub-to-spoke?api-version=2025-05-01&syncRemoteAddressSpace=maybe`, { properties: { remoteVirtualNetwork: { id: vnetId('vnet-spoke') } } });
    assert.equal(bad.status, 400);
  });

  void it('deleting one side disconnects the other until it is deleted and created again', async () => {
    await network.virtualNetworkPeerings.beginDeleteAndWait(RG, 'vnet-spoke', 'spoke-to-hub', FAST_POLL);
    assert.equal((await network.virtualNetworkPeerings.get(RG, 'vnet-azure', 'hub-to-spoke')).peeringState, 'Disconnected');
    assert.ok(!(await spokeRoutes()).some((r) => r.nextHopType === 'VirtualNetworkGateway' || r.nextHopType === 'VNetPeering'));
    assert.ok(!(await ociLearned()).includes('10.30.0.0/16'), 'OCI no longer learns the spoke');
    const again = await peer('vnet-spoke', 'spoke-to-hub', 'vnet-azure', { useRemoteGateways: true });
    assert.equal(again.peeringState, 'Initiated');
    await network.virtualNetworkPeerings.beginDeleteAndWait(RG, 'vnet-azure', 'hub-to-spoke', FAST_POLL);
    const hub = await peer('vnet-azure', 'hub-to-spoke', 'vnet-spoke', { allowGatewayTransit: true });
    assert.equal(hub.peeringState, 'Connected');
    assert.equal((await network.virtualNetworkPeerings.get(RG, 'vnet-spoke', 'spoke-to-hub')).peeringState, 'Connected');
    // A DELETE of a peering that is not there answers 204.
    const gone = await s.arm('DELETE', `${vnetId('vnet-spoke')}/virtualNetworkPeerings/absent?api-version=2025-05-01`);
    assert.equal(gone.status, 204);
  });
});

void describe('virtualNetworkPeerings in strict mode', () => {
  const SUB_A = '11111111-1111-4111-8111-111111111111';
  const SUB_B = '22222222-2222-4222-8222-222222222222';
  const TENANT = '33333333-3333-4333-8333-333333333333';
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer({ strictAuth: true }, {
      armPrincipals: [
        { clientId: 'app-a', clientSecret: 'secret-a', tenantId: TENANT, subscriptions: [SUB_A] },
        { clientId: 'app-b', clientSecret: 'secret-b', tenantId: TENANT, subscriptions: [SUB_B] },
      ],
    });
  });
  after(async () => { await s.close(); });

  async function clientOf(clientId: string, secret: string, sub: string): Promise<NetworkManagementClient> {
    const t = await s.arm('POST', '/adfs/oauth2/token', new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: `${s.armUrl}//.default` }).toString(), { 'content-type': 'application/x-www-form-urlencoded', authorization: '' });
    const c = s.clients(sub, staticCredential((t.body as { access_token: string }).access_token));
    await c.resources.resourceGroups.createOrUpdate('rg', { location: LOC });
    await c.network.virtualNetworks.beginCreateOrUpdateAndWait('rg', 'vnet', { location: LOC, addressSpace: { addressPrefixes: [sub === SUB_A ? '10.1.0.0/16' : '10.2.0.0/16'] } }, FAST_POLL);
    return c.network;
  }

  void it('refuses a remote VNet in a subscription the caller may not use (LinkedAuthorizationFailed)', async () => {
    const a = await clientOf('app-a', 'secret-a', SUB_A);
    await clientOf('app-b', 'secret-b', SUB_B);
    const remote = `/subscriptions/${SUB_B}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet`;
    await assert.rejects(a.virtualNetworkPeerings.beginCreateOrUpdateAndWait('rg', 'vnet', 'a-to-b', { remoteVirtualNetwork: { id: remote } }, FAST_POLL), (e: { statusCode?: number; code?: string; message?: string }) => {
      assert.deepEqual([e.statusCode, e.code], [403, 'LinkedAuthorizationFailed']);
      assert.match(e.message ?? '', /Microsoft\.Network\/virtualNetworks\/peer\/action/);
      return true;
    });
    const listed = [];
    for await (const p of a.virtualNetworkPeerings.list('rg', 'vnet')) listed.push(p);
    assert.deepEqual(listed, []);
  });
});
