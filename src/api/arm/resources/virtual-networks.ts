// Virtual networks and subnets (GatewaySubnet rules live in the lifecycle). Subnets sent inline in
// a VNet PUT replace the set, as ARM does. Two read-only views of a VNet's private addresses:
// CheckIPAddressAvailability and the per-subnet usage list.
import { z } from 'zod';
import { deleteSubnet, deleteVirtualNetwork, putSubnet, putVirtualNetwork } from '../../../lifecycle/azure/vnet.ts';
import { refId, type LinkedResource } from '../auth/linked-access.ts';
import { checkIpAddressAvailability, virtualNetworkUsage } from '../../../lifecycle/azure/subnet-addresses.ts';
import { getArm } from '../../../lifecycle/azure/scope.ts';
import type { VirtualNetwork } from '../../../model/azure/network.ts';
import type { ReadView } from '../../../model/world.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { armApiError } from '../protocol/errors.ts';
import { childResource, RG, rgOf, scopeOf, trackedResource } from '../crud.ts';
import { child, nullableRef, tracked } from '../schemas/common.ts';

const subnetProperties = z.looseObject({
  addressPrefix: z.string().optional(),
  addressPrefixes: z.array(z.string()).optional(),
  networkSecurityGroup: nullableRef,
  routeTable: nullableRef,
});

const subnetBody = child(subnetProperties);

const NS = 'Microsoft.Network';

/** A subnet joins its NSG and route table: both must be in subscriptions the caller may use. */
function subnetLinks(p: z.output<typeof subnetProperties> | undefined): LinkedResource[] {
  return [
    { id: refId(p?.networkSecurityGroup), action: `${NS}/networkSecurityGroups/join/action` },
    { id: refId(p?.routeTable), action: `${NS}/routeTables/join/action` },
  ];
}

const vnetBody = tracked(z.looseObject({
  addressSpace: z.looseObject({ addressPrefixes: z.array(z.string()).optional() }).optional(),
  subnets: z.array(subnetBody).optional(),
  dhcpOptions: z.looseObject({ dnsServers: z.array(z.string()) }).optional(),
}));

const VNET = `${RG}/providers/${NS}/virtualNetworks/{virtualNetworkName}`;
const vnetOf = (req: ArmRequest, view: ReadView): VirtualNetwork => getArm(view, scopeOf(req), 'azure.VirtualNetwork', rgOf(req), 'virtualNetworks', req.params.virtualNetworkName ?? '');

const ADDRESS_OPERATIONS: ArmOperation[] = [
  {
    name: 'virtualNetworks.checkIPAddressAvailability', method: 'GET', path: `${VNET}/CheckIPAddressAvailability`,
    async handle(req) {
      const ip = req.query.ipAddress;
      if (ip === undefined || ip === '') throw armApiError.invalidRequestFormat("The query parameter 'ipAddress' is required.", 'ipAddress');
      return req.engine.read((view) => ({ body: checkIpAddressAvailability(view, vnetOf(req, view), ip) }));
    },
  },
  {
    name: 'virtualNetworks.listUsage', method: 'GET', path: `${VNET}/usages`,
    async handle(req) {
      return req.engine.read((view) => ({ body: { value: virtualNetworkUsage(view, vnetOf(req, view)) } }));
    },
  },
];

export const NETWORK_OPERATIONS = [
  ...ADDRESS_OPERATIONS,
  ...trackedResource({
    sdk: 'virtualNetworks', kind: 'azure.VirtualNetwork', ns: 'Microsoft.Network', collection: 'virtualNetworks', param: 'virtualNetworkName', body: vnetBody,
    put: putVirtualNetwork, remove: deleteVirtualNetwork,
    linked: (body) => (body.properties?.subnets ?? []).flatMap((sn) => subnetLinks(sn.properties)),
  }),
  ...childResource({
    sdk: 'subnets', kind: 'azure.Subnet', parentKind: 'azure.VirtualNetwork', ns: 'Microsoft.Network', parentCollection: 'virtualNetworks', parentParam: 'virtualNetworkName',
    collection: 'subnets', param: 'subnetName', body: subnetBody, put: putSubnet, remove: deleteSubnet,
    linked: (body) => subnetLinks(body.properties),
  }),
];
