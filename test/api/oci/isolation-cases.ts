// The isolation matrix's tables for OCI: which resource each path parameter, query parameter and
// body id field names, and a valid body for every operation that takes one. The operations and the
// id fields themselves come from the route table and the SDK; a name missing here fails the matrix,
// so a new endpoint or field cannot go untested.
import { availabilityDomainName } from '../../../src/lifecycle/oci/availability-domains.ts';
import type { Net } from './isolation-world.ts';
import { ASHBURN_IMAGE_ID } from './harness.ts';

/** A tenancy's network plus a spare VCN, LPG and circuit key for its own creates to use, and a compartment. */
export interface Side extends Net { spareVcn: string; spareLpg: string; circuitKey: string; compartment: string }

/** Path parameter → the resource of a side it names. */
export const PARAMS: Record<string, (n: Side) => string> = {
  vcnId: (n) => n.vcn, subnetId: (n) => n.subnet, rtId: (n) => n.rt, dhcpId: (n) => n.dhcp, securityListId: (n) => n.sl,
  networkSecurityGroupId: (n) => n.nsg, igId: (n) => n.igw, natGatewayId: (n) => n.nat, serviceGatewayId: (n) => n.sgw,
  drgId: (n) => n.drg, drgAttachmentId: (n) => n.drgAtt, drgRouteTableId: (n) => n.drgRt, drgRouteDistributionId: (n) => n.drgRd,
  localPeeringGatewayId: (n) => n.lpg, remotePeeringConnectionId: (n) => n.rpc, virtualCircuitId: (n) => n.vc,
  instanceId: (n) => n.instance, vnicId: (n) => n.vnic, vnicAttachmentId: (n) => n.vnicAtt, privateIpId: (n) => n.privateIp,
  workRequestId: (n) => n.workRequest, compartmentId: (n) => n.compartment,
  // The shared catalogue: the same for every tenancy.
  serviceId: (n) => n.service, providerServiceId: (n) => n.providerService, providerServiceKeyName: (n) => n.circuitKey,
  imageId: () => ASHBURN_IMAGE_ID,
};

/** Path parameters of the shared catalogues (services, FastConnect providers, platform images): nobody owns them. */
export const PUBLIC_PARAMS = new Set(['serviceId', 'providerServiceId', 'providerServiceKeyName', 'imageId']);

/**
 * Operations with no owner to isolate: the catalogue every tenancy shares. They are still tried
 * with the other tenancy's compartment, and must answer as for a compartment that does not exist.
 */
export const PUBLIC_OPS = new Set([
  'listServices', 'getService', 'listFastConnectProviderServices', 'getFastConnectProviderService', 'getFastConnectProviderServiceKey',
  'listFastConnectProviderVirtualCircuitBandwidthShapes', 'listVirtualCircuitBandwidthShapes', 'listAllowedPeerRegionsForRemotePeering',
  'listAvailabilityDomains', 'listShapes', 'listImages', 'getImage',
]);

/** Why `field` of `op` names nothing to isolate (undefined: it must be tried). */
export function exemption(op: string, field: string): string | undefined {
  return EXEMPT_FIELDS[`${op}:${field}`] ?? EXEMPT_FIELDS[field];
}

/** Body or query id field (its last name) → what it names on a side, per operation where it differs. */
export function fieldValue(op: string, field: string, n: Side): unknown {
  const name = field.replace(/^.*\./, '').replace('[]', '');
  if (name === 'peerId') return op === 'connectLocalPeeringGateways' ? n.lpg : n.rpc;
  if (name === 'id' && field.startsWith('networkDetails')) return n.vcn;
  const one: Record<string, string> = {
    compartmentId: n.tenancy, vcnId: n.vcn, networkId: n.vcn, subnetId: n.subnet, routeTableId: n.rt, dhcpOptionsId: n.dhcp,
    drgId: n.drg, gatewayId: n.drg, drgRouteTableId: n.drgRt, importDrgRouteDistributionId: n.drgRd, exportDrgRouteDistributionId: n.drgRd,
    nextHopDrgAttachmentId: n.drgAtt, drgAttachmentId: n.drgAtt, networkEntityId: n.igw, instanceId: n.instance, vnicId: n.vnic,
    privateIpId: n.privateIp, resourceId: n.vcn, source: n.nsg, destination: n.nsg,
  };
  const many: Record<string, string> = { securityListIds: n.sl, nsgIds: n.nsg };
  if (name in many) return [many[name]];
  return one[name];
}

/**
 * Id fields that name nothing another tenancy owns, with the reason: ids of rules inside the
 * parent the path names, the shared catalogue, and kinds FastRoute does not model.
 */
