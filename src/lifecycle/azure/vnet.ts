// Virtual networks and subnets. Subnets may come inline in the VNet PUT (reconciled: missing ones
// are deleted) or through their own PUT; both paths run the same checks.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import { formatPrefix, cidr, containsPrefix, type Ipv4Prefix } from '../../model/cidr.ts';
import { PrefixIndex } from '../../model/prefix-index.ts';
import type { Tx } from '../../model/tx.ts';
import type { SubResource } from '../../model/azure/common.ts';
import type { Subnet, VirtualNetwork } from '../../model/azure/network.ts';
import { checkName, checkPrefix, missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, replaceInlineChildren, getReferenced, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';
import { disconnectPeeringsTo } from './vnet-peering.ts';

export interface SubnetBody {
  name?: string;
  properties?: { addressPrefix?: string; addressPrefixes?: string[]; networkSecurityGroup?: SubResource | null; routeTable?: SubResource | null };
}

export type VirtualNetworkBody = ArmBody<{ addressSpace?: { addressPrefixes?: string[] }; subnets?: SubnetBody[]; dhcpOptions?: { dnsServers: string[] } }>;

const live = (state: string) => state !== 'Deleting';

/** What uses each subnet (NIC and gateway ip configurations), by lower-case subnet id: one pass over them. */
function subnetUsersById(tx: Tx): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const note = (ipConfigurations: readonly { id: string; properties: { subnet: { id: string } } }[]) => {
    for (const ip of ipConfigurations) {
      const key = ip.properties.subnet.id.toLowerCase();
      const list = users.get(key);
      if (list) list.push(ip.id);
      else users.set(key, [ip.id]);
    }
  };
  for (const nic of tx.list('azure.NetworkInterface')) if (live(nic.properties.provisioningState)) note(nic.properties.ipConfigurations);
  for (const gw of tx.list('azure.VirtualNetworkGateway')) if (live(gw.properties.provisioningState)) note(gw.properties.ipConfigurations);
  return users;
}

/** What uses a subnet (NIC ip configurations, gateway ip configurations): ids, for InUse errors. */
export function subnetUsers(tx: Tx, subnetId: string): string[] {
  return subnetUsersById(tx).get(subnetId.toLowerCase()) ?? [];
}

function inUse(subnetName: string, users: string[]): Error {
  return arm.badRequest('InUseSubnetCannotBeDeleted', `Subnet ${subnetName} is in use by ${users.join(', ')} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`);
}

function checkAddressSpace(prefixes: readonly string[] | undefined, vnetId: string): Ipv4Prefix[] {
  if (!prefixes || prefixes.length === 0) throw missingProperty('properties.addressSpace.addressPrefixes', vnetId);
  const parsed = prefixes.map((p) => checkPrefix(p, vnetId));
  const earlier = new PrefixIndex<Ipv4Prefix>();
  for (const p of parsed) {
    const q = earlier.overlapping(p)[0]?.value;
    if (q) throw arm.badRequest('NetcfgInvalidAddressSpace', `Address space ${formatPrefix(p)} of virtual network ${vnetId} overlaps with address space ${formatPrefix(q)} of the same virtual network.`);
    earlier.add(p, p);
  }
  return parsed;
}

/** A VNet's subnets by address range, for the overlap check on each new one (no scan of every sibling). */
function siblingRanges(subnets: readonly Subnet[]): PrefixIndex<Subnet> {
  return new PrefixIndex(subnets.map((s) => ({ prefix: cidr(s.properties.addressPrefix), value: s })));
}

function buildSubnet(tx: Tx, scope: AzureScope, rg: string, vnet: { id: string; name: string; space: Ipv4Prefix[] }, body: SubnetBody, name: string, siblings: PrefixIndex<Subnet>): Subnet {
  checkName(name);
  const id = `${vnet.id}/subnets/${name}`;
  const text = body.properties?.addressPrefix ?? body.properties?.addressPrefixes?.[0];
  if (text === undefined) throw missingProperty('properties.addressPrefix', id);
  const prefix = checkPrefix(text, id);
  if (!vnet.space.some((s) => containsPrefix(s, prefix))) {
    throw arm.badRequest('NetcfgSubnetRangeOutsideVnet', `Subnet '${name}' is not valid because its IP address range is outside the IP address range of virtual network '${vnet.name}'.`);
  }
  const clash = siblings.overlapping(prefix).map((x) => x.value).find((s) => s.name.toLowerCase() !== name.toLowerCase());
  if (clash) {
    throw arm.badRequest('NetcfgSubnetRangesOverlap', `Subnet '${name}' is not valid because its IP address range overlaps with that of an existing subnet '${clash.name}' in virtual network '${vnet.name}'.`);
  }
  const nsg = body.properties?.networkSecurityGroup;
  const rt = body.properties?.routeTable;
  if (nsg) getReferenced(tx, 'azure.NetworkSecurityGroup', nsg.id, 'properties.networkSecurityGroup.id');
  if (rt) getReferenced(tx, 'azure.RouteTable', rt.id, 'properties.routeTable.id');
  const existing = tx.get('azure.Subnet', id);
  const subnet: Subnet = {
    id: existing?.id ?? id, name: existing?.name ?? name, type: 'Microsoft.Network/virtualNetworks/subnets', etag: etag(tx),
    properties: {
      addressPrefix: formatPrefix(prefix),
      ...(nsg ? { networkSecurityGroup: { id: tx.get('azure.NetworkSecurityGroup', nsg.id)?.id ?? nsg.id } } : {}),
      ...(rt ? { routeTable: { id: tx.get('azure.RouteTable', rt.id)?.id ?? rt.id } } : {}),
      privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled',
      provisioningState: existing ? 'Updating' : 'Updating',
    },
    fr: { ...meta(scope, rg), parentId: vnet.id },
  };
  return subnet;
}

