// Every kind of stored entity, in one registry: its type, and which field links it to its parent
// (for cheap child listings). Kind names are "<cloud>.<Cloud's own resource name>".
import type { Compartment, Tenancy } from './oci/common.ts';
import type { DhcpOptions, InternetGateway, Subnet as OciSubnet, Vcn } from './oci/vcn.ts';
import type { RouteTable as OciRouteTable } from './oci/route-table.ts';
import type { NetworkSecurityGroup as OciNsg, NsgSecurityRule, SecurityList } from './oci/security.ts';
import type { Drg, DrgAttachment, DrgRouteDistribution, DrgRouteDistributionStatement, DrgRouteRule, DrgRouteTable } from './oci/drg.ts';
import type { VirtualCircuit } from './oci/virtual-circuit.ts';
import type { Instance, PrivateIp, Vnic, VnicAttachment } from './oci/compute.ts';
import type { ResourceGroup, Subscription } from './azure/common.ts';
import type { NetworkInterface, NetworkSecurityGroup, Route, RouteTable, SecurityRule, Subnet, VirtualNetwork } from './azure/network.ts';
import type { VirtualMachine } from './azure/compute.ts';
import type { Connection, ExpressRouteCircuit, ExpressRouteCircuitAuthorization, ExpressRouteCircuitPeering, VirtualNetworkGateway } from './azure/expressroute.ts';
import type { Deployment } from './azure/deployment.ts';
import type { PublicIPAddress } from './azure/public-ip.ts';
import type { NetworkWatcher } from './azure/network-watcher.ts';
import type { Timer } from './timer.ts';
import type { Drill } from './drill.ts';
import type { ApiKey, RetryToken } from './fr-records.ts';
import type { OnPremisesSite } from './onprem/site.ts';
import type { WorkRequest } from './oci/work-request.ts';
import type { LocalPeeringGateway, NatGateway, RemotePeeringConnection, ServiceGateway } from './oci/gateways.ts';
import type { Resolver, ResolverEndpoint, View, Zone } from './oci/dns.ts';
import type { DnsForwardingRuleset, DnsResolver, ForwardingRule, InboundEndpoint, OutboundEndpoint, PrivateDnsRecordSet, PrivateDnsZone, PrivateDnsZoneLink, RulesetVirtualNetworkLink } from './azure/dns.ts';

export interface KindMap {
  'oci.Tenancy': Tenancy;
  'oci.Compartment': Compartment;
  'oci.Vcn': Vcn;
  'oci.DhcpOptions': DhcpOptions;
  'oci.Subnet': OciSubnet;
  'oci.InternetGateway': InternetGateway;
  'oci.RouteTable': OciRouteTable;
  'oci.SecurityList': SecurityList;
  'oci.NetworkSecurityGroup': OciNsg;
  'oci.NsgSecurityRule': NsgSecurityRule;
  'oci.Drg': Drg;
  'oci.DrgAttachment': DrgAttachment;
  'oci.DrgRouteTable': DrgRouteTable;
  'oci.DrgRouteRule': DrgRouteRule;
  'oci.DrgRouteDistribution': DrgRouteDistribution;
  'oci.DrgRouteDistributionStatement': DrgRouteDistributionStatement;
  'oci.VirtualCircuit': VirtualCircuit;
  'oci.Instance': Instance;
  'oci.Vnic': Vnic;
  'oci.VnicAttachment': VnicAttachment;
  'oci.PrivateIp': PrivateIp;
  'oci.WorkRequest': WorkRequest;
  'oci.NatGateway': NatGateway;
  'oci.ServiceGateway': ServiceGateway;
  'oci.LocalPeeringGateway': LocalPeeringGateway;
  'oci.RemotePeeringConnection': RemotePeeringConnection;
  'oci.Resolver': Resolver;
  'oci.ResolverEndpoint': ResolverEndpoint;
  'oci.View': View;
  'oci.Zone': Zone;
  'azure.Subscription': Subscription;
  'azure.ResourceGroup': ResourceGroup;
  'azure.VirtualNetwork': VirtualNetwork;
  'azure.Subnet': Subnet;
  'azure.NetworkSecurityGroup': NetworkSecurityGroup;
  'azure.SecurityRule': SecurityRule;
  'azure.RouteTable': RouteTable;
  'azure.Route': Route;
  'azure.NetworkInterface': NetworkInterface;
  'azure.VirtualMachine': VirtualMachine;
  'azure.VirtualNetworkGateway': VirtualNetworkGateway;
  'azure.ExpressRouteCircuit': ExpressRouteCircuit;
  'azure.ExpressRouteCircuitPeering': ExpressRouteCircuitPeering;
  'azure.ExpressRouteCircuitAuthorization': ExpressRouteCircuitAuthorization;
  'azure.Connection': Connection;
  'azure.Deployment': Deployment;
  'azure.PublicIPAddress': PublicIPAddress;
  'azure.NetworkWatcher': NetworkWatcher;
  'azure.PrivateDnsZone': PrivateDnsZone;
  'azure.PrivateDnsRecordSet': PrivateDnsRecordSet;
  'azure.PrivateDnsZoneLink': PrivateDnsZoneLink;
  'azure.DnsResolver': DnsResolver;
  'azure.InboundEndpoint': InboundEndpoint;
  'azure.OutboundEndpoint': OutboundEndpoint;
  'azure.DnsForwardingRuleset': DnsForwardingRuleset;
  'azure.ForwardingRule': ForwardingRule;
  'azure.RulesetVirtualNetworkLink': RulesetVirtualNetworkLink;
  'fr.Timer': Timer;
  'fr.Drill': Drill;
  'fr.RetryToken': RetryToken;
  'fr.ApiKey': ApiKey;
  'fr.OnPremisesSite': OnPremisesSite;
}

