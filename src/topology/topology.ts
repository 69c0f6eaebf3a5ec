// The topology the console draws, as a pure function of the world and its routing: both clouds'
// networking resources as nodes (VCNs, subnets, instances, DRGs, virtual circuits; VNets, subnets,
// VMs, gateways, ExpressRoute circuits) and the edges between them, each with a live state.
//
// The interconnect's two links take their state from routing (`Routing.interconnect`), not from
// the stored configuration-level words: a drill (link-down, bgp-reset) or an exceeded prefix limit
// takes a session down, exactly as `GET /status` and both clouds' APIs show it.
import type { ReadView } from '../model/world.ts';
import type { VirtualCircuit } from '../model/oci/virtual-circuit.ts';
import type { ExpressRouteCircuit } from '../model/azure/expressroute.ts';
import type { VnetPeering } from '../lifecycle/azure/vnet-peering.ts';
import { AZURE_PROVIDER_NAME, ORACLE_ER_PROVIDER_NAME } from '../model/interconnect/providers.ts';
import type { Routing } from '../routing/routing.ts';
import { interconnectSessionState } from '../routing/interconnect/session-state.ts';
import type { BgpSession, InterconnectRouting } from '../routing/types.ts';
import { armState, connectionState, ociState } from './states.ts';
import type { Topology, TopologyEdge, TopologyEdgeKind, TopologyNode, TopologyNodeKind, TopologyState } from './types.ts';

const NODE_ORDER: readonly TopologyNodeKind[] = [
  'oci.Vcn', 'oci.Subnet', 'oci.Instance', 'oci.Drg', 'oci.VirtualCircuit',
  'azure.ExpressRouteCircuit', 'azure.VirtualNetworkGateway', 'azure.VirtualNetwork', 'azure.Subnet', 'azure.VirtualMachine',
];
const EDGE_ORDER: readonly TopologyEdgeKind[] = ['attachment', 'circuit', 'link', 'connection', 'gateway', 'peering'];

