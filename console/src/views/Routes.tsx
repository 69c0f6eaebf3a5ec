// #/routes: any route table FastRoute computes, picked from one selector: OCI instances and subnets
// (their VCN route table), VCN and DRG route tables, Azure VMs and subnets (effective routes),
// virtual circuits (BGP sessions) and ExpressRoute circuits per device path; with a filter box.
// `#/routes?target=<id>` opens one directly.
import { useState } from 'react';
import { getResources, getRoutes } from '../api/admin.ts';
import type { Topology } from '../api/types.ts';
import { RouteTables } from '../components/RouteTables.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { href } from '../hooks/useHashRoute.ts';
import { useRefreshTick } from '../hooks/useLive.ts';

interface Target { value: string; label: string }
interface Group { name: string; targets: Target[] }

interface Named { id: string; displayName?: string; name?: string }

async function tables(kind: string): Promise<Target[]> {
  try {
    const r = await getResources(kind);
    return (r.items as Named[])
      .filter((t) => typeof t.id === 'string')
      .map((t) => ({ value: t.id, label: t.displayName ?? t.name ?? t.id }))
      .sort((a, b) => a.label.localeCompare(b.label));
  } catch {
    return [];
  }
}

function groups(topology: Topology | undefined, vcnTables: Target[], drgTables: Target[]): Group[] {
  const nodes = topology?.nodes ?? [];
  const of = (kind: string, label: (n: { label: string }) => string = (n) => n.label): Target[] =>
    nodes.filter((n) => n.kind === kind).map((n) => ({ value: n.id, label: label(n) })).sort((a, b) => a.label.localeCompare(b.label));
  const circuits = nodes.filter((n) => n.kind === 'azure.ExpressRouteCircuit').sort((a, b) => a.label.localeCompare(b.label))
    .flatMap((n) => ['primary', 'secondary'].map((p) => ({ value: `circuit:${n.id}:${p}`, label: `${n.label} · ${p}` })));
  return [
    { name: 'OCI instances (subnet route table)', targets: of('oci.Instance') },
    { name: 'OCI subnets', targets: of('oci.Subnet') },
    { name: 'VCN route tables', targets: vcnTables },
    { name: 'DRG route tables', targets: drgTables },
    { name: 'Virtual circuits (BGP sessions)', targets: of('oci.VirtualCircuit') },
    { name: 'ExpressRoute circuits (route and ARP tables)', targets: circuits },
    { name: 'Azure VMs (NIC effective routes)', targets: of('azure.VirtualMachine') },
    { name: 'Azure subnets (effective routes)', targets: of('azure.Subnet') },
  ].filter((g) => g.targets.length > 0);
}

export function RoutesView({ topology, params }: { topology: Topology | undefined; params: URLSearchParams }) {
  const tick = useRefreshTick();
  const [filter, setFilter] = useState('');
  const known = useAsync(() => Promise.all([tables('oci.RouteTable'), tables('oci.DrgRouteTable')]), [tick]);
  const all = groups(topology, known.data?.[0] ?? [], known.data?.[1] ?? []);
  const target = params.get('target') ?? all[0]?.targets[0]?.value ?? '';
  const routes = useAsync(() => (target === '' ? Promise.resolve(undefined) : getRoutes(target)), [target, tick]);
  const listed = all.some((g) => g.targets.some((t) => t.value === target));
  return (
    <section className="view">
      <div className="toolbar">
        <h2>Routes</h2>
        <label>
          Target{' '}
          <select data-testid="routes-target" value={target} onChange={(e) => { window.location.hash = href('routes', { target: e.target.value }); }}>
            {listed || target === '' ? null : <option value={target}>{target}</option>}
            {all.map((g) => (
              <optgroup key={g.name} label={g.name}>
                {g.targets.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <input
          data-testid="routes-filter" type="search" placeholder="Filter: prefix, next hop, state…" value={filter}
          onChange={(e) => setFilter(e.target.value)} aria-label="Filter routes"
        />
      </div>
      <ErrorBox error={routes.error} />
      <Loading when={routes.loading && !routes.data} />
      {target === '' ? <p className="muted">Nothing has routes yet.</p> : null}
      {routes.data && routes.data.target === target ? <div className="routes"><RouteTables routes={routes.data} filter={filter} /></div> : null}
    </section>
  );
}
