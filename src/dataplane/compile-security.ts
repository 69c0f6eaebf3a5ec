// Security for the whole plan, once its links exist: each VNIC/NIC link's router end gets the
// cloud's rules (OCI security lists ∪ NSGs, Azure NSGs), and each VM with a guest firewall in the
// lab gets it in its own namespace, as does each appliance its stateful forward chain. Pure, like the rest of the compiler.
import type { Routing } from '../routing/routing.ts';
import { AzureNsgChains, vnetTagSet } from './compile-security-azure.ts';
import { nsgMembers, ociVnicChains } from './compile-security-oci.ts';
import { hostFirewallChain } from './compile-host-firewall.ts';
import { applianceChain, isAppliance } from './compile-appliance.ts';
import type { DataplanePlan, PlanChain, PlanNamespace } from './plan.ts';

const dispatcher = (rules: string[]): PlanChain => ({ name: 'nics', hook: 'forward', rules, why: 'packets to and from each VNIC / NIC go through its chains' });

export function compileSecurity(r: Routing, plan: DataplanePlan): void {
  const byName = new Map(plan.namespaces.map((ns) => [ns.name, ns]));
  const members = nsgMembers(r);
  const azure = new Map<PlanNamespace, AzureNsgChains>();
  const oci = new Map<PlanNamespace, { chains: PlanChain[]; dispatch: string[] }>();
  for (const link of plan.links) {
    const router = byName.get(link.b.ns);
    if (!router) continue;
    if (link.kind === 'vnic') {
      const vm = byName.get(link.a.ns);
      const guarded = ociVnicChains(r, link.resourceId, link.b.dev, vm?.resourceName ?? link.resourceId, members);
      if (!guarded) continue;
      let acc = oci.get(router);
      if (!acc) oci.set(router, (acc = { chains: [], dispatch: [] }));
      acc.chains.push(...guarded.chains);
      acc.dispatch.push(...guarded.dispatch);
    } else if (link.kind === 'nic') {
      let acc = azure.get(router);
      if (!acc) azure.set(router, (acc = new AzureNsgChains(r)));
      acc.nic(link.resourceId, link.b.dev);
    }
  }
  for (const [ns, acc] of oci) ns.firewall = { sets: [], chains: [dispatcher(acc.dispatch), ...acc.chains] };
  for (const [ns, acc] of azure) {
    if (acc.dispatch.length > 0) ns.firewall = { sets: [vnetTagSet(r, ns.resourceId)], chains: [dispatcher(acc.dispatch), ...acc.chains] };
  }
  for (const ns of plan.namespaces) {
    if (ns.role !== 'vm') continue;
    const fw = ns.cloud === 'oci' ? r.memo.get('oci.Instance', ns.resourceId)?.fr.hostFirewall : r.memo.get('azure.VirtualMachine', ns.resourceId)?.fr.hostFirewall;
    const chains = [...(fw ? [hostFirewallChain(fw, ns.resourceName)] : []), ...(isAppliance(ns) ? [applianceChain(ns.resourceName)] : [])];
    if (chains.length > 0) ns.firewall = { sets: [], chains };
  }
}
