// FastConnect, virtual circuits and compute through the official SDK over HTTP: the provider
// catalogue, a service-key lookup, a VC to a real ExpressRoute circuit that provisions with both
// BGP sessions up, and an instance's life (launch → RUNNING → its IP → stop/start → terminate).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { createDrg } from '../../../src/lifecycle/oci/drg.ts';
import { createSubnet } from '../../../src/lifecycle/oci/subnet.ts';
import { buildAzure, type AzureSide } from '../../helpers/interconnect.ts';
import { core, fastWaiters, ociError, startOciServer, type OciTestServer, ASHBURN_IMAGE_ID } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const scope = { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' };
const AD = 'Uocm:US-ASHBURN-AD-1';

void describe('OCI API: FastConnect, virtual circuits and compute', () => {
  let s: OciTestServer;
  let azure: AzureSide;
  let azureServiceId: string;
  let subnetId: string;
  let drgId: string;

  before(async () => {
    s = await startOciServer();
    // The ExpressRoute circuit (provider "Oracle Cloud FastConnect", Washington DC, 1 Gbps) comes
    // from the Azure lifecycle; the subnet and DRG through the engine too, so this file tests only
    // its own operations.
    azure = await buildAzure(s.engine);
    const vcn = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-oci', cidrBlocks: ['10.10.0.0/16'] } });
    ({ subnetId, drgId } = await s.engine.mutate('test:oci', (tx) => ({
      subnetId: createSubnet(tx, scope, { compartmentId, vcnId: vcn.vcn.id, cidrBlock: '10.10.10.0/24', displayName: 'subnet-oci' }).id,
      drgId: createDrg(tx, scope, { compartmentId, displayName: 'drg-oci' }).id,
    })));
  });
  after(async () => {
    await s.close();
  });

  void it('lists the FastConnect provider services and their bandwidth shapes', async () => {
    const services = await s.network.listFastConnectProviderServices({ compartmentId });
    const azureService = services.items.find((x) => x.providerName === 'Microsoft Azure');
    assert.ok(azureService, 'the Microsoft Azure provider is listed');
    assert.deepEqual(azureService.supportedVirtualCircuitTypes, ['PRIVATE']);
    assert.equal(azureService.bandwithShapeManagement, 'CUSTOMER_MANAGED');
    azureServiceId = azureService.id;

    const paged = await s.network.listFastConnectProviderServices({ compartmentId, limit: 1 });
    assert.equal(paged.items.length, 1);
    assert.ok(paged.opcNextPage, 'more than one provider: a next page');

    const one = await s.network.getFastConnectProviderService({ providerServiceId: azureServiceId });
    assert.equal(one.fastConnectProviderService.providerServiceName, 'ExpressRoute');

    const shapes = await s.network.listFastConnectProviderVirtualCircuitBandwidthShapes({ providerServiceId: azureServiceId });
    assert.deepEqual(shapes.items.map((x) => x.name), ['1 Gbps', '2 Gbps', '5 Gbps', '10 Gbps']);
    assert.equal(shapes.items[0]?.bandwidthInMbps, 1000);
    const colocated = await s.network.listVirtualCircuitBandwidthShapes({ compartmentId });
    assert.ok(colocated.items.some((x) => x.name === '10 Gbps'));

    const unknown = await ociError(s.network.getFastConnectProviderService({ providerServiceId: 'ocid1.providerservice.oc1.iad.nope' }));
    assert.equal(unknown.statusCode, 404);
  });

  void it('looks an ExpressRoute service key up (bandwidth, peering location); an unknown key is 404', async () => {
    const key = await s.network.getFastConnectProviderServiceKey({ providerServiceId: azureServiceId, providerServiceKeyName: azure.serviceKey });
    assert.deepEqual(key.fastConnectProviderServiceKey, { name: azure.serviceKey, bandwidthShapeName: '1 Gbps', peeringLocation: 'Washington DC' });

    const err = await ociError(s.network.getFastConnectProviderServiceKey({ providerServiceId: azureServiceId, providerServiceKeyName: '00000000-0000-0000-0000-000000000000' }));
    assert.equal(err.statusCode, 404);
    assert.equal(err.serviceCode, 'NotAuthorizedOrNotFound');
  });

  void it('creates a VC on the service key and DRG that provisions with both BGP sessions up', async () => {
    const created = await s.network.createVirtualCircuit({
      createVirtualCircuitDetails: {
        compartmentId, displayName: 'vc-azure', type: core.models.CreateVirtualCircuitDetails.Type.Private, bandwidthShapeName: '1 Gbps',
        gatewayId: drgId, providerServiceId: azureServiceId, providerServiceKeyName: azure.serviceKey,
        crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }],
      },
    });
    const vcId = created.virtualCircuit.id ?? '';
    assert.equal(created.virtualCircuit.lifecycleState, 'PENDING_PROVIDER');
    assert.equal(created.virtualCircuit.providerState, 'INACTIVE');
    assert.ok(created.etag);

    const done = await fastWaiters(s).network.forVirtualCircuit({ virtualCircuitId: vcId }, core.models.VirtualCircuit.LifecycleState.Provisioned);
    const vc = done?.virtualCircuit;
    assert.equal(vc?.bgpSessionState, 'UP');
    assert.equal(vc.providerState, 'ACTIVE');
    assert.equal(vc.oracleBgpAsn, 31898);
    assert.deepEqual(vc.virtualCircuitRedundancyMetadata, { configuredRedundancyLevel: 'DEVICE', ipv4bgpSessionRedundancyStatus: 'CONFIGURATION_MATCH', ipv6bgpSessionRedundancyStatus: 'NOT_MET_SLA' });

    const mappings = await s.network.listCrossConnectMappings({ virtualCircuitId: vcId });
    const items = mappings.crossConnectMappingDetailsCollection.items;
    assert.deepEqual(items.map((m) => [m.oracleBgpPeeringIp, m.customerBgpPeeringIp, m.ipv4BgpStatus]), [['10.99.0.1/30', '10.99.0.2/30', 'UP'], ['10.99.0.5/30', '10.99.0.6/30', 'UP']]);

    const listed = await s.network.listVirtualCircuits({ compartmentId, lifecycleState: core.models.VirtualCircuit.LifecycleState.Provisioned });
    assert.deepEqual(listed.items.map((x) => x.id), [vcId]);
    assert.deepEqual((await s.network.listVirtualCircuitPublicPrefixes({ virtualCircuitId: vcId })).items, []);
    assert.deepEqual((await s.network.listVirtualCircuitAssociatedTunnels({ virtualCircuitId: vcId })).items, []);

    // Rename with if-match; the BGP addressing is fixed once provisioned.
    const renamed = await s.network.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { displayName: 'vc-renamed', isBfdEnabled: true }, ifMatch: done?.etag });
    assert.equal(renamed.virtualCircuit.displayName, 'vc-renamed');
    assert.equal(renamed.virtualCircuit.isBfdEnabled, true);
    const readdress = await ociError(s.network.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { crossConnectMappings: [{ customerBgpPeeringIp: '10.98.0.2/30' }, { customerBgpPeeringIp: '10.98.0.6/30' }] } }));
    assert.equal(readdress.serviceCode, 'InvalidParameter');

    // A second VC on the same key is refused; deleting the first deprovisions it (no connection yet).
    const again = await ociError(s.network.createVirtualCircuit({
      createVirtualCircuitDetails: {
        compartmentId, type: core.models.CreateVirtualCircuitDetails.Type.Private, gatewayId: drgId, providerServiceId: azureServiceId,
        providerServiceKeyName: azure.serviceKey, crossConnectMappings: [{ customerBgpPeeringIp: '10.97.0.2/30' }, { customerBgpPeeringIp: '10.97.0.6/30' }],
      },
    }));
    assert.equal(again.statusCode, 409);
    await s.network.deleteVirtualCircuit({ virtualCircuitId: vcId });
    const gone = await fastWaiters(s).network.forVirtualCircuit({ virtualCircuitId: vcId }, core.models.VirtualCircuit.LifecycleState.Terminated);
    assert.equal(gone?.virtualCircuit.bgpSessionState, 'DOWN');
  });

  const launchDetails = (privateIp: string, displayName: string): core.models.LaunchInstanceDetails => ({
    compartmentId, availabilityDomain: AD, displayName, shape: 'VM.Standard.E4.Flex',
    sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID },
    createVnicDetails: { subnetId, privateIp, hostnameLabel: displayName },
  });

  void it('launches an instance: work request done at RUNNING, then instance → VNIC → private IP', async () => {
    const waiters = fastWaiters(s);
    const { response, workRequestResponse } = await waiters.compute.forLaunchInstance({ launchInstanceDetails: launchDetails('10.10.10.10', 'vm-oci') });
    assert.equal(response.instance.lifecycleState, 'PROVISIONING');
    assert.ok(response.opcWorkRequestId, 'launch answers with a work request');
    assert.equal(workRequestResponse?.workRequest.status, 'SUCCEEDED');
    assert.equal(workRequestResponse.workRequest.resources[0]?.identifier, response.instance.id);
    const instanceId = response.instance.id;

    const running = await waiters.compute.forInstance({ instanceId }, core.models.Instance.LifecycleState.Running);
    assert.equal(running?.instance.availabilityDomain, AD);
    const listed = await s.compute.listInstances({ compartmentId, availabilityDomain: AD, displayName: 'vm-oci' });
    assert.deepEqual(listed.items.map((i) => i.id), [instanceId]);

    const attachments = await s.compute.listVnicAttachments({ compartmentId, instanceId });
    assert.equal(attachments.items.length, 1);
    const attachment = attachments.items[0];
    assert.equal(attachment?.lifecycleState, 'ATTACHED');
    assert.equal((await s.compute.getVnicAttachment({ vnicAttachmentId: attachment.id })).vnicAttachment.vnicId, attachment.vnicId);

    const { vnic } = await s.network.getVnic({ vnicId: attachment.vnicId ?? '' });
    assert.equal(vnic.privateIp, '10.10.10.10');
    assert.equal(vnic.subnetId, subnetId);
    assert.equal(vnic.isPrimary, true);
    assert.equal(vnic.lifecycleState, 'AVAILABLE');

    const byVnic = await s.network.listPrivateIps({ vnicId: vnic.id });
    assert.deepEqual(byVnic.items.map((p) => [p.ipAddress, p.isPrimary, p.hostnameLabel]), [['10.10.10.10', true, 'vm-oci']]);
    const byAddress = await s.network.listPrivateIps({ subnetId, ipAddress: '10.10.10.10' });
    assert.equal(byAddress.items[0]?.id, byVnic.items[0]?.id);
    assert.equal((await s.network.getPrivateIp({ privateIpId: byVnic.items[0]?.id ?? '' })).privateIp.vnicId, vnic.id);
    assert.equal((await ociError(s.network.listPrivateIps({ ipAddress: '10.10.10.10' }))).serviceCode, 'InvalidParameter');

    const updated = await s.network.updateVnic({ vnicId: vnic.id, updateVnicDetails: { displayName: 'appliance', skipSourceDestCheck: true } });
    assert.equal(updated.vnic.skipSourceDestCheck, true);
    assert.equal((await ociError(s.network.updateVnic({ vnicId: vnic.id, updateVnicDetails: { routeTableId: 'ocid1.routetable.oc1.iad.x' } }))).serviceCode, 'InvalidParameter');
  });

  void it('replays launchInstance for the same opc-retry-token and refuses it for another body', async () => {
    const first = await s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.20', 'vm-retry'), opcRetryToken: 'launch-token-1' });
    const replay = await s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.20', 'vm-retry'), opcRetryToken: 'launch-token-1' });
    assert.equal(replay.instance.id, first.instance.id);
    assert.equal(replay.opcWorkRequestId, first.opcWorkRequestId);
    const listed = await s.compute.listInstances({ compartmentId, displayName: 'vm-retry' });
    assert.equal(listed.items.length, 1, 'one instance, not two');
    const other = await ociError(s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.21', 'vm-retry-2'), opcRetryToken: 'launch-token-1' }));
    assert.equal(other.statusCode, 409);
    assert.equal(other.serviceCode, 'InvalidatedRetryToken');
  });

  void it('stops and starts an instance; refuses unknown actions and bad launch input', async () => {
    const launched = await s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.30', 'vm-power') });
    const instanceId = launched.instance.id;
    await fastWaiters(s).compute.forInstance({ instanceId }, core.models.Instance.LifecycleState.Running);
    assert.equal((await s.compute.instanceAction({ instanceId, action: 'STOP' })).instance.lifecycleState, 'STOPPED');
    assert.equal((await s.compute.getInstance({ instanceId })).instance.lifecycleState, 'STOPPED');
    assert.equal((await s.compute.instanceAction({ instanceId, action: 'START' })).instance.lifecycleState, 'RUNNING');
    assert.equal((await s.compute.instanceAction({ instanceId, action: 'SOFTRESET', instancePowerActionDetails: { actionType: 'softreset', allowDenseRebootMigration: false } })).instance.lifecycleState, 'RUNNING');
    assert.equal((await ociError(s.compute.instanceAction({ instanceId, action: 'REBOOTMIGRATE' }))).serviceCode, 'InvalidParameter');
    assert.equal((await ociError(s.compute.instanceAction({ instanceId, action: 'JUMP' }))).serviceCode, 'InvalidParameter');

    const taken = await ociError(s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.30', 'vm-dup') }));
    assert.equal(taken.statusCode, 409, 'the address is in use');
    const noSubnet = await ociError(s.compute.launchInstance({ launchInstanceDetails: { compartmentId, availabilityDomain: AD, shape: 'VM.Standard.E4.Flex' } }));
    assert.equal(noSubnet.serviceCode, 'MissingParameter');
    // LaunchInstanceDetails' required fields: refused, not filled in with a default shape or image.
    const { shape: _shape, ...noShape } = launchDetails('10.10.10.32', 'vm-no-shape');
    const { sourceDetails: _source, ...noImage } = launchDetails('10.10.10.33', 'vm-no-image');
    const { availabilityDomain: _ad, ...noAd } = launchDetails('10.10.10.34', 'vm-no-ad');
    for (const [details, name] of [[noShape, 'shape'], [noImage, 'sourceDetails'], [noAd, 'availabilityDomain']] as const) {
      const missing = await ociError(s.compute.launchInstance({ launchInstanceDetails: details as core.models.LaunchInstanceDetails }));
      assert.equal(missing.serviceCode, 'MissingParameter', name);
      assert.match(missing.message, new RegExp(`Missing parameter: ${name}`));
    }
    const bootVolume = await ociError(s.compute.launchInstance({
      launchInstanceDetails: { ...launchDetails('10.10.10.31', 'vm-bv'), sourceDetails: { sourceType: 'bootVolume', bootVolumeId: 'ocid1.bootvolume.oc1.iad.x' } },
    }));
    assert.equal(bootVolume.serviceCode, 'InvalidParameter');
  });

  void it('terminates an instance: work request done at TERMINATED, which stays readable', async () => {
    const launched = await s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.40', 'vm-gone') });
    const instanceId = launched.instance.id;
    const waiters = fastWaiters(s);
    await waiters.compute.forInstance({ instanceId }, core.models.Instance.LifecycleState.Running);
    const [attachment] = (await s.compute.listVnicAttachments({ compartmentId, instanceId })).items;

    const { response, workRequestResponse } = await waiters.compute.forTerminateInstance({ instanceId });
    assert.ok(response.opcWorkRequestId);
    assert.equal(workRequestResponse?.workRequest.status, 'SUCCEEDED');
    const gone = await waiters.compute.forInstance({ instanceId }, core.models.Instance.LifecycleState.Terminated);
    assert.equal(gone?.instance.lifecycleState, 'TERMINATED');
    assert.equal((await s.network.getVnic({ vnicId: attachment?.vnicId ?? '' })).vnic.lifecycleState, 'TERMINATED');
    assert.equal((await s.compute.getVnicAttachment({ vnicAttachmentId: attachment?.id ?? '' })).vnicAttachment.lifecycleState, 'DETACHED');
    assert.deepEqual((await s.network.listPrivateIps({ vnicId: attachment?.vnicId ?? '' })).items, [], 'the address is released');
    const relaunched = await s.compute.launchInstance({ launchInstanceDetails: launchDetails('10.10.10.40', 'vm-again') });
    assert.equal(relaunched.instance.lifecycleState, 'PROVISIONING', 'the released address can be reused');
  });
});