const PATHS = [{ path: 'Primary', index: 0 }, { path: 'Secondary', index: 1 }] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Drops undefined optional fields so the JSON stays lean and deepEqual-friendly. */
function lean<T extends object>(o: T): T {
  const out = {} as Mutable<T>;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

const ipOnly = (withMask: string | undefined): string | undefined => withMask?.split('/')[0];

/** The ExpressRoute circuit a virtual circuit's service key names (a circuit being deleted too). */
function circuitOf(view: ReadView, vc: VirtualCircuit): ExpressRouteCircuit | undefined {
  if (vc.providerName !== AZURE_PROVIDER_NAME || vc.providerServiceKeyName === undefined) return undefined;
  const key = vc.providerServiceKeyName.toLowerCase();
  return view.list('azure.ExpressRouteCircuit').find(
    (c) => c.properties.serviceKey.toLowerCase() === key && c.properties.serviceProviderProperties.serviceProviderName === ORACLE_ER_PROVIDER_NAME,
  );
}

function circuitState(c: ExpressRouteCircuit): TopologyState {
  const arm = armState(c.properties.provisioningState);
  if (arm !== 'up') return arm;
  switch (c.properties.serviceProviderProvisioningState) {
    case 'Provisioned': return 'up';
    case 'NotProvisioned': case 'Provisioning': return 'provisioning';
    case 'Deprovisioning': return 'deleting';
  }
}

/** A provisioned VC is up while at least one BGP session is effectively up (drills included). */
function vcState(vc: VirtualCircuit, ic: InterconnectRouting | undefined): { state: TopologyState; reason?: string } | undefined {
  const base = ociState(vc.lifecycleState);
  if (base !== 'up') return base === undefined ? undefined : { state: base, ...(vc.fr.reason === undefined ? {} : { reason: vc.fr.reason }) };
  const sessions = ic?.sessions ?? [];
  const up = sessions.length > 0 ? sessions.some((s) => s.up) : vc.bgpSessionState === 'UP';
  if (up) return { state: 'up' };
  const reason = ic?.downReason ?? vc.fr.linkReasons?.find((r) => r !== null && r !== undefined) ?? undefined;
  return { state: 'down', ...(reason === undefined ? {} : { reason }) };
}

/** One BGP path of an interconnect: both sides' states first, then the session routing computes. */
function linkState(vc: VirtualCircuit, circuit: ExpressRouteCircuit, session: BgpSession | undefined, stored: string | null | undefined): { state: TopologyState; reason?: string } {
  const vcS = ociState(vc.lifecycleState);
  const cS = circuitState(circuit);
  if (vcS === 'failed' || cS === 'failed') return { state: 'failed', reason: vc.fr.reason ?? circuit.fr.reason ?? `virtual circuit is ${vc.lifecycleState}; circuit is ${circuit.properties.provisioningState}` };
  if (vcS === 'deleting' || cS === 'deleting') return { state: 'deleting' };
  if (vcS === 'down') return { state: 'down', reason: vc.fr.reason ?? `virtual circuit is ${vc.lifecycleState}` };
  if (vcS !== 'up' || cS !== 'up') {
    // A stuck handshake (unsupported region pair, bandwidth mismatch) says why on the VC.
    const why = vc.fr.reason ?? circuit.fr.reason;
    return { state: 'provisioning', ...(why === undefined ? {} : { reason: why }) };
  }
  if (session?.up) return { state: 'up' };
  return { state: 'down', reason: session?.reason ?? stored ?? 'BGP session down' };
}

export function buildTopology(view: ReadView, routing: Routing): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const addNode = (n: TopologyNode) => nodes.set(n.id, lean(n));
  const addEdge = (e: Omit<TopologyEdge, 'id'>) => {
    const id = `${e.kind}:${e.from}:${e.to}${e.path === undefined ? '' : `:${e.path}`}`;
    const seen = edges.get(id);
    // Two attachments between the same pair (one detaching, one attaching): show the live one.
    if (seen && seen.state !== 'deleting') return;
    edges.set(id, lean({ id, ...e }));
  };

  // ---- OCI
  for (const vcn of view.list('oci.Vcn')) {
    const state = ociState(vcn.lifecycleState);
    if (state) addNode({ id: vcn.id, kind: 'oci.Vcn', cloud: 'oci', label: vcn.displayName, state, detail: vcn.lifecycleState, cidrs: [...vcn.cidrBlocks] });
  }
  for (const s of view.list('oci.Subnet')) {
    const state = ociState(s.lifecycleState);
    if (state) addNode({ id: s.id, kind: 'oci.Subnet', cloud: 'oci', label: s.displayName, parent: s.vcnId, state, detail: s.lifecycleState, cidrs: s.ipv4CidrBlocks.length > 0 ? [...s.ipv4CidrBlocks] : [s.cidrBlock] });
  }
  for (const inst of view.list('oci.Instance')) {
    const state = ociState(inst.lifecycleState);
    if (!state) continue;
    const attachment = view.children('oci.VnicAttachment', inst.id)
      .filter((a) => a.lifecycleState !== 'DETACHED' && a.lifecycleState !== 'DETACHING')
      .sort((a, b) => a.nicIndex - b.nicIndex)[0];
    const vnic = attachment ? view.get('oci.Vnic', attachment.vnicId) : undefined;
    addNode({
      id: inst.id, kind: 'oci.Instance', cloud: 'oci', label: inst.displayName, parent: vnic?.subnetId ?? attachment?.subnetId, state, detail: inst.lifecycleState,
      ip: vnic?.privateIp,
    });
  }
  for (const drg of view.list('oci.Drg')) {
    const state = ociState(drg.lifecycleState);
    if (state) addNode({ id: drg.id, kind: 'oci.Drg', cloud: 'oci', label: drg.displayName, state, detail: drg.lifecycleState });
  }
  for (const a of view.list('oci.DrgAttachment')) {
    if (a.networkDetails.type !== 'VCN') continue;
    const state = ociState(a.lifecycleState);
    if (state) addEdge({ kind: 'attachment', from: a.networkDetails.id, to: a.drgId, state, label: a.displayName, detail: a.lifecycleState });
  }

  // ---- The interconnect: virtual circuits, their DRG and their two links
  for (const vc of view.list('oci.VirtualCircuit')) {
    const circuit = circuitOf(view, vc);
    const ic = circuit ? routing.interconnect(vc.id) : undefined;
    const s = vcState(vc, ic);
    if (!s) continue;
    addNode({
      id: vc.id, kind: 'oci.VirtualCircuit', cloud: 'oci', label: vc.displayName, state: s.state, reason: s.reason,
      detail: `${vc.lifecycleState} / ${interconnectSessionState(routing, vc.id).bgpSessionState}`,
    });
    if (vc.gatewayId !== undefined) {
      const att = view.children('oci.DrgAttachment', vc.gatewayId).find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vc.id && a.lifecycleState !== 'DETACHED');
      const state: TopologyState = s.state === 'deleting' || s.state === 'failed' ? s.state : att ? (ociState(att.lifecycleState) ?? 'deleting') : 'provisioning';
      addEdge({ kind: 'circuit', from: vc.gatewayId, to: vc.id, state, label: att?.displayName ?? vc.displayName, detail: att?.lifecycleState ?? 'not attached yet' });
    }
    if (!circuit) continue;
    for (const { path, index } of PATHS) {
      const session = ic?.sessions[index];
      const mapping = vc.crossConnectMappings[index];
      const link = linkState(vc, circuit, session, vc.fr.linkReasons?.[index]);
      const oracleIp = session?.oracleIp ?? ipOnly(mapping?.oracleBgpPeeringIp);
      const azureIp = session?.azureIp ?? ipOnly(mapping?.customerBgpPeeringIp);
      const bgp = link.state === 'up' ? 'UP' : link.state === 'down' ? 'DOWN' : link.state.toUpperCase();
      addEdge({
        kind: 'link', from: vc.id, to: circuit.id, path, state: link.state, label: path, reason: link.reason,
        detail: `BGP ${bgp}${oracleIp !== undefined && azureIp !== undefined ? ` · ${oracleIp} ⇄ ${azureIp}` : ''}`,
      });
    }
  }

  // ---- Azure
  for (const vnet of view.list('azure.VirtualNetwork')) {
    addNode({ id: vnet.id, kind: 'azure.VirtualNetwork', cloud: 'azure', label: vnet.name, state: armState(vnet.properties.provisioningState), detail: vnet.properties.provisioningState, cidrs: [...vnet.properties.addressSpace.addressPrefixes] });
  }
  for (const s of view.list('azure.Subnet')) {
    const vnetId = view.get('azure.VirtualNetwork', s.fr.parentId)?.id ?? s.fr.parentId;
    addNode({
      id: s.id, kind: 'azure.Subnet', cloud: 'azure', label: s.name, parent: vnetId, state: armState(s.properties.provisioningState), detail: s.properties.provisioningState,
      cidrs: s.properties.addressPrefixes && s.properties.addressPrefixes.length > 0 ? [...s.properties.addressPrefixes] : [s.properties.addressPrefix],
    });
  }
  for (const vm of view.list('azure.VirtualMachine')) {
    const refs = vm.properties.networkProfile.networkInterfaces;
    const ref = refs.find((r) => r.properties.primary) ?? refs[0];
    const nic = ref ? view.get('azure.NetworkInterface', ref.id) : undefined;
    const ipc = nic ? (nic.properties.ipConfigurations.find((c) => c.properties.primary) ?? nic.properties.ipConfigurations[0]) : undefined;
    const subnetRef = ipc?.properties.subnet.id;
    addNode({
      id: vm.id, kind: 'azure.VirtualMachine', cloud: 'azure', label: vm.name,
      parent: subnetRef === undefined ? undefined : (view.get('azure.Subnet', subnetRef)?.id ?? subnetRef),
      state: armState(vm.properties.provisioningState), detail: vm.properties.provisioningState, ip: ipc?.properties.privateIPAddress,
    });
  }
  for (const gw of view.list('azure.VirtualNetworkGateway')) {
    addNode({ id: gw.id, kind: 'azure.VirtualNetworkGateway', cloud: 'azure', label: gw.name, state: armState(gw.properties.provisioningState), detail: gw.properties.provisioningState, reason: gw.fr.reason });
    const subnetRef = gw.properties.ipConfigurations[0]?.properties.subnet.id;
    if (subnetRef === undefined) continue;
    const subnet = view.get('azure.Subnet', subnetRef);
    const vnetRef = subnet?.fr.parentId ?? subnetRef.replace(/\/subnets\/[^/]+$/i, '');
    const vnetId = view.get('azure.VirtualNetwork', vnetRef)?.id ?? vnetRef;
    addEdge({ kind: 'gateway', from: gw.id, to: vnetId, state: armState(gw.properties.provisioningState), label: subnet?.name ?? 'GatewaySubnet', detail: gw.properties.provisioningState });
  }
  for (const c of view.list('azure.ExpressRouteCircuit')) {
    addNode({
      id: c.id, kind: 'azure.ExpressRouteCircuit', cloud: 'azure', label: c.name, state: circuitState(c), reason: c.fr.reason,
      detail: `${c.properties.provisioningState} / ${c.properties.serviceProviderProvisioningState}`,
    });
  }
  const gatewayReplaced = new Set(view.list('fr.Drill').filter((d) => d.kind === 'gateway-replace').map((d) => {
    const vc = view.get('oci.VirtualCircuit', d.virtualCircuitId);
    return vc ? circuitOf(view, vc)?.id.toLowerCase() : undefined;
  }));
  for (const conn of view.list('azure.Connection')) {
    const circuit = view.get('azure.ExpressRouteCircuit', conn.properties.peer.id);
    const gw = view.get('azure.VirtualNetworkGateway', conn.properties.virtualNetworkGateway1.id);
    if (!circuit || !gw) continue;
    let state = connectionState(conn.properties.provisioningState, conn.properties.connectionStatus);
    let reason = conn.fr.reason;
    if (state === 'up' && gatewayReplaced.has(circuit.id.toLowerCase())) {
      state = 'down';
      reason = 'drill: the gateway is being replaced, its routes are withdrawn';
    }
    addEdge({ kind: 'connection', from: circuit.id, to: gw.id, state, label: conn.name, detail: `${conn.properties.provisioningState} / ${conn.properties.connectionStatus}`, reason });
  }
  addPeerings(view, addEdge);

  // Edges only between drawn nodes; parents only when drawn.
  const nodeList = [...nodes.values()].map((n) => (n.parent !== undefined && !nodes.has(n.parent) ? lean({ ...n, parent: undefined }) : n));
  const byOrder = <T extends string>(order: readonly T[]) => (a: T, b: T) => order.indexOf(a) - order.indexOf(b);
  const nodeOrder = byOrder(NODE_ORDER);
  const edgeOrder = byOrder(EDGE_ORDER);
  return {
    nodes: nodeList.sort((a, b) => nodeOrder(a.kind, b.kind) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
    edges: [...edges.values()]
      .filter((e) => nodes.has(e.from) && nodes.has(e.to))
      .sort((a, b) => edgeOrder(a.kind, b.kind) || a.id.localeCompare(b.id)),
  };
}

