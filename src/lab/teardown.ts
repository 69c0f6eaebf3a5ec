// Tears a lab down in the order the clouds require (interconnect-facts §1.13): connections, then
// virtual circuits (which deprovision the circuits), then circuits; everything else once nothing
// depends on it. One step deletes what can go now; the runner repeats it as the clouds settle.
import type { Tx } from '../model/tx.ts';
import type { ReadView } from '../model/world.ts';
import { LAB_TAG } from './names.ts';
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
import { terminateInstance } from '../lifecycle/oci/compute.ts';
import { deleteDrgAttachment } from '../lifecycle/oci/drg-attachment.ts';
import { deleteSubnet } from '../lifecycle/oci/subnet.ts';
import { deleteNetworkSecurityGroup as deleteOciNsg, deleteSecurityList, deleteInternetGateway } from '../lifecycle/oci/security-list.ts';
import { deleteRouteTable, updateRouteTable } from '../lifecycle/oci/route-table.ts';
import { deleteVcn } from '../lifecycle/oci/vcn.ts';
import { deleteDrg } from '../lifecycle/oci/drg.ts';
import { deleteDrgRouteDistribution, deleteDrgRouteTable, removeDrgRouteRules } from '../lifecycle/oci/drg-route-table.ts';
import { DRG_DEFAULT_NAMES } from '../lifecycle/oci/drg.ts';

type Tagged = { freeformTags?: Record<string, string>; tags?: Record<string, string> };
const inLab = (name: string) => (e: Tagged) => (e.freeformTags ?? e.tags ?? {})[LAB_TAG] === name;

/** Names of the labs present in the world (from their tags). */
export function labNames(view: ReadView): string[] {
  const names = new Set<string>();
  const add = (e: Tagged, gone: boolean) => { const n = (e.freeformTags ?? e.tags ?? {})[LAB_TAG]; if (n !== undefined && !gone) names.add(n); };
  for (const v of view.list('oci.Vcn')) add(v, isGone(v.lifecycleState));
  for (const d of view.list('oci.Drg')) add(d, isGone(d.lifecycleState));
  for (const v of view.list('oci.VirtualCircuit')) add(v, isGone(v.lifecycleState));
  for (const g of view.list('azure.ResourceGroup')) add(g, false);
  return [...names].sort();
}

