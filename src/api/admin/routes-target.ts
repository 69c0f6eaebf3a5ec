// What `GET /routes?target=…[&table=…]` names: a route table, a DRG route table, a DRG (with `table`
// picking one of its route tables), a NIC, subnet or VM (its effective routes; an OCI instance or
// subnet gives its VCN route table), a virtual circuit (its BGP sessions), or
// `circuit:<name or id>:primary|secondary` (a circuit's device path). Each by display name or id;
// a name that matches several things is a 400 listing them (candidates), each with a target that
// names it alone.
import type { ReadView } from '../../model/world.ts';
import { armName } from '../../model/display-names.ts';
import { fastroute } from '../../model/errors.ts';
import { AmbiguousTargetError, type RoutesCandidate } from './routes-candidates.ts';
import { drgRouteTable } from './routes-drg.ts';
import type { DevicePath } from './routes-shapes.ts';

export type RoutesTarget =
  | { kind: 'vcn-table'; id: string; via?: string }
  | { kind: 'drg-table'; id: string }
  | { kind: 'effective'; subnetId: string; nicId?: string; nicName?: string; vmName?: string }
  | { kind: 'circuit'; circuitId: string; virtualCircuitId?: string; path: DevicePath }
  | { kind: 'sessions'; virtualCircuitId: string };

export const TARGET_HELP =
  'a target is a route table or DRG route table, a DRG (with one of its tables: vcn, vc or a name), a VM / instance / NIC / subnet, a virtual circuit (each by name or id), or circuit:<circuit or virtual circuit name or id>:primary|secondary';

/** What a name matched before a DRG's table is picked. */
type Match = RoutesTarget | { kind: 'drg'; id: string };

const live = (state: string | undefined): boolean => state !== 'TERMINATED' && state !== 'TERMINATING';

function ociInstance(view: ReadView, idOrName: string): RoutesTarget[] {
  return view.list('oci.Instance').filter((i) => live(i.lifecycleState) && (i.id === idOrName || i.displayName === idOrName)).flatMap((i) => {
    const vnic = view.list('oci.Vnic').find((v) => v.fr.instanceId === i.id && v.isPrimary);
    const subnet = vnic ? view.get('oci.Subnet', vnic.subnetId) : undefined;
    return subnet ? [{ kind: 'vcn-table' as const, id: subnet.routeTableId, via: `instance ${i.displayName} → subnet ${subnet.displayName}` }] : [];
  });
}

function ociSubnet(view: ReadView, idOrName: string): RoutesTarget[] {
  return view.list('oci.Subnet').filter((s) => live(s.lifecycleState) && (s.id === idOrName || s.displayName === idOrName))
    .map((s) => ({ kind: 'vcn-table' as const, id: s.routeTableId, via: `subnet ${s.displayName}` }));
}

function azureNic(view: ReadView, idOrName: string, vmName?: string): RoutesTarget[] {
  const lower = idOrName.toLowerCase();
  return view.list('azure.NetworkInterface').filter((n) => n.id.toLowerCase() === lower || n.name === idOrName).flatMap((n) => {
    const subnetId = n.properties.ipConfigurations[0]?.properties.subnet.id;
    if (subnetId === undefined) return [];
    const vm = vmName ?? n.properties.virtualMachine?.id.split('/').pop();
    return [{ kind: 'effective' as const, subnetId, nicId: n.id, nicName: n.name, ...(vm === undefined ? {} : { vmName: vm }) }];
  });
}

function azureVm(view: ReadView, idOrName: string): RoutesTarget[] {
  const lower = idOrName.toLowerCase();
  return view.list('azure.VirtualMachine').filter((v) => v.id.toLowerCase() === lower || v.name === idOrName).flatMap((v) => {
    const nicId = v.properties.networkProfile.networkInterfaces.find((n) => n.properties.primary)?.id ?? v.properties.networkProfile.networkInterfaces[0]?.id;
    return nicId === undefined ? [] : azureNic(view, nicId, v.name);
  });
}

function azureSubnet(view: ReadView, idOrName: string): RoutesTarget[] {
  const lower = idOrName.toLowerCase();
  return view.list('azure.Subnet').filter((s) => s.id.toLowerCase() === lower || s.name === idOrName).map((s) => ({ kind: 'effective' as const, subnetId: s.id }));
}

function virtualCircuits(view: ReadView, idOrName: string): RoutesTarget[] {
  return view.list('oci.VirtualCircuit').filter((vc) => vc.id === idOrName || vc.displayName === idOrName).map((vc) => ({ kind: 'sessions' as const, virtualCircuitId: vc.id }));
}

function drgs(view: ReadView, idOrName: string): Match[] {
  return view.list('oci.Drg').filter((d) => live(d.lifecycleState) && (d.id === idOrName || d.displayName === idOrName)).map((d) => ({ kind: 'drg' as const, id: d.id }));
}

function tables(view: ReadView, idOrName: string): RoutesTarget[] {
  return [
    ...view.list('oci.RouteTable').filter((t) => t.id === idOrName || t.displayName === idOrName).map((t) => ({ kind: 'vcn-table' as const, id: t.id })),
    ...view.list('oci.DrgRouteTable').filter((t) => t.id === idOrName || t.displayName === idOrName).map((t) => ({ kind: 'drg-table' as const, id: t.id })),
  ];
}

/** One key per thing a name can mean (an instance and its subnet lead to the same route table). */
function keyOf(t: Match): string {
  switch (t.kind) {
    case 'effective': return `effective ${t.nicId ?? t.subnetId}`;
    case 'circuit': return `circuit ${t.circuitId} ${t.path}`;
    case 'sessions': return `sessions ${t.virtualCircuitId}`;
    default: return `${t.kind} ${t.id}`;
  }
}

