// The routing diff: every table of a world read into plain text (keyed by names, not ids), then two
// such snapshots compared: per table the routes added, removed and changed. Tables: VCN route
// tables, DRG route tables, Azure effective routes (one per distinct table, with the subnets using
// it), each ExpressRoute circuit's route table per device path, and what each BGP session advertises.
import type { Routing } from '../routing/routing.ts';
import type { ReadView } from '../model/world.ts';
import { circuitRouteTable } from '../routing/diagnostics/circuit.ts';
import { armName } from '../model/display-names.ts';
import { namer } from './names.ts';

export type TableKind = 'vcn-route-table' | 'drg-route-table' | 'effective-routes' | 'circuit-route-table' | 'bgp-session';

/** A table: its routes by key (destination and what else tells two apart) → what the route does. */
interface Table { kind: TableKind; name: string; routes: Map<string, string> }

export type RoutingSnapshot = Map<string, Table>;

export interface RouteChange { key: string; before?: string; after?: string }

export interface TableDiff {
  kind: TableKind;
  name: string;
  added: RouteChange[];
  removed: RouteChange[];
  changed: RouteChange[];
}

const GONE = new Set(['TERMINATING', 'TERMINATED']);

function addRoute(routes: Map<string, string>, key: string, value: string): void {
  const held = routes.get(key);
  routes.set(key, held === undefined ? value : [held, value].sort().join('; '));
}

/** Reads every table of the world `r` sees. `now` is the clock the circuit tables are read at. */
export function routingSnapshot(r: Routing, view: ReadView, now: number): RoutingSnapshot {
  const name = namer(view);
  const out: RoutingSnapshot = new Map();
  const put = (kind: TableKind, tableName: string, routes: Map<string, string>) => out.set(`${kind} ${tableName}`, { kind, name: tableName, routes });
  for (const rt of view.list('oci.RouteTable')) {
    if (GONE.has(rt.lifecycleState)) continue;
    const routes = new Map<string, string>();
    for (const x of r.vcnTable(rt.id)?.routes ?? []) addRoute(routes, x.destination, `${x.routeType} → ${x.networkEntityId === 'local' ? 'local' : name(x.networkEntityId)}`);
    put('vcn-route-table', `${name(rt.vcnId)}/${rt.displayName}`, routes);
  }
  for (const dt of view.list('oci.DrgRouteTable')) {
    if (GONE.has(dt.lifecycleState)) continue;
    const routes = new Map<string, string>();
    for (const x of r.drgTable(dt.id)?.rules ?? []) {
      addRoute(routes, x.destination, `${x.routeType} ${x.routeProvenance} → ${name(x.nextHopDrgAttachmentId)}${x.isConflict ? ' (conflict)' : ''}${x.isBlackhole ? ' (blackhole)' : ''}${x.attributes.asPath ? ` as-path ${x.attributes.asPath.join(' ')}` : ''}`);
    }
    put('drg-route-table', `${name(dt.drgId)}/${dt.displayName}`, routes);
  }
  effectiveTables(r, view, put);
  for (const vc of view.list('oci.VirtualCircuit')) {
    if (GONE.has(vc.lifecycleState)) continue;
    const ic = r.interconnect(vc.id);
    for (const s of ic.sessions) {
      for (const [dir, list] of [['oracle→microsoft', s.toAzure], ['microsoft→oracle', s.toOci]] as const) {
        const routes = new Map<string, string>([['(session)', s.up ? 'up' : `down${s.reason === undefined ? '' : `: ${s.reason}`}`]]);
        for (const x of list) addRoute(routes, x.prefix, `as-path ${x.asPath.join(' ')}`);
        put('bgp-session', `${vc.displayName} ${s.path} ${dir}`, routes);
      }
    }
  }
  for (const c of view.list('azure.ExpressRouteCircuit')) {
    for (const path of ['Primary', 'Secondary'] as const) {
      const routes = new Map<string, string>();
      for (const x of circuitRouteTable(r, c.id, path, { now }).value) addRoute(routes, x.network ?? '', `next hop ${x.nextHop ?? ''} path ${x.path ?? ''}`);
      put('circuit-route-table', `${c.name} ${path}`, routes);
    }
  }
  return out;
}

/**
 * Effective routes are shared by every subnet of a VNet using the same route table: one table per
 * distinct table, named by its VNet and route table, listing the subnets that use it.
 */
function effectiveTables(r: Routing, view: ReadView, put: (kind: TableKind, name: string, routes: Map<string, string>) => void): void {
  const users = new Map<object, { vnet: string; table: string; subnets: string[] }>();
  for (const s of view.list('azure.Subnet')) {
    const t = r.subnetEffective(s.id);
    if (!t) continue;
    const [vnet = '', subnet = ''] = armName(s.id).split('/');
    const u = users.get(t);
    if (u) u.subnets.push(subnet);
    else users.set(t, { vnet, table: s.properties.routeTable ? armName(s.properties.routeTable.id) : '(no route table)', subnets: [subnet] });
  }
  for (const s of view.list('azure.Subnet')) {
    const t = r.subnetEffective(s.id);
    const u = t ? users.get(t) : undefined;
    if (!t || !u) continue;
    users.delete(t);
    const routes = new Map<string, string>();
    for (const x of t.routes) addRoute(routes, `${x.addressPrefix.join(',')} ${x.source}`, `${x.state} ${x.nextHopType}${x.nextHopIpAddress.length > 0 ? ` ${x.nextHopIpAddress.join(',')}` : ''}`);
    put('effective-routes', `${u.vnet} ${u.table} (${u.subnets.sort().join(', ')})`, routes);
  }
}

function compareTables(kind: TableKind, name: string, before: Map<string, string>, after: Map<string, string>): TableDiff | undefined {
  const d: TableDiff = { kind, name, added: [], removed: [], changed: [] };
  for (const [key, was] of before) {
    const now = after.get(key);
    if (now === undefined) d.removed.push({ key, before: was });
    else if (now !== was) d.changed.push({ key, before: was, after: now });
  }
  for (const [key, now] of after) if (!before.has(key)) d.added.push({ key, after: now });
  return d.added.length + d.removed.length + d.changed.length === 0 ? undefined : d;
}

/** The tables whose routes differ (a table only one side has: all its routes added or removed). */
export function diffRouting(before: RoutingSnapshot, after: RoutingSnapshot): TableDiff[] {
  const out: TableDiff[] = [];
  const empty = new Map<string, string>();
  for (const [key, t] of before) {
    const d = compareTables(t.kind, t.name, t.routes, after.get(key)?.routes ?? empty);
    if (d) out.push(d);
  }
  for (const [key, t] of after) {
    if (before.has(key)) continue;
    const d = compareTables(t.kind, t.name, empty, t.routes);
    if (d) out.push(d);
  }
  return out;
}
