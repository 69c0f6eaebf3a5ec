// Task 5 of the interconnect (interconnect-facts §1.4, §4.2): every subnet of an attached VCN needs a
// route rule sending the Azure prefixes the DRG learned to that DRG (longest prefix match; no match
// means OCI drops the packet). One Fib lookup per (route table, learned prefix), never per subnet.
import { containsPrefix } from '../../model/cidr.ts';
import type { VcnTable } from '../../routing/oci/vcn-table.ts';
import type { VcnRoute } from '../../routing/types.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { azurePrefixesOfDrg, capped, drgName, finding, interconnects, listOf, vcnName, type LearnedPrefix } from '../context.ts';

/** The route that decides the whole prefix: the longest rule containing it. */
export function coveringRoute(table: VcnTable, p: LearnedPrefix['network']): VcnRoute | undefined {
  const m = table.fib.lookup(p.network);
  if (!m) return undefined;
  if (m.length <= p.length) return m.value;
  // A more specific rule sits inside the prefix: find the one that covers the rest.
  let best: VcnRoute | undefined;
  for (const route of table.routes) {
    if (containsPrefix(route.prefix, p) && (!best || route.prefix.length >= best.prefix.length)) best = route;
  }
  return best;
}

function describeTarget(r: Routing, target: string): string {
  if (target.startsWith('ocid1.drg.')) return `DRG ${drgName(r, target)}`;
  if (target.startsWith('ocid1.internetgateway.')) return `internet gateway ${r.memo.get('oci.InternetGateway', target)?.displayName ?? target}`;
  return target;
}

export function ociRoutingRules(r: Routing, _lab?: Lab): Finding[] {
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const ic of interconnects(r)) {
    const drgId = ic.drgId;
    if (drgId === undefined) continue;
    const learned = azurePrefixesOfDrg(r, drgId);
    if (learned.length === 0) continue;
    for (const att of ic.vcnAttachments) {
      if (att.networkDetails.type !== 'VCN' || done.has(att.id)) continue;
      done.add(att.id);
      const vcnId = att.networkDetails.id;
      const byTable = new Map<string, string[]>();
      for (const s of r.memo.children('oci.Subnet', vcnId)) {
        if (s.lifecycleState !== 'AVAILABLE') continue;
        const list = byTable.get(s.routeTableId);
        if (list) list.push(s.id);
        else byTable.set(s.routeTableId, [s.id]);
      }
      for (const [routeTableId, subnetIds] of [...byTable].sort((a, b) => a[0].localeCompare(b[0]))) {
        const table = r.vcnTable(routeTableId);
        if (!table) continue;
        const missing: LearnedPrefix[] = [];
        const wrong: { p: LearnedPrefix; route: VcnRoute }[] = [];
        for (const p of learned) {
          const route = coveringRoute(table, p.network);
          if (!route) { missing.push(p); continue; }
          if (route.routeType === 'LOCAL') continue; // inside the VCN: an overlap, reported as CIDR_OVERLAP
          if (route.networkEntityId === drgId || route.networkEntityId.startsWith('ocid1.privateip.')) continue;
          wrong.push({ p, route });
        }
        if (missing.length === 0 && wrong.length === 0) continue;
        const rtName = r.memo.get('oci.RouteTable', routeTableId)?.displayName ?? routeTableId;
        const subnetNames = subnetIds.map((id) => r.memo.get('oci.Subnet', id)?.displayName ?? id).sort();
        const problems = [
          ...(missing.length > 0 ? [`no rule matches ${capped(missing.map((m) => `${m.prefix} (learned over ${m.vcName})`))}, so OCI drops those packets`] : []),
          ...wrong.map((w) => `${w.p.prefix} goes to ${describeTarget(r, w.route.networkEntityId)} by rule ${w.route.destination}`),
        ];
        const prefixes = [...missing, ...wrong.map((w) => w.p)].map((m) => m.prefix);
        out.push(finding('MISSING_ROUTE_RULE', [routeTableId, ...subnetIds, drgId],
          `Route table ${rtName} of VCN ${vcnName(r, vcnId)} (subnet${subnetNames.length > 1 ? 's' : ''} ${capped(subnetNames)}) does not send the Azure prefixes to DRG ${drgName(r, drgId)}: ${problems.join('; ')}.`,
          `Add route rule${prefixes.length > 1 ? 's' : ''} ${listOf(prefixes.map((p) => `destination ${p} → target DRG ${drgName(r, drgId)}`))} to route table ${rtName}`
          + `${wrong.length > 0 ? ` (replacing the rules that send them elsewhere)` : ''} (lab: { destination: ${prefixes[0] ?? ''}, target: drg }).`));
      }
    }
  }
  return out;
}
