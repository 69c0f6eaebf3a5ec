// trace(from, to, protocol, port): the request walked hop by hop across both clouds, then the reply
// walked back for real (connection tracking admits it at stateful checkpoints; stateless OCI rules
// need their mirror), and asymmetric paths through stateful appliances judged as a stateful firewall
// would for the protocol (asymmetry.ts). The flow's verdict is delivered only when the request
// arrives and its reply comes back.
import { intToIp } from '../model/cidr.ts';
import type { Packet } from '../security/types.ts';
import { replyPacket } from '../security/packet.ts';
import type { Routing } from '../routing/routing.ts';
import { resolveEndpoint, type Endpoint } from './endpoints.ts';
import { Walk } from './walk.ts';
import { fromOciVnic } from './oci-steps.ts';
import { fromAzureNic } from './azure-steps.ts';
import { fromOnPremises } from './on-premises-steps.ts';
import type { Hop, PathResult, TraceRequest, TraceResult } from './types.ts';
import { asymmetricDrop, asymmetryDetail, asymmetryOf, type Asymmetry } from './asymmetry.ts';

export const EPHEMERAL_PORT = 49152;

function start(w: Walk, ep: Endpoint): PathResult {
  if (ep.cloud === 'oci') fromOciVnic(w, ep.vnic);
  else if (ep.cloud === 'azure') fromAzureNic(w, ep.nic, ep.subnetId);
  else if (ep.cloud === 'onprem') fromOnPremises(w, ep.site);
  return w.result ?? { verdict: 'dropped', reason: 'UNKNOWN_ENDPOINT', hops: w.hops };
}

function unknown(req: TraceRequest, which: string): TraceResult {
  return {
    verdict: 'dropped', reason: 'UNKNOWN_ENDPOINT', flow: { protocol: req.protocol, src: req.from, dst: req.to },
    hops: [{ kind: 'destination', cloud: 'oci', resource: which, decision: 'drop', reason: 'UNKNOWN_ENDPOINT', detail: `${which} is not a VM name, a resource id, or an address FastRoute knows` }],
  };
}

function flowOf(protocol: TraceRequest['protocol'], packet: Packet): TraceResult['flow'] {
  const src = intToIp(packet.src);
  const dst = intToIp(packet.dst);
  if (packet.srcPort === undefined) return packet.dstPort === undefined ? { protocol, src, dst } : { protocol, src, dst, dstPort: packet.dstPort };
  return packet.dstPort === undefined ? { protocol, src, dst, srcPort: packet.srcPort } : { protocol, src, dst, srcPort: packet.srcPort, dstPort: packet.dstPort };
}

interface Walked { there: PathResult; returnPath?: PathResult; asymmetry?: Asymmetry }

/** The note at an appliance one direction bypasses, named as the direction that crossed it named it. */
function asymmetryHop(appliance: string, decision: 'allow' | 'drop', detail: string, crossed: readonly Hop[]): Hop {
  const name = crossed.find((h) => h.kind === 'appliance' && h.resource.toLowerCase() === appliance)?.name;
  const cloud = appliance.startsWith('ocid1.') ? 'oci' : 'azure';
  return name === undefined ? { kind: 'appliance', cloud, resource: appliance, decision, reason: 'ASYMMETRIC_RETURN', detail } : { kind: 'appliance', cloud, resource: appliance, name, decision, reason: 'ASYMMETRIC_RETURN', detail };
}

/**
 * The request and, when it arrives, its reply; both walks keep the same (see `Keep`). When the two
 * directions cross different stateful appliances, the flow's fate depends on the protocol and on
 * which side each appliance sees (asymmetry.ts): the reply path ends with a hop at the appliance,
 * a drop, or a note that the flow survives the asymmetry.
 */
/** What a walk keeps: every hop explained, the bare hops traffic placement loads, or nothing but the verdict. */
type Keep = 'explain' | 'elements' | 'verdict';

