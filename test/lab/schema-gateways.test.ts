// The lab schema's NAT, service and local peering gateways and DHCP options: accepted when every
// name resolves, and each mistake reported at the lab path that holds it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabSchema } from '../../src/lab/schema.ts';
import { issues, rejects } from './schema-issues.ts';

interface Rule { destination: string; target: string }
interface Lpg { name: string; peer?: { vcn: string; lpg: string }; routeTable?: string }

function hubVcn() {
  return {
    name: 'vcn-hub',
    cidrs: ['10.10.0.0/16'],
    subnets: [{ name: 'subnet-hub', cidr: '10.10.1.0/24', routeTable: 'rt-hub', dhcpOptions: 'dhcp-corp' }],
    routeTables: [
      { name: 'rt-hub', rules: [{ destination: '0.0.0.0/0', target: 'nat:nat-hub' }, { destination: 'service:objectstorage', target: 'sgw:sgw-hub' }, { destination: '10.11.0.0/16', target: 'lpg:lpg-hub' }] as Rule[] },
      { name: 'rt-transit', rules: [] as Rule[] },
    ],
    natGateway: { name: 'nat-hub', routeTable: undefined as string | undefined },
    serviceGateway: { name: 'sgw-hub', services: 'all' as string },
    localPeeringGateways: [{ name: 'lpg-hub', peer: { vcn: 'vcn-spoke', lpg: 'lpg-spoke' }, routeTable: 'rt-transit' }] as Lpg[],
    dhcpOptions: [{ name: 'dhcp-corp', dnsServers: ['10.10.1.53'] as string[] | undefined, searchDomain: 'corp.example.com' }],
  };
}

function spokeVcn() {
  return {
    name: 'vcn-spoke',
    cidrs: ['10.11.0.0/16'],
    subnets: [{ name: 'subnet-spoke', cidr: '10.11.1.0/24' }],
    defaultRouteTable: { rules: [{ destination: '10.10.0.0/16', target: 'lpg:lpg-spoke' }] as Rule[] },
    localPeeringGateways: [{ name: 'lpg-spoke' }] as Lpg[],
  };
}

/** Hub and spoke VCNs with every new field; tests change one thing and look at the issues. */
function base() {
  return {
    name: 'gateways-test',
    oci: { region: 'us-ashburn-1', vcns: [hubVcn(), spokeVcn()] as [ReturnType<typeof hubVcn>, ReturnType<typeof spokeVcn>] },
    azure: { resourceGroup: 'rg', location: 'eastus' },
  };
}

type Input = ReturnType<typeof base>;


const hub = (lab: Input) => lab.oci.vcns[0];
const spoke = (lab: Input) => lab.oci.vcns[1];

