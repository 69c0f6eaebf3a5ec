import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  attachmentName, bgpPeerAddresses, LabSchema, ociProtocolNumber, parseEndpoint, parseNsgAddress, parsePortRange, parseRouteDestination, parseRouteTarget,
} from '../../src/lab/schema.ts';
import { issues, rejects } from './schema-issues.ts';

/** A valid lab as plain data; tests change one thing and look at the issues. */
function base() {
  return {
    name: 'schema-test',
    oci: {
      region: 'us-ashburn-1',
      vcns: [
        {
          name: 'vcn-a',
          cidrs: ['10.10.0.0/16'],
          subnets: [{ name: 'subnet-a', cidr: '10.10.1.0/24', routeTable: 'rt-a', securityLists: ['sl-a'] }],
          routeTables: [{ name: 'rt-a', rules: [{ destination: '10.20.0.0/16', target: 'drg' }] }],
          securityLists: [{ name: 'sl-a', ingress: [{ source: '10.20.0.0/16', protocol: 'tcp' as string | number, ports: 22 as string | number }] }],
          nsgs: [{ name: 'nsg-a', rules: [{ direction: 'ingress', source: 'nsg:nsg-a' as string | undefined, destination: undefined as string | undefined, protocol: 'all' }] }],
        },
        { name: 'vcn-b', cidrs: ['10.11.0.0/16'], subnets: [{ name: 'subnet-b', cidr: '10.11.1.0/24' }] },
      ],
      drgs: [
        {
          name: 'drg-a',
          attachments: [{ vcn: 'vcn-a' } as { vcn: string; name?: string }, { vcn: 'vcn-b', name: 'att-b' } as { vcn: string; name?: string }],
          routeTables: [
            {
              name: 'rt-vc',
              importDistribution: 'dist',
              staticRules: [{ destination: '10.11.0.0/16', nextHop: 'vcn-a-attachment' }],
            },
          ],
          importDistributions: [{ name: 'dist', statements: [{ priority: 1, match: { attachment: 'att-b' } as unknown }] }],
        },
      ],
      instances: [{ name: 'vm-a', vcn: 'vcn-a', subnet: 'subnet-a', privateIp: '10.10.1.10' }],
    },
    azure: {
      resourceGroup: 'rg',
      location: 'eastus',
      vnets: [{ name: 'vnet-z', addressSpace: ['10.20.0.0/16'], subnets: [{ name: 'GatewaySubnet', prefix: '10.20.255.0/27' }, { name: 'subnet-z', prefix: '10.20.1.0/24' }] }],
      nsgs: [{ name: 'nsg-z', rules: [{ name: 'r', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: '10.10.0.0/16', destination: '*', destinationPorts: [22, '1521-1522'] as unknown }] }],
      gateways: [{ name: 'gw', vnet: 'vnet-z', sku: 'ergw3az' }],
      vms: [{ name: 'vm-z', vnet: 'vnet-z', subnet: 'subnet-z', privateIp: '10.20.1.10', nicNsg: 'nsg-z' }],
    },
    interconnects: [
      {
        name: 'ic',
        circuit: { name: 'er', peeringLocation: 'Washington DC', bandwidthMbps: 1000 },
        virtualCircuit: { name: 'vc', drg: 'drg-a', bandwidth: '1 Gbps', drgRouteTable: 'rt-vc', primary: { block: '10.99.0.0/30' }, secondary: { customer: '10.99.0.6/30' } },
        connection: { name: 'conn', gateway: 'gw' },
      },
    ],
    expectations: [{ name: 'e', from: 'vm-a', to: '10.20.1.10', protocol: 'tcp', port: 22 as number | undefined, expect: 'delivered' }],
  };
}


