// Tears a lab down in the order the clouds require (interconnect-facts §1.13): connections, then
// virtual circuits (which deprovision the circuits), then circuits; everything else once nothing
// depends on it (in a VCN: route rules, then the gateways they target, then the VCN). One step
// deletes what can go now; the runner repeats it as the clouds settle. What the APIs created inside
// the lab's VCNs and resource groups goes too (lab/ownership.ts).
import type { Tx } from '../model/tx.ts';
import type { Entity, Kind, ReadView } from '../model/world.ts';
import { labOwnership, labTagOf, type Tagged } from './ownership.ts';
import { DEFAULT_TENANCY_ID } from '../lifecycle/defaults.ts';
import type { OciScope } from '../lifecycle/oci/scope.ts';
import { isGone } from '../lifecycle/oci/scope.ts';
import { deleteConnection } from '../lifecycle/azure/connection.ts';
import { deleteVirtualCircuit } from '../lifecycle/oci/virtual-circuit.ts';
import { deleteExpressRouteCircuit } from '../lifecycle/azure/circuit.ts';
import { deleteVirtualMachine, deleteNetworkInterface } from '../lifecycle/azure/nic.ts';
import { deleteVirtualNetworkGateway } from '../lifecycle/azure/gateway.ts';
import { deleteVirtualNetwork } from '../lifecycle/azure/vnet.ts';
import { deleteNetworkSecurityGroup } from '../lifecycle/azure/nsg.ts';
import { deleteRouteTable as deleteAzureRouteTable } from '../lifecycle/azure/route-table.ts';
import { deletePublicIPAddress } from '../lifecycle/azure/public-ip.ts';
import { deleteNetworkWatcher } from '../lifecycle/azure/network-watcher.ts';
import { resourcesInGroup } from '../lifecycle/azure/resource-group.ts';
import { deleteNatGateway } from '../lifecycle/oci/nat-gateway.ts';
import { deleteServiceGateway } from '../lifecycle/oci/service-gateway.ts';
import { deleteLocalPeeringGateway } from '../lifecycle/oci/local-peering-gateway.ts';
import { deleteDhcpOptions } from '../lifecycle/oci/dhcp-options.ts';
import { terminateInstance } from '../lifecycle/oci/compute.ts';
import { deleteDrgAttachment } from '../lifecycle/oci/drg-attachment.ts';
import { deleteSubnet } from '../lifecycle/oci/subnet.ts';
import { deleteNetworkSecurityGroup as deleteOciNsg, deleteSecurityList, deleteInternetGateway } from '../lifecycle/oci/security-list.ts';
import { deleteRouteTable, updateRouteTable } from '../lifecycle/oci/route-table.ts';
import { deleteVcn } from '../lifecycle/oci/vcn.ts';
import { deleteDrg } from '../lifecycle/oci/drg.ts';
import { deleteDrgRouteDistribution, deleteDrgRouteTable, removeDrgRouteRules } from '../lifecycle/oci/drg-route-table.ts';
import { DRG_DEFAULT_NAMES } from '../lifecycle/oci/drg.ts';
import { removeLabDns } from './apply-dns.ts';

/** Names of the labs present in the world (from their tags). */
export function labNames(view: ReadView): string[] {
  const names = new Set<string>();
  const add = (e: Tagged, gone: boolean) => { const n = labTagOf(e); if (n !== undefined && !gone) names.add(n); };
  for (const v of view.list('oci.Vcn')) add(v, isGone(v.lifecycleState));
  for (const d of view.list('oci.Drg')) add(d, isGone(d.lifecycleState));
  for (const v of view.list('oci.VirtualCircuit')) add(v, isGone(v.lifecycleState));
  for (const g of view.list('azure.ResourceGroup')) add(g, false);
  return [...names].sort();
}

const OCI_TAGGED_KINDS = ['oci.Drg', 'oci.DrgRouteTable', 'oci.DrgRouteDistribution', 'oci.VirtualCircuit'] as const;
const OCI_VCN_KINDS = ['oci.Subnet', 'oci.RouteTable', 'oci.SecurityList', 'oci.NetworkSecurityGroup', 'oci.InternetGateway', 'oci.NatGateway', 'oci.ServiceGateway', 'oci.LocalPeeringGateway', 'oci.DhcpOptions'] as const;
const ARM_KINDS = ['azure.VirtualNetwork', 'azure.NetworkSecurityGroup', 'azure.RouteTable', 'azure.NetworkInterface', 'azure.VirtualMachine', 'azure.VirtualNetworkGateway', 'azure.ExpressRouteCircuit', 'azure.Connection', 'azure.PublicIPAddress', 'azure.NetworkWatcher'] as const;

/**
 * Lab resources still present (OCI ones not yet TERMINATED/DETACHED; Azure ones not yet purged),
 * counting what the APIs created inside the lab's VCNs and resource groups, which go with them.
 * One kind per resource: what `up` reports as created and `down` as deleted (lab/census.ts).
 */