void describe('lab schema: NAT, service and local peering gateways, DHCP options', () => {
  void it('accepts every new field and fills the defaults', () => {
    assert.deepEqual(issues(base()), []);
    const lab = LabSchema.parse(base());
    const [h, s] = lab.oci.vcns;
    assert.deepEqual(h?.natGateway, { name: 'nat-hub', blockTraffic: false, routeTable: undefined });
    assert.deepEqual(h?.serviceGateway, { name: 'sgw-hub', services: 'all', blockTraffic: false });
    assert.equal(s?.natGateway, undefined);
    assert.deepEqual(s?.dhcpOptions, []);
    assert.deepEqual(s?.localPeeringGateways, [{ name: 'lpg-spoke' }]);
  });

  void it('gateway targets name a gateway of the same VCN', () => {
    for (const [target, what] of [['nat:nat-x', 'NAT gateway "nat-x"'], ['lpg:lpg-x', 'local peering gateway "lpg-x"']] as const) {
      const lab = base();
      hub(lab).routeTables[0]!.rules[0]!.target = target;
      rejects(lab, new RegExp(`oci.vcns.0.routeTables.0.rules.0.target: no ${what} in VCN vcn-hub`));
    }
    const lab = base();
    spoke(lab).defaultRouteTable.rules[0]!.target = 'nat:nat-hub';
    rejects(lab, /oci.vcns.1.defaultRouteTable.rules.0.target: no NAT gateway "nat-hub" in VCN vcn-spoke \(none is declared\)/);
  });

  void it('a service gateway goes with a service destination, and only with one', () => {
    const toCidr = base();
    hub(toCidr).routeTables[0]!.rules[1]!.destination = '10.50.0.0/16';
    rejects(toCidr, /rules.1.target: a service gateway carries Oracle services traffic only/);
    const toNat = base();
    hub(toNat).routeTables[0]!.rules[1]!.target = 'nat:nat-hub';
    rejects(toNat, /rules.1.destination: a service destination \("service:objectstorage"\) needs an "sgw:<service gateway>" target/);
    const unknown = base();
    hub(unknown).routeTables[0]!.rules[1]!.destination = 'service:streaming';
    rejects(unknown, /rules.1.destination: "service:streaming": a service destination is "service:all" or "service:objectstorage"/);
  });

  void it('services is "all" or "objectstorage"', () => {
    const lab = base();
    hub(lab).serviceGateway.services = 'everything';
    rejects(lab, /oci.vcns.0.serviceGateway.services/);
  });

  void it('a VCN has one NAT gateway and one service gateway: the fields are single objects, strict', () => {
    const lab = base() as unknown as { oci: { vcns: Record<string, unknown>[] } };
    lab.oci.vcns[0]!.natGateway = [{ name: 'a' }, { name: 'b' }];
    const found = issues(lab);
    assert.ok(found.some((m) => m.startsWith('oci.vcns.0.natGateway')), found.join('\n'));
  });

  void it('gateway route tables name route tables of the same VCN', () => {
    const lab = base();
    hub(lab).natGateway.routeTable = 'rt-gone';
    rejects(lab, /oci.vcns.0.natGateway.routeTable: no route table "rt-gone" in VCN vcn-hub/);
  });

  void it('an LPG peer is an LPG of another VCN of the lab that names no other peer', () => {
    const noVcn = base();
    hub(noVcn).localPeeringGateways[0]!.peer = { vcn: 'vcn-gone', lpg: 'lpg-spoke' };
    rejects(noVcn, /localPeeringGateways.0.peer.vcn: no VCN "vcn-gone"/);
    const noLpg = base();
    hub(noLpg).localPeeringGateways[0]!.peer = { vcn: 'vcn-spoke', lpg: 'lpg-gone' };
    rejects(noLpg, /localPeeringGateways.0.peer.lpg: no local peering gateway "lpg-gone" in VCN vcn-spoke \(declared: lpg-spoke\)/);
    const self = base();
    hub(self).localPeeringGateways[0]!.peer = { vcn: 'vcn-hub', lpg: 'lpg-hub' };
    rejects(self, /peer.vcn: a local peering gateway peers with another VCN, not its own/);
    const mutual = base();
    spoke(mutual).localPeeringGateways[0]!.peer = { vcn: 'vcn-hub', lpg: 'lpg-hub' };
    assert.deepEqual(issues(mutual), [], 'both sides may name each other');
    const crossed = base();
    hub(crossed).localPeeringGateways.push({ name: 'lpg-hub-2' });
    spoke(crossed).localPeeringGateways[0]!.peer = { vcn: 'vcn-hub', lpg: 'lpg-hub-2' };
    const found = issues(crossed);
    assert.ok(found.some((m) => /localPeeringGateways.0.peer.lpg: vcn-spoke\/lpg-spoke peers with vcn-hub\/lpg-hub-2, not vcn-hub\/lpg-hub/.test(m)), found.join('\n'));
  });

  void it('LPG names are unique in their VCN', () => {
    const lab = base();
    spoke(lab).localPeeringGateways.push({ name: 'lpg-spoke' });
    rejects(lab, /oci.vcns.1.localPeeringGateways.1.name: duplicate local peering gateway name "lpg-spoke"/);
  });

  void it('a subnet names DHCP options of its VCN, or "default"; "default" is reserved', () => {
    const gone = base();
    hub(gone).subnets[0]!.dhcpOptions = 'dhcp-gone';
    rejects(gone, /oci.vcns.0.subnets.0.dhcpOptions: no DHCP options "dhcp-gone" in VCN vcn-hub \(declared: dhcp-corp; "default" is the VCN default set\)/);
    const byDefault = base();
    hub(byDefault).subnets[0]!.dhcpOptions = 'default';
    assert.deepEqual(issues(byDefault), []);
    const reserved = base();
    hub(reserved).dhcpOptions[0]!.name = 'default';
    hub(reserved).subnets[0]!.dhcpOptions = 'default';
    rejects(reserved, /oci.vcns.0.dhcpOptions.0.name: "default" is reserved for the VCN's default DHCP options/);
  });

  void it('DHCP DNS servers are 1 to 3 IPv4 addresses', () => {
    const many = base();
    hub(many).dhcpOptions[0]!.dnsServers = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'];
    rejects(many, /oci.vcns.0.dhcpOptions.0.dnsServers/);
    const bad = base();
    hub(bad).dhcpOptions[0]!.dnsServers = ['ns1.example.com'];
    rejects(bad, /oci.vcns.0.dhcpOptions.0.dnsServers.0: "ns1.example.com" is not an IPv4 address/);
  });

  void it('an expectation may go to an Oracle service, never from one', () => {
    const withFlows = (from: string, to: string) => ({
      ...base(),
      oci: { ...base().oci, instances: [{ name: 'vm-hub', vcn: 'vcn-hub', subnet: 'subnet-hub', privateIp: '10.10.1.10' }] },
      expectations: [{ name: 'e', from, to, protocol: 'tcp', port: 443, expect: 'delivered' }],
    });
    assert.deepEqual(issues(withFlows('vm-hub', 'service:objectstorage')), []);
    assert.deepEqual(issues(withFlows('vm-hub', 'service:all')), []);
    assert.deepEqual(issues(withFlows('service:all', 'vm-hub')), ['expectations.0.from: an Oracle service is a destination only: flows start at a VM or an IP address']);
    assert.deepEqual(issues(withFlows('vm-hub', 'service:streaming')), ['expectations.0.to: "service:streaming": a service endpoint is "service:all" or "service:objectstorage"']);
  });
});
