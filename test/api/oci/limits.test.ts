// OCI's per-resource limits through the official SDK over HTTP: each one refused with the code and
// message OCI gives it (InvalidParameter, not LimitExceeded: docs/error-code-sources.md 21b-21h),
// and nothing stored changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { core, ociError, startOciServer, type OciTestServer, ASHBURN_IMAGE_ID } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const { Ingress } = core.models.AddSecurityRuleDetails.Direction;

/** n distinct ingress rules (TCP ports from `first`). */
function ingressRules(n: number, first = 1000): core.models.AddSecurityRuleDetails[] {
  return Array.from({ length: n }, (_, i) => ({ direction: Ingress, protocol: '6', source: '10.0.0.0/8', tcpOptions: { destinationPortRange: { min: first + i, max: first + i } } }));
}

void describe('OCI API: per-VCN and per-resource limits', () => {
  let s: OciTestServer;
  let vcn: core.models.Vcn;

  before(async () => {
    s = await startOciServer();
    vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-limits', cidrBlocks: ['10.0.0.0/16'] } })).vcn;
  });
  after(async () => {
    await s.close();
  });

  const invalid = (e: { statusCode: number; serviceCode: string; message: string }) => [e.statusCode, e.serviceCode, e.message];

  void it('a second internet gateway in a VCN: 400 InvalidParameter "The maximum limit of 1 for Internet gateway per VCN…"', async () => {
    const { internetGateway: igw } = await s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: vcn.id, isEnabled: true } });
    const second = await ociError(s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: vcn.id, isEnabled: true } }));
    assert.deepEqual(invalid(second), [400, 'InvalidParameter', `The maximum limit of 1 for Internet gateway per VCN has been exceeded in VCN ${vcn.id}.`]);
    assert.deepEqual((await s.network.listInternetGateways({ compartmentId, vcnId: vcn.id })).items.map((g) => g.id), [igw.id]);
  });

  void it('a sixth CIDR block: 400 InvalidParameter on create and on addVcnCidr; the VCN keeps its five', async () => {
    const six = ['10.10.0.0/16', '10.11.0.0/16', '10.12.0.0/16', '10.13.0.0/16', '10.14.0.0/16', '10.15.0.0/16'];
    const onCreate = await ociError(s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'six', cidrBlocks: six } }));
    assert.deepEqual(invalid(onCreate), [400, 'InvalidParameter', 'The maximum limit of 5 for CIDR block per VCN has been exceeded.']);
    assert.ok(!(await s.network.listVcns({ compartmentId })).items.some((v) => v.displayName === 'six'));

    const { vcn: five } = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'five', cidrBlocks: six.slice(0, 5) } });
    const onAdd = await ociError(s.network.addVcnCidr({ vcnId: five.id, addVcnCidrDetails: { cidrBlock: '10.15.0.0/16' } }));
    assert.deepEqual(invalid(onAdd), [400, 'InvalidParameter', `The maximum limit of 5 for CIDR block per VCN has been exceeded in VCN ${five.id}.`]);
    assert.deepEqual((await s.network.getVcn({ vcnId: five.id })).vcn.cidrBlocks, six.slice(0, 5));
  });

  void it('26 NSG rules in one call are refused and none is added; 25 are fine', async () => {
    const { networkSecurityGroup: nsg } = await s.network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: vcn.id, displayName: 'nsg-batch' } });
    const add = (rules: core.models.AddSecurityRuleDetails[]) =>
      s.network.addNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, addNetworkSecurityGroupSecurityRulesDetails: { securityRules: rules } });
    const tooMany = await ociError(add(ingressRules(26)));
    assert.deepEqual(invalid(tooMany), [400, 'InvalidParameter', 'securityRules size must be between 0 and 25']);
    assert.deepEqual((await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id })).items, []);
    const added = await add(ingressRules(25));
    assert.equal(added.addedNetworkSecurityGroupSecurityRules.securityRules?.length, 25);
  });

  void it('an NSG past 120 rules: 400 InvalidParameter "Total security rules count 121 cannot be greater than 120."; nothing added', async () => {
    const { networkSecurityGroup: nsg } = await s.network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: vcn.id, displayName: 'nsg-full' } });
    const add = (rules: core.models.AddSecurityRuleDetails[]) =>
      s.network.addNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, addNetworkSecurityGroupSecurityRulesDetails: { securityRules: rules } });
    for (let batch = 0; batch < 4; batch++) await add(ingressRules(25, 2000 + batch * 25));
    const past = await ociError(add(ingressRules(21, 3000)));
    assert.deepEqual(invalid(past), [400, 'InvalidParameter', 'Total security rules count 121 cannot be greater than 120.']);
    const listed = await s.network.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, limit: 1000 });
    assert.equal(listed.items.length, 100);
  });

  void it('a route table with 201 rules: 400 InvalidParameter naming the count; no table is made', async () => {
    const { vcn: v } = await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-routes', cidrBlocks: ['10.1.0.0/16'] } });
    const { internetGateway: igw } = await s.network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: v.id, isEnabled: true } });
    const routeRules = (n: number) => Array.from({ length: n }, (_, i) => ({ destination: `172.16.${i}.0/24`, networkEntityId: igw.id }));
    const err = await ociError(s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: v.id, displayName: 'rt-big', routeRules: routeRules(201) } }));
    assert.deepEqual(invalid(err), [400, 'InvalidParameter', "The requested route rule count '201' is invalid for this request type."]);
    assert.ok(!(await s.network.listRouteTables({ compartmentId, vcnId: v.id })).items.some((t) => t.displayName === 'rt-big'));
    const full = await s.network.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: v.id, displayName: 'rt-full', routeRules: routeRules(200) } });
    assert.equal(full.routeTable.routeRules.length, 200);
  });

  void it('a subnet with six security lists: 400 InvalidParameter "securityListIds size must be between 0 and 5"', async () => {
    const lists = await Promise.all(Array.from({ length: 6 }, (_, i) => s.network.createSecurityList({
      createSecurityListDetails: { compartmentId, vcnId: vcn.id, displayName: `sl-${i}`, ingressSecurityRules: [], egressSecurityRules: [] },
    })));
    const err = await ociError(s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.0.9.0/24', displayName: 'six-lists', securityListIds: lists.map((l) => l.securityList.id) } }));
    assert.deepEqual(invalid(err), [400, 'InvalidParameter', 'securityListIds size must be between 0 and 5']);
    assert.ok(!(await s.network.listSubnets({ compartmentId, vcnId: vcn.id })).items.some((x) => x.displayName === 'six-lists'));
  });

  void it('a VNIC in six NSGs: 400 InvalidParameter "createVnicDetails.nsgIds size must be between 0 and 5"; no instance is launched', async () => {
    const { subnet } = await s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.0.5.0/24', displayName: 'vms' } });
    const nsgs = await Promise.all(Array.from({ length: 6 }, (_, i) => s.network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: vcn.id, displayName: `nsg-vm-${i}` } })));
    const err = await ociError(s.compute.launchInstance({
      launchInstanceDetails: {
        compartmentId, availabilityDomain: 'Uocm:US-ASHBURN-AD-1', displayName: 'six-nsgs', shape: 'VM.Standard.E4.Flex',
        sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID },
        createVnicDetails: { subnetId: subnet.id, nsgIds: nsgs.map((n) => n.networkSecurityGroup.id) },
      },
    }));
    assert.deepEqual(invalid(err), [400, 'InvalidParameter', 'createVnicDetails.nsgIds size must be between 0 and 5']);
    assert.ok(!(await s.compute.listInstances({ compartmentId })).items.some((i) => i.displayName === 'six-nsgs'));
  });
});
