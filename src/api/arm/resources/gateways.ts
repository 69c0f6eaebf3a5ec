// Virtual network gateways (ExpressRoute): CRUD with the lifecycle's SKU and GatewaySubnet rules,
// the connections of a gateway, and the BGP diagnostics (learned routes, advertised routes, BGP
// peer status) computed from routing. beginUpdateTags is an LRO in the SDK, so the PATCH carries
// Azure-AsyncOperation like NRP's answer.
import { z } from 'zod';
import type { Connection, VirtualNetworkGateway } from '../../../model/azure/expressroute.ts';
import { AZURE_BGP_ASN, ER_GATEWAY_ASN } from '../../../model/interconnect/providers.ts';
import { arm } from '../../../model/errors.ts';
import type { ReadView } from '../../../model/world.ts';
import { deleteVirtualNetworkGateway, putVirtualNetworkGateway } from '../../../lifecycle/azure/gateway.ts';
import { withDefaultGatewaySubnet } from '../../../lifecycle/azure/gateway-subnet.ts';
import type { LinkPath } from '../../../routing/types.ts';
import { gatewayBgpAddressing } from '../../../routing/azure/gateway-addressing.ts';
import { liveLink } from '../../../routing/interconnect/live-sessions.ts';
import { acceptedReply, byName, getTracked, lroToken, RG, rgOf, scopeOf, trackedResource } from '../crud.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { presentList } from '../present.ts';
import { subResource, tracked } from '../schemas/common.ts';
import type { PostActionResult } from './operation-status.ts';

const NS = 'Microsoft.Network';
const GATEWAY = `${RG}/providers/${NS}/virtualNetworkGateways/{virtualNetworkGatewayName}`;

const gatewayBody = tracked(z.looseObject({
  gatewayType: z.string().optional(),
  vpnType: z.string().optional(),
  sku: z.looseObject({ name: z.string().optional(), tier: z.string().optional(), capacity: z.number().optional() }).optional(),
  ipConfigurations: z.array(z.looseObject({
    name: z.string().optional(),
    properties: z.looseObject({ subnet: subResource.optional(), publicIPAddress: subResource.optional(), privateIPAllocationMethod: z.enum(['Static', 'Dynamic']).optional() }).optional(),
  })).optional(),
  activeActive: z.boolean().optional(),
  enableBgp: z.boolean().optional(),
  // ErGwScale's scale units as ARM takes them (sku.capacity is read-only there).
  autoScaleConfiguration: z.looseObject({ bounds: z.looseObject({ min: z.number().optional(), max: z.number().optional() }).optional() }).optional(),
}));

function gatewayOf(req: ArmRequest, view: ReadView): VirtualNetworkGateway {
  return getTracked(view, scopeOf(req), 'azure.VirtualNetworkGateway', rgOf(req), NS, 'virtualNetworkGateways', req.params.virtualNetworkGatewayName ?? '');
}

function connectionsOf(view: ReadView, gatewayId: string): Connection[] {
  const id = gatewayId.toLowerCase();
  return view.list('azure.Connection').filter((c) => c.properties.virtualNetworkGateway1.id.toLowerCase() === id);
}

// ── BGP view of the gateway ─────────────────────────────────────────────────────────────────────
// The gateway's addresses are routing's (gateway-addressing.ts), so the NIC effective routes and the
// circuit's route table name the same ones. Several circuits share the two neighbours, ASN 12076.

interface Neighbor { path: LinkPath; address: string }

function addressing(req: ArmRequest, gw: VirtualNetworkGateway): { local: string; neighbors: Neighbor[] } | undefined {
  const a = gatewayBgpAddressing(req.engine.routing, gw.id);
  return a ? { local: a.local, neighbors: a.instances } : undefined;
}

interface GatewayRoute { localAddress: string; network: string; nextHop: string; sourcePeer: string; origin: string; asPath: string; weight: number }

/**
 * Routes each MSEE gave the gateway: the session's routes from Oracle that the gateway kept (SKU
 * limit). With BGP on the wire, what that MSEE's daemon holds from Oracle on its link, as it holds it
 * (the AS path it received): a link the daemons lost gives the gateway nothing from that MSEE.
 */
