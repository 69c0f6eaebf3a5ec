// One renderer per answer of GET /routes (its `type` says which), each in the owning cloud's own
// columns, filtered by the same text box.
import type {
  BgpRouteView, BgpSessionsRoutes, CircuitPathRoutes, DrgRouteTableRoutes, EffectiveRoutes, RoutesResponse, VcnRouteTableRoutes,
} from '../api/types.ts';
import { StateWord } from './Status.tsx';
import { type Column, Table } from './Table.tsx';

type DrgRule = DrgRouteTableRoutes['rules'][number];
type VcnRule = VcnRouteTableRoutes['routeRules'][number];
type EffRoute = EffectiveRoutes['value'][number];
type CircuitRoute = CircuitPathRoutes['routeTable']['value'][number];
type Summary = CircuitPathRoutes['routeTableSummary']['value'][number];
type Arp = CircuitPathRoutes['arpTable']['value'][number];

const asPath = (a: unknown): string => (Array.isArray(a) ? a.join(' ') : '');
const word = (v: unknown): string => (typeof v === 'string' ? v : '');

function VcnTable({ r, filter }: { r: VcnRouteTableRoutes; filter: string }) {
  const cols: Column<VcnRule>[] = [
    { title: 'Destination', cell: (x) => x.destination },
    { title: 'Type', cell: (x) => x.routeType },
    { title: 'Target', cell: (x) => x.networkEntityName },
    { title: 'Description', cell: (x) => x.description ?? '' },
  ];
  return (
    <>
      <h3>VCN route table {r.displayName} <span className="muted">in {r.vcnName}{r.via ? ` · ${r.via}` : ''}</span></h3>
      <Table rows={r.routeRules} columns={cols} filter={filter} testId="route"
        text={(x) => `${x.destination} ${x.routeType} ${x.networkEntityName} ${x.networkEntityId} ${x.description ?? ''}`} />
    </>
  );
}

function DrgTable({ r, filter }: { r: DrgRouteTableRoutes; filter: string }) {
  const cols: Column<DrgRule>[] = [
    { title: 'Destination', cell: (x) => x.destination },
    { title: 'Type', cell: (x) => x.routeType },
    { title: 'Provenance', cell: (x) => x.routeProvenance },
    { title: 'Next hop attachment', cell: (x) => x.nextHopName },
    { title: 'AS path', cell: (x) => asPath(x.attributes.asPath) },
    { title: 'Why', cell: (x) => word(x.attributes.reason) },
    { title: 'Flags', cell: (x) => [x.isConflict ? 'conflict (loser)' : '', x.isBlackhole ? 'blackhole' : ''].filter(Boolean).join(', ') },
  ];
  return (
    <>
      <h3>DRG route table {r.displayName} <span className="muted">{r.isEcmpEnabled ? 'ECMP enabled' : 'ECMP off'}</span></h3>
      <Table rows={r.rules} columns={cols} filter={filter} testId="route" rowClass={(x) => (x.isConflict ? 'conflict' : '')}
        text={(x) => `${x.destination} ${x.routeType} ${x.routeProvenance} ${x.nextHopName} ${asPath(x.attributes.asPath)} ${word(x.attributes.reason)} ${x.isConflict ? 'conflict' : ''} ${x.isBlackhole ? 'blackhole' : ''}`} />
    </>
  );
}

function EffectiveTable({ r, filter }: { r: EffectiveRoutes; filter: string }) {
  const cols: Column<EffRoute>[] = [
    { title: 'Source', cell: (x) => x.source },
    { title: 'State', cell: (x) => <StateWord word={x.state === 'Active' ? 'Active' : 'Invalid'} /> },
    { title: 'Address prefixes', cell: (x) => x.addressPrefix.join(', ') },
    { title: 'Next hop type', cell: (x) => x.nextHopType },
    { title: 'Next hop IP', cell: (x) => x.nextHopIpAddress.join(', ') },
    { title: 'Why invalid', cell: (x) => x.invalidReason ?? '' },
  ];
  return (
    <>
      <h3>Effective routes {r.vmName ? `of ${r.vmName}` : ''} <span className="muted">{r.nicName ? `NIC ${r.nicName}` : r.subnetId.split('/').pop()}</span></h3>
      <Table rows={r.value} columns={cols} filter={filter} testId="route" rowClass={(x) => (x.state === 'Invalid' ? 'invalid' : '')}
        text={(x) => `${x.source} ${x.state} ${x.addressPrefix.join(' ')} ${x.nextHopType} ${x.nextHopIpAddress.join(' ')} ${x.invalidReason ?? ''}`} />
    </>
  );
}