export function labResourceKinds(view: ReadView, name: string): Kind[] {
  const own = labOwnership(view, name);
  const present = (e: { lifecycleState: string }) => !isGone(e.lifecycleState) && e.lifecycleState !== 'FAILED';
  const out: Kind[] = [];
  const count = <K extends Kind>(kind: K, keep: (e: Entity<K>) => boolean) => { for (const e of view.list(kind)) if (keep(e)) out.push(kind); };
  count('oci.Vcn', (v) => own.tagged(v) && present(v));
  for (const kind of OCI_TAGGED_KINDS) count(kind, (e) => own.tagged(e) && present(e));
  for (const kind of OCI_VCN_KINDS) count(kind, (e) => own.inVcn(e) && !own.isVcnDefault(e.id) && present(e));
  count('oci.Instance', (e) => own.instance(e) && present(e));
  count('oci.DrgAttachment', (e) => own.drgAttachment(e) && present(e));
  count('azure.ResourceGroup', own.tagged);
  for (const kind of ARM_KINDS) count(kind, own.arm);
  // A FAILED virtual circuit still has to be deleted again, so it counts.
  count('oci.VirtualCircuit', (v) => own.tagged(v) && v.lifecycleState === 'FAILED');
  count('fr.OnPremisesSite', (s) => s.lab === name);
  return out;
}

export function labRemaining(view: ReadView, name: string): number {
  return labResourceKinds(view, name).length;
}

const rgOf = (e: { fr: { resourceGroup: string } }) => e.fr.resourceGroup;

function tryDo(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch {
    return false; // not deletable yet: a later step retries once its dependents are gone
  }
}

