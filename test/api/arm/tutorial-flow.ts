// The seed tutorial's Azure half as a user writes it with @azure/arm-resources and
// @azure/arm-network: resource group, VNet with subnet-workload and GatewaySubnet, NSG, the VM's
// NIC, the ExpressRoute gateway, the circuit at Washington DC; then, once OCI has provisioned the
// circuit, the connection. Used by the test and by the bench.
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';

export const RG = 'rg-fastroute';
const LOCATION = 'eastus';
const POLL = { updateIntervalInMs: 10 };

export interface AzureClients {
  network: NetworkManagementClient;
  resources: ResourceManagementClient;
}

export interface AzureHalf {
  serviceKey: string;
  circuitId: string;
  gatewayId: string;
  nicName: string;
}

export async function createAzureHalfWithSdk(c: AzureClients): Promise<AzureHalf> {
  await c.resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
  const nsg = await c.network.networkSecurityGroups.beginCreateOrUpdateAndWait(RG, 'nsg-workload', {
    location: LOCATION,
    securityRules: [
      { name: 'allow-oci-icmp', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Icmp', sourceAddressPrefix: '10.10.0.0/16', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
      { name: 'allow-oci-ssh', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.10.0.0/16', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22' },
    ],
  }, POLL);
  const vnet = await c.network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-azure', {
    location: LOCATION,
    addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
    subnets: [
      { name: 'subnet-workload', addressPrefix: '10.20.10.0/24', networkSecurityGroup: { id: nsg.id ?? '' } },
      { name: 'GatewaySubnet', addressPrefix: '10.20.255.0/27' },
    ],
  }, POLL);
  const workload = vnet.subnets?.find((s) => s.name === 'subnet-workload');
  const gatewaySubnet = vnet.subnets?.find((s) => s.name === 'GatewaySubnet');
  await c.network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'vm-azure-nic', {
    location: LOCATION,
    ipConfigurations: [{ name: 'ipconfig1', privateIPAllocationMethod: 'Static', privateIPAddress: '10.20.10.10', subnet: { id: workload?.id ?? '' } }],
  }, POLL);
  const gateway = await c.network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'ergw', {
    location: LOCATION, gatewayType: 'ExpressRoute', vpnType: 'RouteBased', sku: { name: 'Standard', tier: 'Standard' },
    ipConfigurations: [{ name: 'default', subnet: { id: gatewaySubnet?.id ?? '' } }],
  }, POLL);
  const circuit = await c.network.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, 'er-oci-azure', {
    location: LOCATION, sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' },
    serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 },
  }, POLL);
  return { serviceKey: circuit.serviceKey ?? '', circuitId: circuit.id ?? '', gatewayId: gateway.id ?? '', nicName: 'vm-azure-nic' };
}

/** Tutorial step 7: the connection, once the circuit is Provisioned. */
export async function connectWithSdk(c: AzureClients, half: AzureHalf): Promise<void> {
  await c.network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'conn-er-oci', {
    location: LOCATION, connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: half.gatewayId }, peer: { id: half.circuitId }, routingWeight: 0,
  }, POLL);
}