/** Lab resources still present (OCI ones not yet TERMINATED/DETACHED; Azure ones not yet purged). */
export function labRemaining(view: ReadView, name: string): number {
  const tagged = inLab(name);
  let n = 0;
  for (const kind of ['oci.Vcn', 'oci.Subnet', 'oci.RouteTable', 'oci.SecurityList', 'oci.NetworkSecurityGroup', 'oci.InternetGateway', 'oci.Drg', 'oci.DrgAttachment', 'oci.DrgRouteTable', 'oci.DrgRouteDistribution', 'oci.VirtualCircuit', 'oci.Instance'] as const) {
    for (const e of view.list(kind)) if (tagged(e) && !isGone(e.lifecycleState) && e.lifecycleState !== 'FAILED') n++;
  }
  for (const kind of ['azure.ResourceGroup', 'azure.VirtualNetwork', 'azure.NetworkSecurityGroup', 'azure.RouteTable', 'azure.NetworkInterface', 'azure.VirtualMachine', 'azure.VirtualNetworkGateway', 'azure.ExpressRouteCircuit', 'azure.Connection'] as const) {
    for (const e of view.list(kind)) if (tagged(e)) n++;
  }
  // A FAILED virtual circuit still has to be deleted again, so it counts.
  for (const v of view.list('oci.VirtualCircuit')) if (tagged(v) && v.lifecycleState === 'FAILED') n++;
  return n;
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
  const tagged = inLab(name);
  let deleted = 0;
  const attempt = (fn: () => void) => { if (tryDo(fn)) deleted++; };
  const ociScope = (e: { fr: { region: string } }): OciScope => ({ tenancyId: DEFAULT_TENANCY_ID, region: e.fr.region });
  const azScope = (e: { fr: { subscriptionId: string } }) => ({ subscriptionId: e.fr.subscriptionId });
  const liveArm = <T extends { properties: { provisioningState: string } } & Tagged>(xs: T[]) => xs.filter((x) => tagged(x) && x.properties.provisioningState !== 'Deleting');

  // 1. Connections first.
  const connections = tx.list('azure.Connection').filter(tagged);
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
  // 4. Azure compute and networks.
  for (const vm of liveArm(tx.list('azure.VirtualMachine'))) attempt(() => { deleteVirtualMachine(tx, azScope(vm), rgOf(vm), vm.name); });
  for (const nic of liveArm(tx.list('azure.NetworkInterface'))) attempt(() => { deleteNetworkInterface(tx, azScope(nic), rgOf(nic), nic.name); });
  for (const gw of liveArm(tx.list('azure.VirtualNetworkGateway'))) attempt(() => { deleteVirtualNetworkGateway(tx, azScope(gw), rgOf(gw), gw.name); });
  for (const v of liveArm(tx.list('azure.VirtualNetwork'))) attempt(() => { deleteVirtualNetwork(tx, azScope(v), rgOf(v), v.name); });
  for (const n of liveArm(tx.list('azure.NetworkSecurityGroup'))) attempt(() => { deleteNetworkSecurityGroup(tx, azScope(n), rgOf(n), n.name); });
  for (const t of liveArm(tx.list('azure.RouteTable'))) attempt(() => { deleteAzureRouteTable(tx, azScope(t), rgOf(t), t.name); });
  // The resource group goes when nothing else of the lab is in it.
  for (const g of tx.list('azure.ResourceGroup').filter(tagged)) {
    const prefix = `${g.id.toLowerCase()}/`;
    const members = (['azure.VirtualNetwork', 'azure.NetworkSecurityGroup', 'azure.RouteTable', 'azure.NetworkInterface', 'azure.VirtualMachine', 'azure.VirtualNetworkGateway', 'azure.ExpressRouteCircuit', 'azure.Connection', 'azure.PublicIPAddress', 'azure.NetworkWatcher'] as const)
      .some((k) => tx.list(k).some((e) => e.id.toLowerCase().startsWith(prefix)));
    if (!members) { tx.remove('azure.ResourceGroup', g.id); deleted++; }
  }

  // 5. OCI: instances, then the references that keep attachments and tables alive, then the rest.
  const live = <T extends { lifecycleState: string } & Tagged>(xs: T[]) => xs.filter((x) => tagged(x) && !isGone(x.lifecycleState));
  for (const i of live(tx.list('oci.Instance'))) attempt(() => { terminateInstance(tx, ociScope(i), i.id); });
  const vcns = live(tx.list('oci.Vcn'));
  for (const vcn of vcns) {
    for (const t of tx.children('oci.RouteTable', vcn.id)) if (t.routeRules.length > 0 && !isGone(t.lifecycleState)) attempt(() => { updateRouteTable(tx, ociScope(t), t.id, { routeRules: [] }); });
  }
  for (const d of tx.list('oci.Drg').filter(tagged)) {
    for (const t of tx.children('oci.DrgRouteTable', d.id)) {
      const rules = tx.children('oci.DrgRouteRule', t.id).map((r) => r.id);
      if (rules.length > 0) attempt(() => { removeDrgRouteRules(tx, ociScope(d), t.id, rules); });
    }
  }
  for (const a of live(tx.list('oci.DrgAttachment'))) if (a.networkDetails.type === 'VCN') attempt(() => { deleteDrgAttachment(tx, ociScope(a), a.id); });
  for (const s of live(tx.list('oci.Subnet'))) attempt(() => { deleteSubnet(tx, ociScope(s), s.id); });
  for (const n of live(tx.list('oci.NetworkSecurityGroup'))) attempt(() => { deleteOciNsg(tx, ociScope(n), n.id); });
  for (const l of live(tx.list('oci.SecurityList'))) attempt(() => { deleteSecurityList(tx, ociScope(l), l.id); });
  for (const t of live(tx.list('oci.RouteTable'))) attempt(() => { deleteRouteTable(tx, ociScope(t), t.id); });
  for (const g of live(tx.list('oci.InternetGateway'))) attempt(() => { deleteInternetGateway(tx, ociScope(g), g.id); });
  for (const v of vcns) attempt(() => { deleteVcn(tx, ociScope(v), v.id); });
  for (const t of live(tx.list('oci.DrgRouteTable'))) if (t.displayName !== DRG_DEFAULT_NAMES.vcnTable && t.displayName !== DRG_DEFAULT_NAMES.otherTable) attempt(() => { deleteDrgRouteTable(tx, ociScope(t), t.id); });
  for (const dist of live(tx.list('oci.DrgRouteDistribution'))) if (dist.distributionType === 'IMPORT') attempt(() => { deleteDrgRouteDistribution(tx, ociScope(dist), dist.id); });
  for (const d of live(tx.list('oci.Drg'))) attempt(() => { deleteDrg(tx, ociScope(d), d.id); });
  return { deleted, remaining: labRemaining(tx, name) };
}