void describe('lab schema: syntax and defaults', () => {
  void it('accepts the base lab and fills defaults', () => {
    assert.deepEqual(issues(base()), []);
    const lab = LabSchema.parse(base());
    assert.equal(lab.oci.compartment, 'fastroute');
    assert.deepEqual(lab.oci.vcns[1]?.routeTables, []);
    assert.equal(lab.oci.vcns[0]?.subnets[0]?.public, false);
    const rule = lab.oci.vcns[0]?.securityLists[0]?.ingress[0];
    assert.deepEqual([rule?.ports, rule?.stateless], ['22', false]);
    assert.equal(lab.oci.drgs[0]?.attachments[0]?.vcnRouteType, 'SUBNET_CIDRS');
    assert.equal(lab.oci.drgs[0]?.routeTables[0]?.ecmp, false);
    assert.equal(lab.oci.instances[0]?.shape, 'VM.Standard.E4.Flex');
    assert.equal(lab.azure.gateways[0]?.sku, 'ErGw3AZ');
    const nsgRule = lab.azure.nsgs[0]?.rules[0];
    assert.deepEqual([nsgRule?.sourcePorts, nsgRule?.destinationPorts], ['*', ['22', '1521-1522']]);
    assert.equal(lab.azure.vms[0]?.ipForwarding, false);
    const ic = lab.interconnects[0];
    assert.deepEqual([ic?.circuit.skuTier, ic?.circuit.skuFamily, ic?.connection?.routingWeight, ic?.connection?.fastPath], ['Standard', 'MeteredData', 0, false]);
  });

  void it('rejects OCI rule options that do not fit the protocol', () => {
    const lab = base();
    lab.oci.vcns[0]!.securityLists![0]!.ingress[0]!.protocol = 'icmp';
    rejects(lab, /ports: ports applies only to tcp or udp rules/);
    lab.oci.vcns[0]!.securityLists![0]!.ingress[0]!.protocol = 6;
    assert.deepEqual(issues(lab), []);
  });

  void it('rejects bad port ranges and protocols', () => {
    const lab = base();
    lab.oci.vcns[0]!.securityLists![0]!.ingress[0]!.ports = '1522-1521';
    rejects(lab, /ports: a port is 1-65535/);
    lab.oci.vcns[0]!.securityLists![0]!.ingress[0]!.ports = 22;
    lab.oci.vcns[0]!.securityLists![0]!.ingress[0]!.protocol = 'gre';
    rejects(lab, /protocol: protocol must be all, icmp, tcp, udp, icmpv6 or an IANA protocol number/);
  });

  void it('requires a source on ingress NSG rules and a destination on egress ones', () => {
    const lab = base();
    const rule = lab.oci.vcns[0]!.nsgs![0]!.rules[0]!;
    rule.direction = 'egress';
    const found = issues(lab);
    assert.ok(found.some((m) => /destination: an egress NSG rule needs a destination/.test(m)), found.join('\n'));
    assert.ok(found.some((m) => /source: an egress NSG rule has a destination, not a source/.test(m)), found.join('\n'));
  });

  void it('rejects a BGP session given both as a block and as addresses', () => {
    const lab = base();
    lab.interconnects[0]!.virtualCircuit.primary = { block: '10.99.0.0/30', customer: '10.99.0.2/30' } as { block: string };
    rejects(lab, /primary: a BGP session is \{ block: <CIDR> \} or \{ customer/);
  });

  void it('checks expectation ports against the protocol', () => {
    const lab = base();
    lab.expectations[0]!.port = undefined;
    rejects(lab, /protocol: a tcp flow needs a port/);
  });
});

void describe('lab schema: cross-references', () => {
  void it('"default" names the VCN default table and list, and is reserved', () => {
    const lab = base();
    const subnet = lab.oci.vcns[0]!.subnets[0] as { routeTable?: string; securityLists?: string[] };
    subnet.routeTable = 'default';
    subnet.securityLists = ['default', 'sl-a'];
    assert.deepEqual(issues(lab), []);
    lab.oci.vcns[0]!.securityLists![0]!.name = 'default';
    const found = issues(lab);
    assert.ok(found.some((m) => /securityLists.0.name: "default" is reserved/.test(m)), found.join('\n'));
  });

  void it('privateIp targets name an instance of the same VCN, or an IP', () => {
    const lab = base();
    lab.oci.vcns[0]!.routeTables![0]!.rules[0]!.target = 'privateIp:vm-a';
    assert.deepEqual(issues(lab), []);
    lab.oci.vcns[0]!.routeTables![0]!.rules[0]!.target = 'privateIp:10.10.1.99';
    assert.deepEqual(issues(lab), []);
    lab.oci.instances[0]!.vcn = 'vcn-b';
    lab.oci.instances[0]!.subnet = 'subnet-b';
    lab.oci.vcns[0]!.routeTables![0]!.rules[0]!.target = 'privateIp:vm-a';
    rejects(lab, /rules.0.target: no instance "vm-a" in VCN vcn-a/);
  });

  void it('"drg" needs the VCN to be attached', () => {
    const lab = base();
    lab.oci.drgs[0]!.attachments = [{ vcn: 'vcn-b', name: 'att-b' }];
    const found = issues(lab);
    assert.ok(found.some((m) => /target: target "drg" but VCN vcn-a is not attached to any DRG/.test(m)), found.join('\n'));
  });

  void it('NSG rule endpoints name NSGs of the same VCN', () => {
    const lab = base();
    lab.oci.vcns[0]!.nsgs![0]!.rules[0]!.source = 'nsg:nsg-gone';
    rejects(lab, /rules.0.source: no NSG "nsg-gone" in VCN vcn-a \(declared: nsg-a\)/);
  });

  void it('static rules and distributions name attachments (default names, virtual circuits, BLACKHOLE)', () => {
    const lab = base();
    const table = lab.oci.drgs[0]!.routeTables[0]!;
    table.staticRules.push({ destination: '10.12.0.0/16', nextHop: 'BLACKHOLE' }, { destination: '10.13.0.0/16', nextHop: 'vc' });
    lab.oci.drgs[0]!.importDistributions[0]!.statements.push({ priority: 2, match: { attachment: 'vc' } }, { priority: 3, match: 'all' });
    assert.deepEqual(issues(lab), []);
    table.staticRules.push({ destination: '10.14.0.0/16', nextHop: 'att-gone' });
    lab.oci.drgs[0]!.importDistributions[0]!.statements.push({ priority: 4, match: { attachment: 'att-gone' } });
    const found = issues(lab);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0] ?? '', /staticRules.3.nextHop: no attachment "att-gone" on DRG drg-a \(declared: vcn-a-attachment, att-b, vc; or BLACKHOLE\)/);
    assert.match(found[1] ?? '', /statements.3.match.attachment: no attachment "att-gone"/);
  });

  void it('default attachment names must not collide', () => {
    const lab = base();
    lab.oci.drgs[0]!.attachments.push({ vcn: 'vcn-a' });
    rejects(lab, /attachments.2.vcn: duplicate attachment name "vcn-a-attachment" in DRG drg-a \(the default name/);
  });

  void it('virtual circuits and connections name their DRG, DRG table and gateway', () => {
    const lab = base();
    lab.interconnects[0]!.virtualCircuit.drgRouteTable = 'rt-nope';
    lab.interconnects[0]!.connection.gateway = 'gw-nope';
    assert.deepEqual(issues(lab), [
      'interconnects.0.virtualCircuit.drgRouteTable: no DRG route table "rt-nope" in DRG drg-a (declared: rt-vc)',
      'interconnects.0.connection.gateway: no gateway "gw-nope" (declared: gw)',
    ]);
  });

  void it('Azure references: subnet of the VM\'s VNet, NIC NSG, gateway VNet', () => {
    const lab = base();
    lab.azure.vms[0]!.subnet = 'GatewaySubnet2';
    lab.azure.vms[0]!.nicNsg = 'nsg-nope';
    lab.azure.gateways[0]!.vnet = 'vnet-nope';
    assert.deepEqual(issues(lab), [
      'azure.gateways.0.vnet: no VNet "vnet-nope" (declared: vnet-z)',
      'azure.vms.0.nicNsg: no NSG "nsg-nope" (declared: nsg-z)',
      'azure.vms.0.subnet: no subnet "GatewaySubnet2" in VNet vnet-z (declared: GatewaySubnet, subnet-z)',
    ]);
  });
});

