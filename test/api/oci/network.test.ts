// VCN contents through the official SDK over HTTP: subnets, route tables, security lists, NSGs
// (with their rule sub-collection and VNIC members) and internet gateways. Each resource's life,
// the list filters, and the refusals users meet (bad or overlapping CIDRs, things still in use).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { core, fastWaiters, ociError, startOciServer, type OciTestServer, ASHBURN_IMAGE_ID } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const AD = 'Uocm:US-ASHBURN-AD-1';
const { Available, Terminated } = core.models.Subnet.LifecycleState;

void describe('OCI API: subnets, route tables, security lists, NSGs and internet gateways', () => {
  let s: OciTestServer;
  let vcn: core.models.Vcn;

  before(async () => {
    s = await startOciServer();
    const created = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-main', cidrBlocks: ['10.0.0.0/16'], dnsLabel: 'main' } });
    vcn = created.vcn;
  });
  after(async () => {
    await s.close();
  });

  const newSubnet = (cidrBlock: string, displayName: string, extra: Partial<core.models.CreateSubnetDetails> = {}) =>
    s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock, displayName, ...extra } });

  void it('runs a subnet through its life: defaults from the VCN, waiter, update with if-match, filters, TERMINATED', async () => {
    const created = await newSubnet('10.0.1.0/24', 'app', { dnsLabel: 'app' });
    const subnet = created.subnet;
    assert.equal(subnet.lifecycleState, 'PROVISIONING');
    assert.ok(created.etag, 'create answers with an etag');
    assert.equal(subnet.routeTableId, vcn.defaultRouteTableId);
    assert.deepEqual(subnet.securityListIds, [vcn.defaultSecurityListId]);
    assert.equal(subnet.dhcpOptionsId, vcn.defaultDhcpOptionsId);
    assert.equal(subnet.virtualRouterIp, '10.0.1.1');
    assert.equal(subnet.subnetDomainName, 'app.main.oraclevcn.com');
    assert.equal(subnet.availabilityDomain, null, 'regional by default');

    const waiters = fastWaiters(s);
    const ready = await waiters.network.forSubnet({ subnetId: subnet.id }, Available);
    assert.equal(ready?.subnet.lifecycleState, 'AVAILABLE');

    const got = await s.network.getSubnet({ subnetId: subnet.id });
    const renamed = await s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { displayName: 'app-renamed', freeformTags: { team: 'net' } }, ifMatch: got.etag });
    assert.equal(renamed.subnet.displayName, 'app-renamed');
    assert.deepEqual(renamed.subnet.freeformTags, { team: 'net' });
    assert.notEqual(renamed.etag, got.etag, 'a visible change gives a new etag');
    const stale = await ociError(s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { displayName: 'x' }, ifMatch: got.etag }));
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.serviceCode, 'NoEtagMatch');

    const other = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-other', cidrBlocks: ['10.50.0.0/16'] } });
    const elsewhere = await s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: other.vcn.id, cidrBlock: '10.50.1.0/24', displayName: 'app-renamed' } });
    const byVcn = await s.network.listSubnets({ compartmentId, vcnId: vcn.id, displayName: 'app-renamed' });
    assert.deepEqual(byVcn.items.map((x) => x.id), [subnet.id], 'the vcnId filter leaves out the other VCN\'s subnet of the same name');
    const byName = await s.network.listSubnets({ compartmentId, displayName: 'app-renamed' });
    assert.deepEqual(new Set(byName.items.map((x) => x.id)), new Set([subnet.id, elsewhere.subnet.id]));

    await s.network.deleteSubnet({ subnetId: subnet.id });
    const gone = await waiters.network.forSubnet({ subnetId: subnet.id }, Terminated);
    assert.equal(gone?.subnet.lifecycleState, 'TERMINATED', 'a deleted subnet stays readable for waiters');
    const terminated = await s.network.listSubnets({ compartmentId, vcnId: vcn.id, lifecycleState: core.models.Subnet.LifecycleState.Terminated });
    assert.ok(terminated.items.some((x) => x.id === subnet.id));
    const available = await s.network.listSubnets({ compartmentId, vcnId: vcn.id, lifecycleState: Available });
    assert.ok(!available.items.some((x) => x.id === subnet.id));
    const renameGone = await ociError(s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { displayName: 'y' } }));
    assert.equal(renameGone.statusCode, 409);
  });

  void it('refuses bad subnet CIDRs: malformed, host bits set, outside the VCN, overlapping a sibling', async () => {
    await newSubnet('10.0.2.0/24', 'taken');
    for (const [cidrBlock, why] of [['10.0.300.0/24', 'not an address'], ['10.0.3.7/24', 'host bits'], ['192.168.0.0/24', 'outside the VCN'], ['10.0.2.128/25', 'overlaps 10.0.2.0/24']]) {
      const err = await ociError(newSubnet(cidrBlock ?? '', 'bad'));
      assert.equal(err.statusCode, 400, why);
      assert.equal(err.serviceCode, 'InvalidParameter', why);
    }
    const overlap = await ociError(newSubnet('10.0.0.0/22', 'bad'));
    assert.match(overlap.message, /10\.0\.2\.0\/24/, 'the message names the subnet in the way');
    const missing = await ociError(s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id } }));
    assert.equal(missing.serviceCode, 'MissingParameter');
  });

  void it('resizes a subnet keeping its network address and the addresses in use', async () => {
    const { subnet } = await newSubnet('10.0.4.0/25', 'grow');
    const grown = await s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { cidrBlock: '10.0.4.0/24' } });
    assert.equal(grown.subnet.lifecycleState, 'UPDATING');
    const settled = await fastWaiters(s).network.forSubnet({ subnetId: subnet.id }, Available);
    assert.equal(settled?.subnet.cidrBlock, '10.0.4.0/24');
    assert.deepEqual(settled.subnet.ipv4CidrBlocks, ['10.0.4.0/24']);
    const moved = await ociError(s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { cidrBlock: '10.0.5.0/24' } }));
    assert.equal(moved.serviceCode, 'InvalidParameter', 'another network address is refused');

    await s.compute.launchInstance({
      launchInstanceDetails: {
        compartmentId, availabilityDomain: AD, displayName: 'vm-grow', shape: 'VM.Standard.E4.Flex',
        sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: subnet.id, privateIp: '10.0.4.200' },
      },
    });
    const shrink = await ociError(s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { cidrBlock: '10.0.4.0/25' } }));
    assert.equal(shrink.serviceCode, 'InvalidParameter');
    assert.match(shrink.message, /10\.0\.4\.200/, 'the address in use is named');
    const busy = await ociError(s.network.deleteSubnet({ subnetId: subnet.id }));
    assert.equal(busy.statusCode, 409, 'a subnet with a VNIC cannot be deleted');
  });

  void it('refuses to delete a VCN that still has subnets (409 Conflict), then deletes it once empty', async () => {
    const { vcn: v } = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-busy', cidrBlocks: ['10.60.0.0/16'] } });
    const { subnet } = await s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: v.id, cidrBlock: '10.60.1.0/24' } });
    const err = await ociError(s.network.deleteVcn({ vcnId: v.id }));
    assert.equal(err.statusCode, 409);
    assert.equal(err.serviceCode, 'Conflict');
    assert.match(err.message, new RegExp(subnet.id.replace(/\./g, '\\.')));
    await s.network.deleteSubnet({ subnetId: subnet.id });
    await s.network.deleteVcn({ vcnId: v.id });
    assert.equal((await s.network.getVcn({ vcnId: v.id })).vcn.lifecycleState, 'TERMINATED');
  });

  void it('runs an internet gateway and a route table through their lives; neither goes while still referenced', async () => {
    const { vcn: v } = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-igw', cidrBlocks: ['10.70.0.0/16'] } });
    const { internetGateway: igw } = await s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: v.id, isEnabled: true, displayName: 'igw' } });
    assert.equal(igw.isEnabled, true);
    const second = await ociError(s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: v.id, isEnabled: true } }));
    assert.deepEqual([second.statusCode, second.serviceCode], [400, 'InvalidParameter'], 'one internet gateway per VCN');
    const noFlag = await ociError(s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: vcn.id } as core.models.CreateInternetGatewayDetails }));
    assert.equal(noFlag.serviceCode, 'MissingParameter');
    const disabled = await s.network.updateInternetGateway({ igId: igw.id, updateInternetGatewayDetails: { isEnabled: false } });
    assert.equal(disabled.internetGateway.isEnabled, false);
    assert.deepEqual((await s.network.listInternetGateways({ compartmentId, vcnId: v.id })).items.map((g) => g.id), [igw.id]);

    const toInternet = { destination: '0.0.0.0/0', destinationType: core.models.RouteRule.DestinationType.CidrBlock, networkEntityId: igw.id };
    const { routeTable: rt } = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: v.id, displayName: 'rt-public', routeRules: [toInternet] } });
    assert.equal(rt.routeRules[0]?.networkEntityId, igw.id);
    await fastWaiters(s).network.forRouteTable({ rtId: rt.id }, core.models.RouteTable.LifecycleState.Available);
    const inUse = await ociError(s.network.deleteInternetGateway({ igId: igw.id }));
    assert.equal(inUse.statusCode, 409, 'a route rule still targets the gateway');

    const badTarget = await ociError(s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [{ ...toInternet, networkEntityId: 'ocid1.internetgateway.oc1.iad.nope' }] } }));
    assert.equal(badTarget.statusCode, 400);
    const listed = await s.network.listRouteTables({ compartmentId, vcnId: v.id });
    assert.deepEqual(new Set(listed.items.map((t) => t.id)), new Set([rt.id, v.defaultRouteTableId]));
    assert.deepEqual((await s.network.listRouteTables({ compartmentId, vcnId: v.id, displayName: 'rt-public' })).items.map((t) => t.id), [rt.id]);

    const { subnet } = await s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: v.id, cidrBlock: '10.70.1.0/24', routeTableId: rt.id } });
    const rtInUse = await ociError(s.network.deleteRouteTable({ rtId: rt.id }));
    assert.equal(rtInUse.statusCode, 409, 'a subnet still uses the route table');
    assert.ok(v.defaultRouteTableId);
    const defaultRt = await ociError(s.network.deleteRouteTable({ rtId: v.defaultRouteTableId }));
    assert.equal(defaultRt.statusCode, 409, 'the VCN\'s default route table cannot be deleted');

    const emptied = await s.network.updateRouteTable({ rtId: rt.id, updateRouteTableDetails: { routeRules: [] } });
    assert.deepEqual(emptied.routeTable.routeRules, [], 'PUT replaces the rules as a whole');
    await s.network.deleteSubnet({ subnetId: subnet.id });
    await s.network.deleteRouteTable({ rtId: rt.id });
    await s.network.deleteInternetGateway({ igId: igw.id });
    assert.equal((await s.network.getRouteTable({ rtId: rt.id })).routeTable.lifecycleState, 'TERMINATED');
    assert.equal((await s.network.getInternetGateway({ igId: igw.id })).internetGateway.lifecycleState, 'TERMINATED');
  });

  void it('runs a security list through its life; PUT replaces only the arrays it sends', async () => {
    const https: core.models.IngressSecurityRule = { protocol: '6', source: '0.0.0.0/0', tcpOptions: { destinationPortRange: { min: 443, max: 443 } } };
    const all: core.models.EgressSecurityRule = { protocol: 'all', destination: '0.0.0.0/0' };
    const { securityList: sl } = await s.network.createSecurityList({
      createSecurityListDetails: { compartmentId, vcnId: vcn.id, displayName: 'sl-web', ingressSecurityRules: [https], egressSecurityRules: [all] },
    });
    assert.equal(sl.ingressSecurityRules[0]?.tcpOptions?.destinationPortRange?.min, 443);
    assert.equal(sl.ingressSecurityRules[0]?.isStateless, false, 'stateful unless asked');

    const ssh = { ...https, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } };
    const updated = await s.network.updateSecurityList({ securityListId: sl.id, updateSecurityListDetails: { ingressSecurityRules: [ssh] } });
    assert.deepEqual(updated.securityList.ingressSecurityRules.map((r) => r.tcpOptions?.destinationPortRange?.min), [22]);
    assert.equal(updated.securityList.egressSecurityRules.length, 1, 'egress rules not sent are kept');
    const badPort = await ociError(s.network.updateSecurityList({ securityListId: sl.id, updateSecurityListDetails: { ingressSecurityRules: [{ ...https, tcpOptions: { destinationPortRange: { min: 0, max: 70000 } } }] } }));
    assert.equal(badPort.serviceCode, 'InvalidParameter');

    const named = await s.network.listSecurityLists({ compartmentId, vcnId: vcn.id, displayName: 'sl-web' });
    assert.deepEqual(named.items.map((x) => x.id), [sl.id]);
    const { subnet } = await newSubnet('10.0.6.0/24', 'uses-sl', { securityListIds: [sl.id] });
    assert.equal((await ociError(s.network.deleteSecurityList({ securityListId: sl.id }))).statusCode, 409, 'a subnet still uses it');
    assert.ok(vcn.defaultSecurityListId);
    assert.equal((await ociError(s.network.deleteSecurityList({ securityListId: vcn.defaultSecurityListId }))).statusCode, 409, 'the default list stays');
    await s.network.deleteSubnet({ subnetId: subnet.id });
    await s.network.deleteSecurityList({ securityListId: sl.id });
    assert.equal((await s.network.getSecurityList({ securityListId: sl.id })).securityList.lifecycleState, 'TERMINATED');
  });

  void it('manages NSG rules: add, list by direction and page by page, update in place, remove', async () => {
    const { networkSecurityGroup: nsg } = await s.network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: vcn.id, displayName: 'nsg-app' } });
    const renamed = await s.network.updateNetworkSecurityGroup({ networkSecurityGroupId: nsg.id, updateNetworkSecurityGroupDetails: { displayName: 'nsg-web' } });
    assert.equal(renamed.networkSecurityGroup.displayName, 'nsg-web');
    const { Ingress, Egress } = core.models.AddSecurityRuleDetails.Direction;
    const ingress = (port: number): core.models.AddSecurityRuleDetails => ({ direction: Ingress, protocol: '6', source: '10.0.0.0/16', tcpOptions: { destinationPortRange: { min: port, max: port } } });
    const added = await s.network.addNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: nsg.id,
      addNetworkSecurityGroupSecurityRulesDetails: { securityRules: [ingress(80), ingress(443), ingress(8080), { direction: Egress, protocol: 'all', destination: '0.0.0.0/0' }, { direction: Egress, protocol: '17', destination: '10.0.0.0/8' }] },
    });
    const rules = added.addedNetworkSecurityGroupSecurityRules.securityRules ?? [];
    assert.equal(rules.length, 5);
    assert.equal(new Set(rules.map((r) => r.id)).size, 5, 'the server gives each rule its own id');
    assert.ok(rules.every((r) => r.isValid === true && typeof r.timeCreated === 'string'));

    const egress = await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, direction: core.requests.ListNetworkSecurityGroupSecurityRulesRequest.Direction.Egress });
    assert.deepEqual(egress.items.map((r) => r.direction), ['EGRESS', 'EGRESS']);
    const firstPage = await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, limit: 2 });
    assert.equal(firstPage.items.length, 2);
    assert.ok(firstPage.opcNextPage, 'more rules remain');
    const paged: string[] = [];
    for await (const r of s.network.listNetworkSecurityGroupSecurityRulesRecordIterator({ networkSecurityGroupId: nsg.id, limit: 2 })) paged.push(r.id ?? '');
    assert.deepEqual(new Set(paged), new Set(rules.map((r) => r.id)), 'the iterator walks every page once');
    assert.equal(paged.length, 5);
    const asc = await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, sortOrder: core.requests.ListNetworkSecurityGroupSecurityRulesRequest.SortOrder.Asc });
    assert.deepEqual(asc.items.map((r) => r.id), [...paged].reverse(), 'ASC is the default (DESC) order reversed');

    const target = rules[0];
    const Update = core.models.UpdateSecurityRuleDetails.Direction;
    assert.ok(target?.id);
    const updated = await s.network.updateNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: nsg.id,
      updateNetworkSecurityGroupSecurityRulesDetails: { securityRules: [{ id: target.id, direction: Update.Ingress, protocol: '6', source: '10.1.0.0/16', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }] },
    });
    const after = updated.updatedNetworkSecurityGroupSecurityRules.securityRules?.[0];
    assert.equal(after?.id, target.id, 'the rule keeps its id');
    assert.equal(after.source, '10.1.0.0/16');
    assert.equal(after.timeCreated, target.timeCreated);
    const unknown = await ociError(s.network.updateNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: nsg.id, updateNetworkSecurityGroupSecurityRulesDetails: { securityRules: [{ id: 'NOSUCH', direction: Update.Ingress, protocol: 'all', source: '0.0.0.0/0' }] },
    }));
    assert.equal(unknown.statusCode, 400);

    await s.network.removeNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, removeNetworkSecurityGroupSecurityRulesDetails: { securityRuleIds: [target.id] } });
    const left = await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id });
    assert.equal(left.items.length, 4);
    assert.ok(!left.items.some((r) => r.id === target.id));
    const again = await ociError(s.network.removeNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, removeNetworkSecurityGroupSecurityRulesDetails: { securityRuleIds: [target.id] } }));
    assert.equal(again.statusCode, 400);
  });

  void it('lists NSGs by VCN, shows their VNICs, and marks rules naming a deleted NSG invalid', async () => {
    const { vcn: v } = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-nsg', cidrBlocks: ['10.80.0.0/16'] } });
    const mk = async (displayName: string) => (await s.network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: v.id, displayName } })).networkSecurityGroup;
    const [web, db] = [await mk('web'), await mk('db')];
    const listed = await s.network.listNetworkSecurityGroups({ vcnId: v.id });
    assert.deepEqual(new Set(listed.items.map((n) => n.id)), new Set([web.id, db.id]), 'vcnId alone is enough (compartmentId is optional here)');
    assert.deepEqual((await s.network.listNetworkSecurityGroups({ compartmentId, vcnId: v.id, displayName: 'db' })).items.map((n) => n.id), [db.id]);

    const { subnet } = await s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: v.id, cidrBlock: '10.80.1.0/24' } });
    const launched = await s.compute.launchInstance({
      launchInstanceDetails: {
        compartmentId, availabilityDomain: AD, displayName: 'vm-web', shape: 'VM.Standard.E4.Flex',
        sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: subnet.id, nsgIds: [web.id] },
      },
    });
    const members = await s.network.listNetworkSecurityGroupVnics({ networkSecurityGroupId: web.id });
    assert.equal(members.items.length, 1);
    assert.equal(members.items[0]?.resourceId, launched.instance.id);
    const attachments = await s.compute.listVnicAttachments({ compartmentId, instanceId: launched.instance.id });
    assert.equal(members.items[0]?.vnicId, attachments.items[0]?.vnicId);
    assert.deepEqual((await s.network.listNetworkSecurityGroupVnics({ networkSecurityGroupId: db.id })).items, []);
    assert.equal((await ociError(s.network.deleteNetworkSecurityGroup({ networkSecurityGroupId: web.id }))).statusCode, 409, 'a VNIC is still in it');

    const { Ingress } = core.models.AddSecurityRuleDetails.Direction;
    await s.network.addNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: web.id,
      addNetworkSecurityGroupSecurityRulesDetails: { securityRules: [{ direction: Ingress, protocol: '6', source: db.id, sourceType: core.models.AddSecurityRuleDetails.SourceType.NetworkSecurityGroup }] },
    });
    await s.network.deleteNetworkSecurityGroup({ networkSecurityGroupId: db.id });
    assert.equal((await s.network.getNetworkSecurityGroup({ networkSecurityGroupId: db.id })).networkSecurityGroup.lifecycleState, 'TERMINATED');
    const rules = await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: web.id });
    assert.deepEqual(rules.items.map((r) => [r.source, r.isValid]), [[db.id, false]], 'a rule naming a deleted NSG stays, marked invalid');
  });
});
