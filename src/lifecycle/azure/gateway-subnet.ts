// `az network vnet-gateway create --gateway-type ExpressRoute --vnet V` without a public IP sends
// `ipConfigurations: []` (the CLI only builds an IP configuration around a public IP, so the VNet
// it was given never reaches the request). To let that command work, a gateway created without an
// IP configuration is placed in the one GatewaySubnet it can only mean: the free GatewaySubnet of
// the single VNet in its resource group and location. Anything else is left to putVirtualNetworkGateway
// (which reports the missing subnet) or refused as ambiguous. A FastRoute choice: docs/differences.md.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import { normaliseLocation } from '../../model/azure/locations.ts';
import type { Tx } from '../../model/tx.ts';
import type { GatewayBody } from './gateway.ts';
import type { AzureScope } from './scope.ts';

type IpConfigurations = NonNullable<NonNullable<GatewayBody['properties']>['ipConfigurations']>;

/** VNets of the group and location whose GatewaySubnet holds no ExpressRoute gateway yet. */
function freeGatewaySubnets(tx: Tx, scope: AzureScope, rg: string, location: string, gatewayId: string): string[] {
  const groupPrefix = `/subscriptions/${scope.subscriptionId}/resourcegroups/${rg}/`.toLowerCase();
  const taken = new Set<string>();
  for (const g of tx.list('azure.VirtualNetworkGateway')) {
    if (g.id.toLowerCase() === gatewayId.toLowerCase() || g.properties.provisioningState === 'Deleting') continue;
    for (const c of g.properties.ipConfigurations) taken.add(c.properties.subnet.id.toLowerCase());
  }
  return tx.list('azure.VirtualNetwork')
    .filter((v) => v.id.toLowerCase().startsWith(groupPrefix) && normaliseLocation(v.location) === location && v.properties.provisioningState !== 'Deleting')
    .flatMap((v) => tx.children('azure.Subnet', v.id).filter((s) => s.name === 'GatewaySubnet').map((s) => s.id))
    .filter((id) => !taken.has(id.toLowerCase()));
}

/**
 * The body to hand to putVirtualNetworkGateway: unchanged when it names a subnet; for an existing
 * gateway, its current IP configurations (they cannot change); for a new one, the inferred GatewaySubnet.
 */
export function withDefaultGatewaySubnet(tx: Tx, scope: AzureScope, rg: string, name: string, body: GatewayBody): GatewayBody {
  const props = body.properties ?? {};
  if ((props.ipConfigurations ?? []).length > 0) return body;
  const id = armNetworkId(scope.subscriptionId, rg, 'virtualNetworkGateways', name);
  const existing = tx.get('azure.VirtualNetworkGateway', id);
  let ipConfigurations: IpConfigurations | undefined;
  if (existing) {
    ipConfigurations = existing.properties.ipConfigurations.map((c) => ({ name: c.name, properties: { subnet: c.properties.subnet, ...(c.properties.publicIPAddress ? { publicIPAddress: c.properties.publicIPAddress } : {}) } }));
  } else {
    const location = body.location;
    if (location === undefined) return body;
    const candidates = freeGatewaySubnets(tx, scope, rg, normaliseLocation(location), id);
    if (candidates.length > 1) {
      throw arm.badRequest('InvalidRequestFormat', `Cannot parse the request. Property 'properties.ipConfigurations[0].properties.subnet.id' is required for resource ${id}: several virtual networks in resource group ${rg} have a free GatewaySubnet (${candidates.join(', ')}).`, 'properties.ipConfigurations');
    }
    const only = candidates[0];
    if (only !== undefined) ipConfigurations = [{ name: 'default', properties: { subnet: { id: only }, privateIPAllocationMethod: 'Dynamic' } }];
  }
  return ipConfigurations === undefined ? body : { ...body, properties: { ...props, ipConfigurations } };
}
