// Which @azure/arm-network samples run, in which order and resource group, what each must leave
// behind, and where one stops with an error the cloud gives too (or FastRoute's FeatureNotModelled).
// A sample's main() runs its example functions in order and stops at the first failure, as it
// would against Azure; `fails` names the code it stops with. `names` are the resource-name
// substitutions (substitute.ts rule 5): a sample's literal → the resource its chain has.
import assert from 'node:assert/strict';
import type { Chain, Clients } from './run-chains.ts';
import { ociClients } from '../../oci/harness.ts';
import { createOciHalf } from '../../oci/tutorial-flow.ts';

const LOCATION = 'eastus';
const FAST = { updateIntervalInMs: 10 };
const ORACLE = { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 };

async function vnet({ network, rg }: Clients, name: string, prefix: string, subnets: Record<string, string> = {}): Promise<string> {
  const v = await network.virtualNetworks.beginCreateOrUpdateAndWait(rg, name, {
    location: LOCATION, addressSpace: { addressPrefixes: [prefix] },
    subnets: Object.entries(subnets).map(([n, p]) => ({ name: n, addressPrefix: p })),
  }, FAST);
  return v.id ?? '';
}

async function publicIp({ network, rg }: Clients, name: string): Promise<void> {
  await network.publicIPAddresses.beginCreateOrUpdateAndWait(rg, name, { location: LOCATION, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, FAST);
}

const gone = (p: Promise<unknown>) => assert.rejects(p, { statusCode: 404 });

async function tags(p: Promise<{ tags?: Record<string, string> }>): Promise<void> {
  assert.deepEqual((await p).tags, { tag1: 'value1', tag2: 'value2' });
}

const VNET: Chain = {
  rg: 'samples-vnet',
  steps: [
    {
      file: 'virtualNetworksCreateOrUpdateSample.ts',
      // Its third example re-creates "test-vnet" in westcentralus: ARM refuses to move a resource.
      fails: 'InvalidResourceLocation',
      async check({ network, rg }) {
        const v = await network.virtualNetworks.get(rg, 'test-vnet');
        assert.equal(v.location, 'eastus');
        assert.equal(v.bgpCommunities?.virtualNetworkCommunity, '12076:20000');
        assert.deepEqual(v.subnets?.map((s) => [s.name, s.addressPrefix]), [['test-1', '10.0.0.0/24']]);
      },
    },
    { file: 'virtualNetworksGetSample.ts' },
    { file: 'virtualNetworksListSample.ts' },
    { file: 'virtualNetworksListAllSample.ts' },
    { file: 'virtualNetworksUpdateTagsSample.ts', check: ({ network, rg }) => tags(network.virtualNetworks.get(rg, 'test-vnet')) },
    { file: 'virtualNetworksListDdosProtectionStatusSample.ts', fails: 'FeatureNotModelled' },
    // It asks for 10.0.1.4: inside test-vnet's address space (10.0.0.0/16) but in none of its subnets.
    { file: 'virtualNetworksCheckIPAddressAvailabilitySample.ts', fails: 'PrivateIPAddressNotInAnySubnet' },
    { file: 'virtualNetworksListUsageSample.ts', names: { vnetName: 'test-vnet' }, prints: [/subnets\/test-1'/, /currentValue: 0/, /limit: 251/, /value: 'SubnetSpace'/] },
    {
      file: 'subnetsCreateOrUpdateSample.ts',
      names: { vnetname: 'test-vnet' },
      // Its first example attaches a service gateway (Microsoft.Network/serviceGateways).
      fails: 'FeatureNotModelled',
      check: ({ network, rg }) => gone(network.subnets.get(rg, 'test-vnet', 'subnet1')),
    },
    { file: 'subnetsGetSample.ts', names: { vnetname: 'test-vnet', subnet1: 'test-1' } },
    { file: 'subnetsPrepareNetworkPoliciesSample.ts', names: { subnet1: 'test-1' }, fails: 'FeatureNotModelled' },
    { file: 'subnetsListSample.ts', names: { vnetname: 'test-vnet' } },
    {
      file: 'subnetsDeleteSample.ts',
      names: { vnetname: 'test-vnet', subnet1: 'test-1' },
      check: ({ network, rg }) => gone(network.subnets.get(rg, 'test-vnet', 'test-1')),
    },
    { file: 'virtualNetworksDeleteSample.ts', check: ({ network, rg }) => gone(network.virtualNetworks.get(rg, 'test-vnet')) },
  ],
};

const NSG: Chain = {
  rg: 'samples-nsg',
  steps: [
    {
      file: 'networkSecurityGroupsCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const n = await network.networkSecurityGroups.get(rg, 'testnsg');
        assert.deepEqual(n.securityRules?.map((r) => [r.name, r.access, r.direction, r.priority, r.destinationPortRange]), [['rule1', 'Allow', 'Inbound', 130, '80']]);
        assert.equal(n.defaultSecurityRules?.length, 6);
      },
    },
    { file: 'networkSecurityGroupsGetSample.ts' },
    { file: 'networkSecurityGroupsListAllSample.ts', prints: [/name: 'testnsg'/] },
    { file: 'networkSecurityGroupsUpdateTagsSample.ts', check: ({ network, rg }) => tags(network.networkSecurityGroups.get(rg, 'testnsg')) },
    {
      file: 'securityRulesCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const r = await network.securityRules.get(rg, 'testnsg', 'rule1');
        assert.deepEqual([r.access, r.direction, r.priority, r.sourceAddressPrefix, r.destinationAddressPrefix, r.destinationPortRange], ['Deny', 'Outbound', 100, '10.0.0.0/8', '11.0.0.0/8', '8080']);
      },
    },
    { file: 'securityRulesGetSample.ts' },
    { file: 'securityRulesListSample.ts' },
    { file: 'defaultSecurityRulesListSample.ts', names: { nsg1: 'testnsg' } },
    { file: 'defaultSecurityRulesGetSample.ts', names: { nsg1: 'testnsg' } },
    { file: 'securityRulesDeleteSample.ts', check: ({ network, rg }) => gone(network.securityRules.get(rg, 'testnsg', 'rule1')) },
    { file: 'networkSecurityGroupsDeleteSample.ts', check: ({ network, rg }) => gone(network.networkSecurityGroups.get(rg, 'testnsg')) },
  ],
};

const ROUTE_TABLE: Chain = {
  rg: 'samples-rt',
  steps: [
    {
      file: 'routeTablesCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const t = await network.routeTables.get(rg, 'testrt');
        assert.equal(t.location, 'westus');
        assert.equal(t.disableBgpRoutePropagation, true);
        assert.deepEqual(t.routes?.map((r) => [r.name, r.addressPrefix, r.nextHopType]), [['route1', '10.0.3.0/24', 'VirtualNetworkGateway']]);
      },
    },
    { file: 'routeTablesGetSample.ts' },
    { file: 'routeTablesListSample.ts', prints: [/name: 'testrt'/] },
    { file: 'routeTablesListAllSample.ts', prints: [/name: 'testrt'/] },
    { file: 'routeTablesUpdateTagsSample.ts', check: ({ network, rg }) => tags(network.routeTables.get(rg, 'testrt')) },
    {
      file: 'routesCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const r = await network.routes.get(rg, 'testrt', 'route1');
        assert.deepEqual([r.addressPrefix, r.nextHopType], ['10.0.3.0/24', 'VirtualNetworkGateway']);
      },
    },
    { file: 'routesGetSample.ts' },
    { file: 'routesListSample.ts' },
    { file: 'routesDeleteSample.ts', check: ({ network, rg }) => gone(network.routes.get(rg, 'testrt', 'route1')) },
    { file: 'routeTablesDeleteSample.ts', check: ({ network, rg }) => gone(network.routeTables.get(rg, 'testrt')) },
  ],
};

