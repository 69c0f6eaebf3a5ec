// Every answer of GET /routes as tables, in the clouds' own column names. Resources by display
// name; `--ids` adds the target's id under its title and shows next hops by id.
import type {
  BgpSessionsRoutes, CircuitPathRoutes, DrgRouteTableRoutes, EffectiveRoutes, RoutesResponse, VcnRouteTableRoutes,
} from '../../api/admin/contract.ts';
import { table } from './table.ts';

export interface RoutesStyle {
  ids?: boolean;
}

/** A title, with the id under it when ids are asked for. */
function title(text: string, id: string, style: RoutesStyle): string {
  return style.ids === true ? `${text}\n${id}` : text;
}

function vcnTable(r: VcnRouteTableRoutes, style: RoutesStyle): string {
  const head = title(`Route table ${r.displayName} (VCN ${r.vcnName})${r.via === undefined ? '' : ` for ${r.via}`}`, r.id, style);
  if (r.routeRules.length === 0) return `${head}\nNo routes.`;
  const target = (x: VcnRouteTableRoutes['routeRules'][number]) => (style.ids === true && x.networkEntityId !== 'local' ? x.networkEntityId : x.networkEntityName);
  return `${head}\n${table(['Destination', 'Type', 'Target', 'Description'], r.routeRules.map((x) => [x.destination, x.routeType, target(x), x.description ?? '']))}`;
}

/** DRG rule attributes are free-form on the wire; show the AS path and best-path reason when present. */
function asPathOf(attributes: Record<string, unknown>): string {
  const p = attributes.asPath;
  return Array.isArray(p) ? p.map(String).join(' ') : '';
}

function reasonOf(attributes: Record<string, unknown>): string {
  return typeof attributes.reason === 'string' ? attributes.reason : '';
}

function drgTable(r: DrgRouteTableRoutes, style: RoutesStyle): string {
  const head = title(`DRG route table ${r.displayName}${r.isEcmpEnabled ? ' (ECMP enabled)' : ''}`, r.id, style);
  const nextHop = (x: DrgRouteTableRoutes['rules'][number]) => (style.ids === true ? x.nextHopDrgAttachmentId : x.nextHopName);
  if (r.rules.length === 0) return `${head}\nNo rules.`;
  return `${head}\n${table(
    ['Destination', 'Type', 'Provenance', 'Next hop', 'Conflict', 'AS path', 'Reason'],
    r.rules.map((x) => [x.destination, x.routeType, x.routeProvenance, x.isBlackhole ? 'BLACKHOLE' : nextHop(x), x.isConflict ? 'yes' : '', asPathOf(x.attributes), reasonOf(x.attributes)]),
  )}`;
}

function effective(r: EffectiveRoutes, style: RoutesStyle): string {
  const who = r.nicName === undefined ? `subnet ${r.subnetId.split('/').slice(-3).filter((_, i) => i !== 1).join('/')}` : `NIC ${r.nicName}${r.vmName === undefined ? '' : ` (VM ${r.vmName})`}`;
  const head = title(`Effective routes of ${who}`, r.nicId ?? r.subnetId, style);
  if (r.value.length === 0) return `${head}\nNo routes.`;
  return `${head}\n${table(
    ['Source', 'State', 'Address prefix', 'Next hop type', 'Next hop IP', 'Note'],
    r.value.map((x) => [x.source, x.state, x.addressPrefix.join(', '), x.nextHopType, x.nextHopIpAddress.join(', '), x.invalidReason ?? x.name ?? '']),
  )}`;
}

function circuit(r: CircuitPathRoutes, style: RoutesStyle): string {
  const out = [title(`Circuit ${r.circuitName}, ${r.devicePath} path (private peering)`, r.circuitId, style), '', 'Route table:'];
  out.push(r.routeTable.value.length === 0 ? '  (empty)' : table(['Network', 'NextHop', 'LocPrf', 'Weight', 'Path'], r.routeTable.value.map((x) => [x.network, x.nextHop, x.locPrf, x.weight, x.path])));
  out.push('', 'Route table summary:');
  out.push(r.routeTableSummary.value.length === 0 ? '  (empty)' : table(['Neighbor', 'V', 'AS', 'UpDown', 'StatePfxRcd'], r.routeTableSummary.value.map((x) => [x.neighbor, x.v, x.as, x.upDown, x.statePfxRcd])));
  out.push('', 'ARP table:');
  out.push(r.arpTable.value.length === 0 ? '  (empty: no ARP entries on this path)' : table(['Age', 'Interface', 'IpAddress', 'MacAddress'], r.arpTable.value.map((x) => [x.age, x.interface, x.ipAddress, x.macAddress])));
  return out.join('\n');
}

function sessions(r: BgpSessionsRoutes, style: RoutesStyle): string {
  const out = [title(`BGP sessions of ${r.name} (Oracle AS 31898 ⇄ Microsoft AS 12076)`, r.virtualCircuitId, style)];
  if (r.down !== undefined) out.push(`Nothing crosses: ${r.down}${r.downReason === undefined ? '' : ` (${r.downReason})`}`);
  for (const s of r.sessions) {
    const peers = `${s.oracleIp ?? '?'} ⇄ ${s.azureIp ?? '?'}`;
    out.push('', `${s.path}: ${s.up ? 'up' : `down (${s.reason ?? 'unknown'})`} · ${peers} · ${s.offeredToAzure} offered to Azure, limit ${s.prefixLimit}`);
    const rows = [
      ...s.toAzure.map((x) => ['OCI → Azure', x.prefix, x.asPath.join(' '), x.nextHop, x.best ? 'best' : '', x.reason ?? '']),
      ...s.toOci.map((x) => ['Azure → OCI', x.prefix, x.asPath.join(' '), x.nextHop, x.best ? 'best' : '', x.reason ?? '']),
    ];
    out.push(rows.length === 0 ? '  no routes exchanged' : table(['Direction', 'Prefix', 'AS path', 'Next hop', 'Best', 'Reason'], rows));
  }
  return out.join('\n');
}

export function formatRoutes(r: RoutesResponse, style: RoutesStyle = {}): string {
  switch (r.type) {
    case 'vcn-route-table': return vcnTable(r, style);
    case 'drg-route-table': return drgTable(r, style);
    case 'effective-routes': return effective(r, style);
    case 'circuit-path': return circuit(r, style);
    case 'bgp-sessions': return sessions(r, style);
  }
}
