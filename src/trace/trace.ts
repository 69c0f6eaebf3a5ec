// trace(from, to, protocol, port): the request walked hop by hop across both clouds, then the reply
// walked back for real (connection tracking admits it at stateful checkpoints; stateless OCI rules
// need their mirror), and asymmetric paths through stateful appliances detected. The flow's verdict
// is delivered only when the request arrives and its reply comes back.
import { intToIp } from '../model/cidr.ts';
import type { Packet } from '../security/types.ts';
import { replyPacket } from '../security/packet.ts';
import type { Routing } from '../routing/routing.ts';
import { resolveEndpoint, type Endpoint } from './endpoints.ts';
import { Walk } from './walk.ts';
import { fromOciVnic } from './oci-steps.ts';
import { fromAzureNic } from './azure-steps.ts';
import { fromOnPremises } from './on-premises-steps.ts';
import type { PathResult, TraceRequest, TraceResult } from './types.ts';

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

/** Appliances crossed one way but not the other (the first one names the asymmetry). */
function asymmetric(forward: readonly string[], back: readonly string[]): string[] {
  if (forward.length === 0 && back.length === 0) return [];
  return [...forward.filter((a) => !back.includes(a)), ...back.filter((a) => !forward.includes(a))];
}

interface Walked { there: PathResult; returnPath?: PathResult }

/** The request and, when it arrives, its reply; both walks explain or neither does. */
function walkFlow(r: Routing, src: Endpoint, dst: Endpoint, packet: Packet, explain: boolean): Walked {
  const forward = new Walk(r, packet, undefined, undefined, explain);
  if (dst.cloud === 'service') forward.service = dst.service;
  const there = start(forward, src);
  // Nothing FastRoute models answers from beyond its clouds (the internet, the Oracle Services Network).
  if (there.verdict === 'dropped' || dst.cloud === 'none' || dst.cloud === 'service') return { there };
  const back = new Walk(r, replyPacket(packet), forward, undefined, explain);
  const returnPath = start(back, dst);
  const asym = asymmetric(forward.appliances, back.appliances);
  if (returnPath.verdict === 'delivered' && asym.length > 0) {
    const one = asym[0] ?? '';
    const inForward = forward.appliances.includes(one);
    returnPath.verdict = 'dropped';
    returnPath.reason = 'ASYMMETRIC_RETURN';
    if (explain) {
      returnPath.hops.push({
        kind: 'appliance', cloud: one.startsWith('ocid1.') ? 'oci' : 'azure', resource: one, decision: 'drop', reason: 'ASYMMETRIC_RETURN',
        detail: inForward ? 'the request crossed this stateful firewall but the reply bypasses it, so the firewall never sees the reply and drops the rest of the flow'
          : 'the reply crosses this stateful firewall, which never saw the request, so it drops the reply',
      });
    }
  }
  return { there, returnPath };
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
  const { there, returnPath } = walkFlow(r, src, dst, packet, true);
  if (!returnPath) return { verdict: there.verdict, reason: there.reason, hops: there.hops, flow };
  if (returnPath.verdict === 'dropped') return { verdict: 'dropped', reason: returnPath.reason, hops: there.hops, flow, returnPath };
  return { verdict: there.verdict, reason: there.reason, hops: there.hops, flow, returnPath };
}

/** The verdict and reason `trace` gives, without building its hops (for bulk questions). */
export function traceVerdict(r: Routing, req: TraceRequest): Pick<TraceResult, 'verdict' | 'reason'> {
  const src = resolveEndpoint(r, req.from);
  const dst = resolveEndpoint(r, req.to);
  if (!src || src.cloud === 'none' || src.cloud === 'service' || !dst) return { verdict: 'dropped', reason: 'UNKNOWN_ENDPOINT' };
  const { there, returnPath } = walkFlow(r, src, dst, packetOf(req, src.ip, dst.ip), false);
  const last = returnPath?.verdict === 'dropped' ? returnPath : there;
  return { verdict: last.verdict, reason: last.reason };
}
