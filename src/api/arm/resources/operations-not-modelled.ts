// Actions of @azure/arm-network on resource types FastRoute models whose effect it does not model:
// VPN ones on gateways and connections (FastRoute's are ExpressRoute ones), ExpressRoute failover
// tests, resiliency reports, migration, packet captures, DDoS protection status, and preparing a
// subnet's network policies for a delegated service. Each answers, for a resource that exists (404
// otherwise, as ARM), 400 FeatureNotModelled naming the feature, instead of the 501 of a route
// FastRoute does not know.
import type { Kind } from '../../../model/world.ts';
import type { ArmMethod, ArmOperation } from '../operation.ts';
import { getTracked, RG, rgOf, scopeOf } from '../crud.ts';
import { operationNotModelled } from '../not-modelled.ts';

const NS = 'Microsoft.Network';
const VPN = 'VPN gateways and connections (point-to-site, site-to-site, VNet-to-VNet)';
const FAILOVER = 'ExpressRoute site failover tests and resiliency reports';
const MIGRATION = 'virtual network gateway migration';
const CAPTURE = 'packet captures';
const DDOS = 'DDoS Protection';
const POLICIES = 'network intent policies for services delegated a subnet';

const GATEWAY = 'virtualNetworkGateways/{virtualNetworkGatewayName}';
const CONNECTION = 'connections/{virtualNetworkGatewayConnectionName}';

interface Refused { name: string; method: ArmMethod; kind: Kind; resource: string; segment: string; feature: string }

const gateway = (sdk: string, segment: string, feature: string): Refused => ({ name: `virtualNetworkGateways.${sdk}`, method: 'POST', kind: 'azure.VirtualNetworkGateway', resource: GATEWAY, segment, feature });
const connection = (sdk: string, method: ArmMethod, segment: string, feature: string): Refused => ({ name: `virtualNetworkGatewayConnections.${sdk}`, method, kind: 'azure.Connection', resource: CONNECTION, segment, feature });

const REFUSED: Refused[] = [
  gateway('disconnectVirtualNetworkGatewayVpnConnections', 'disconnectVirtualNetworkGatewayVpnConnections', VPN),
  gateway('generatevpnclientpackage', 'generatevpnclientpackage', VPN), gateway('generateVpnProfile', 'generatevpnprofile', VPN),
  gateway('getVpnclientConnectionHealth', 'getVpnClientConnectionHealth', VPN), gateway('getVpnclientIpsecParameters', 'getvpnclientipsecparameters', VPN),
  gateway('setVpnclientIpsecParameters', 'setvpnclientipsecparameters', VPN), gateway('getVpnProfilePackageUrl', 'getvpnprofilepackageurl', VPN),
  gateway('listRadiusSecrets', 'listRadiusSecrets', VPN), gateway('reset', 'reset', VPN), gateway('resetVpnClientSharedKey', 'resetvpnclientsharedkey', VPN),
  gateway('supportedVpnDevices', 'supportedvpndevices', VPN),
  gateway('getFailoverAllTestDetails', 'getFailoverAllTestsDetails', FAILOVER), gateway('getFailoverSingleTestDetails', 'getFailoverSingleTestDetails', FAILOVER),
  gateway('startExpressRouteSiteFailoverSimulation', 'startSiteFailoverTest', FAILOVER), gateway('stopExpressRouteSiteFailoverSimulation', 'stopSiteFailoverTest', FAILOVER),
  gateway('getResiliencyInformation', 'getResiliencyInformation', FAILOVER), gateway('getRoutesInformation', 'getRoutesInformation', FAILOVER),
  gateway('invokePrepareMigration', 'prepareMigration', MIGRATION), gateway('invokeExecuteMigration', 'executeMigration', MIGRATION),
  gateway('invokeCommitMigration', 'commitMigration', MIGRATION), gateway('invokeAbortMigration', 'abortMigration', MIGRATION),
  gateway('startPacketCapture', 'startPacketCapture', CAPTURE), gateway('stopPacketCapture', 'stopPacketCapture', CAPTURE),
  connection('getSharedKey', 'GET', 'sharedkey', VPN), connection('setSharedKey', 'PUT', 'sharedkey', VPN), connection('resetSharedKey', 'POST', 'sharedkey/reset', VPN),
  connection('getIkeSas', 'POST', 'getikesas', VPN), connection('resetConnection', 'POST', 'resetconnection', VPN),
  connection('vpnDeviceConfigurationScript', 'POST', 'vpndeviceconfigurationscript', VPN),
  connection('startPacketCapture', 'POST', 'startPacketCapture', CAPTURE), connection('stopPacketCapture', 'POST', 'stopPacketCapture', CAPTURE),
  { name: 'virtualNetworks.listDdosProtectionStatus', method: 'POST', kind: 'azure.VirtualNetwork', resource: 'virtualNetworks/{virtualNetworkName}', segment: 'ddosProtectionStatus', feature: DDOS },
  { name: 'publicIPAddresses.ddosProtectionStatus', method: 'POST', kind: 'azure.PublicIPAddress', resource: 'publicIPAddresses/{publicIpAddressName}', segment: 'ddosProtectionStatus', feature: DDOS },
  { name: 'subnets.prepareNetworkPolicies', method: 'POST', kind: 'azure.Subnet', resource: 'virtualNetworks/{virtualNetworkName}/subnets/{subnetName}', segment: 'PrepareNetworkPolicies', feature: POLICIES },
  { name: 'subnets.unprepareNetworkPolicies', method: 'POST', kind: 'azure.Subnet', resource: 'virtualNetworks/{virtualNetworkName}/subnets/{subnetName}', segment: 'UnprepareNetworkPolicies', feature: POLICIES },
];

function refusal(r: Refused): ArmOperation {
  return {
    name: r.name, method: r.method, path: `${RG}/providers/${NS}/${r.resource}/${r.segment}`,
    async handle(req) {
      // The resource's own id: its path with the request's names, the last one its name.
      const parts = r.resource.replace(/\{(\w+)\}/g, (_, p: string) => req.params[p] ?? '').split('/');
      const name = parts.pop() ?? '';
      await req.engine.read((view) => getTracked(view, scopeOf(req), r.kind, rgOf(req), NS, parts.join('/'), name));
      throw operationNotModelled(r.feature, `${r.method} ${r.resource.replace(/\{\w+\}/g, '…')}/${r.segment}`);
    },
  };
}

export const OPERATIONS_NOT_MODELLED: ArmOperation[] = REFUSED.map(refusal);
