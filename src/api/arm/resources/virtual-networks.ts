// Virtual networks and subnets (GatewaySubnet rules live in the lifecycle). Subnets sent inline in
// a VNet PUT replace the set, as ARM does.
import { z } from 'zod';
import { deleteSubnet, deleteVirtualNetwork, putSubnet, putVirtualNetwork } from '../../../lifecycle/azure/vnet.ts';
import { childResource, trackedResource } from '../crud.ts';
import { child, nullableRef, tracked } from '../schemas/common.ts';

const subnetProperties = z.looseObject({
  addressPrefix: z.string().optional(),
  addressPrefixes: z.array(z.string()).optional(),
  networkSecurityGroup: nullableRef,
  routeTable: nullableRef,
});

const subnetBody = child(subnetProperties);

const vnetBody = tracked(z.looseObject({
  addressSpace: z.looseObject({ addressPrefixes: z.array(z.string()).optional() }).optional(),
  subnets: z.array(subnetBody).optional(),
  dhcpOptions: z.looseObject({ dnsServers: z.array(z.string()) }).optional(),
}));

export const NETWORK_OPERATIONS = [
  ...trackedResource({
    sdk: 'virtualNetworks', kind: 'azure.VirtualNetwork', ns: 'Microsoft.Network', collection: 'virtualNetworks', param: 'virtualNetworkName', body: vnetBody,
    put: putVirtualNetwork, remove: deleteVirtualNetwork,
  }),
  ...childResource({
    sdk: 'subnets', kind: 'azure.Subnet', parentKind: 'azure.VirtualNetwork', ns: 'Microsoft.Network', parentCollection: 'virtualNetworks', parentParam: 'virtualNetworkName',
    collection: 'subnets', param: 'subnetName', body: subnetBody, put: putSubnet, remove: deleteSubnet,
  }),
];