void describe('lab helpers', () => {
  void it('parsePortRange', () => {
    assert.deepEqual(parsePortRange('22'), { min: 22, max: 22 });
    assert.deepEqual(parsePortRange('1521-1522'), { min: 1521, max: 1522 });
    for (const bad of ['0', '65536', '30-20', 'a', '1-', '-1', '']) assert.equal(parsePortRange(bad), undefined, bad);
  });

  void it('parseRouteTarget', () => {
    assert.deepEqual(parseRouteTarget('drg'), { kind: 'drg' });
    assert.deepEqual(parseRouteTarget('drg:drg-a'), { kind: 'drg', drg: 'drg-a' });
    assert.deepEqual(parseRouteTarget('igw:igw'), { kind: 'igw', name: 'igw' });
    assert.deepEqual(parseRouteTarget('privateIp:fw'), { kind: 'privateIp', instance: 'fw' });
    assert.deepEqual(parseRouteTarget('privateIp:10.0.0.1'), { kind: 'privateIp', ip: '10.0.0.1' });
    assert.deepEqual(parseRouteTarget('nat:nat-a'), { kind: 'nat', name: 'nat-a' });
    assert.deepEqual(parseRouteTarget('sgw:sgw-a'), { kind: 'sgw', name: 'sgw-a' });
    assert.deepEqual(parseRouteTarget('lpg:lpg-a'), { kind: 'lpg', name: 'lpg-a' });
    for (const bad of ['rpc:x', 'igw:', 'lpg:', 'drg:', ':x', 'nat', 'toString:x']) assert.equal(parseRouteTarget(bad), undefined, bad);
  });

  void it('parseRouteDestination', () => {
    assert.deepEqual(parseRouteDestination('10.0.0.0/8'), { kind: 'cidr', cidr: '10.0.0.0/8' });
    assert.deepEqual(parseRouteDestination('service:all'), { kind: 'service', service: 'all' });
    assert.deepEqual(parseRouteDestination('service:objectstorage'), { kind: 'service', service: 'objectstorage' });
  });

  void it('ociProtocolNumber, parseNsgAddress, parseEndpoint, attachmentName', () => {
    assert.deepEqual((['all', 'icmp', 'tcp', 'udp', 'icmpv6', 47] as const).map(ociProtocolNumber), ['all', '1', '6', '17', '58', '47']);
    assert.deepEqual(parseNsgAddress('nsg:web'), { kind: 'nsg', name: 'web' });
    assert.deepEqual(parseNsgAddress('10.0.0.0/8'), { kind: 'cidr', cidr: '10.0.0.0/8' });
    assert.deepEqual(parseEndpoint('10.0.0.1'), { kind: 'ip', ip: '10.0.0.1' });
    assert.deepEqual(parseEndpoint('vm-a'), { kind: 'vm', name: 'vm-a' });
    assert.equal(attachmentName({ vcn: 'v' }), 'v-attachment');
    assert.equal(attachmentName({ vcn: 'v', name: 'n' }), 'n');
  });

  void it('bgpPeerAddresses: 2nd address Oracle, 3rd Azure', () => {
    assert.deepEqual(bgpPeerAddresses({ block: '10.0.0.20/30' }), { oracle: '10.0.0.21/30', customer: '10.0.0.22/30' });
    assert.deepEqual(bgpPeerAddresses({ block: '10.0.0.24/29' }), { oracle: '10.0.0.25/29', customer: '10.0.0.26/29' });
    assert.deepEqual(bgpPeerAddresses({ block: '10.0.0.30/31' }), { oracle: '10.0.0.30/31', customer: '10.0.0.31/31' });
    assert.deepEqual(bgpPeerAddresses({ customer: '10.0.0.22/30' }), { customer: '10.0.0.22/30' });
    assert.deepEqual(bgpPeerAddresses({ customer: '10.0.0.22/30', oracle: '10.0.0.21/30' }), { oracle: '10.0.0.21/30', customer: '10.0.0.22/30' });
  });
});