const PUBLIC_IP: Chain = {
  rg: 'samples-pip',
  steps: [
    {
      file: 'publicIPAddressesCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const ip = await network.publicIPAddresses.get(rg, 'test-ip');
        assert.equal(ip.location, 'eastus');
      },
    },
    { file: 'publicIPAddressesGetSample.ts', names: { 'testDNS-ip': 'test-ip' } },
    { file: 'publicIPAddressesListSample.ts' },
    { file: 'publicIPAddressesListAllSample.ts', prints: [/name: 'test-ip'/] },
    { file: 'publicIPAddressesDdosProtectionStatusSample.ts', names: { 'test-pip': 'test-ip' }, fails: 'FeatureNotModelled' },
    { file: 'publicIPAddressesUpdateTagsSample.ts', check: ({ network, rg }) => tags(network.publicIPAddresses.get(rg, 'test-ip')) },
    { file: 'publicIPAddressesDeleteSample.ts', check: ({ network, rg }) => gone(network.publicIPAddresses.get(rg, 'test-ip')) },
  ],
};

const NIC: Chain = {
  rg: 'samples-nic',
  steps: [
    {
      file: 'networkInterfacesCreateOrUpdateSample.ts',
      async prepare(c) {
        await vnet(c, 'rg1-vnet', '10.0.0.0/16', { default: '10.0.0.0/24' });
        await publicIp(c, 'test-ip');
      },
      // Its first example gives ipconfig2 a private IP prefix (privateIPAddressPrefixLength).
      fails: 'FeatureNotModelled',
      check: ({ network, rg }) => gone(network.networkInterfaces.get(rg, 'test-nic')),
    },
    {
      file: 'networkInterfacesGetSample.ts',
      names: { 'test-nic': 'nic1' },
      async prepare({ network, rg }) {
        const subnet = await network.subnets.get(rg, 'rg1-vnet', 'default');
        await network.networkInterfaces.beginCreateOrUpdateAndWait(rg, 'nic1', { location: LOCATION, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnet.id } }] }, FAST);
      },
    },
    { file: 'networkInterfacesListSample.ts' },
    { file: 'networkInterfacesListAllSample.ts', prints: [/name: 'nic1'/] },
    { file: 'networkInterfaceIPConfigurationsGetSample.ts', names: { mynic: 'nic1' }, prints: [/privateIPAddress: '10\.0\.0\.4'/] },
    { file: 'networkInterfaceIPConfigurationsListSample.ts', prints: [/name: 'ipconfig1'/] },
    { file: 'networkInterfaceLoadBalancersListSample.ts', prints: [/^\[\]$/m] },
    { file: 'networkInterfacesUpdateTagsSample.ts', names: { 'test-nic': 'nic1' }, check: ({ network, rg }) => tags(network.networkInterfaces.get(rg, 'nic1')) },
    { file: 'networkInterfacesGetEffectiveRouteTableSample.ts', prints: [/addressPrefix: \[ '10\.0\.0\.0\/16' \]/, /nextHopType: 'VnetLocal'/] },
    { file: 'networkInterfacesListEffectiveNetworkSecurityGroupsSample.ts' },
    { file: 'networkInterfacesDeleteSample.ts', names: { 'test-nic': 'nic1' }, check: ({ network, rg }) => gone(network.networkInterfaces.get(rg, 'nic1')) },
  ],
};

