// #/interconnect: per interconnect, both sides' states, the region pair and effective bandwidth
// (GET /status), each BGP session (GET /routes?target=<virtual circuit>), and per device path the
// ExpressRoute circuit's route table summary, route table and ARP table (circuit:<id>:primary|secondary).
import { getRoutes, getStatus } from '../api/admin.ts';
import type { BgpSessionsRoutes, CircuitPathRoutes, InterconnectStatus } from '../api/types.ts';
import { CircuitTables } from '../components/RouteTables.tsx';
import { ErrorBox, Loading, StateWord } from '../components/Status.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useRefreshTick } from '../hooks/useLive.ts';

interface Detail {
  sessions?: BgpSessionsRoutes;
  paths: CircuitPathRoutes[];
  errors: string[];
}

async function loadDetail(ic: InterconnectStatus): Promise<Detail> {
  const errors: string[] = [];
  const soft = async <T,>(p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  };
  const circuit = ic.circuit;
  const [sessions, primary, secondary] = await Promise.all([
    soft(getRoutes(ic.virtualCircuit.id)),
    circuit ? soft(getRoutes(`circuit:${circuit.id}:primary`)) : undefined,
    circuit ? soft(getRoutes(`circuit:${circuit.id}:secondary`)) : undefined,
  ]);
  const paths = [primary, secondary].filter((r): r is CircuitPathRoutes => r?.type === 'circuit-path');
  return { ...(sessions?.type === 'bgp-sessions' ? { sessions } : {}), paths, errors };
}

type SessionRow = BgpSessionsRoutes['sessions'][number] & { upDown?: string };

function SessionTable({ detail }: { detail: Detail }) {
  const rows: SessionRow[] = (detail.sessions?.sessions ?? []).map((s) => {
    const summary = detail.paths.find((p) => p.devicePath.toLowerCase() === s.path)?.routeTableSummary.value[0];
    return { ...s, ...(summary ? { upDown: summary.upDown } : {}) };
  });
  const cols: Column<SessionRow>[] = [
    { title: 'Path', cell: (s) => s.path },
    { title: 'State', cell: (s) => <StateWord word={s.up ? 'UP' : 'DOWN'} /> },
    { title: 'Oracle ⇄ Azure', cell: (s) => `${s.oracleIp ?? '?'} ⇄ ${s.azureIp ?? '?'}` },
    { title: 'Up/Down', cell: (s) => s.upDown ?? '' },
    { title: 'Advertised to Azure', cell: (s) => s.toAzure.length },
    { title: 'Received from Azure', cell: (s) => s.toOci.length },
    { title: 'Prefix limit', cell: (s) => `${s.offeredToAzure} / ${s.prefixLimit}` },
    { title: 'Why down', cell: (s) => s.reason ?? '' },
  ];
  return <Table rows={rows} columns={cols} testId="bgp-session" empty="no BGP session" rowClass={(s) => (s.up ? '' : 'invalid')} />;
}

function Card({ ic }: { ic: InterconnectStatus }) {
  const tick = useRefreshTick();
  const detail = useAsync(() => loadDetail(ic), [tick, ic.virtualCircuit.id, ic.circuit?.id]);
  const vc = ic.virtualCircuit;
  const c = ic.circuit;
  const pp = c?.privatePeering;
  return (
    <article className="card" data-testid="interconnect" data-name={ic.name}>
      <h3>{ic.name}</h3>
      <p className="muted">
        {ic.regionPair
          ? <>{ic.regionPair.ociRegion} ⇄ {ic.regionPair.peeringLocation} ⇄ {ic.regionPair.azureRegion} {ic.regionPair.supported ? '' : <span className="pill state-failed">unsupported pair</span>}</>
          : `${vc.region} (no circuit yet)`}
        {ic.effectiveBandwidthMbps !== undefined ? ` · effective bandwidth ${ic.effectiveBandwidthMbps} Mbps` : ''}
      </p>
      <div className="columns">
        <dl className="facts">
          <dt>FastConnect virtual circuit</dt><dd>{vc.displayName} · {vc.bandwidthShapeName}</dd>
          <dt>lifecycleState</dt><dd><StateWord word={vc.lifecycleState} /></dd>
          <dt>providerState</dt><dd><StateWord word={vc.providerState} /></dd>
          <dt>bgpSessionState</dt><dd><StateWord word={vc.bgpSessionState} /></dd>
          {vc.reason ? <><dt>why</dt><dd>{vc.reason}</dd></> : null}
        </dl>
        {c ? (
          <dl className="facts">
            <dt>ExpressRoute circuit</dt><dd>{c.name} · {c.peeringLocation} · {c.bandwidthInMbps} Mbps</dd>
            <dt>serviceProviderProvisioningState</dt><dd><StateWord word={c.serviceProviderProvisioningState} /></dd>
            <dt>circuitProvisioningState</dt><dd><StateWord word={c.circuitProvisioningState} /></dd>
            <dt>provisioningState</dt><dd><StateWord word={c.provisioningState} /></dd>
            {pp ? <><dt>private peering</dt><dd><StateWord word={pp.state} /> ASN {pp.azureASN} ⇄ {pp.peerASN} · VLAN {pp.vlanId} · {pp.primaryPeerAddressPrefix}, {pp.secondaryPeerAddressPrefix}</dd></> : null}
            {c.serviceProviderNotes ? <><dt>notes</dt><dd>{c.serviceProviderNotes}</dd></> : null}
          </dl>
        ) : <p className="muted">No ExpressRoute circuit carries this virtual circuit's service key.</p>}
      </div>
      {ic.connections.length > 0 ? (
        <p>Connections: {ic.connections.map((x) => <span key={x.id} className="conn">{x.name} <StateWord word={x.connectionStatus} /> </span>)}</p>
      ) : null}
      <h4>BGP sessions</h4>
      <ErrorBox error={detail.error} />
      {detail.data ? (
        <>
          <SessionTable detail={detail.data} />
          {detail.data.errors.map((e) => <p key={e} className="muted">{e}</p>)}
          <div className="columns">
            {detail.data.paths.map((p) => <CircuitTables key={p.devicePath} r={p} filter="" />)}
          </div>
        </>
      ) : <Loading when={detail.loading} />}
    </article>
  );
}

export function InterconnectView() {
  const tick = useRefreshTick();
  const status = useAsync(getStatus, [tick]);
  const ics = status.data?.interconnects ?? [];
  return (
    <section className="view">
      <div className="toolbar"><h2>Interconnect</h2></div>
      <ErrorBox error={status.error} />
      <Loading when={!status.data && status.error === undefined} />
      {status.data && ics.length === 0 ? <p className="muted">No interconnect: the lab has no virtual circuit to Microsoft Azure.</p> : null}
      {ics.map((ic) => <Card key={ic.virtualCircuit.id} ic={ic} />)}
    </section>
  );
}
