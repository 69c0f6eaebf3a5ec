// Private addresses in a VNet's subnets: which are taken (NIC ip configurations), which Azure
// reserves (the first four and the last of every subnet), and the two read-only views ARM offers
// over them: CheckIPAddressAvailability and the per-subnet usage list (virtualNetworks/usages).
import { arm } from '../../model/errors.ts';
import { cidr, containsAddress, intToIp, ipToInt, lastAddress, nthAddress, sizeOf, type Ipv4Prefix } from '../../model/cidr.ts';
import type { ReadView } from '../../model/world.ts';
import type { Subnet, VirtualNetwork } from '../../model/azure/network.ts';

/** How many alternatives CheckIPAddressAvailability offers for a taken address (ARM's published example shows five). */
const ALTERNATIVES = 5;
/** Azure reserves five addresses in every subnet. */
const RESERVED = 5;

/** The addresses Azure hands out in a subnet: all but the first four and the last. */
export function usableRange(prefix: Ipv4Prefix): { first: number; last: number } {
  return { first: nthAddress(prefix, 4), last: lastAddress(prefix) - 1 };
}

/** Address → the ip configuration holding it, in one subnet (a NIC being replaced left out). */
export function takenAddresses(view: ReadView, subnetId: string, exceptNicId?: string): Map<string, string> {
  const taken = new Map<string, string>();
  const subnet = subnetId.toLowerCase();
  const except = exceptNicId?.toLowerCase();
  for (const n of view.list('azure.NetworkInterface')) {
    if (n.id.toLowerCase() === except) continue;
    for (const ip of n.properties.ipConfigurations) if (ip.properties.subnet.id.toLowerCase() === subnet) taken.set(ip.properties.privateIPAddress, ip.id);
  }
  return taken;
}

export interface IpAvailability { available: boolean; availableIPAddresses?: string[] }

/**
 * Is `ipAddress` free in the subnet of `vnet` that contains it? When it is not, the next free
 * addresses of that subnet are offered. An address in no subnet is ARM's PrivateIPAddressNotInAnySubnet.
 */
export function checkIpAddressAvailability(view: ReadView, vnet: VirtualNetwork, ipAddress: string): IpAvailability {
  const address = ipToInt(ipAddress);
  const subnet = address === undefined ? undefined : view.children('azure.Subnet', vnet.id).find((s) => containsAddress(cidr(s.properties.addressPrefix), address));
  if (address === undefined || subnet === undefined) {
    throw arm.badRequest('PrivateIPAddressNotInAnySubnet', `Private static IP address ${ipAddress} does not belong to the range of any subnet in virtual network ${vnet.id}.`);
  }
  const { first, last } = usableRange(cidr(subnet.properties.addressPrefix));
  const taken = takenAddresses(view, subnet.id);
  const free = (a: number) => a >= first && a <= last && !taken.has(intToIp(a));
  if (free(address)) return { available: true };
  const alternatives: string[] = [];
  for (let a = Math.max(address + 1, first); a <= last && alternatives.length < ALTERNATIVES; a++) if (free(a)) alternatives.push(intToIp(a));
  return { available: false, availableIPAddresses: alternatives };
}

export interface SubnetUsage {
  id: string;
  currentValue: number;
  limit: number;
  name: { value: 'SubnetSpace'; localizedValue: 'Subnet size and usage' };
  unit: 'Count';
}

/** A subnet's usable size and the addresses taken from it; GatewaySubnet reports -1 for both, as ARM's example does. */
function usageOf(view: ReadView, subnet: Subnet): SubnetUsage {
  const gateway = subnet.name.toLowerCase() === 'gatewaysubnet';
  return {
    id: subnet.id,
    currentValue: gateway ? -1 : takenAddresses(view, subnet.id).size,
    limit: gateway ? -1 : sizeOf(cidr(subnet.properties.addressPrefix)) - RESERVED,
    name: { value: 'SubnetSpace', localizedValue: 'Subnet size and usage' },
    unit: 'Count',
  };
}

/** virtualNetworks/{vnet}/usages: one entry per subnet. */
export function virtualNetworkUsage(view: ReadView, vnet: VirtualNetwork): SubnetUsage[] {
  return view.children('azure.Subnet', vnet.id).map((s) => usageOf(view, s));
}
