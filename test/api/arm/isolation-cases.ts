// The ARM isolation matrix's tables: what each path parameter names, which SDK model each
// operation's body is, a body each operation accepts from the subscription that owns everything in
// it, and which world resource a body reference names. The operations come from the route table and
// the reference fields from the SDK's mappers; a name missing here fails the matrix.
import { LOC, type World } from './isolation-world.ts';

/** Path parameter → its value in a world (names are alike in every subscription). */
export const PARAMS: Record<string, (w: World) => string> = {
  subscriptionId: (w) => w.sub, resourceGroupName: () => 'rg', virtualNetworkName: () => 'vnet', subnetName: () => 'default',
  networkSecurityGroupName: () => 'nsg', securityRuleName: () => 'r1', defaultSecurityRuleName: () => 'AllowVnetInBound',
  routeTableName: () => 'rt', routeName: () => 'r1', networkInterfaceName: () => 'nic', vmName: () => 'vm', networkWatcherName: () => 'nw',
  virtualNetworkGatewayName: () => 'gw', circuitName: () => 'ckt', peeringName: () => 'AzurePrivatePeering', authorizationName: () => 'auth',
  devicePath: () => 'primary', virtualNetworkGatewayConnectionName: () => 'conn', deploymentName: () => 'd0', providerNamespace: () => 'Microsoft.Network',
  location: () => LOC, operationId: () => '00000000-0000-4000-8000-000000000000', virtualNetworkPeeringName: () => 'peer', publicIpAddressName: () => 'pip',
  ipConfigurationName: () => 'ipconfig1',
  // Azure Monitor metrics (issue 17): {resourceId}/providers/Microsoft.Insights/metrics on the world's circuit.
  resourceType: () => 'expressRouteCircuits', resourceName: () => 'ckt',
};

/** Operations outside any subscription: the identity endpoints, which hand out a caller's own token. */
export const UNSCOPED_EXEMPT = new Set(['metadata.endpoints', 'adfs.openidConfiguration', 'adfs.token', 'aad.openidConfiguration', 'aad.token', 'msi.token', 'msi.token (GET)', 'imds.token']);

/** The @azure/arm-network model each operation group's body is (the mappers give its reference fields). */
export const BODY_MODELS: Record<string, string> = {
  virtualNetworks: 'VirtualNetwork', subnets: 'Subnet', networkSecurityGroups: 'NetworkSecurityGroup', securityRules: 'SecurityRule',
  routeTables: 'RouteTable', routes: 'Route', networkInterfaces: 'NetworkInterface', networkWatchers: 'NetworkWatcher',
  virtualNetworkGateways: 'VirtualNetworkGateway', expressRouteCircuits: 'ExpressRouteCircuit', expressRouteCircuitPeerings: 'ExpressRouteCircuitPeering',
  expressRouteCircuitAuthorizations: 'ExpressRouteCircuitAuthorization', virtualNetworkGatewayConnections: 'VirtualNetworkGatewayConnection',
  virtualNetworkPeerings: 'VirtualNetworkPeering', publicIPAddresses: 'PublicIPAddress',
  'virtualNetworkGatewayConnections.setSharedKey': 'ConnectionSharedKey',
  'networkWatchers.getNextHop': 'NextHopParameters', 'networkWatchers.verifyIPFlow': 'VerificationIPFlowParameters',
};

/**
 * Where ARM's answer to a foreign reference is not 403 LinkedAuthorizationFailed: Network Watcher
 * diagnoses only targets in its own subscription, and answers any other as not found
 * (docs/differences.md).
 */
export const REFERENCE_ANSWERS: Record<string, string> = {
  'networkWatchers.getNextHop': '404 ResourceNotFound', 'networkWatchers.verifyIPFlow': '404 ResourceNotFound',
};

/** Reference fields of bodies outside @azure/arm-network (Compute), by operation. */
export const EXTRA_FIELDS: Record<string, string[]> = {
  'virtualMachines.createOrUpdate': ['properties.networkProfile.networkInterfaces[].id'],
};

/** Resource kind a reference field names (by its property name) → its id in a world. */
const NAMED: Record<string, (w: World) => string> = {
  subnet: (w) => w.subnet, networkSecurityGroup: (w) => w.nsg, routeTable: (w) => w.rt, publicIPAddress: (w) => w.pip,
  virtualNetworkGateway1: (w) => w.gw, virtualNetworkGateway2: (w) => w.gw, peer: (w) => w.ckt, remoteVirtualNetwork: (w) => w.vnet2,
  networkInterfaces: (w) => w.nic, virtualMachine: (w) => w.vm, targetResourceId: (w) => w.vm, targetNicResourceId: (w) => w.nic,
  expressRouteCircuitPeering: (w) => w.cktPeering, peerExpressRouteCircuitPeering: (w) => w.cktPeering,
};

/**
 * The id a reference field names in world `w`: the world's resource of that kind, or (for kinds
 * FastRoute does not model) an id of that kind in the world's subscription. ARM authorises the
 * linked scope before it looks the resource up, so either must be refused alike.
 */
export function referenceIn(field: string, w: World): string {
  const name = field.replace(/(\[\])?\.id$/, '').replace(/^.*\./, '').replace('[]', '');
  return NAMED[name]?.(w) ?? `${w.rg}/providers/Microsoft.Network/${name}/x`;
}

const tags = () => ({ tags: { team: 'net' } });
const ruleProps = { protocol: '*', access: 'Allow', direction: 'Inbound', priority: 100, sourceAddressPrefix: '*', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '*' };
const octet = (w: World) => (w.sub.startsWith('1') ? 1 : 2);