type AnyKind = keyof KindMap;

/** The parent link of each kind that has one. */
const PARENT_FIELD: Partial<Record<AnyKind, (e: never) => string | undefined>> = {
  'oci.Compartment': (e: Compartment) => e.fr.tenancyId,
  'oci.Vcn': (e: Vcn) => e.compartmentId,
  'oci.DhcpOptions': (e: DhcpOptions) => e.vcnId,
  'oci.Subnet': (e: OciSubnet) => e.vcnId,
  'oci.InternetGateway': (e: InternetGateway) => e.vcnId,
  'oci.RouteTable': (e: OciRouteTable) => e.vcnId,
  'oci.SecurityList': (e: SecurityList) => e.vcnId,
  'oci.NetworkSecurityGroup': (e: OciNsg) => e.vcnId,
  'oci.NsgSecurityRule': (e: NsgSecurityRule) => e.fr.nsgId,
  'oci.DrgAttachment': (e: DrgAttachment) => e.drgId,
  'oci.DrgRouteTable': (e: DrgRouteTable) => e.drgId,
  'oci.DrgRouteRule': (e: DrgRouteRule) => e.fr.drgRouteTableId,
  'oci.DrgRouteDistribution': (e: DrgRouteDistribution) => e.drgId,
  'oci.DrgRouteDistributionStatement': (e: DrgRouteDistributionStatement) => e.fr.distributionId,
  'oci.Vnic': (e: Vnic) => e.subnetId,
  'oci.VnicAttachment': (e: VnicAttachment) => e.instanceId,
  'oci.PrivateIp': (e: PrivateIp) => e.vnicId,
  // Indexed by the resource the work request acts on, so a transition can finish it cheaply.
  'oci.WorkRequest': (e: WorkRequest) => e.fr.targetId,
  'oci.NatGateway': (e: NatGateway) => e.vcnId,
  'oci.ServiceGateway': (e: ServiceGateway) => e.vcnId,
  'oci.LocalPeeringGateway': (e: LocalPeeringGateway) => e.vcnId,
  'oci.RemotePeeringConnection': (e: RemotePeeringConnection) => e.drgId,
  // DNS (model/oci/dns.ts, model/azure/dns.ts): a resolver under its VCN, the rest under their parents.
  'oci.Resolver': (e: Resolver) => e.attachedVcnId,
  'oci.ResolverEndpoint': (e: ResolverEndpoint) => e.resolverId,
  'oci.Zone': (e: Zone) => e.viewId,
  'azure.PrivateDnsRecordSet': (e: PrivateDnsRecordSet) => e.fr.parentId,
  'azure.PrivateDnsZoneLink': (e: PrivateDnsZoneLink) => e.fr.parentId,
  'azure.InboundEndpoint': (e: InboundEndpoint) => e.fr.parentId,
  'azure.OutboundEndpoint': (e: OutboundEndpoint) => e.fr.parentId,
  'azure.ForwardingRule': (e: ForwardingRule) => e.fr.parentId,
  'azure.RulesetVirtualNetworkLink': (e: RulesetVirtualNetworkLink) => e.fr.parentId,
  'azure.ResourceGroup': (e: ResourceGroup) => `/subscriptions/${e.fr.subscriptionId}`,
  'azure.Subnet': (e: Subnet) => e.fr.parentId,
  'azure.SecurityRule': (e: SecurityRule) => e.fr.parentId,
  'azure.Route': (e: Route) => e.fr.parentId,
  'azure.ExpressRouteCircuitPeering': (e: ExpressRouteCircuitPeering) => e.fr.parentId,
  'azure.ExpressRouteCircuitAuthorization': (e: ExpressRouteCircuitAuthorization) => e.fr.parentId,
  // Listed per resource group, or per subscription at subscription scope (GET …/deployments).
  'azure.Deployment': (e: Deployment) => `/subscriptions/${e.fr.subscriptionId}${e.fr.resourceGroup === undefined ? '' : `/resourceGroups/${e.fr.resourceGroup}`}`,
};