/** Every field of every object in the schema, as "oci.vcns[].subnets[].cidr", with its description. */
function fields(schema: z.ZodType, path = '', out = new Map<string, string | undefined>()): Map<string, string | undefined> {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return fields(schema.unwrap() as z.ZodType, path, out);
  if (schema instanceof z.ZodPipe) return fields(schema.in as z.ZodType, path, out);
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options) fields(option as z.ZodType, path, out);
  } else if (schema instanceof z.ZodArray) {
    fields(schema.element as z.ZodType, `${path}[]`, out);
  } else if (schema instanceof z.ZodObject) {
    for (const [key, value] of Object.entries(schema.shape)) {
      const field: unknown = value;
      if (!(field instanceof z.ZodType)) continue;
      const p = path === '' ? key : `${path}.${key}`;
      out.set(p, field.description);
      fields(field, p, out);
    }
  }
  return out;
}

void describe('lab format documentation', () => {
  const all = fields(LabSchema);

  void it('every field of the schema is described', () => {
    assert.ok(all.size > 150);
    const missing = [...all].filter(([, d]) => d === undefined || d === '').map(([p]) => p);
    assert.deepEqual(missing, []);
  });

  void it('labs/README.md lists every field', () => {
    const readme = readFileSync(new URL('../../labs/README.md', import.meta.url), 'utf8');
    const missing = [...all.keys()].filter((p) => !readme.includes(`\`${p}\``));
    assert.deepEqual(missing, []);
  });
});
