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
import type { PathResult, TraceRequest, TraceResult } from './types.ts';

export const EPHEMERAL_PORT = 49152;

function start(w: Walk, ep: Endpoint): PathResult {
  if (ep.cloud === 'oci') fromOciVnic(w, ep.vnic);
  else if (ep.cloud === 'azure') fromAzureNic(w, ep.nic, ep.subnetId);
  return w.result ?? { verdict: 'dropped', reason: 'UNKNOWN_ENDPOINT', hops: w.hops };
}

function unknown(req: TraceRequest, which: string): TraceResult {
  return {
    verdict: 'dropped', reason: 'UNKNOWN_ENDPOINT', flow: { protocol: req.protocol, src: req.from, dst: req.to },
    hops: [{ kind: 'destination', cloud: 'oci', resource: which, decision: 'drop', reason: 'UNKNOWN_ENDPOINT', detail: `${which} is not a VM name, a resource id, or an address FastRoute knows` }],
  };
}

export function trace(r: Routing, req: TraceRequest): TraceResult {
  const src = resolveEndpoint(r, req.from);
  const dst = resolveEndpoint(r, req.to);
  if (!src || src.cloud === 'none') return unknown(req, req.from);
  if (!dst) return unknown(req, req.to);
  const packet: Packet = { protocol: req.protocol, src: src.ip, dst: dst.ip };
  if (req.protocol === 'icmp') { packet.icmpType = 8; packet.icmpCode = 0; } else { packet.srcPort = req.sourcePort ?? EPHEMERAL_PORT; packet.dstPort = req.port ?? 0; }
  const flow = { protocol: req.protocol, src: intToIp(src.ip), dst: intToIp(dst.ip), ...(packet.srcPort === undefined ? {} : { srcPort: packet.srcPort }), ...(packet.dstPort === undefined ? {} : { dstPort: packet.dstPort }) };
  const forward = new Walk(r, packet);
  const there = start(forward, src);
  if (there.verdict === 'dropped' || dst.cloud === 'none') return { ...there, flow };
  const back = new Walk(r, replyPacket(packet), forward);
  const returnPath = start(back, dst);
  const asym = [...forward.appliances.filter((a) => !back.appliances.includes(a)), ...back.appliances.filter((a) => !forward.appliances.includes(a))];
  if (returnPath.verdict === 'delivered' && asym.length > 0) {
    const one = asym[0] ?? '';
    const inForward = forward.appliances.includes(one);
    returnPath.verdict = 'dropped';
    returnPath.reason = 'ASYMMETRIC_RETURN';
    returnPath.hops.push({
      kind: 'appliance', cloud: one.startsWith('ocid1.') ? 'oci' : 'azure', resource: one, decision: 'drop', reason: 'ASYMMETRIC_RETURN',
      detail: inForward ? 'the request crossed this stateful firewall but the reply bypasses it, so the firewall never sees the reply and drops the rest of the flow'
        : 'the reply crosses this stateful firewall, which never saw the request, so it drops the reply',
    });
  }
  if (returnPath.verdict === 'dropped') return { verdict: 'dropped', reason: returnPath.reason, hops: there.hops, flow, returnPath };
  return { ...there, flow, returnPath };
}