export function teardownLabStep(tx: Tx, name: string): { deleted: number; remaining: number } {
  const own = labOwnership(tx, name);
  const { tagged } = own;
  let deleted = 0;
  const attempt = (fn: () => void) => { if (tryDo(fn)) deleted++; };
  const ociScope = (e: { fr: { region: string } }): OciScope => ({ tenancyId: DEFAULT_TENANCY_ID, region: e.fr.region });
  const azScope = (e: { fr: { subscriptionId: string } }) => ({ subscriptionId: e.fr.subscriptionId });
  const liveArm = <T extends { id: string; properties: { provisioningState: string } } & Tagged>(xs: T[]) => xs.filter((x) => own.arm(x) && x.properties.provisioningState !== 'Deleting');

  // 0. On-premises sites: FastRoute's own records, nothing depends on them.
  for (const s of tx.list('fr.OnPremisesSite')) if (s.lab === name) { tx.remove('fr.OnPremisesSite', s.id); deleted++; }
  // 0b. DNS (resolvers, views, zones, rulesets): they reference subnets and VNets, nothing references them.
  deleted += removeLabDns(tx, name);
  // 1. Connections first.
  const connections = tx.list('azure.Connection').filter(own.arm);
  for (const c of liveArm(connections)) attempt(() => { deleteConnection(tx, azScope(c), rgOf(c), c.name); });
  // 2. Virtual circuits once no connection of the lab remains (even a Deleting one).
  if (connections.length === 0) {
    for (const v of tx.list('oci.VirtualCircuit').filter(tagged)) {
      if (v.lifecycleState !== 'TERMINATING' && v.lifecycleState !== 'TERMINATED') attempt(() => { deleteVirtualCircuit(tx, ociScope(v), v.id); });
    }
  }
  // 3. Circuits once their provider has deprovisioned them.
  for (const c of liveArm(tx.list('azure.ExpressRouteCircuit'))) {
    if (c.properties.serviceProviderProvisioningState === 'NotProvisioned') attempt(() => { deleteExpressRouteCircuit(tx, azScope(c), rgOf(c), c.name); });
  }
  // 4. Azure compute and networks; public IPs once the gateways holding them are gone.
  for (const vm of liveArm(tx.list('azure.VirtualMachine'))) attempt(() => { deleteVirtualMachine(tx, azScope(vm), rgOf(vm), vm.name); });
  for (const nic of liveArm(tx.list('azure.NetworkInterface'))) attempt(() => { deleteNetworkInterface(tx, azScope(nic), rgOf(nic), nic.name); });
  for (const gw of liveArm(tx.list('azure.VirtualNetworkGateway'))) attempt(() => { deleteVirtualNetworkGateway(tx, azScope(gw), rgOf(gw), gw.name); });
  for (const p of liveArm(tx.list('azure.PublicIPAddress'))) attempt(() => { deletePublicIPAddress(tx, azScope(p), rgOf(p), p.name); });
  for (const v of liveArm(tx.list('azure.VirtualNetwork'))) attempt(() => { deleteVirtualNetwork(tx, azScope(v), rgOf(v), v.name); });
  for (const n of liveArm(tx.list('azure.NetworkSecurityGroup'))) attempt(() => { deleteNetworkSecurityGroup(tx, azScope(n), rgOf(n), n.name); });
  for (const t of liveArm(tx.list('azure.RouteTable'))) attempt(() => { deleteAzureRouteTable(tx, azScope(t), rgOf(t), t.name); });
  for (const w of liveArm(tx.list('azure.NetworkWatcher'))) attempt(() => { deleteNetworkWatcher(tx, azScope(w), rgOf(w), w.name); });
  // The resource group goes (with its deployment records) when nothing is left in it.
  for (const g of tx.list('azure.ResourceGroup').filter(tagged)) {
    if (resourcesInGroup(tx, azScope(g), g.name).length > 0) continue;
    for (const d of tx.children('azure.Deployment', g.id)) tx.remove('azure.Deployment', d.id);
    tx.remove('azure.ResourceGroup', g.id);
    deleted++;
  }

  // 5. OCI: instances, then the references that keep attachments, gateways and tables alive
  //    (route rules first: a gateway cannot go while a rule targets it), then the rest.
  const live = <T extends { lifecycleState: string }>(xs: T[], owned: (x: T) => boolean) => xs.filter((x) => owned(x) && !isGone(x.lifecycleState));
  const contents = <T extends { id: string; vcnId: string; lifecycleState: string } & Tagged>(xs: T[]) => live(xs, (x) => own.inVcn(x) && !own.isVcnDefault(x.id));
  for (const i of live(tx.list('oci.Instance'), own.instance)) attempt(() => { terminateInstance(tx, ociScope(i), i.id); });
  const vcns = live(tx.list('oci.Vcn'), tagged);
  for (const vcn of vcns) {
    for (const t of tx.children('oci.RouteTable', vcn.id)) if (t.routeRules.length > 0 && !isGone(t.lifecycleState)) attempt(() => { updateRouteTable(tx, ociScope(t), t.id, { routeRules: [] }); });
  }
  for (const d of tx.list('oci.Drg').filter(tagged)) {
    for (const t of tx.children('oci.DrgRouteTable', d.id)) {
      const rules = tx.children('oci.DrgRouteRule', t.id).map((r) => r.id);
      if (rules.length > 0) attempt(() => { removeDrgRouteRules(tx, ociScope(d), t.id, rules); });
    }
  }
  for (const a of live(tx.list('oci.DrgAttachment'), own.drgAttachment)) if (a.networkDetails.type === 'VCN') attempt(() => { deleteDrgAttachment(tx, ociScope(a), a.id); });
  for (const s of contents(tx.list('oci.Subnet'))) attempt(() => { deleteSubnet(tx, ociScope(s), s.id); });
  for (const n of contents(tx.list('oci.NetworkSecurityGroup'))) attempt(() => { deleteOciNsg(tx, ociScope(n), n.id); });
  for (const l of contents(tx.list('oci.SecurityList'))) attempt(() => { deleteSecurityList(tx, ociScope(l), l.id); });
  for (const g of contents(tx.list('oci.InternetGateway'))) attempt(() => { deleteInternetGateway(tx, ociScope(g), g.id); });
  for (const g of contents(tx.list('oci.NatGateway'))) attempt(() => { deleteNatGateway(tx, ociScope(g), g.id); });
  for (const g of contents(tx.list('oci.ServiceGateway'))) attempt(() => { deleteServiceGateway(tx, ociScope(g), g.id); });
  for (const g of contents(tx.list('oci.LocalPeeringGateway'))) attempt(() => { deleteLocalPeeringGateway(tx, ociScope(g), g.id); });
  for (const o of contents(tx.list('oci.DhcpOptions'))) attempt(() => { deleteDhcpOptions(tx, ociScope(o), o.id); });
  // Route tables after the gateways and attachments that use them.
  for (const t of contents(tx.list('oci.RouteTable'))) attempt(() => { deleteRouteTable(tx, ociScope(t), t.id); });
  for (const v of vcns) attempt(() => { deleteVcn(tx, ociScope(v), v.id); });
  for (const t of live(tx.list('oci.DrgRouteTable'), tagged)) if (t.displayName !== DRG_DEFAULT_NAMES.vcnTable && t.displayName !== DRG_DEFAULT_NAMES.otherTable) attempt(() => { deleteDrgRouteTable(tx, ociScope(t), t.id); });
  for (const dist of live(tx.list('oci.DrgRouteDistribution'), tagged)) if (dist.distributionType === 'IMPORT') attempt(() => { deleteDrgRouteDistribution(tx, ociScope(dist), dist.id); });
  for (const d of live(tx.list('oci.Drg'), tagged)) attempt(() => { deleteDrg(tx, ociScope(d), d.id); });
  return { deleted, remaining: labRemaining(tx, name) };
}
