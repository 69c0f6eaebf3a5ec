// Task 5 of the interconnect (interconnect-facts §1.4, §4.2): every subnet of an attached VCN needs a
// route rule sending the Azure prefixes the DRG learned to that DRG, a forwarding private IP, or a
// peered LPG whose peer routes them on (longest prefix match; no match means OCI drops the packet). One Fib lookup per (route table, learned prefix), never per subnet.
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

/** A VCN route target as an engineer reads it: its kind and display name. */
export function describeTarget(r: Routing, target: string): string {
  const kind = target.split('.')[1];
  const name = (k: Parameters<Routing['memo']['get']>[0]) => (r.memo.get(k, target) as { displayName?: string } | undefined)?.displayName ?? target;
  switch (kind) {
    case 'drg': return `DRG ${drgName(r, target)}`;
    case 'internetgateway': return `internet gateway ${name('oci.InternetGateway')}`;
    case 'natgateway': return `NAT gateway ${name('oci.NatGateway')}`;
    case 'servicegateway': return `service gateway ${name('oci.ServiceGateway')}`;
    case 'localpeeringgateway': return `local peering gateway ${name('oci.LocalPeeringGateway')}`;
    case 'privateip': return `private IP ${r.memo.get('oci.PrivateIp', target)?.ipAddress ?? target}`;
    default: return target;
  }
}

/**
 * Why a target does not carry an Azure-bound prefix on, or undefined when it does. The DRG does, and
 * a private IP (a firewall that forwards). A local peering gateway does when it is peered and its
 * peer's route table (transit routing: packets arriving through an LPG follow only that table) sends
 * the prefix to a DRG or a private IP; the trace follows the rest of the path. An internet, NAT or
 * service gateway never reaches Azure.
 */
function notCarried(r: Routing, drgId: string, target: string, p: LearnedPrefix['network']): string | undefined {
  if (target === drgId || target.startsWith('ocid1.privateip.')) return undefined;
  if (!target.startsWith('ocid1.localpeeringgateway.')) return '';
  const lpg = r.memo.get('oci.LocalPeeringGateway', target);
  const peer = lpg?.peeringStatus === 'PEERED' && lpg.peerId !== undefined ? r.memo.get('oci.LocalPeeringGateway', lpg.peerId) : undefined;
  if (!lpg || !peer) return ` (not peered: ${lpg?.peeringStatus ?? 'gone'})`;
  const table = peer.routeTableId === undefined ? undefined : r.vcnTable(peer.routeTableId);
  if (!table) return `, but its peer ${peer.displayName} has no route table for transit routing`;
  const next = coveringRoute(table, p)?.networkEntityId;
  if (next !== undefined && (next.startsWith('ocid1.drg.') || next.startsWith('ocid1.privateip.'))) return undefined;
  const tableName = r.memo.get('oci.RouteTable', peer.routeTableId ?? '')?.displayName ?? peer.routeTableId ?? '';
  return `, but the route table ${tableName} of its peer ${peer.displayName} ${next === undefined ? 'has no rule for it' : `sends it to ${describeTarget(r, next)}`}`;
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
        const wrong: { p: LearnedPrefix; route: VcnRoute; why: string }[] = [];
        for (const p of learned) {
          const route = coveringRoute(table, p.network);
          if (!route) { missing.push(p); continue; }
          if (route.routeType === 'LOCAL') continue; // inside the VCN: an overlap, reported as CIDR_OVERLAP
          const why = notCarried(r, drgId, route.networkEntityId, p.network);
          if (why !== undefined) wrong.push({ p, route, why });
        }
        if (missing.length === 0 && wrong.length === 0) continue;
        const rtName = r.memo.get('oci.RouteTable', routeTableId)?.displayName ?? routeTableId;
        const subnetNames = subnetIds.map((id) => r.memo.get('oci.Subnet', id)?.displayName ?? id).sort();
        const problems = [
          ...(missing.length > 0 ? [`no rule matches ${capped(missing.map((m) => `${m.prefix} (learned over ${m.vcName})`))}, so OCI drops those packets`] : []),
          ...wrong.map((w) => `${w.p.prefix} goes to ${describeTarget(r, w.route.networkEntityId)} by rule ${w.route.destination}${w.why}`),
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