/** A match as a candidate: a target naming it alone (its id), in words a user recognises. */
function candidate(view: ReadView, t: Match): RoutesCandidate {
  switch (t.kind) {
    case 'vcn-table': {
      const rt = view.get('oci.RouteTable', t.id);
      const vcn = rt === undefined ? undefined : view.get('oci.Vcn', rt.vcnId)?.displayName;
      return { target: t.id, description: `VCN route table ${rt?.displayName ?? t.id}${vcn === undefined ? '' : ` of VCN ${vcn}`}${t.via === undefined ? '' : ` (${t.via})`}` };
    }
    case 'drg-table': {
      const table = view.get('oci.DrgRouteTable', t.id);
      const drg = table === undefined ? undefined : view.get('oci.Drg', table.drgId)?.displayName;
      return { target: t.id, description: `DRG route table ${table?.displayName ?? t.id}${drg === undefined ? '' : ` of DRG ${drg}`}` };
    }
    case 'drg': return { target: t.id, description: `DRG ${view.get('oci.Drg', t.id)?.displayName ?? t.id} (lists its route tables)` };
    case 'effective': return { target: t.nicId ?? t.subnetId, description: `effective routes of ${t.nicName === undefined ? `subnet ${armName(t.subnetId)}` : `NIC ${t.nicName}${t.vmName === undefined ? '' : ` (VM ${t.vmName})`}`}` };
    case 'circuit': return { target: `circuit:${t.circuitId}:${t.path.toLowerCase()}`, description: `circuit ${armName(t.circuitId)} ${t.path}` };
    case 'sessions': return { target: t.virtualCircuitId, description: `BGP sessions of virtual circuit ${view.get('oci.VirtualCircuit', t.virtualCircuitId)?.displayName ?? t.virtualCircuitId}` };
  }
}

function circuitTarget(view: ReadView, spec: string): RoutesTarget {
  const cut = spec.lastIndexOf(':');
  const which = cut < 0 ? '' : spec.slice(cut + 1).toLowerCase();
  const name = cut < 0 ? spec : spec.slice(0, cut);
  if ((which !== 'primary' && which !== 'secondary') || name === '') {
    throw fastroute.invalid('InvalidParameter', `invalid target "circuit:${spec}": write circuit:<name or id>:primary or circuit:<name or id>:secondary`);
  }
  const path: DevicePath = which === 'primary' ? 'Primary' : 'Secondary';
  const lower = name.toLowerCase();
  const circuit = view.list('azure.ExpressRouteCircuit').find((c) => c.name === name || c.id.toLowerCase() === lower);
  const vcs = view.list('oci.VirtualCircuit');
  if (circuit) {
    const vc = vcs.find((v) => v.providerServiceKeyName !== undefined && v.providerServiceKeyName === circuit.properties.serviceKey);
    return { kind: 'circuit', circuitId: circuit.id, ...(vc ? { virtualCircuitId: vc.id } : {}), path };
  }
  const vc = vcs.find((v) => v.displayName === name || v.id === name);
  const keyed = vc?.providerServiceKeyName === undefined ? undefined : view.list('azure.ExpressRouteCircuit').find((c) => c.properties.serviceKey === vc.providerServiceKeyName);
  if (vc && keyed) return { kind: 'circuit', circuitId: keyed.id, virtualCircuitId: vc.id, path };
  if (vc) throw fastroute.notFound(`virtual circuit ${vc.displayName} has no ExpressRoute circuit with its service key`);
  throw fastroute.notFound(`no ExpressRoute circuit or virtual circuit named "${name}"`);
}

/**
 * Resolves a target (and for a DRG, its `table`), or throws 404 (nothing matches) / 400 (bad
 * syntax, a table for something that is not a DRG, or several matches: AmbiguousTargetError).
 */
export function resolveRoutesTarget(view: ReadView, target: string, table?: string): RoutesTarget {
  const only = resolveMatch(view, target);
  if (only.kind === 'drg') {
    const drg = view.get('oci.Drg', only.id);
    if (drg === undefined) throw fastroute.notFound(`no DRG ${only.id}`);
    return { kind: 'drg-table', id: drgRouteTable(view, drg, target, table) };
  }
  if (table !== undefined) throw fastroute.invalid('InvalidParameter', `table picks one of a DRG's route tables; "${target}" is not a DRG (it is the ${candidate(view, only).description})`);
  return only;
}

function resolveMatch(view: ReadView, target: string): Match {
  if (target.toLowerCase().startsWith('circuit:')) return circuitTarget(view, target.slice('circuit:'.length));
  const found: Match[] = [
    ...drgs(view, target),
    ...tables(view, target),
    ...ociInstance(view, target),
    ...ociSubnet(view, target),
    ...azureVm(view, target),
    ...azureNic(view, target),
    ...azureSubnet(view, target),
    ...virtualCircuits(view, target),
  ];
  const byKey = new Map<string, Match>();
  for (const t of found) if (!byKey.has(keyOf(t))) byKey.set(keyOf(t), t);
  const unique = [...byKey.values()];
  const [only, ...rest] = unique;
  if (only === undefined) throw fastroute.notFound(`nothing named "${target}" has routes; ${TARGET_HELP}`);
  if (rest.length > 0) {
    const candidates = unique.map((t) => candidate(view, t));
    throw new AmbiguousTargetError(`"${target}" matches ${unique.length} things (${candidates.map((c) => c.description).join('; ')}); name one by its id`, candidates);
  }
  return only;
}
