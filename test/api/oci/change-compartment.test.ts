// Change*Compartment through the official SDK over HTTP: every served resource moves to another
// compartment of the tenancy keeping its OCID, lists by compartment follow it, the responses carry
// the etag (and opc-work-request-id where the SDK has one), and a target compartment the caller may
// not use (unknown, another tenancy's) is refused with nothing moved.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ensureCompartment } from '../../../src/lifecycle/oci/compartment.ts';
import { buildAzure, buildOci } from '../../helpers/interconnect.ts';
import { ASHBURN_IMAGE_ID, core, ociError, startOciServer, type OciTestServer } from './harness.ts';

const root = DEFAULT_TENANCY_ID;
const AD = 'Uocm:US-ASHBURN-AD-1';
const TENANCY_B = 'ocid1.tenancy.oc1..aaaaaaaatenancyb';

void describe('OCI API: Change*Compartment', () => {
  let s: OciTestServer;
  let target: string;
  let foreign: string;

  before(async () => {
    s = await startOciServer();
    ({ target, foreign } = await s.engine.mutate('test:compartments', (tx) => ({
      target: ensureCompartment(tx, { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' }, 'moved').id,
      foreign: ensureCompartment(tx, { tenancyId: TENANCY_B, region: 'us-ashburn-1' }, 'theirs').id,
    })));
  });
  after(async () => {
    await s.close();
  });

  void it('moves each VCN resource, keeping its id; lists by compartment follow; only the named resource moves', async () => {
    const vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId: root, displayName: 'vcn-move', cidrBlocks: ['10.0.0.0/16'] } })).vcn;
    const subnet = (await s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.0.1.0/24' } })).subnet;
    const rt = (await s.network.createRouteTable({ createRouteTableDetails: { compartmentId: root, vcnId: vcn.id, routeRules: [] } })).routeTable;
    const sl = (await s.network.createSecurityList({ createSecurityListDetails: { compartmentId: root, vcnId: vcn.id, ingressSecurityRules: [], egressSecurityRules: [] } })).securityList;
    const nsg = (await s.network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: root, vcnId: vcn.id } })).networkSecurityGroup;
    const igw = (await s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId: root, vcnId: vcn.id, isEnabled: true } })).internetGateway;
    const dhcp = (await s.network.createDhcpOptions({ createDhcpDetails: { compartmentId: root, vcnId: vcn.id, options: [] } })).dhcpOptions;
    const drg = (await s.network.createDrg({ createDrgDetails: { compartmentId: root } })).drg;
    const compartmentId = target;

    const vcnMove = await s.network.changeVcnCompartment({ vcnId: vcn.id, changeVcnCompartmentDetails: { compartmentId } });
    assert.ok(vcnMove.opcWorkRequestId, 'ChangeVcnCompartment answers with a work request');
    const movedVcn = await s.network.getVcn({ vcnId: vcn.id });
    assert.equal(movedVcn.vcn.compartmentId, target);
    assert.equal(vcnMove.etag, movedVcn.etag, 'the etag is the moved resource\'s');
    const wr = await s.workRequests.getWorkRequest({ workRequestId: vcnMove.opcWorkRequestId });
    assert.equal(wr.workRequest.status, 'SUCCEEDED');
    assert.equal(wr.workRequest.resources[0]?.identifier, vcn.id);
    assert.equal((await s.network.getSubnet({ subnetId: subnet.id })).subnet.compartmentId, root, "the VCN's subnet stays where it was");

    assert.ok((await s.network.changeSubnetCompartment({ subnetId: subnet.id, changeSubnetCompartmentDetails: { compartmentId } })).opcWorkRequestId);
    await s.network.changeRouteTableCompartment({ rtId: rt.id, changeRouteTableCompartmentDetails: { compartmentId } });
    await s.network.changeSecurityListCompartment({ securityListId: sl.id, changeSecurityListCompartmentDetails: { compartmentId } });
    await s.network.changeNetworkSecurityGroupCompartment({ networkSecurityGroupId: nsg.id, changeNetworkSecurityGroupCompartmentDetails: { compartmentId } });
    await s.network.changeInternetGatewayCompartment({ igId: igw.id, changeInternetGatewayCompartmentDetails: { compartmentId } });
    await s.network.changeDhcpOptionsCompartment({ dhcpId: dhcp.id, changeDhcpOptionsCompartmentDetails: { compartmentId } });
    assert.ok((await s.network.changeDrgCompartment({ drgId: drg.id, changeDrgCompartmentDetails: { compartmentId } })).opcWorkRequestId);

    const ids = async (list: Promise<{ items: { id?: string }[] }>) => (await list).items.map((x) => x.id);
    assert.deepEqual(await ids(s.network.listVcns({ compartmentId: target })), [vcn.id]);
    assert.ok(!(await ids(s.network.listVcns({ compartmentId: root }))).includes(vcn.id), 'gone from the old compartment');
    assert.deepEqual(await ids(s.network.listSubnets({ compartmentId: target })), [subnet.id]);
    assert.deepEqual(await ids(s.network.listRouteTables({ compartmentId: target, vcnId: vcn.id })), [rt.id], "the VCN's default route table did not move");
    assert.deepEqual(await ids(s.network.listSecurityLists({ compartmentId: target })), [sl.id]);
    assert.deepEqual(await ids(s.network.listNetworkSecurityGroups({ compartmentId: target })), [nsg.id]);
    assert.deepEqual(await ids(s.network.listInternetGateways({ compartmentId: target })), [igw.id]);
    assert.deepEqual(await ids(s.network.listDhcpOptions({ compartmentId: target })), [dhcp.id]);
    assert.deepEqual(await ids(s.network.listDrgs({ compartmentId: target })), [drg.id]);
    assert.equal((await s.network.getDrg({ drgId: drg.id })).drg.id, drg.id, 'the OCID is kept');
  });

  void it('moves an instance (with if-match) but not its VNIC', async () => {
    const vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId: root, cidrBlocks: ['10.1.0.0/16'] } })).vcn;
    const subnet = (await s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.1.1.0/24' } })).subnet;
    const launched = await s.compute.launchInstance({ launchInstanceDetails: { compartmentId: root, availabilityDomain: AD, shape: 'VM.Standard.E4.Flex', sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: subnet.id } } });
    const instanceId = launched.instance.id;
    const stale = await ociError(s.compute.changeInstanceCompartment({ instanceId, changeInstanceCompartmentDetails: { compartmentId: target }, ifMatch: 'not-the-etag' }));
    assert.equal(stale.statusCode, 412);
    const current = await s.compute.getInstance({ instanceId });
    const moved = await s.compute.changeInstanceCompartment({ instanceId, changeInstanceCompartmentDetails: { compartmentId: target }, ifMatch: current.etag });
    assert.ok(moved.opcWorkRequestId);
    assert.equal((await s.compute.getInstance({ instanceId })).instance.compartmentId, target);
    const attachments = await s.compute.listVnicAttachments({ compartmentId: root, instanceId });
    assert.equal(attachments.items.length, 1, 'the VNIC attachment stays in the old compartment');
  });

  void it('moves a virtual circuit', async () => {
    const azure = await buildAzure(s.engine);
    const { vcId } = await buildOci(s.engine, azure.serviceKey);
    await s.network.changeVirtualCircuitCompartment({ virtualCircuitId: vcId, changeVirtualCircuitCompartmentDetails: { compartmentId: target } });
    const listed = await s.network.listVirtualCircuits({ compartmentId: target });
    assert.deepEqual(listed.items.map((v) => v.id), [vcId]);
  });

  void it('refuses a target compartment the caller may not use, an unknown resource and a bad body, moving nothing', async () => {
    const vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId: root, cidrBlocks: ['10.2.0.0/16'] } })).vcn;
    for (const compartmentId of [foreign, TENANCY_B, 'ocid1.compartment.oc1..nope']) {
      const err = await ociError(s.network.changeVcnCompartment({ vcnId: vcn.id, changeVcnCompartmentDetails: { compartmentId } }));
      assert.equal(err.statusCode, 404, compartmentId);
      assert.equal(err.serviceCode, 'NotAuthorizedOrNotFound', compartmentId);
    }
    const missing = await ociError(s.network.changeVcnCompartment({ vcnId: vcn.id, changeVcnCompartmentDetails: { compartmentId: '' } }));
    assert.equal(missing.serviceCode, 'MissingParameter');
    const extra = await ociError(s.network.changeVcnCompartment({ vcnId: vcn.id, changeVcnCompartmentDetails: { compartmentId: target, vcnId: vcn.id } as core.models.ChangeVcnCompartmentDetails }));
    assert.equal(extra.serviceCode, 'CannotParseRequest');
    assert.equal((await s.network.getVcn({ vcnId: vcn.id })).vcn.compartmentId, root, 'nothing moved');
    const unknown = await ociError(s.network.changeSubnetCompartment({ subnetId: 'ocid1.subnet.oc1.iad.nope', changeSubnetCompartmentDetails: { compartmentId: target } }));
    assert.equal(unknown.statusCode, 404);

    await s.network.deleteVcn({ vcnId: vcn.id });
    const gone = await ociError(s.network.changeVcnCompartment({ vcnId: vcn.id, changeVcnCompartmentDetails: { compartmentId: target } }));
    assert.equal(gone.statusCode, 409);
    assert.equal(gone.serviceCode, 'IncorrectState');
  });
});