export const EXEMPT_FIELDS: Record<string, string> = {
  'securityRules[].id': 'a rule of the NSG in the path', securityRuleIds: 'rules of the NSG in the path',
  'routeRules[].id': 'a rule of the DRG route table in the path', routeRuleIds: 'rules of the DRG route table in the path',
  'statements[].id': 'a statement of the distribution in the path', statementIds: 'statements of the distribution in the path',
  serviceId: 'the shared service catalogue', 'services[].serviceId': 'the shared service catalogue', providerServiceId: 'the shared FastConnect catalogue',
  imageId: 'platform images are shared', 'sourceDetails.imageId': 'platform images are shared',
  remoteAccountId: "the provider's account, not an OCI resource",
  'updateVnic:routeTableId': 'FastRoute does not model per-VNIC route tables (refused whatever it names)',
  'updateDrgAttachment:exportDrgRouteDistributionId': 'refused on every VCN attachment whatever it names (the only kind B can attach)',
  'createVnicDetails.privateIpId': 'FastRoute does not model reserved private IPs (refused whatever it names)',
  ...Object.fromEntries([
    'byoipv6CidrDetails[].byoipv6RangeId', 'publicIpId', 'crossConnectMappings[].crossConnectOrCrossConnectGroupId', 'vlanId',
    'capacityReservationId', 'computeClusterId', 'createVnicDetails.ipv6AddressIpv6SubnetCidrPairDetails[].ipv6Id', 'createVnicDetails.vlanId',
    'dedicatedVmHostId', 'clusterPlacementGroupId', 'sourceDetails.kmsKeyId', 'sourceDetails.instanceSourceImageFilterDetails.compartmentId',
    'launchVolumeAttachments[].volumeId', 'launchVolumeAttachments[].launchCreateVolumeDetails.compartmentId',
    'launchVolumeAttachments[].launchCreateVolumeDetails.kmsKeyId', 'placementConstraintDetails.computeHostGroupId', 'instanceConfigurationId',
  ].map((f) => [f, 'a kind FastRoute does not model (the field is ignored)'])),
};

/** References the SDK types as plain strings (not "…Id"): an NSG rule's NSG, a statement's attachment. */
export const EXTRA_FIELDS: Record<string, string[]> = {
  addNetworkSecurityGroupSecurityRules: ['securityRules[].source', 'securityRules[].destination'],
  updateNetworkSecurityGroupSecurityRules: ['securityRules[].source'],
  addDrgRouteDistributionStatements: ['statements[].matchCriteria[].drgAttachmentId'],
  updateDrgRouteDistributionStatements: ['statements[].matchCriteria[].drgAttachmentId'],
};

/** Query values that are not ids. */
export const QUERY_VALUES: Record<string, string> = { action: 'STOP' };

const nsgRules = (n: Side, id?: string) => [
  { ...(id === undefined ? {} : { id }), direction: 'INGRESS', protocol: 'all', source: n.nsg, sourceType: 'NETWORK_SECURITY_GROUP' },
  { direction: 'EGRESS', protocol: 'all', destination: n.nsg, destinationType: 'NETWORK_SECURITY_GROUP' },
];
const byAttachment = (n: Side) => [{ matchType: 'DRG_ATTACHMENT_ID', drgAttachmentId: n.drgAtt }];
const move = (n: Side) => ({ compartmentId: n.tenancy });
const named = () => ({ displayName: 'renamed' });

