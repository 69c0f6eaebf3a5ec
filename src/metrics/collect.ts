// The value of every series now, from the world, routing and the traffic provider: one sample per
// (metric, resource, dimension values). Pure: the sampler calls it on every commit and read.
import type { ReadView } from '../model/world.ts';
import type { Routing } from '../routing/routing.ts';
import type { BgpRoute, LinkPath } from '../routing/types.ts';
import { interconnectSessionState } from '../routing/interconnect/session-state.ts';
import { circuitArpTable } from '../routing/diagnostics/circuit.ts';
import { gatewayBgpAddressing } from '../routing/azure/gateway-addressing.ts';
import { CONNECTION, ER_CIRCUIT, METRICS, metricKey, OCI_FASTCONNECT, VNET_GATEWAY, type MetricDef } from './catalogue.ts';
import { NO_TRAFFIC, type LinkDirection, type LinkTraffic, type TrafficSnapshot } from './provider.ts';

export interface Sample {
  metric: MetricDef;
  /** The resource as its cloud spells it (ARM id as stored, OCID). */
  resourceId: string;
  /** Dimension values in the metric's dimension order. */
  dims: readonly string[];
  value: number;
  /** OCI: the resource's compartment (SummarizeMetricsData filters by it); Azure: the subscription. */
  scope: string;
}

const PATHS: readonly LinkPath[] = ['primary', 'secondary'];
/** [U] the dimension values the portal shows: PeeringType "Private", Peer "Primary-IPv4", DeviceRole "Primary". */
const PEERING_TYPE = 'Private';
const PEER: Record<LinkPath, string> = { primary: 'Primary-IPv4', secondary: 'Secondary-IPv4' };
const ROLE: Record<LinkPath, string> = { primary: 'Primary', secondary: 'Secondary' };
const INSTANCE: Record<LinkPath, string> = { primary: 'IN_0', secondary: 'IN_1' };

const BY_KEY = new Map(METRICS.map((m) => [metricKey(m), m]));
function def(namespace: string, name: string): MetricDef {
  const m = BY_KEY.get(`${namespace}/${name}`);
  if (!m) throw new Error(`metric ${namespace}/${name} is not in the catalogue`);
  return m;
}

function sum(vcIds: readonly string[], traffic: TrafficSnapshot, direction: LinkDirection, paths: readonly LinkPath[] = PATHS): LinkTraffic {
  const out = { ...NO_TRAFFIC };
  for (const vc of vcIds) {
    for (const p of paths) {
      const t = traffic.link(vc, p, direction);
      if (!t) continue;
      out.bitsPerSecond += t.bitsPerSecond;
      out.packetsPerSecond += t.packetsPerSecond;
      out.droppedBitsPerSecond += t.droppedBitsPerSecond;
      out.droppedPacketsPerSecond += t.droppedPacketsPerSecond;
    }
  }
  return out;
}

/** Learned routes per next-hop text, once per learned list (routing keeps the list until something changes). */
const nextHopCounts = new WeakMap<readonly BgpRoute[], Map<string, number>>();

/** How many learned routes name this gateway instance as a next hop (the texts are shared: count them, not the 2,000 routes). */
function learnedVia(routes: readonly BgpRoute[], address: string): number {
  let counts = nextHopCounts.get(routes);
  if (counts === undefined) {
    counts = new Map();
    for (const r of routes) counts.set(r.nextHop, (counts.get(r.nextHop) ?? 0) + 1);
    nextHopCounts.set(routes, counts);
  }
  let n = 0;
  for (const [text, count] of counts) if (text.split(',').includes(address)) n += count;
  return n;
}

