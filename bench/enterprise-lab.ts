// A generated "enterprise" lab, large enough to show how the engine scales: 100 VCNs and 100 VNets
// of 20 subnets each (4,000 subnets), one DRG with 100 VCN attachments, a hub-and-spoke Azure side
// (the hub holds the ExpressRoute gateway; 99 spokes use it through peerings), 50 VMs per cloud and
// one 10 Gbps interconnect (Washington DC ⇄ us-ashburn-1).
//
// Address plan (nothing overlaps, and the BGP /30s 192.168.255.0/30 and .4/30 are outside both):
//   OCI VCNs     10.0.0.0/16 … 10.83.0.0/16 and 172.16.0.0/16 … 172.31.0.0/16   (100 × /16)
//   Azure VNets  10.128.0.0/16 … 10.227.0.0/16                                  (100 × /16)
// so every OCI route table sends the one Azure supernet 10.128.0.0/9 to the DRG, and every Azure NSG
// admits the OCI supernets 10.0.0.0/9 and 172.16.0.0/12.
import type { z } from 'zod';
import { LabSchema, type Lab } from '../src/lab/schema.ts';

export type LabInput = z.input<typeof LabSchema>;
type OciInput = LabInput['oci'];
type AzureInput = LabInput['azure'];
type VcnInput = NonNullable<OciInput['vcns']>[number];
type VnetInput = NonNullable<AzureInput['vnets']>[number];
type AzureNsgInput = NonNullable<AzureInput['nsgs']>[number];

export interface EnterpriseShape {
  vcns: number;
  vnets: number;
  subnetsPerNetwork: number;
  ociInstances: number;
  azureVms: number;
  /**
   * 'wide' gives each network a /19 (VCNs in 10.0.0.0/9, VNets in 10.128.0.0/9), room for 1,024 per
   * side and 31 subnets each, for the world-size scaling bench; the default keeps the /16 plan above.
   */
  addressPlan?: 'enterprise' | 'wide';
}

export const ENTERPRISE: EnterpriseShape = { vcns: 100, vnets: 100, subnetsPerNetwork: 20, ociInstances: 50, azureVms: 50 };

const AZURE_SUPERNET = '10.128.0.0/9';
const OCI_SUPERNETS = ['10.0.0.0/9', '172.16.0.0/12'];
const OCI_10_BLOCKS = 84; // 10.0–10.83; the rest of the VCNs go to 172.16–172.31
const MAX_NETWORKS = 100;
const WIDE_MAX_NETWORKS = 1024;
const WIDE_MAX_SUBNETS = 31; // the 32nd /24 of each /19 holds the GatewaySubnet

const ipOf = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

const pad = (n: number) => String(n).padStart(3, '0');

/** The first two octets of VCN i's /16. */
function vcnBase(i: number): string {
  if (i < OCI_10_BLOCKS) return `10.${i}`;
  const second = 16 + (i - OCI_10_BLOCKS);
  if (second > 31) throw new Error(`VCN ${i} does not fit the OCI address plan`);
  return `172.${second}`;
}

/** The first two octets of VNet i's /16. */
const vnetBase = (i: number): string => `10.${128 + i}`;

/** Where network i of a side, its subnets, its GatewaySubnet and its first host go. */
interface AddressPlan {
  network(i: number): string;
  subnet(i: number, s: number): string;
  gatewaySubnet(i: number): string;
  host(i: number): string;
}

const slash16Plan = (base: (i: number) => string): AddressPlan => ({
  network: (i) => `${base(i)}.0.0/16`,
  subnet: (i, s) => `${base(i)}.${s}.0/24`,
  gatewaySubnet: (i) => `${base(i)}.255.0/27`,
  host: (i) => `${base(i)}.0.10`,
});