function walkFlow(r: Routing, src: Endpoint, dst: Endpoint, packet: Packet, keep: Keep): Walked {
  const explain = keep === 'explain';
  const forward = new Walk(r, packet, undefined, undefined, explain, keep === 'elements');
  if (dst.cloud === 'service') forward.service = dst.service;
  const there = start(forward, src);
  // Nothing FastRoute models answers from beyond its clouds (the internet, the Oracle Services Network).
  if (there.verdict === 'dropped' || dst.cloud === 'none' || dst.cloud === 'service') return { there };
  const back = new Walk(r, replyPacket(packet), forward, undefined, explain, keep === 'elements');
  const returnPath = start(back, dst);
  const asymmetry = returnPath.verdict === 'delivered' ? asymmetryOf(forward.appliances, back.appliances) : undefined;
  if (!asymmetry) return { there, returnPath };
  const drop = asymmetricDrop(packet.protocol, asymmetry);
  if (drop) {
    returnPath.verdict = 'dropped';
    returnPath.reason = 'ASYMMETRIC_RETURN';
    if (keep !== 'verdict') returnPath.hops.push(asymmetryHop(drop.appliance, 'drop', asymmetryDetail(packet.protocol, drop.side), [...there.hops, ...returnPath.hops]));
  } else if (explain) {
    const crossed = [...there.hops, ...returnPath.hops];
    for (const a of asymmetry.requestOnly) returnPath.hops.push(asymmetryHop(a, 'allow', asymmetryDetail(packet.protocol, 'request'), crossed));
    for (const a of asymmetry.replyOnly) returnPath.hops.push(asymmetryHop(a, 'allow', asymmetryDetail(packet.protocol, 'reply'), crossed));
  }
  return { there, returnPath, asymmetry };
}

function packetOf(req: TraceRequest, src: number, dst: number): Packet {
  return req.protocol === 'icmp' ? { protocol: req.protocol, src, dst, icmpType: 8, icmpCode: 0 } : { protocol: req.protocol, src, dst, srcPort: req.sourcePort ?? EPHEMERAL_PORT, dstPort: req.port ?? 0 };
}

export function trace(r: Routing, req: TraceRequest): TraceResult {
  const src = resolveEndpoint(r, req.from);
  const dst = resolveEndpoint(r, req.to);
  if (!src || src.cloud === 'none' || src.cloud === 'service') return unknown(req, req.from);
  if (!dst) return unknown(req, req.to);
  const packet = packetOf(req, src.ip, dst.ip);
  const flow = flowOf(req.protocol, packet);
  const { there, returnPath, asymmetry } = walkFlow(r, src, dst, packet, 'explain');
  if (!returnPath) return { verdict: there.verdict, reason: there.reason, hops: there.hops, flow };
  const last = returnPath.verdict === 'dropped' ? returnPath : there;
  return { verdict: last.verdict, reason: last.reason, hops: there.hops, flow, returnPath, ...(asymmetry ? { asymmetry } : {}) };
}

/** The verdict and reason `trace` gives (and the asymmetry it found), without building its hops (for bulk questions). */
export function traceVerdict(r: Routing, req: TraceRequest): Pick<TraceResult, 'verdict' | 'reason' | 'asymmetry'> {
  const src = resolveEndpoint(r, req.from);
  const dst = resolveEndpoint(r, req.to);
  if (!src || src.cloud === 'none' || src.cloud === 'service' || !dst) return { verdict: 'dropped', reason: 'UNKNOWN_ENDPOINT' };
  const { there, returnPath, asymmetry } = walkFlow(r, src, dst, packetOf(req, src.ip, dst.ip), 'verdict');
  const last = returnPath?.verdict === 'dropped' ? returnPath : there;
  return { verdict: last.verdict, reason: last.reason, ...(asymmetry ? { asymmetry } : {}) };
}

/** What traffic placement needs of a trace: its verdict and reason, and both paths' element and drop hops. */
export type ElementTrace = Pick<TraceResult, 'verdict' | 'reason' | 'hops' | 'returnPath'>;

/**
 * `trace` keeping only the hops traffic placement loads (links and the edge before each, gateways,
 * appliances) and each path's drop hop, none explained (no rule or detail strings): the verdict,
 * reason and those hops are the explained trace's (test/traffic/placement-walk.test.ts).
 */
export function traceElements(r: Routing, req: TraceRequest): ElementTrace {
  const src = resolveEndpoint(r, req.from);
  const dst = resolveEndpoint(r, req.to);
  if (!src || src.cloud === 'none' || src.cloud === 'service') return unknown(req, req.from);
  if (!dst) return unknown(req, req.to);
  const { there, returnPath } = walkFlow(r, src, dst, packetOf(req, src.ip, dst.ip), 'elements');
  if (!returnPath) return { verdict: there.verdict, reason: there.reason, hops: there.hops };
  const last = returnPath.verdict === 'dropped' ? returnPath : there;
  return { verdict: last.verdict, reason: last.reason, hops: there.hops, returnPath };
}
