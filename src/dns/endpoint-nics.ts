// Resolver endpoints hold addresses in their subnets (OCI creates a VNIC for each endpoint; Azure
// places inbound endpoints' IP configurations and outbound endpoints in dedicated subnets), so the
// packet trace must know them: each becomes a stand-in VNIC or NIC in the address index, filtered
// by its subnet's security lists and the endpoint's NSGs (OCI) or the subnet's NSG (Azure).
import type { Vnic } from '../model/oci/compute.ts';
import type { NetworkInterface } from '../model/azure/network.ts';
import type { ReadView } from '../model/world.ts';
import type { OutboundEndpoint } from '../model/azure/dns.ts';
import { cidr, intToIp, nthAddress } from '../model/cidr.ts';

function standInVnic(id: string, name: string, address: string, subnetId: string, nsgIds: string[], at: { compartmentId: string; timeCreated: string; fr: { tenancyId: string; region: string } }): Vnic {
  return {
    id, compartmentId: at.compartmentId, displayName: name, availabilityDomain: '', privateIp: address, macAddress: '', subnetId, isPrimary: true, nsgIds,
    skipSourceDestCheck: false, lifecycleState: 'AVAILABLE', timeCreated: at.timeCreated, freeformTags: {}, definedTags: {},
    fr: { tenancyId: at.fr.tenancyId, region: at.fr.region, instanceId: id },
  };
}

function standInNic(id: string, name: string, address: string, subnetId: string, fr: { subscriptionId: string; resourceGroup: string }): NetworkInterface {
  return {
    id, name, type: 'Microsoft.Network/networkInterfaces', location: '', tags: {}, etag: '',
    properties: {
      ipConfigurations: [{ id: `${id}/ipConfigurations/0`, name: 'ipconfig', etag: '', type: 'Microsoft.Network/networkInterfaces/ipConfigurations', properties: { privateIPAddress: address, privateIPAllocationMethod: 'Static', privateIPAddressVersion: 'IPv4', subnet: { id: subnetId }, primary: true, provisioningState: 'Succeeded' } }],
      macAddress: '', primary: true, enableIPForwarding: false, enableAcceleratedNetworking: false, resourceGuid: '', provisioningState: 'Succeeded',
    },
    fr,
  };
}

/**
 * The address an outbound endpoint's queries leave from. Azure does not publish it (the endpoint
 * uses addresses of its dedicated subnet); FastRoute takes the subnet's first usable address (.4,
 * after the four Azure reserves), so security rules written for the subnet match it.
 */
export function outboundEndpointAddress(view: ReadView, endpoint: OutboundEndpoint): string | undefined {
  const subnet = view.get('azure.Subnet', endpoint.properties.subnet.id);
  return subnet ? intToIp(nthAddress(cidr(subnet.properties.addressPrefix), 4)) : undefined;
}

export interface EndpointHosts {
  oci: Vnic[];
  azure: { nic: NetworkInterface; subnetId: string }[];
}

/** Every resolver endpoint address as a stand-in VNIC (OCI) or NIC (Azure). */
export function resolverEndpointHosts(view: ReadView): EndpointHosts {
  const oci: Vnic[] = [];
  for (const e of view.list('oci.ResolverEndpoint')) {
    if (e.lifecycleState === 'DELETED' || e.lifecycleState === 'DELETING') continue;
    const at = { compartmentId: e.compartmentId, timeCreated: e.timeCreated, fr: e.fr };
    if (e.isForwarding && e.forwardingAddress !== undefined) oci.push(standInVnic(e.id, e.name, e.forwardingAddress, e.subnetId, e.nsgIds, at));
    if (e.isListening && e.listeningAddress !== undefined && e.listeningAddress !== e.forwardingAddress) oci.push(standInVnic(`${e.id}#listening`, e.name, e.listeningAddress, e.subnetId, e.nsgIds, at));
  }
  const azure: { nic: NetworkInterface; subnetId: string }[] = [];
  for (const e of view.list('azure.InboundEndpoint')) {
    for (const c of e.properties.ipConfigurations) azure.push({ nic: standInNic(e.id, e.name, c.privateIpAddress, c.subnet.id, e.fr), subnetId: c.subnet.id });
  }
  for (const e of view.list('azure.OutboundEndpoint')) {
    const address = outboundEndpointAddress(view, e);
    if (address !== undefined) azure.push({ nic: standInNic(e.id, e.name, address, e.properties.subnet.id, e.fr), subnetId: e.properties.subnet.id });
  }
  return { oci, azure };
}