export function CircuitTables({ r, filter }: { r: CircuitPathRoutes; filter: string }) {
  const routes: Column<CircuitRoute>[] = [
    { title: 'Network', cell: (x) => x.network },
    { title: 'Next hop', cell: (x) => x.nextHop },
    { title: 'LocPrf', cell: (x) => x.locPrf },
    { title: 'Weight', cell: (x) => x.weight },
    { title: 'Path', cell: (x) => x.path },
  ];
  const summary: Column<Summary>[] = [
    { title: 'Neighbor', cell: (x) => x.neighbor },
    { title: 'V', cell: (x) => x.v },
    { title: 'AS', cell: (x) => x.as },
    { title: 'Up/Down', cell: (x) => x.upDown },
    { title: 'State/PfxRcd', cell: (x) => x.statePfxRcd },
  ];
  const arp: Column<Arp>[] = [
    { title: 'Age', cell: (x) => x.age },
    { title: 'Interface', cell: (x) => x.interface },
    { title: 'IP address', cell: (x) => x.ipAddress },
    { title: 'MAC address', cell: (x) => x.macAddress },
  ];
  return (
    <div className="circuit-path" data-testid="circuit-path" data-path={r.devicePath}>
      <h4>{r.circuitName} · {r.devicePath} path</h4>
      <h5>Route table summary</h5>
      <Table rows={r.routeTableSummary.value} columns={summary} empty="no BGP neighbor" />
      <h5>Route table</h5>
      <Table rows={r.routeTable.value} columns={routes} filter={filter} testId="route" empty="no routes"
        text={(x) => `${x.network} ${x.nextHop} ${x.path}`} />
      <h5>ARP table</h5>
      <Table rows={r.arpTable.value} columns={arp} testId="arp" empty="no ARP entries" />
    </div>
  );
}

function BgpRoutes({ title, rows, filter }: { title: string; rows: BgpRouteView[]; filter: string }) {
  const cols: Column<BgpRouteView>[] = [
    { title: 'Prefix', cell: (x) => x.prefix },
    { title: 'AS path', cell: (x) => x.asPath.join(' ') },
    { title: 'Next hop', cell: (x) => x.nextHop },
    { title: 'Best', cell: (x) => (x.best ? 'best' : '') },
    { title: 'Why', cell: (x) => x.reason ?? '' },
  ];
  return (
    <>
      <h5>{title}</h5>
      <Table rows={rows} columns={cols} filter={filter} testId="route" empty="nothing advertised"
        text={(x) => `${x.prefix} ${x.asPath.join(' ')} ${x.nextHop} ${x.best ? 'best' : ''} ${x.reason ?? ''}`} />
    </>
  );
}

function SessionsTables({ r, filter }: { r: BgpSessionsRoutes; filter: string }) {
  return (
    <>
      <h3>BGP sessions of {r.name} {r.down ? <span className="pill state-down">{r.down}</span> : null}</h3>
      {r.downReason ? <p className="muted">{r.downReason}</p> : null}
      {r.sessions.map((s) => (
        <div key={s.path} className="session">
          <h4>
            {s.path} <StateWord word={s.up} /> <span className="muted">{s.oracleIp ?? '?'} ⇄ {s.azureIp ?? '?'} · limit {s.prefixLimit} · offered {s.offeredToAzure}</span>
          </h4>
          {s.reason ? <p className="muted">{s.reason}</p> : null}
          <BgpRoutes title="Oracle → Azure (advertised to Microsoft)" rows={s.toAzure} filter={filter} />
          <BgpRoutes title="Azure → Oracle (received from Microsoft)" rows={s.toOci} filter={filter} />
        </div>
      ))}
    </>
  );
}

export function RouteTables({ routes, filter }: { routes: RoutesResponse; filter: string }) {
  switch (routes.type) {
    case 'vcn-route-table': return <VcnTable r={routes} filter={filter} />;
    case 'drg-route-table': return <DrgTable r={routes} filter={filter} />;
    case 'effective-routes': return <EffectiveTable r={routes} filter={filter} />;
    case 'circuit-path': return <CircuitTables r={routes} filter={filter} />;
    case 'bgp-sessions': return <SessionsTables r={routes} filter={filter} />;
  }
}
