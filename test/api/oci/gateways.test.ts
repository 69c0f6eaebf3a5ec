// NAT gateways, service gateways (with the Oracle Services Network catalogue) and local peering
// gateways through the official SDK over HTTP: each one's life, its per-VCN limit with OCI's own
// error, the route rules that may target it, the compartment move, and the refusals while
// something still uses it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ensureCompartment } from '../../../src/lifecycle/oci/compartment.ts';
import { core, fastWaiters, ociError, startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const { CidrBlock, ServiceCidrBlock } = core.models.RouteRule.DestinationType;

void describe('OCI API: NAT, service and local peering gateways', () => {
  let s: OciTestServer;
  let compartment2: string;

  before(async () => {
    s = await startOciServer();
    // A second compartment of the same tenancy, for the compartment moves.
    compartment2 = await s.engine.mutate('test', (tx) => ensureCompartment(tx, { tenancyId: compartmentId, region: 'us-ashburn-1' }, 'net').id);
  });
  after(async () => {
    await s.close();
  });

  const newVcn = async (cidr: string, name: string) =>
    (await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: name, cidrBlocks: [cidr] } })).vcn;

  void it('runs a NAT gateway through its life: natIp, blockTraffic, one per VCN, filters, compartment move, TERMINATED', async () => {
    const vcn = await newVcn('10.80.0.0/16', 'vcn-nat');
    const created = await s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: vcn.id, displayName: 'nat' } });
    const nat = created.natGateway;
    assert.equal(nat.lifecycleState, 'PROVISIONING');
    assert.match(nat.id, /^ocid1\.natgateway\.oc1\.iad\./);
    assert.equal(nat.blockTraffic, false, 'OCI\'s default');
    assert.match(nat.natIp, /^\d+\.\d+\.\d+\.\d+$/);
    assert.match(nat.publicIpId ?? '', /^ocid1\.publicip\./);
    assert.equal(nat.routeTableId, undefined, 'no route table unless one is named');
    const ready = await fastWaiters(s).network.forNatGateway({ natGatewayId: nat.id }, core.models.NatGateway.LifecycleState.Available);
    assert.equal(ready?.natGateway.lifecycleState, 'AVAILABLE');

    const second = await ociError(s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: vcn.id } }));
    assert.equal(second.statusCode, 400);
    assert.equal(second.serviceCode, 'LimitExceeded');
    assert.equal(second.message, 'NAT gateway limit per VCN reached');

    const other = await newVcn('10.81.0.0/16', 'vcn-nat-2');
    const elsewhere = (await s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: other.id, displayName: 'nat' } })).natGateway;
    assert.notEqual(elsewhere.natIp, nat.natIp, 'each NAT gateway has its own address');

    const blocked = await s.network.updateNatGateway({ natGatewayId: nat.id, updateNatGatewayDetails: { blockTraffic: true, displayName: 'nat-blocked', freeformTags: { team: 'net' } } });
    assert.equal(blocked.natGateway.blockTraffic, true);
    assert.equal(blocked.natGateway.displayName, 'nat-blocked');
    assert.deepEqual(blocked.natGateway.freeformTags, { team: 'net' });
    assert.equal(blocked.natGateway.natIp, nat.natIp, 'the address stays');

    assert.deepEqual((await s.network.listNatGateways({ compartmentId, vcnId: vcn.id })).items.map((g) => g.id), [nat.id]);
    assert.deepEqual(new Set((await s.network.listNatGateways({ compartmentId, displayName: 'nat' })).items.map((g) => g.id)), new Set([elsewhere.id]));

    const { routeTable: foreignRt } = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: other.id, routeRules: [] } });
    const wrongRt = await ociError(s.network.updateNatGateway({ natGatewayId: nat.id, updateNatGatewayDetails: { routeTableId: foreignRt.id } }));
    assert.equal(wrongRt.serviceCode, 'InvalidParameter', 'a NAT gateway\'s route table is one of its own VCN');
    const publicIp = await ociError(s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: vcn.id, publicIpId: 'ocid1.publicip.oc1.iad.none' } }));
    assert.equal(publicIp.statusCode, 400);

    const moved = await s.network.changeNatGatewayCompartment({ natGatewayId: nat.id, changeNatGatewayCompartmentDetails: { compartmentId: compartment2 } });
    const afterMove = await s.network.getNatGateway({ natGatewayId: nat.id });
    assert.equal(afterMove.natGateway.compartmentId, compartment2);
    assert.equal(moved.etag, afterMove.etag, 'the move answers with the resource\'s new etag');
    assert.deepEqual((await s.network.listNatGateways({ compartmentId: compartment2 })).items.map((g) => g.id), [nat.id]);
    const nowhere = await ociError(s.network.changeNatGatewayCompartment({ natGatewayId: nat.id, changeNatGatewayCompartmentDetails: { compartmentId: 'ocid1.compartment.oc1..nope' } }));
    assert.equal(nowhere.statusCode, 404);

    const toNat = { destination: '0.0.0.0/0', destinationType: CidrBlock, networkEntityId: nat.id };
    const { routeTable: rt } = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: vcn.id, routeRules: [toNat] } });
    assert.equal(rt.routeRules[0]?.networkEntityId, nat.id);
    const inUse = await ociError(s.network.deleteNatGateway({ natGatewayId: nat.id }));
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.serviceCode, 'Conflict');
    const foreignTarget = await ociError(s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: other.id, routeRules: [toNat] } }));
    assert.equal(foreignTarget.serviceCode, 'InvalidParameter', 'a route rule targets a NAT gateway of its own VCN');
    await s.network.deleteRouteTable({ rtId: foreignRt.id });
    const vcnBusy = await ociError(s.network.deleteVcn({ vcnId: other.id }));
    assert.equal(vcnBusy.serviceCode, 'IncorrectState', 'a VCN with a NAT gateway is associated with a gateway in use');

    await s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [] } });
    await s.network.deleteNatGateway({ natGatewayId: nat.id });
    const gone = await fastWaiters(s).network.forNatGateway({ natGatewayId: nat.id }, core.models.NatGateway.LifecycleState.Terminated);
    assert.equal(gone?.natGateway.lifecycleState, 'TERMINATED');
    const late = await ociError(s.network.updateNatGateway({ natGatewayId: nat.id, updateNatGatewayDetails: { displayName: 'x' } }));
    assert.equal(late.statusCode, 409);
    const again = await s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: vcn.id } });
    assert.equal(again.natGateway.vcnId, vcn.id, 'a terminated gateway no longer counts against the limit');
  });

  void it('lists the region\'s Oracle services and gets one; the catalogue follows the region of the endpoint', async () => {
    const services = (await s.network.listServices({})).items;
    assert.deepEqual(services.map((x) => [x.name, x.cidrBlock]), [
      ['All IAD Services In Oracle Services Network', 'all-iad-services-in-oracle-services-network'],
      ['OCI IAD Object Storage', 'oci-iad-objectstorage'],
    ]);
    const first = services[0];
    assert.ok(first);
    assert.deepEqual((await s.network.getService({ serviceId: first.id })).service, first);
    const missing = await ociError(s.network.getService({ serviceId: 'ocid1.service.oc1.iad.nope' }));
    assert.equal(missing.statusCode, 404);
    const paged = await s.network.listServices({ limit: 1 });
    assert.equal(paged.items.length, 1);
    assert.ok(paged.opcNextPage, 'a second page follows');

    const frankfurt = await fetch(`${s.ociUrl}/eu-frankfurt-1/20160918/services`);
    const fra = (await frankfurt.json()) as { cidrBlock: string }[];
    assert.deepEqual(fra.map((x) => x.cidrBlock), ['all-fra-services-in-oracle-services-network', 'oci-fra-objectstorage']);
  });

  void it('runs a service gateway through its life: services, attach/detach, one per VCN, SERVICE_CIDR_BLOCK rules, compartment move', async () => {
    const [all, objectStorage] = (await s.network.listServices({})).items;
    assert.ok(all && objectStorage);
    const vcn = await newVcn('10.82.0.0/16', 'vcn-sgw');
    const noServices = await ociError(s.network.createServiceGateway({ createServiceGatewayDetails: { compartmentId, vcnId: vcn.id } as core.models.CreateServiceGatewayDetails }));
    assert.equal(noServices.serviceCode, 'MissingParameter', 'services is required (an empty list is fine)');
    const unknown = await ociError(s.network.createServiceGateway({ createServiceGatewayDetails: { compartmentId, vcnId: vcn.id, services: [{ serviceId: 'ocid1.service.oc1.iad.nope' }] } }));
    assert.equal(unknown.statusCode, 400);

    const { serviceGateway: sgw } = await s.network.createServiceGateway({ createServiceGatewayDetails: { compartmentId, vcnId: vcn.id, displayName: 'sgw', services: [{ serviceId: objectStorage.id }] } });
    assert.match(sgw.id, /^ocid1\.servicegateway\./);
    assert.equal(sgw.blockTraffic, false);
    assert.deepEqual(sgw.services, [{ serviceId: objectStorage.id, serviceName: objectStorage.name }]);
    await fastWaiters(s).network.forServiceGateway({ serviceGatewayId: sgw.id }, core.models.ServiceGateway.LifecycleState.Available);

    const second = await ociError(s.network.createServiceGateway({ createServiceGatewayDetails: { compartmentId, vcnId: vcn.id, services: [] } }));
    assert.equal(second.statusCode, 400);
    assert.equal(second.serviceCode, 'InvalidParameter', 'OCI answers the per-VCN limit with InvalidParameter');
    assert.equal(second.message, `The maximum limit of 1 for Service gateway per VCN has been exceeded in VCN ${vcn.id}.`);

    const attached = await s.network.attachServiceId({ serviceGatewayId: sgw.id, attachServiceDetails: { serviceId: all.id } });
    assert.deepEqual(attached.serviceGateway.services.map((x) => x.serviceName), [objectStorage.name, all.name]);
    const detached = await s.network.detachServiceId({ serviceGatewayId: sgw.id, detachServiceDetails: { serviceId: objectStorage.id } });
    assert.deepEqual(detached.serviceGateway.services.map((x) => x.serviceId), [all.id]);
    const kept = await s.network.updateServiceGateway({ serviceGatewayId: sgw.id, updateServiceGatewayDetails: { displayName: 'sgw-2', blockTraffic: true } });
    assert.deepEqual(kept.serviceGateway.services.map((x) => x.serviceId), [all.id], 'services left out of an update stay');
    assert.equal(kept.serviceGateway.blockTraffic, true);
    const cleared = await s.network.updateServiceGateway({ serviceGatewayId: sgw.id, updateServiceGatewayDetails: { services: [] } });
    assert.deepEqual(cleared.serviceGateway.services, [], 'an empty list disables every service');
    await s.network.updateServiceGateway({ serviceGatewayId: sgw.id, updateServiceGatewayDetails: { services: [{ serviceId: all.id }], blockTraffic: false } });

    const toServices = { destination: all.cidrBlock, destinationType: ServiceCidrBlock, networkEntityId: sgw.id };
    const { routeTable: rt } = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: vcn.id, routeRules: [toServices] } });
    assert.deepEqual(rt.routeRules.map((r) => [r.destination, r.destinationType, r.networkEntityId]), [[all.cidrBlock, 'SERVICE_CIDR_BLOCK', sgw.id]]);
    assert.equal(rt.routeRules[0]?.cidrBlock, undefined, 'the deprecated cidrBlock alias is for CIDR destinations');
    for (const [rule, why] of [
      [{ ...toServices, destinationType: CidrBlock }, 'a service gateway only takes a service CIDR label'],
      [{ ...toServices, destination: '0.0.0.0/0', destinationType: CidrBlock }, 'a service gateway only takes SERVICE_CIDR_BLOCK'],
      [{ ...toServices, destination: 'all-fra-services-in-oracle-services-network' }, 'another region\'s label'],
      [{ ...toServices, destination: 'not-a-label' }, 'not a service label'],
    ] as const) {
      const err = await ociError(s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [rule] } }));
      assert.equal(err.serviceCode, 'InvalidParameter', why);
    }
    const { natGateway: nat } = await s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: vcn.id } });
    const labelToNat = await ociError(s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [{ ...toServices, networkEntityId: nat.id }] } }));
    assert.equal(labelToNat.serviceCode, 'InvalidParameter', 'a SERVICE_CIDR_BLOCK destination only targets a service gateway');
    assert.equal((await s.network.getRouteTable({ rtId: rt.id })).routeTable.routeRules.length, 1, 'refused updates change nothing');

    const inUse = await ociError(s.network.deleteServiceGateway({ serviceGatewayId: sgw.id }));
    assert.equal(inUse.serviceCode, 'Conflict');
    await s.network.changeServiceGatewayCompartment({ serviceGatewayId: sgw.id, changeServiceGatewayCompartmentDetails: { compartmentId: compartment2 } });
    assert.deepEqual((await s.network.listServiceGateways({ compartmentId: compartment2, vcnId: vcn.id })).items.map((g) => g.id), [sgw.id]);
    assert.deepEqual((await s.network.listServiceGateways({ compartmentId, vcnId: vcn.id })).items, []);

    await s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [] } });
    await s.network.deleteServiceGateway({ serviceGatewayId: sgw.id });
    const gone = await fastWaiters(s).network.forServiceGateway({ serviceGatewayId: sgw.id }, core.models.ServiceGateway.LifecycleState.Terminated);
    assert.equal(gone?.serviceGateway.lifecycleState, 'TERMINATED');
    const late = await ociError(s.network.attachServiceId({ serviceGatewayId: sgw.id, attachServiceDetails: { serviceId: all.id } }));
    assert.equal(late.statusCode, 409);
  });

  void it('runs local peering gateways through a peering: NEW → PEERED with the peer\'s CIDRs, refusals, REVOKED when the peer goes', async () => {
    const hub = await newVcn('10.90.0.0/16', 'vcn-hub');
    const spoke = await newVcn('10.91.0.0/16', 'vcn-spoke');
    const overlapping = await newVcn('10.91.128.0/17', 'vcn-overlap');
    const lpg = async (vcnId: string, name: string, routeTableId?: string) =>
      (await s.network.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId, vcnId, displayName: name, ...(routeTableId === undefined ? {} : { routeTableId }) } })).localPeeringGateway;
    const a = await lpg(hub.id, 'lpg-hub');
    const b = await lpg(spoke.id, 'lpg-spoke');
    assert.equal(a.peeringStatus, 'NEW');
    assert.equal(a.isCrossTenancyPeering, false);
    assert.equal(a.peerAdvertisedCidr, undefined, 'null until peered');

    const missing = await ociError(s.network.connectLocalPeeringGateways({ localPeeringGatewayId: a.id, connectLocalPeeringGatewaysDetails: {} as core.models.ConnectLocalPeeringGatewaysDetails }));
    assert.equal(missing.statusCode, 400, 'peerId is required');
    const sameVcn = await lpg(hub.id, 'lpg-hub-2');
    const self = await ociError(s.network.connectLocalPeeringGateways({ localPeeringGatewayId: a.id, connectLocalPeeringGatewaysDetails: { peerId: sameVcn.id } }));
    assert.equal(self.serviceCode, 'InvalidParameter', 'peering joins two VCNs');
    const c = await lpg(overlapping.id, 'lpg-overlap');
    const clash = await ociError(s.network.connectLocalPeeringGateways({ localPeeringGatewayId: c.id, connectLocalPeeringGatewaysDetails: { peerId: b.id } }));
    assert.equal(clash.serviceCode, 'InvalidParameter', 'peered VCNs must not overlap');
    assert.equal((await s.network.getLocalPeeringGateway({ localPeeringGatewayId: b.id })).localPeeringGateway.peeringStatus, 'NEW', 'a refused connect changes nothing');

    const connected = await s.network.connectLocalPeeringGateways({ localPeeringGatewayId: a.id, connectLocalPeeringGatewaysDetails: { peerId: b.id } });
    assert.ok(connected.opcRequestId !== undefined);
    const [pa, pb] = await Promise.all([a, b].map(async (x) => (await s.network.getLocalPeeringGateway({ localPeeringGatewayId: x.id })).localPeeringGateway));
    assert.equal(pa?.peeringStatus, 'PEERED');
    assert.equal(pb?.peeringStatus, 'PEERED');
    assert.equal(pa?.peerId, b.id);
    assert.equal(pb?.peerId, a.id);
    assert.equal(pa?.peerAdvertisedCidr, '10.91.0.0/16');
    assert.deepEqual(pa?.peerAdvertisedCidrDetails, ['10.91.0.0/16']);
    assert.equal(pb?.peerAdvertisedCidr, '10.90.0.0/16');

    const again = await ociError(s.network.connectLocalPeeringGateways({ localPeeringGatewayId: a.id, connectLocalPeeringGatewaysDetails: { peerId: c.id } }));
    assert.equal(again.serviceCode, 'InvalidParameter');
    assert.equal(again.message, `The Local Peering Gateway with ID ${a.id} has already been connected.`);

    // Transit: the hub LPG's route table adds what it routes to the CIDRs the spoke sees.
    const { routeTable: transit } = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: hub.id, routeRules: [] } });
    await s.network.updateLocalPeeringGateway({ localPeeringGatewayId: a.id, updateLocalPeeringGatewayDetails: { routeTableId: transit.id, displayName: 'lpg-hub-transit' } });
    const { natGateway: nat } = await s.network.createNatGateway({ createNatGatewayDetails: { compartmentId, vcnId: hub.id } });
    await s.network.updateRouteTable({ rtId: transit.id, updateRouteTableDetails: { routeRules: [{ destination: '192.168.0.0/24', destinationType: CidrBlock, networkEntityId: nat.id }] } });
    const seen = (await s.network.getLocalPeeringGateway({ localPeeringGatewayId: b.id })).localPeeringGateway;
    assert.deepEqual(seen.peerAdvertisedCidrDetails, ['10.90.0.0/16', '192.168.0.0/24']);
    assert.equal(seen.peerAdvertisedCidr, '0.0.0.0/0', 'the smallest aggregate holding both');

    const toHub = { destination: '10.90.0.0/16', destinationType: CidrBlock, networkEntityId: b.id };
    const { routeTable: rt } = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: spoke.id, routeRules: [toHub] } });
    const inUse = await ociError(s.network.deleteLocalPeeringGateway({ localPeeringGatewayId: b.id }));
    assert.equal(inUse.serviceCode, 'Conflict');
    const vcnBusy = await ociError(s.network.deleteVcn({ vcnId: overlapping.id }));
    assert.equal(vcnBusy.serviceCode, 'IncorrectState', 'a VCN with an LPG is associated with a gateway in use');

    await s.network.changeLocalPeeringGatewayCompartment({ localPeeringGatewayId: a.id, changeLocalPeeringGatewayCompartmentDetails: { compartmentId: compartment2 } });
    assert.deepEqual((await s.network.listLocalPeeringGateways({ compartmentId: compartment2 })).items.map((x) => x.id), [a.id]);
    assert.deepEqual(new Set((await s.network.listLocalPeeringGateways({ compartmentId, vcnId: hub.id })).items.map((x) => x.id)), new Set([sameVcn.id]));

    await s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [] } });
    await s.network.deleteLocalPeeringGateway({ localPeeringGatewayId: b.id });
    const revoked = (await s.network.getLocalPeeringGateway({ localPeeringGatewayId: a.id })).localPeeringGateway;
    assert.equal(revoked.peeringStatus, 'REVOKED', 'the other side is revoked when its peer goes');
    assert.equal(revoked.peerAdvertisedCidr, undefined);
    const reconnect = await ociError(s.network.connectLocalPeeringGateways({ localPeeringGatewayId: a.id, connectLocalPeeringGatewaysDetails: { peerId: c.id } }));
    assert.equal(reconnect.serviceCode, 'InvalidParameter', 'a revoked LPG does not peer again (OCI answers "already been connected")');

    const many = await newVcn('10.92.0.0/16', 'vcn-many');
    for (let i = 0; i < 10; i++) await lpg(many.id, `lpg-${i}`);
    const eleventh = await ociError(s.network.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId, vcnId: many.id } }));
    assert.equal(eleventh.serviceCode, 'InvalidParameter');
    assert.match(eleventh.message, /maximum limit of 10 for Local peering gateway per VCN/);
  });
});