export function putVirtualNetwork(tx: Tx, scope: AzureScope, rgName: string, name: string, body: VirtualNetworkBody): VirtualNetwork {
  const existingAny = tx.get('azure.VirtualNetwork', armNetworkId(scope.subscriptionId, rgName, 'virtualNetworks', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/virtualNetworks', rgName, name, body.location, existingAny);
  const id = existingAny?.id ?? armNetworkId(scope.subscriptionId, rg, 'virtualNetworks', name);
  const space = checkAddressSpace(body.properties?.addressSpace?.addressPrefixes, id);
  const current = tx.children('azure.Subnet', id);
  // Existing subnets must still fit the (possibly changed) address space.
  const vnetRef = { id, name: existingAny?.name ?? name, space };
  const inline = body.properties?.subnets;
  const subnets: Subnet[] = [];
  if (inline) {
    const names = new Set<string>();
    const ranges = siblingRanges([]);
    for (const [i, s] of inline.entries()) {
      if (s.name === undefined) throw missingProperty(`properties.subnets[${i}].name`, id);
      if (names.has(s.name.toLowerCase())) throw arm.badRequest('DuplicateResourceName', `Subnet name ${s.name} appears twice in virtual network ${name}.`);
      names.add(s.name.toLowerCase());
      const subnet = buildSubnet(tx, scope, rg, vnetRef, s, s.name, ranges);
      subnets.push(subnet);
      ranges.add(cidr(subnet.properties.addressPrefix), subnet);
    }
    const dropped = current.filter((old) => !names.has(old.name.toLowerCase()));
    if (dropped.length > 0) {
      const users = subnetUsersById(tx);
      for (const old of dropped) {
        const using = users.get(old.id.toLowerCase()) ?? [];
        if (using.length > 0) throw inUse(old.name, using);
      }
    }
  } else {
    for (const s of current) {
      if (!space.some((p) => containsPrefix(p, cidr(s.properties.addressPrefix)))) {
        throw arm.badRequest('NetcfgSubnetRangeOutsideVnet', `Subnet '${s.name}' is not valid because its IP address range is outside the IP address range of virtual network '${name}'.`);
      }
    }
  }
  const vnet: VirtualNetwork = {
    id, name: existingAny?.name ?? name, type: 'Microsoft.Network/virtualNetworks', location, tags: body.tags ?? existingAny?.tags ?? {}, etag: etag(tx),
    properties: {
      addressSpace: { addressPrefixes: space.map(formatPrefix) },
      ...(body.properties?.dhcpOptions ? { dhcpOptions: body.properties.dhcpOptions } : {}),
      virtualNetworkPeerings: existingAny?.properties.virtualNetworkPeerings ?? [], enableDdosProtection: false,
      resourceGuid: existingAny?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating',
    },
    fr: meta(scope, rg),
  };
  tx.put('azure.VirtualNetwork', vnet);
  scheduleArmSucceeded(tx, 'azure.VirtualNetwork', id);
  if (inline) replaceInlineChildren(tx, 'azure.Subnet', id, subnets);
  return vnet;
}

export function putSubnet(tx: Tx, scope: AzureScope, rgName: string, vnetName: string, name: string, body: SubnetBody): Subnet {
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', vnetName);
  const space = vnet.properties.addressSpace.addressPrefixes.map((p) => cidr(p));
  const subnet = buildSubnet(tx, scope, vnet.fr.resourceGroup, { id: vnet.id, name: vnet.name, space }, body, name, siblingRanges(tx.children('azure.Subnet', vnet.id)));
  tx.put('azure.Subnet', subnet);
  scheduleArmSucceeded(tx, 'azure.Subnet', subnet.id);
  return subnet;
}

export function deleteSubnet(tx: Tx, scope: AzureScope, rgName: string, vnetName: string, name: string): void {
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', vnetName);
  const subnet = tx.get('azure.Subnet', `${vnet.id}/subnets/${name}`);
  if (!subnet) throw arm.error(404, 'NotFound', `Resource ${vnet.id}/subnets/${name} not found.`);
  const users = subnetUsers(tx, subnet.id);
  if (users.length > 0) throw inUse(subnet.name, users);
  armDelete(tx, 'azure.Subnet', subnet.id);
}

export function deleteVirtualNetwork(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', name);
  const users = subnetUsersById(tx);
  for (const s of tx.children('azure.Subnet', vnet.id)) {
    const using = users.get(s.id.toLowerCase()) ?? [];
    if (using.length > 0) throw inUse(s.name, using);
  }
  for (const s of tx.children('azure.Subnet', vnet.id)) tx.remove('azure.Subnet', s.id);
  disconnectPeeringsTo(tx, vnet.id);
  armDelete(tx, 'azure.VirtualNetwork', vnet.id);
}