/** A body each operation accepts from the owner of world `w` (undefined: none is sent). */
export const BODIES: Record<string, (w: World) => unknown> = {
  'resourceGroups.createOrUpdate': () => ({ location: LOC }), 'resourceGroups.update': tags,
  'virtualNetworks.createOrUpdate': (w) => ({
    location: LOC, properties: {
      addressSpace: { addressPrefixes: [`10.${String(octet(w))}.0.0/16`] },
      subnets: [
        { name: 'default', properties: { addressPrefix: `10.${String(octet(w))}.0.0/24`, networkSecurityGroup: { id: w.nsg }, routeTable: { id: w.rt } } },
        { name: 'GatewaySubnet', properties: { addressPrefix: `10.${String(octet(w))}.255.0/27` } },
      ],
    },
  }),
  'virtualNetworks.updateTags': tags,
  'subnets.createOrUpdate': (w) => ({ properties: { addressPrefix: `10.${String(octet(w))}.0.0/24`, networkSecurityGroup: { id: w.nsg }, routeTable: { id: w.rt } } }),
  'networkSecurityGroups.createOrUpdate': () => ({ location: LOC, properties: { securityRules: [{ name: 'r1', properties: ruleProps }] } }),
  'networkSecurityGroups.updateTags': tags,
  'securityRules.createOrUpdate': () => ({ properties: ruleProps }),
  'routeTables.createOrUpdate': () => ({ location: LOC, properties: { routes: [{ name: 'r1', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }] } }),
  'routeTables.updateTags': tags,
  'routes.createOrUpdate': () => ({ properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }),
  'networkInterfaces.createOrUpdate': (w) => ({
    location: LOC, properties: { networkSecurityGroup: { id: w.nsg }, ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: w.subnet }, publicIPAddress: { id: w.pip } } }] },
  }),
  'networkInterfaces.updateTags': tags,
  'virtualMachines.createOrUpdate': (w) => ({ location: LOC, properties: { hardwareProfile: { vmSize: 'Standard_B1s' }, networkProfile: { networkInterfaces: [{ id: w.nic }] } } }),
  'networkWatchers.createOrUpdate': () => ({ location: LOC }), 'networkWatchers.updateTags': tags,
  'networkWatchers.getNextHop': (w) => ({ targetResourceId: w.vm, sourceIPAddress: w.nicIp, destinationIPAddress: '8.8.8.8' }),
  'networkWatchers.verifyIPFlow': (w) => ({ targetResourceId: w.vm, direction: 'Outbound', protocol: 'TCP', localPort: '80', remotePort: '80', localIPAddress: w.nicIp, remoteIPAddress: '8.8.8.8' }),
  'virtualNetworkGateways.createOrUpdate': (w) => ({
    location: LOC, properties: { gatewayType: 'ExpressRoute', sku: { name: 'Standard', tier: 'Standard' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: w.gatewaySubnet } } }] },
  }),
  'virtualNetworkGateways.updateTags': tags,
  'expressRouteCircuits.createOrUpdate': () => ({
    location: LOC, sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' },
    properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } },
  }),
  'expressRouteCircuits.updateTags': tags,
  'expressRouteCircuitPeerings.createOrUpdate': () => ({ properties: { peeringType: 'AzurePrivatePeering', peerASN: 31898, primaryPeerAddressPrefix: '10.99.0.0/30', secondaryPeerAddressPrefix: '10.99.0.4/30', vlanId: 100 } }),
  'expressRouteCircuitAuthorizations.createOrUpdate': () => ({ properties: {} }),
  'virtualNetworkGatewayConnections.createOrUpdate': (w) => ({ location: LOC, properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: w.gw }, peer: { id: w.ckt } } }),
  'virtualNetworkGatewayConnections.updateTags': tags,
  'virtualNetworkGatewayConnections.setSharedKey': () => ({ value: 'AzureAbc123' }),
  'virtualNetworkPeerings.createOrUpdate': (w) => ({ properties: { remoteVirtualNetwork: { id: w.vnet2 }, allowVirtualNetworkAccess: true } }),
  'publicIPAddresses.createOrUpdate': () => ({ location: LOC, sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } }),
  'publicIPAddresses.updateTags': tags,
  'deployments.createOrUpdate': () => ({ properties: { mode: 'Incremental', template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] } } }),
  'deployments.createOrUpdateAtSubscriptionScope': () => ({ location: LOC, properties: { mode: 'Incremental', template: { $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] } } }),
};

/** Template expressions a deployment can name another subscription's resources with. */
export function templateReferences(foreign: World): Record<string, unknown>[] {
  return [
    { outputs: { v: { type: 'object', value: `[reference('${foreign.vnet}', '2024-05-01', 'Full')]` } } },
    { outputs: { v: { type: 'object', value: `[reference(resourceId('${foreign.sub}', 'rg', 'Microsoft.Network/virtualNetworks', 'vnet'), '2024-05-01')]` } } },
    { outputs: { v: { type: 'string', value: `[reference('${foreign.nic}', '2024-05-01').ipConfigurations[0].properties.privateIPAddress]` } } },
    {
      resources: [{
        type: 'Microsoft.Network/networkInterfaces', apiVersion: '2024-05-01', name: 'nic-t', location: LOC,
        properties: { ipConfigurations: [{ name: 'ip1', properties: { subnet: { id: `[resourceId('${foreign.sub}', 'rg', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]` } } }] },
      }],
    },
    {
      resources: [{
        type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2024-05-01', name: 'vnet/default',
        properties: { addressPrefix: '10.2.0.0/24', routeTable: { id: foreign.rt } },
      }],
    },
  ];
}