function learnedFromMsee(req: ArmRequest, view: ReadView, gw: VirtualNetworkGateway, local: string, n: Neighbor): GatewayRoute[] {
  const r = req.engine.routing;
  const kept = new Set(r.gatewayLearned(gw.id).routes.map((x) => x.prefix));
  const seen = new Set<string>();
  const out: GatewayRoute[] = [];
  for (const vc of view.list('oci.VirtualCircuit')) {
    const ic = r.interconnect(vc.id);
    if (!ic.gatewayIds.some((g) => g.toLowerCase() === gw.id.toLowerCase())) continue;
    const wire = liveLink(r, vc.id, n.path);
    const session = ic.sessions.find((s) => s.path === n.path);
    const routes = wire !== undefined ? (wire.established ? wire.toAzure : []) : (session?.up === true ? session.toAzure : []);
    for (const route of routes) {
      if ((wire === undefined && !kept.has(route.prefix)) || seen.has(route.prefix)) continue;
      seen.add(route.prefix);
      out.push({ localAddress: local, network: route.prefix, nextHop: n.address, sourcePeer: n.address, origin: 'EBgp', asPath: [AZURE_BGP_ASN, ...route.asPath].join('-'), weight: 32769 });
    }
  }
  // On-premises sites on the circuits the gateway is connected to, over their session on this link.
  for (const site of view.list('fr.OnPremisesSite')) {
    const sr = r.onPremises(site.id);
    if (!sr || sr.down !== undefined || !sr.gatewayIds.some((g) => g.toLowerCase() === gw.id.toLowerCase())) continue;
    const session = sr.sessions.find((x) => x.path === n.path && x.up);
    for (const route of session?.fromSite ?? []) {
      if (!kept.has(route.prefix) || seen.has(route.prefix)) continue;
      seen.add(route.prefix);
      out.push({ localAddress: local, network: route.prefix, nextHop: n.address, sourcePeer: n.address, origin: 'EBgp', asPath: [AZURE_BGP_ASN, ...route.asPath].join('-'), weight: 32769 });
    }
  }
  return out;
}

function learnedRoutes(req: ArmRequest, view: ReadView, gw: VirtualNetworkGateway): GatewayRoute[] {
  const a = addressing(req, gw);
  if (!a) return [];
  const own = req.engine.routing.gatewayAdvertised(gw.id).map((network) => ({ localAddress: a.local, network, nextHop: '', sourcePeer: a.local, origin: 'Network', asPath: '', weight: 32768 }));
  return [...own, ...a.neighbors.flatMap((n) => learnedFromMsee(req, view, gw, a.local, n))];
}

function advertisedRoutes(req: ArmRequest, view: ReadView, gw: VirtualNetworkGateway, peer: string): GatewayRoute[] {
  const a = addressing(req, gw);
  if (!a?.neighbors.some((n) => n.address === peer) || !connectionsOf(view, gw.id).some((c) => c.properties.connectionStatus === 'Connected')) return [];
  return req.engine.routing.gatewayAdvertised(gw.id).map((network) => ({ localAddress: a.local, network, nextHop: a.local, sourcePeer: a.local, origin: 'Network', asPath: String(ER_GATEWAY_ASN), weight: 0 }));
}

/** .NET TimeSpan text, as ARM prints connectedDuration: "hh:mm:ss.fffffff" or "d.hh:mm:ss.fffffff". */
function timeSpan(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86_400);
  return `${days > 0 ? `${days}.` : ''}${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}.0000000`;
}

/** Neighbor state follows the gateway's connections; message counts are synthetic (an OPEN, a keepalive a minute, one UPDATE per route). */
function bgpPeerStatus(req: ArmRequest, view: ReadView, gw: VirtualNetworkGateway, args: Record<string, string>) {
  const a = addressing(req, gw);
  const conns = connectionsOf(view, gw.id);
  if (!a || conns.length === 0) return [];
  const state = conns.some((c) => c.properties.connectionStatus === 'Connected') ? 'Connected' : conns.some((c) => c.properties.connectionStatus === 'Connecting') ? 'Connecting' : 'Idle';
  const since = args.connectedSince === undefined ? undefined : Date.parse(args.connectedSince);
  const up = state === 'Connected' && since !== undefined && Number.isFinite(since) ? Math.floor((req.engine.now() - since) / 1000) : 0;
  const advertised = req.engine.routing.gatewayAdvertised(gw.id).length;
  return a.neighbors.filter((n) => args.peer === undefined || n.address === args.peer).map((n) => {
    const routesReceived = state === 'Connected' ? learnedFromMsee(req, view, gw, a.local, n).length : 0;
    const keepalives = state === 'Connected' ? 1 + Math.floor(up / 60) : 0;
    return {
      localAddress: a.local, neighbor: n.address, asn: AZURE_BGP_ASN, state, connectedDuration: timeSpan(up), routesReceived,
      messagesSent: keepalives + (state === 'Connected' ? advertised : 0), messagesReceived: keepalives + routesReceived,
    };
  });
}