export function parentOf(kind: AnyKind, entity: unknown): string | undefined {
  const f = PARENT_FIELD[kind] as ((e: unknown) => string | undefined) | undefined;
  return f?.(entity);
}

export const ALL_KINDS = [
  'oci.Tenancy', 'oci.Compartment', 'oci.Vcn', 'oci.DhcpOptions', 'oci.Subnet', 'oci.InternetGateway', 'oci.RouteTable',
  'oci.SecurityList', 'oci.NetworkSecurityGroup', 'oci.NsgSecurityRule', 'oci.Drg', 'oci.DrgAttachment', 'oci.DrgRouteTable',
  'oci.DrgRouteRule', 'oci.DrgRouteDistribution', 'oci.DrgRouteDistributionStatement', 'oci.VirtualCircuit', 'oci.Instance',
  'oci.Vnic', 'oci.VnicAttachment', 'oci.PrivateIp', 'oci.WorkRequest', 'oci.NatGateway', 'oci.ServiceGateway', 'oci.LocalPeeringGateway',
  'oci.RemotePeeringConnection', 'oci.Resolver', 'oci.ResolverEndpoint', 'oci.View', 'oci.Zone', 'azure.Subscription', 'azure.ResourceGroup', 'azure.VirtualNetwork',
  'azure.Subnet', 'azure.NetworkSecurityGroup', 'azure.SecurityRule', 'azure.RouteTable', 'azure.Route', 'azure.NetworkInterface',
  'azure.VirtualMachine', 'azure.VirtualNetworkGateway', 'azure.ExpressRouteCircuit', 'azure.ExpressRouteCircuitPeering',
  'azure.ExpressRouteCircuitAuthorization', 'azure.Connection', 'azure.Deployment', 'azure.PublicIPAddress', 'azure.NetworkWatcher',
  'azure.PrivateDnsZone', 'azure.PrivateDnsRecordSet', 'azure.PrivateDnsZoneLink', 'azure.DnsResolver', 'azure.InboundEndpoint', 'azure.OutboundEndpoint',
  'azure.DnsForwardingRuleset', 'azure.ForwardingRule', 'azure.RulesetVirtualNetworkLink', 'fr.Timer', 'fr.Drill', 'fr.RetryToken', 'fr.ApiKey', 'fr.OnPremisesSite',
] as const satisfies readonly AnyKind[];

export const AZURE_KINDS: ReadonlySet<AnyKind> = new Set(ALL_KINDS.filter((k) => k.startsWith('azure.')));

export function isKind(value: string): value is AnyKind {
  return (ALL_KINDS as readonly string[]).includes(value);
}