const slash19Plan = (start: number): AddressPlan => {
  const block = (i: number) => (start + i * 8192) >>> 0;
  return {
    network: (i) => `${ipOf(block(i))}/19`,
    subnet: (i, s) => `${ipOf(block(i) + s * 256)}/24`,
    gatewaySubnet: (i) => `${ipOf(block(i) + WIDE_MAX_SUBNETS * 256)}/27`,
    host: (i) => ipOf(block(i) + 10),
  };
};

function plansOf(shape: EnterpriseShape): { oci: AddressPlan; azure: AddressPlan } {
  return shape.addressPlan === 'wide'
    ? { oci: slash19Plan(0x0a000000), azure: slash19Plan(0x0a800000) }
    : { oci: slash16Plan(vcnBase), azure: slash16Plan(vnetBase) };
}

function vcn(i: number, shape: EnterpriseShape, plan: AddressPlan): VcnInput {
  const name = `vcn-${pad(i)}`;
  return {
    name,
    cidrs: [plan.network(i)],
    subnets: Array.from({ length: shape.subnetsPerNetwork }, (_, s) => ({
      name: `sn-${pad(s)}`,
      cidr: plan.subnet(i, s),
      routeTable: 'rt-main',
      securityLists: ['sl-main'],
    })),
    routeTables: [{ name: 'rt-main', rules: [{ destination: AZURE_SUPERNET, target: 'drg', description: 'Azure VNets via the interconnect' }] }],
    securityLists: [{
      name: 'sl-main',
      ingress: [
        { source: AZURE_SUPERNET, protocol: 'icmp', icmpType: 8, description: 'ping from Azure' },
        { source: AZURE_SUPERNET, protocol: 'icmp', icmpType: 3, icmpCode: 4, description: 'path MTU discovery' },
        { source: AZURE_SUPERNET, protocol: 'tcp', ports: '22' },
        { source: AZURE_SUPERNET, protocol: 'tcp', ports: '443' },
        { source: AZURE_SUPERNET, protocol: 'tcp', ports: '1521-1522' },
      ],
      egress: [{ destination: '0.0.0.0/0', protocol: 'all' }],
    }],
  };
}

function vnet(i: number, shape: EnterpriseShape, plan: AddressPlan): VnetInput {
  const name = `vnet-${pad(i)}`;
  const hub = i === 0;
  const workloads = hub ? shape.subnetsPerNetwork - 1 : shape.subnetsPerNetwork;
  const subnets: NonNullable<VnetInput['subnets']> = Array.from({ length: workloads }, (_, s) => ({
    name: `sn-${pad(s)}`,
    prefix: plan.subnet(i, s),
    nsg: `nsg-${pad(i)}`,
  }));
  if (hub) subnets.push({ name: 'GatewaySubnet', prefix: plan.gatewaySubnet(i) });
  const peerings: NonNullable<VnetInput['peerings']> = hub
    ? Array.from({ length: shape.vnets - 1 }, (_, k) => ({ name: `hub-to-${pad(k + 1)}`, remoteVnet: `vnet-${pad(k + 1)}`, allowForwardedTraffic: true, allowGatewayTransit: true }))
    : [{ name: 'to-hub', remoteVnet: 'vnet-000', allowForwardedTraffic: true, useRemoteGateways: true }];
  return { name, addressSpace: [plan.network(i)], subnets, peerings };
}