export function collectSamples(view: ReadView, routing: Routing, traffic: TrafficSnapshot, nowMs: number): Sample[] {
  const out: Sample[] = [];
  const vcs = view.list('oci.VirtualCircuit').filter((vc) => vc.lifecycleState !== 'TERMINATED');
  const vcsByKey = new Map<string, string[]>();
  for (const vc of vcs) {
    const key = vc.providerServiceKeyName?.toLowerCase();
    if (key !== undefined) vcsByKey.set(key, [...(vcsByKey.get(key) ?? []), vc.id]);
  }

  // OCI: each virtual circuit.
  for (const vc of vcs) {
    const push = (name: string, value: number) => out.push({ metric: def(OCI_FASTCONNECT, name), resourceId: vc.id, dims: [vc.id], value, scope: vc.compartmentId });
    const sessions = interconnectSessionState(routing, vc.id);
    const drills = view.list('fr.Drill').filter((d) => d.virtualCircuitId === vc.id && d.kind === 'link-down');
    // The interface is up while one link is (a LAG is up with one member up): link-down on every link takes it down.
    const linksUp = vc.crossConnectMappings.filter((_, i) => !drills.some((d) => d.path === undefined || d.path === PATHS[i])).length;
    push('ConnectionState', vc.lifecycleState === 'PROVISIONED' && linksUp > 0 ? 1 : 0);
    push('Ipv4BgpSessionState', sessions.bgpSessionState === 'UP' ? 1 : 0);
    const sent = sum([vc.id], traffic, 'toAzure');
    const received = sum([vc.id], traffic, 'toOci');
    // One data point per minute: the minute's volume.
    push('BitsSent', sent.bitsPerSecond * 60);
    push('BitsReceived', received.bitsPerSecond * 60);
    push('BytesSent', (sent.bitsPerSecond * 60) / 8);
    push('BytesReceived', (received.bitsPerSecond * 60) / 8);
    push('PacketsSent', sent.packetsPerSecond * 60);
    push('PacketsReceived', received.packetsPerSecond * 60);
    push('PacketsError', 0);
    push('PacketsDiscarded', (sent.droppedPacketsPerSecond + received.droppedPacketsPerSecond) * 60);
  }

  // Azure: ExpressRoute circuits.
  for (const circuit of view.list('azure.ExpressRouteCircuit')) {
    if (circuit.properties.provisioningState === 'Deleting') continue;
    const scope = circuit.fr.subscriptionId;
    const push = (name: string, dims: string[], value: number) => out.push({ metric: def(ER_CIRCUIT, name), resourceId: circuit.id, dims, value, scope });
    const vcIds = vcsByKey.get(circuit.properties.serviceKey.toLowerCase()) ?? [];
    const vcId = vcIds.find((id) => view.get('oci.VirtualCircuit', id)?.lifecycleState === 'PROVISIONED') ?? vcIds[0];
    const sessions = vcId === undefined ? undefined : interconnectSessionState(routing, vcId);
    PATHS.forEach((path, i) => {
      const arp = circuitArpTable(routing, circuit.id, path, { now: nowMs }).value;
      const arpUp = arp.length > 0 && arp.every((row) => row.macAddress !== 'Incomplete');
      push('ArpAvailability', [PEERING_TYPE, PEER[path]], arpUp ? 100 : 0);
      push('BgpAvailability', [PEERING_TYPE, PEER[path]], sessions?.links[i]?.state === 'UP' ? 100 : 0);
      push('BitsInPerSecond', [PEERING_TYPE, ROLE[path]], sum(vcIds, traffic, 'toAzure', [path]).bitsPerSecond);
      push('BitsOutPerSecond', [PEERING_TYPE, ROLE[path]], sum(vcIds, traffic, 'toOci', [path]).bitsPerSecond);
    });
    push('QosDropBitsInPerSecond', [], sum(vcIds, traffic, 'toAzure').droppedBitsPerSecond);
    push('QosDropBitsOutPerSecond', [], sum(vcIds, traffic, 'toOci').droppedBitsPerSecond);
  }

  // Azure: ExpressRoute gateways and their connections.
  const connections = view.list('azure.Connection').filter((c) => c.properties.connectionType === 'ExpressRoute');
  const circuitVcs = (connectionPeerId: string) => {
    const circuit = view.get('azure.ExpressRouteCircuit', connectionPeerId);
    return circuit === undefined ? [] : (vcsByKey.get(circuit.properties.serviceKey.toLowerCase()) ?? []);
  };
  for (const gw of view.list('azure.VirtualNetworkGateway')) {
    if (gw.properties.gatewayType !== 'ExpressRoute') continue;
    const scope = gw.fr.subscriptionId;
    const push = (name: string, dims: string[], value: number) => out.push({ metric: def(VNET_GATEWAY, name), resourceId: gw.id, dims, value, scope });
    const learned = routing.gatewayLearned(gw.id).routes;
    const advertised = routing.gatewayAdvertised(gw.id).length;
    const mine = connections.filter((c) => c.properties.virtualNetworkGateway1.id.toLowerCase() === gw.id.toLowerCase());
    const vcIds = mine.flatMap((c) => circuitVcs(c.properties.peer.id));
    for (const inst of gatewayBgpAddressing(routing, gw.id)?.instances ?? []) {
      const upOnPath = vcIds.some((vc) => interconnectSessionState(routing, vc).links[PATHS.indexOf(inst.path)]?.state === 'UP');
      const dims = [INSTANCE[inst.path], inst.address];
      push('ExpressRouteGatewayCountOfRoutesLearnedFromPeer', dims, learnedVia(learned, inst.address));
      push('ExpressRouteGatewayCountOfRoutesAdvertisedToPeer', dims, upOnPath ? advertised : 0);
      const through = sum(vcIds, traffic, 'toAzure', [inst.path]);
      const back = sum(vcIds, traffic, 'toOci', [inst.path]);
      push('ExpressRouteGatewayBitsPerSecond', [INSTANCE[inst.path]], through.bitsPerSecond + back.bitsPerSecond);
      push('ExpressRouteGatewayPacketsPerSecond', [INSTANCE[inst.path]], through.packetsPerSecond + back.packetsPerSecond);
    }
  }
  for (const c of connections) {
    const vcIds = circuitVcs(c.properties.peer.id);
    const push = (name: string, value: number) => out.push({ metric: def(CONNECTION, name), resourceId: c.id, dims: [], value, scope: c.fr.subscriptionId });
    push('BitsInPerSecond', sum(vcIds, traffic, 'toAzure').bitsPerSecond);
    push('BitsOutPerSecond', sum(vcIds, traffic, 'toOci').bitsPerSecond);
  }
  return out;
}