// ── Operations ──────────────────────────────────────────────────────────────────────────────────

type Action = 'getLearnedRoutes' | 'getAdvertisedRoutes' | 'getBgpPeerStatus';

/** When the gateway's earliest still-Connected connection became Connected (the event log). */
async function connectedSince(req: ArmRequest, conns: readonly Connection[]): Promise<string | undefined> {
  const times: string[] = [];
  for (const c of conns.filter((x) => x.properties.connectionStatus === 'Connected')) {
    const events = await req.engine.queryEvents({ resourceId: c.id, kind: 'azure.Connection', newestFirst: true, limit: 1000 });
    const e = events.find((x) => x.change === 'state' && x.field === 'properties.connectionStatus' && x.after === 'Connected');
    if (e) times.push(e.time);
  }
  return times.sort()[0];
}

function actionOperation(action: Action): ArmOperation {
  return {
    name: `virtualNetworkGateways.${action}`, method: 'POST', path: `${GATEWAY}/${action}`,
    async handle(req) {
      const peer = req.query.peer;
      if (action === 'getAdvertisedRoutes' && (peer === undefined || peer === '')) throw armMissingPeer();
      const { gw, conns } = await req.engine.read((view) => {
        const g = gatewayOf(req, view);
        return { gw: g, conns: connectionsOf(view, g.id) };
      });
      const since = action === 'getBgpPeerStatus' ? await connectedSince(req, conns) : undefined;
      const args = { ...(peer === undefined ? {} : { peer }), ...(since === undefined ? {} : { connectedSince: since }) };
      return acceptedReply(req, lroToken(req, 'post', 'azure.VirtualNetworkGateway', gw.id, NS, gw.location, { action: `virtualNetworkGateways.${action}`, args }));
    },
  };
}

function armMissingPeer(): Error {
  return arm.badRequest('InvalidRequestFormat', "Cannot parse the request. The query parameter 'peer' (the BGP neighbor's address) is required.", 'peer');
}

/**
 * A PATCH (tags) the SDK polls as an LRO: the synchronous answer plus Azure-AsyncOperation, whose
 * status follows the resource's provisioningState like a PUT's.
 */
function resultOf(compute: (req: ArmRequest, view: ReadView, gw: VirtualNetworkGateway, args: Record<string, string>) => unknown[]): PostActionResult {
  return (req, view, token) => {
    const gw = view.get('azure.VirtualNetworkGateway', token.id);
    return { value: gw ? compute(req, view, gw, token.args ?? {}) : [] };
  };
}

export const GATEWAY_POST_RESULTS: Record<string, PostActionResult> = {
  'virtualNetworkGateways.getLearnedRoutes': resultOf((req, view, gw) => learnedRoutes(req, view, gw)),
  'virtualNetworkGateways.getAdvertisedRoutes': resultOf((req, view, gw, args) => advertisedRoutes(req, view, gw, args.peer ?? '')),
  'virtualNetworkGateways.getBgpPeerStatus': resultOf(bgpPeerStatus),
};

const crud = trackedResource({
  sdk: 'virtualNetworkGateways', kind: 'azure.VirtualNetworkGateway', ns: NS, collection: 'virtualNetworkGateways', param: 'virtualNetworkGatewayName', body: gatewayBody,
  put: (tx, scope, rg, name, body) => putVirtualNetworkGateway(tx, scope, rg, name, withDefaultGatewaySubnet(tx, scope, rg, name, body)),
  remove: deleteVirtualNetworkGateway, asyncTags: true,
  linked: (body) => (body.properties?.ipConfigurations ?? []).flatMap((c) => [
    { id: c.properties?.subnet?.id, action: `${NS}/virtualNetworks/subnets/join/action` },
    { id: c.properties?.publicIPAddress?.id, action: `${NS}/publicIPAddresses/join/action` },
  ]),
});

export const GATEWAY_OPERATIONS: ArmOperation[] = [
  ...crud,
  {
    name: 'virtualNetworkGateways.listConnections', method: 'GET', path: `${GATEWAY}/connections`,
    async handle(req) {
      return req.engine.read((view) => ({ body: presentList(view, 'azure.Connection', byName(connectionsOf(view, gatewayOf(req, view).id))) }));
    },
  },
  ...(['getLearnedRoutes', 'getAdvertisedRoutes', 'getBgpPeerStatus'] as const).map(actionOperation),
];