/** A body each operation accepts from the side that owns everything in it (undefined: sent empty). */
export const BODIES: Record<string, (n: Side) => unknown> = {
  createVcn: (n) => ({ compartmentId: n.tenancy, cidrBlocks: ['172.16.0.0/16'] }),
  createCompartment: (n) => ({ compartmentId: n.tenancy, name: 'isolation-made', description: 'made by the isolation matrix' }),
  updateVcn: named, changeVcnCompartment: move,
  addVcnCidr: () => ({ cidrBlock: '172.17.0.0/16' }), removeVcnCidr: () => ({ cidrBlock: '172.17.0.0/16' }),
  modifyVcnCidr: () => ({ originalCidrBlock: '172.17.0.0/16', newCidrBlock: '172.17.0.0/15' }),
  createSubnet: (n) => ({ compartmentId: n.tenancy, vcnId: n.vcn, cidrBlock: '10.2.7.0/24', routeTableId: n.rt, securityListIds: [n.sl], dhcpOptionsId: n.dhcp }),
  updateSubnet: (n) => ({ routeTableId: n.rt, securityListIds: [n.sl], dhcpOptionsId: n.dhcp }), changeSubnetCompartment: move,
  createRouteTable: (n) => ({ compartmentId: n.tenancy, vcnId: n.vcn, routeRules: [{ destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', networkEntityId: n.igw }] }),
  updateRouteTable: (n) => ({ routeRules: [{ destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', networkEntityId: n.igw }] }), changeRouteTableCompartment: move,
  createSecurityList: (n) => ({ compartmentId: n.tenancy, vcnId: n.vcn, egressSecurityRules: [], ingressSecurityRules: [] }),
  updateSecurityList: named, changeSecurityListCompartment: move,
  createDhcpOptions: (n) => ({ compartmentId: n.tenancy, vcnId: n.vcn, options: [{ type: 'DomainNameServer', serverType: 'VcnLocalPlusInternet' }] }),
  updateDhcpOptions: named, changeDhcpOptionsCompartment: move,
  createNetworkSecurityGroup: (n) => ({ compartmentId: n.tenancy, vcnId: n.vcn }),
  updateNetworkSecurityGroup: named, changeNetworkSecurityGroupCompartment: move,
  addNetworkSecurityGroupSecurityRules: (n) => ({ securityRules: nsgRules(n) }),
  updateNetworkSecurityGroupSecurityRules: (n) => ({ securityRules: nsgRules(n, n.nsgRule).slice(0, 1) }),
  removeNetworkSecurityGroupSecurityRules: (n) => ({ securityRuleIds: [n.nsgRule] }),
  createInternetGateway: (n) => ({ compartmentId: n.tenancy, vcnId: n.spareVcn, isEnabled: true }),
  updateInternetGateway: (n) => ({ isEnabled: true, routeTableId: n.rt }), changeInternetGatewayCompartment: move,
  createNatGateway: (n) => ({ compartmentId: n.tenancy, vcnId: n.spareVcn }),
  updateNatGateway: (n) => ({ blockTraffic: false, routeTableId: n.rt }), changeNatGatewayCompartment: move,
  createServiceGateway: (n) => ({ compartmentId: n.tenancy, vcnId: n.spareVcn, services: [{ serviceId: n.service }] }),
  updateServiceGateway: (n) => ({ routeTableId: n.rt, services: [{ serviceId: n.service }] }), changeServiceGatewayCompartment: move,
  attachServiceId: (n) => ({ serviceId: n.service }), detachServiceId: (n) => ({ serviceId: n.service }),
  createDrg: (n) => ({ compartmentId: n.tenancy }), updateDrg: named, changeDrgCompartment: move,
  createDrgAttachment: (n) => ({ drgId: n.drg, drgRouteTableId: n.drgRt, networkDetails: { type: 'VCN', id: n.spareVcn } }),
  updateDrgAttachment: (n) => ({ drgRouteTableId: n.drgRt, networkDetails: { type: 'VCN', routeTableId: n.rt } }),
  createDrgRouteTable: (n) => ({ drgId: n.drg, importDrgRouteDistributionId: n.drgRd }),
  updateDrgRouteTable: (n) => ({ importDrgRouteDistributionId: n.drgRd }),
  addDrgRouteRules: (n) => ({ routeRules: [{ destination: '192.168.1.0/24', destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: n.drgAtt }] }),
  updateDrgRouteRules: (n) => ({ routeRules: [{ id: n.drgRule, destination: '192.168.0.0/16', destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: n.drgAtt }] }),
  removeDrgRouteRules: (n) => ({ routeRuleIds: [n.drgRule] }),
  createDrgRouteDistribution: (n) => ({ drgId: n.drg, distributionType: 'IMPORT' }), updateDrgRouteDistribution: named,
  addDrgRouteDistributionStatements: (n) => ({ statements: [{ priority: 20, action: 'ACCEPT', matchCriteria: byAttachment(n) }] }),
  updateDrgRouteDistributionStatements: (n) => ({ statements: [{ id: n.drgStatement, priority: 10, matchCriteria: byAttachment(n) }] }),
  removeDrgRouteDistributionStatements: (n) => ({ statementIds: [n.drgStatement] }),
  createLocalPeeringGateway: (n) => ({ compartmentId: n.tenancy, vcnId: n.vcn, routeTableId: n.rt }),
  updateLocalPeeringGateway: (n) => ({ routeTableId: n.rt }), changeLocalPeeringGatewayCompartment: move,
  connectLocalPeeringGateways: (n) => ({ peerId: n.spareLpg }),
  createRemotePeeringConnection: (n) => ({ compartmentId: n.tenancy, drgId: n.drg }), updateRemotePeeringConnection: named,
  changeRemotePeeringConnectionCompartment: move,
  connectRemotePeeringConnections: (n) => ({ peerId: n.rpc, peerRegionName: 'us-phoenix-1' }),
  createVirtualCircuit: (n) => ({
    compartmentId: n.tenancy, type: 'PRIVATE', bandwidthShapeName: '1 Gbps', gatewayId: n.drg, providerServiceId: n.providerService, providerServiceKeyName: n.circuitKey,
    crossConnectMappings: [{ customerBgpPeeringIp: '10.98.0.2/30' }, { customerBgpPeeringIp: '10.98.0.6/30' }],
  }),
  updateVirtualCircuit: (n) => ({ gatewayId: n.drg }), changeVirtualCircuitCompartment: move,
  launchInstance: (n) => ({
    compartmentId: n.tenancy, availabilityDomain: availabilityDomainName(n.tenancy, 'us-ashburn-1', 1), shape: 'VM.Standard.E4.Flex',
    sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: n.subnet, nsgIds: [n.nsg] },
  }),
  instanceAction: () => undefined, changeInstanceCompartment: move,
  updateVnic: (n) => ({ nsgIds: [n.nsg] }),
  getAllDrgAttachments: () => undefined,
};
