// The actions of @azure/arm-network's virtualNetworkGateways and virtualNetworkGatewayConnections
// that FastRoute does not model: VPN ones (its gateways and connections are ExpressRoute ones) and
// ExpressRoute's failover tests, resiliency reports, migration and packet captures. Each answers,
// for a gateway or connection that exists (404 otherwise, as ARM), 400 FeatureNotModelled naming
// the feature, instead of the 501 of a route FastRoute does not know.
import type { ArmOperation } from '../operation.ts';
import { getTracked, RG, rgOf, scopeOf } from '../crud.ts';
import { operationNotModelled } from '../not-modelled.ts';

const NS = 'Microsoft.Network';
const VPN = 'VPN gateways and connections (point-to-site, site-to-site, VNet-to-VNet)';
const FAILOVER = 'ExpressRoute site failover tests and resiliency reports';
const MIGRATION = 'virtual network gateway migration';
const CAPTURE = 'packet captures';

/** [SDK operation, path segment, feature]: POSTs on a gateway. */
const GATEWAY_ACTIONS: [string, string, string][] = [
  ['disconnectVirtualNetworkGatewayVpnConnections', 'disconnectVirtualNetworkGatewayVpnConnections', VPN],
  ['generatevpnclientpackage', 'generatevpnclientpackage', VPN], ['generateVpnProfile', 'generatevpnprofile', VPN],
  ['getVpnclientConnectionHealth', 'getVpnClientConnectionHealth', VPN], ['getVpnclientIpsecParameters', 'getvpnclientipsecparameters', VPN],
  ['setVpnclientIpsecParameters', 'setvpnclientipsecparameters', VPN], ['getVpnProfilePackageUrl', 'getvpnprofilepackageurl', VPN],
  ['listRadiusSecrets', 'listRadiusSecrets', VPN], ['reset', 'reset', VPN], ['resetVpnClientSharedKey', 'resetvpnclientsharedkey', VPN],
  ['supportedVpnDevices', 'supportedvpndevices', VPN],
  ['getFailoverAllTestDetails', 'getFailoverAllTestsDetails', FAILOVER], ['getFailoverSingleTestDetails', 'getFailoverSingleTestDetails', FAILOVER],
  ['startExpressRouteSiteFailoverSimulation', 'startSiteFailoverTest', FAILOVER], ['stopExpressRouteSiteFailoverSimulation', 'stopSiteFailoverTest', FAILOVER],
  ['getResiliencyInformation', 'getResiliencyInformation', FAILOVER], ['getRoutesInformation', 'getRoutesInformation', FAILOVER],
  ['invokePrepareMigration', 'prepareMigration', MIGRATION], ['invokeExecuteMigration', 'executeMigration', MIGRATION],
  ['invokeCommitMigration', 'commitMigration', MIGRATION], ['invokeAbortMigration', 'abortMigration', MIGRATION],
  ['startPacketCapture', 'startPacketCapture', CAPTURE], ['stopPacketCapture', 'stopPacketCapture', CAPTURE],
];

/** [SDK operation, method, path segment, feature] on a connection. */
const CONNECTION_ACTIONS: [string, 'GET' | 'PUT' | 'POST', string, string][] = [
  ['getSharedKey', 'GET', 'sharedkey', VPN], ['setSharedKey', 'PUT', 'sharedkey', VPN], ['resetSharedKey', 'POST', 'sharedkey/reset', VPN],
  ['getIkeSas', 'POST', 'getikesas', VPN], ['resetConnection', 'POST', 'resetconnection', VPN],
  ['vpnDeviceConfigurationScript', 'POST', 'vpndeviceconfigurationscript', VPN],
  ['startPacketCapture', 'POST', 'startPacketCapture', CAPTURE], ['stopPacketCapture', 'POST', 'stopPacketCapture', CAPTURE],
];

function refused(name: string, method: 'GET' | 'PUT' | 'POST', collection: string, param: string, segment: string, feature: string): ArmOperation {
  const kind = collection === 'connections' ? 'azure.Connection' as const : 'azure.VirtualNetworkGateway' as const;
  return {
    name, method, path: `${RG}/providers/${NS}/${collection}/{${param}}/${segment}`,
    async handle(req) {
      await req.engine.read((view) => getTracked(view, scopeOf(req), kind, rgOf(req), NS, collection, req.params[param] ?? ''));
      throw operationNotModelled(feature, `${method} ${collection}/${segment}`);
    },
  };
}

export const GATEWAY_ACTIONS_NOT_MODELLED: ArmOperation[] = [
  ...GATEWAY_ACTIONS.map(([sdk, segment, feature]) => refused(`virtualNetworkGateways.${sdk}`, 'POST', 'virtualNetworkGateways', 'virtualNetworkGatewayName', segment, feature)),
  ...CONNECTION_ACTIONS.map(([sdk, method, segment, feature]) => refused(`virtualNetworkGatewayConnections.${sdk}`, method, 'connections', 'virtualNetworkGatewayConnectionName', segment, feature)),
];