/** VNet peerings, one edge per pair: up when both sides are Connected; from the hub (gateway transit). */
function addPeerings(view: ReadView, addEdge: (e: Omit<TopologyEdge, 'id'>) => void): void {
  const pairs = new Map<string, { a: string; b: string; sides: Map<string, VnetPeering> }>();
  for (const vnet of view.list('azure.VirtualNetwork')) {
    for (const p of vnet.properties.virtualNetworkPeerings as VnetPeering[]) {
      const remote = view.get('azure.VirtualNetwork', p.properties.remoteVirtualNetwork.id);
      if (!remote) continue;
      const [a, b] = [vnet.id, remote.id].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())) as [string, string];
      const key = `${a.toLowerCase()}|${b.toLowerCase()}`;
      let pair = pairs.get(key);
      if (!pair) pairs.set(key, (pair = { a, b, sides: new Map() }));
      pair.sides.set(vnet.id.toLowerCase(), p);
    }
  }
  for (const { a, b, sides } of pairs.values()) {
    const sa = sides.get(a.toLowerCase());
    const sb = sides.get(b.toLowerCase());
    const states = [sa, sb].map((s) => s?.properties.peeringState);
    const state: TopologyState = states.includes('Disconnected') ? 'down' : states.every((s) => s === 'Connected') ? 'up' : 'provisioning';
    const hubIsB = sb?.properties.allowGatewayTransit === true && sa?.properties.allowGatewayTransit !== true;
    const [from, to, fromSide, toSide] = hubIsB ? [b, a, sb, sa] : [a, b, sa, sb];
    addEdge({
      kind: 'peering', from, to, state, label: [fromSide?.name, toSide?.name].filter((n) => n !== undefined).join(' ⇄ '),
      detail: `${fromSide?.properties.peeringState ?? 'missing'} / ${toSide?.properties.peeringState ?? 'missing'}`,
      ...(state === 'down' ? { reason: 'the peering is Disconnected: the remote VNet removed its side' } : {}),
      ...(state === 'provisioning' ? { reason: 'Initiated: waiting for the remote VNet to peer back' } : {}),
    });
  }
}