function azureNsg(i: number): AzureNsgInput {
  return {
    name: `nsg-${pad(i)}`,
    rules: [
      { name: 'allow-oci-icmp', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Icmp', source: OCI_SUPERNETS, destination: '*' },
      { name: 'allow-oci-ssh', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: OCI_SUPERNETS, destination: '*', destinationPorts: '22' },
      { name: 'allow-oci-https', priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: OCI_SUPERNETS, destination: '*', destinationPorts: ['443', '8443'] },
      { name: 'deny-oci-other', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', source: OCI_SUPERNETS, destination: '*' },
    ],
  };
}

/** The lab as it would be written in YAML (defaults left out). */
export function enterpriseLabInput(shape: EnterpriseShape = ENTERPRISE): LabInput {
  const wide = shape.addressPlan === 'wide';
  const maxNetworks = wide ? WIDE_MAX_NETWORKS : MAX_NETWORKS;
  if (shape.vcns > maxNetworks || shape.vnets > maxNetworks) throw new Error(`the address plan holds at most ${maxNetworks} VCNs and ${maxNetworks} VNets`);
  if (shape.subnetsPerNetwork > (wide ? WIDE_MAX_SUBNETS : 255) || shape.ociInstances > shape.vcns || shape.azureVms > shape.vnets) throw new Error('enterprise shape out of range');
  const vcnIndexes = Array.from({ length: shape.vcns }, (_, i) => i);
  const vnetIndexes = Array.from({ length: shape.vnets }, (_, i) => i);
  const plans = plansOf(shape);
  return {
    name: 'enterprise',
    description: `${shape.vcns} VCNs and ${shape.vnets} VNets of ${shape.subnetsPerNetwork} subnets each, hub-and-spoke on Azure, one 10 Gbps interconnect.`,
    oci: {
      region: 'us-ashburn-1',
      compartment: 'fastroute-enterprise',
      vcns: vcnIndexes.map((i) => vcn(i, shape, plans.oci)),
      drgs: [{ name: 'drg-main', attachments: vcnIndexes.map((i) => ({ vcn: `vcn-${pad(i)}` })) }],
      instances: Array.from({ length: shape.ociInstances }, (_, i) => ({
        name: `vm-oci-${pad(i)}`, vcn: `vcn-${pad(i)}`, subnet: 'sn-000', privateIp: plans.oci.host(i),
      })),
    },
    azure: {
      resourceGroup: 'rg-fastroute-enterprise',
      location: 'eastus',
      vnets: vnetIndexes.map((i) => vnet(i, shape, plans.azure)),
      nsgs: vnetIndexes.map(azureNsg),
      gateways: [{ name: 'ergw-hub', vnet: 'vnet-000', sku: 'ErGw3AZ' }],
      vms: Array.from({ length: shape.azureVms }, (_, i) => ({
        name: `vm-azure-${pad(i)}`, vnet: `vnet-${pad(i)}`, subnet: 'sn-000', privateIp: plans.azure.host(i),
      })),
    },
    interconnects: [{
      name: 'oci-azure',
      circuit: { name: 'er-enterprise', peeringLocation: 'Washington DC', bandwidthMbps: 10_000, skuTier: 'Premium', skuFamily: 'MeteredData' },
      virtualCircuit: {
        name: 'vc-enterprise', drg: 'drg-main', bandwidth: '10 Gbps',
        primary: { block: '192.168.255.0/30' }, secondary: { block: '192.168.255.4/30' },
      },
      connection: { name: 'conn-er-enterprise', gateway: 'ergw-hub' },
    }],
    expectations: [
      { name: 'oci-to-azure-hub-ping', from: 'vm-oci-000', to: 'vm-azure-000', protocol: 'icmp', expect: 'delivered' },
      { name: 'azure-spoke-to-oci-ssh', from: 'vm-azure-049', to: 'vm-oci-049', protocol: 'tcp', port: 22, expect: 'delivered' },
    ],
  };
}

/** The enterprise lab, validated by the same schema `parseLab` uses. Throws a ZodError when invalid. */
export function enterpriseLab(shape: EnterpriseShape = ENTERPRISE): Lab {
  return LabSchema.parse(enterpriseLabInput(shape));
}

/** Subnets the lab declares on each side (the brief's 2,000 + 2,000). */
export function subnetCounts(lab: Lab): { oci: number; azure: number } {
  return {
    oci: lab.oci.vcns.reduce((n, v) => n + v.subnets.length, 0),
    azure: lab.azure.vnets.reduce((n, v) => n + v.subnets.length, 0),
  };
}
