// What `GET /routes?target=…` names: a route table (OCID), a DRG route table (OCID), a NIC, subnet
// or VM (its effective routes; an OCI instance or subnet gives its VCN route table), a virtual
// circuit (its BGP sessions), or `circuit:<name or id>:primary|secondary` (a circuit's device path).
// Names are accepted where they are unambiguous; otherwise the answer lists the matches.
import type { ReadView } from '../../model/world.ts';
import { fastroute } from '../../model/errors.ts';
import type { DevicePath } from './routes-shapes.ts';

export type RoutesTarget =
  | { kind: 'vcn-table'; id: string; via?: string }
  | { kind: 'drg-table'; id: string }
  | { kind: 'effective'; subnetId: string; nicId?: string; nicName?: string; vmName?: string }
  | { kind: 'circuit'; circuitId: string; virtualCircuitId?: string; path: DevicePath }
  | { kind: 'sessions'; virtualCircuitId: string };

export const TARGET_HELP =
  'a target is a route table or DRG route table OCID, a VM / instance / NIC / subnet (name or id), a virtual circuit (name or OCID), or circuit:<circuit or virtual circuit name or id>:primary|secondary';

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

function tables(view: ReadView, idOrName: string): RoutesTarget[] {
  return [
    ...view.list('oci.RouteTable').filter((t) => t.id === idOrName || t.displayName === idOrName).map((t) => ({ kind: 'vcn-table' as const, id: t.id })),
    ...view.list('oci.DrgRouteTable').filter((t) => t.id === idOrName || t.displayName === idOrName).map((t) => ({ kind: 'drg-table' as const, id: t.id })),
  ];
}

function describe(t: RoutesTarget): string {
  switch (t.kind) {
    case 'vcn-table': return `VCN route table ${t.id}${t.via === undefined ? '' : ` (${t.via})`}`;
    case 'drg-table': return `DRG route table ${t.id}`;
    case 'effective': return `effective routes of ${t.nicId ?? t.subnetId}`;
    case 'circuit': return `circuit ${t.circuitId} ${t.path}`;
    case 'sessions': return `BGP sessions of ${t.virtualCircuitId}`;
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

/** Resolves a target, or throws 404 (nothing matches) / 400 (bad syntax, or several matches). */
export function resolveRoutesTarget(view: ReadView, target: string): RoutesTarget {
  if (target.toLowerCase().startsWith('circuit:')) return circuitTarget(view, target.slice('circuit:'.length));
  const found = [
    ...tables(view, target),
    ...ociInstance(view, target),
    ...ociSubnet(view, target),
    ...azureVm(view, target),
    ...azureNic(view, target),
    ...azureSubnet(view, target),
    ...virtualCircuits(view, target),
  ];
  const byDescription = new Map<string, RoutesTarget>();
  for (const t of found) if (!byDescription.has(describe(t))) byDescription.set(describe(t), t);
  const unique = [...byDescription.values()];
  const [only, ...rest] = unique;
  if (only === undefined) throw fastroute.notFound(`nothing named "${target}" has routes; ${TARGET_HELP}`);
  if (rest.length > 0) throw fastroute.invalid('AmbiguousTarget', `"${target}" matches several things (${unique.map(describe).join('; ')}); use an id`);
  return only;
}