const CIRCUIT: Chain = {
  rg: 'samples-er',
  steps: [
    {
      file: 'expressRouteCircuitsCreateOrUpdateSample.ts',
      // Its second example is an ExpressRoute Direct circuit (expressRoutePort).
      fails: 'FeatureNotModelled',
      async check({ network, rg }) {
        const c = await network.expressRouteCircuits.get(rg, 'circuitName');
        assert.equal(c.location, 'brazilsouth');
        assert.deepEqual(c.serviceProviderProperties, { bandwidthInMbps: 200, peeringLocation: 'Silicon Valley', serviceProviderName: 'Equinix' });
        assert.equal(c.sku?.name, 'Standard_MeteredData');
        assert.equal(c.allowClassicOperations, false);
        await gone(network.expressRouteCircuits.get(rg, 'expressRouteCircuit1'));
      },
    },
    { file: 'expressRouteCircuitsGetSample.ts' },
    { file: 'expressRouteCircuitsListSample.ts', prints: [/name: 'circuitName'/] },
    { file: 'expressRouteCircuitsListAllSample.ts', prints: [/name: 'circuitName'/] },
    { file: 'expressRouteServiceProvidersListSample.ts', prints: [/name: 'Equinix'/, /name: 'Oracle Cloud FastConnect'/] },
    { file: 'expressRouteCircuitsUpdateTagsSample.ts', names: { er1: 'circuitName' }, check: ({ network, rg }) => tags(network.expressRouteCircuits.get(rg, 'circuitName')) },
    { file: 'expressRouteCircuitsGetStatsSample.ts' },
    {
      // Equinix (a Layer 2 provider) has not provisioned this circuit: Azure keeps the customer's peering
      // as configured (the REST spec's ExpressRouteCircuitPeeringCreate response), carrying nothing yet.
      file: 'expressRouteCircuitPeeringsCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const p = await network.expressRouteCircuitPeerings.get(rg, 'circuitName', 'AzurePrivatePeering');
        assert.deepEqual(
          [p.provisioningState, p.peeringType, p.state, p.azureASN, p.peerASN, p.primaryPeerAddressPrefix, p.secondaryPeerAddressPrefix, p.vlanId, p.primaryAzurePort, p.lastModifiedBy],
          ['Succeeded', 'AzurePrivatePeering', 'Enabled', 12076, 200, '192.168.16.252/30', '192.168.18.252/30', 200, '', 'Customer'],
        );
        assert.equal((await network.expressRouteCircuits.get(rg, 'circuitName')).serviceProviderProvisioningState, 'NotProvisioned');
      },
    },
    {
      file: 'expressRouteCircuitAuthorizationsCreateOrUpdateSample.ts',
      async check({ network, rg }) {
        const a = await network.expressRouteCircuitAuthorizations.get(rg, 'circuitName', 'authorizatinName');
        assert.match(a.authorizationKey ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(a.authorizationUseStatus, 'Available');
      },
    },
    { file: 'expressRouteCircuitAuthorizationsGetSample.ts', names: { authorizationName: 'authorizatinName' } },
    { file: 'expressRouteCircuitAuthorizationsListSample.ts' },
    {
      file: 'expressRouteCircuitAuthorizationsDeleteSample.ts',
      names: { authorizationName: 'authorizatinName' },
      check: ({ network, rg }) => gone(network.expressRouteCircuitAuthorizations.get(rg, 'circuitName', 'authorizatinName')),
    },
    { file: 'expressRouteCircuitsDeleteSample.ts', check: ({ network, rg }) => gone(network.expressRouteCircuits.get(rg, 'circuitName')) },
  ],
};

const PEERING: Chain = {
  rg: 'samples-peering',
  steps: [
    {
      file: 'virtualNetworkPeeringsCreateOrUpdateSample.ts',
      async prepare(c) {
        await vnet(c, 'vnet1', '10.0.0.0/16');
        await vnet(c, 'vnet2', '10.1.0.0/16');
      },
      // Its first example is an IPv6-only subnet peering.
      fails: 'FeatureNotModelled',
      check: ({ network, rg }) => gone(network.virtualNetworkPeerings.get(rg, 'vnet1', 'peer')),
    },
    {
      file: 'virtualNetworkPeeringsGetSample.ts',
      async prepare({ network, rg }) {
        const remote = await network.virtualNetworks.get(rg, 'vnet2');
        await network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(rg, 'vnet1', 'peer', { remoteVirtualNetwork: { id: remote.id }, allowVirtualNetworkAccess: true, allowForwardedTraffic: true }, FAST);
      },
    },
    { file: 'virtualNetworkPeeringsListSample.ts' },
    { file: 'virtualNetworkPeeringsDeleteSample.ts', check: ({ network, rg }) => gone(network.virtualNetworkPeerings.get(rg, 'vnet1', 'peer')) },
  ],
};

// The gateway's and connection's samples need an ExpressRoute gateway and a circuit its provider
// has provisioned: the Oracle FastConnect side is created with the OCI SDK, as in the tutorial.
const GATEWAY: Chain = {
  rg: 'samples-gateway',
  steps: [
    {
      file: 'virtualNetworkGatewaysCreateOrUpdateSample.ts',
      async prepare(c) {
        await vnet(c, 'vnet1', '10.20.0.0/16', { GatewaySubnet: '10.20.255.0/27' });
        await publicIp(c, 'gwpip');
      },
      // Its first example is a VPN gateway: FastRoute's gateways are ExpressRoute ones.
      fails: 'GatewayTypeNotSupported',
      check: ({ network, rg }) => gone(network.virtualNetworkGateways.get(rg, 'vpngw')),
    },
    {
      file: 'virtualNetworkGatewaysGetSample.ts',
      names: { ergw: 'vpngw' },
      async prepare({ network, rg }) {
        const subnet = await network.subnets.get(rg, 'vnet1', 'GatewaySubnet');
        await network.virtualNetworkGateways.beginCreateOrUpdateAndWait(rg, 'vpngw', {
          location: LOCATION, gatewayType: 'ExpressRoute', sku: { name: 'Standard', tier: 'Standard' }, ipConfigurations: [{ name: 'default', subnet: { id: subnet.id } }],
        }, FAST);
      },
    },
    { file: 'virtualNetworkGatewaysListSample.ts', prints: [/name: 'vpngw'/] },
    { file: 'virtualNetworkGatewaysUpdateTagsSample.ts', check: ({ network, rg }) => tags(network.virtualNetworkGateways.get(rg, 'vpngw')) },
    { file: 'virtualNetworkGatewaysGetLearnedRoutesSample.ts' },
    { file: 'virtualNetworkGatewaysGetBgpPeerStatusSample.ts' },
    // A site-to-site (IPsec) connection to a local network gateway.
    { file: 'virtualNetworkGatewayConnectionsCreateOrUpdateSample.ts', fails: 'FeatureNotModelled', check: ({ network, rg }) => gone(network.virtualNetworkGatewayConnections.get(rg, 'connS2S')) },
    {
      file: 'expressRouteCircuitPeeringsGetSample.ts',
      names: { MicrosoftPeering: 'AzurePrivatePeering' },
      async prepare({ network, rg, ociEndpoint }) {
        const c = await network.expressRouteCircuits.beginCreateOrUpdateAndWait(rg, 'circuitName', { location: LOCATION, sku: { name: 'Standard_MeteredData' }, serviceProviderProperties: ORACLE }, FAST);
        await createOciHalf(ociClients(ociEndpoint), c.serviceKey ?? '');
      },
    },
    { file: 'expressRouteCircuitPeeringsListSample.ts' },
    { file: 'expressRouteCircuitsListArpTableSample.ts', names: { peeringName: 'AzurePrivatePeering', devicePath: 'primary' }, prints: [/ipAddress: '10\.99\.0\.1'/] },
    { file: 'expressRouteCircuitsListRoutesTableSample.ts', names: { peeringName: 'AzurePrivatePeering', devicePath: 'primary' } },
    { file: 'expressRouteCircuitsListRoutesTableSummarySample.ts', names: { peeringName: 'AzurePrivatePeering', devicePath: 'primary' } },
    { file: 'expressRouteCircuitsGetPeeringStatsSample.ts', names: { peeringName: 'AzurePrivatePeering' } },
    {
      file: 'virtualNetworkGatewayConnectionsGetSample.ts',
      async prepare({ network, rg }) {
        const [gw, circuit] = await Promise.all([network.virtualNetworkGateways.get(rg, 'vpngw'), network.expressRouteCircuits.get(rg, 'circuitName')]);
        await network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(rg, 'connS2S', { location: LOCATION, connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gw.id }, peer: { id: circuit.id } }, FAST);
      },
    },
    { file: 'virtualNetworkGatewaysListConnectionsSample.ts', names: { 'test-vpn-gateway-1': 'vpngw' } },
    { file: 'virtualNetworkGatewayConnectionsListSample.ts' },
    { file: 'virtualNetworkGatewayConnectionsUpdateTagsSample.ts', names: { test: 'connS2S' }, check: ({ network, rg }) => tags(network.virtualNetworkGatewayConnections.get(rg, 'connS2S')) },
    { file: 'virtualNetworkGatewaysGetAdvertisedRoutesSample.ts' },
    // VPN-only actions on an ExpressRoute connection and gateway, and ExpressRoute's failover tests.
    { file: 'virtualNetworkGatewayConnectionsGetSharedKeySample.ts', fails: 'FeatureNotModelled' },
    { file: 'virtualNetworkGatewayConnectionsSetSharedKeySample.ts', fails: 'FeatureNotModelled' },
    { file: 'virtualNetworkGatewayConnectionsResetSharedKeySample.ts', names: { conn1: 'connS2S' }, fails: 'FeatureNotModelled' },
    { file: 'virtualNetworkGatewayConnectionsGetIkeSasSample.ts', names: { vpngwcn1: 'connS2S' }, fails: 'FeatureNotModelled' },
    { file: 'virtualNetworkGatewaysResetSample.ts', fails: 'FeatureNotModelled' },
    { file: 'virtualNetworkGatewaysGetFailoverAllTestDetailsSample.ts', names: { ergw: 'vpngw' }, fails: 'FeatureNotModelled' },
    { file: 'virtualNetworkGatewayConnectionsDeleteSample.ts', names: { conn1: 'connS2S' }, check: ({ network, rg }) => gone(network.virtualNetworkGatewayConnections.get(rg, 'connS2S')) },
    { file: 'virtualNetworkGatewaysDeleteSample.ts', check: ({ network, rg }) => gone(network.virtualNetworkGateways.get(rg, 'vpngw')) },
    {
      file: 'expressRouteCircuitPeeringsDeleteSample.ts',
      names: { peeringName: 'AzurePrivatePeering' },
      // Oracle configured this private peering; it goes when Oracle deprovisions (FastRoute's code).
      fails: 'PeeringConfiguredByServiceProvider',
      check: async ({ network, rg }) => { await network.expressRouteCircuitPeerings.get(rg, 'circuitName', 'AzurePrivatePeering'); },
    },
  ],
};

export const CHAINS: Chain[] = [GATEWAY, VNET, NSG, CIRCUIT, NIC, ROUTE_TABLE, PEERING, PUBLIC_IP];
