// All-pairs subnet reachability for one protocol and port: every source subnet to every destination
// subnet, from the first usable address of each, through the same walk as `trace` (forward and
// reply), with subnet-level security where no VM sits (security lists; subnet NSGs).
import { cidr, nthAddress } from '../model/cidr.ts';
import type { Packet } from '../security/types.ts';
import { replyPacket } from '../security/packet.ts';
import type { Routing } from '../routing/routing.ts';
import { REASONS, type ReasonCode } from './reasons.ts';
import { Walk } from './walk.ts';
import { fromOciVnic, subnetVnic } from './oci-steps.ts';
import { fromAzureNic, subnetNic } from './azure-steps.ts';
import { EPHEMERAL_PORT } from './trace.ts';
import { matrixClasses } from './matrix-classes.ts';
import { asymmetricDrop, asymmetryOf } from './asymmetry.ts';

export interface MatrixSubnet { cloud: 'oci' | 'azure'; subnetId: string }

export interface ReachabilityMatrix {
  sources: MatrixSubnet[];
  destinations: MatrixSubnet[];
  /** Row-major reason index per pair (see `reasons`); DELIVERED means the flow works both ways. */
  cells: Uint8Array;
  reasons: ReasonCode[];
  delivered: number;
  /** Walks actually performed (class representatives); pairs = sources × destinations. */
  walks: number;
}

const REASON_LIST = Object.keys(REASONS) as ReasonCode[];
const REASON_INDEX = new Map(REASON_LIST.map((r, i) => [r, i]));

function representative(r: Routing, s: MatrixSubnet): number | undefined {
  const text = s.cloud === 'oci' ? r.memo.get('oci.Subnet', s.subnetId)?.cidrBlock : r.memo.get('azure.Subnet', s.subnetId)?.properties.addressPrefix;
  return text === undefined ? undefined : nthAddress(cidr(text), s.cloud === 'oci' ? 2 : 4); // first usable on each cloud
}

function start(w: Walk, s: MatrixSubnet, ip: number): void {
  if (s.cloud === 'oci') {
    const vnic = subnetVnic(w.r.memo.get('oci.Subnet', s.subnetId), ip);
    if (vnic) fromOciVnic(w, vnic);
  } else {
    const e = subnetNic(w, s.subnetId, ip);
    if (e) fromAzureNic(w, e.nic, e.subnetId);
  }
}

/**
 * One cell: from the first usable address of `s` to that of `d` and back. The matrix decides only
 * (`explain` false); an explained walk gives the same reason (test/trace/verdict-walk.test.ts).
 */
export function walkSubnetPair(r: Routing, s: MatrixSubnet, d: MatrixSubnet, protocol: 'icmp' | 'tcp' | 'udp', port: number | undefined, explain: boolean): ReasonCode {
  return walkPair(r, s, representative(r, s), d, representative(r, d), protocol, port, explain);
}

function walkPair(r: Routing, s: MatrixSubnet, src: number | undefined, d: MatrixSubnet, dst: number | undefined, protocol: 'icmp' | 'tcp' | 'udp', port: number | undefined, explain = false): ReasonCode {
  if (src === undefined || dst === undefined) return 'UNKNOWN_ENDPOINT';
  const packet: Packet = protocol === 'icmp' ? { protocol, src, dst, icmpType: 8, icmpCode: 0 } : { protocol, src, dst, srcPort: EPHEMERAL_PORT, dstPort: port ?? 0 };
  const fwd = new Walk(r, packet, undefined, d, explain);
  start(fwd, s, src);
  let reason = fwd.result?.reason ?? 'UNKNOWN_ENDPOINT';
  if (reason === 'DELIVERED') {
    const back = new Walk(r, replyPacket(packet), fwd, s, explain);
    start(back, d, dst);
    reason = back.result?.reason ?? 'UNKNOWN_ENDPOINT';
    const asymmetry = reason === 'DELIVERED' ? asymmetryOf(fwd.appliances, back.appliances) : undefined;
    if (asymmetry && asymmetricDrop(protocol, asymmetry)) reason = 'ASYMMETRIC_RETURN';
  }
  return reason;
}

/**
 * `exact` walks every pair; otherwise subnets the world cannot tell apart share one walk per class
 * pair (see matrix-classes.ts), which gives the same cells.
 */
export function reachabilityMatrix(r: Routing, sources: MatrixSubnet[], destinations: MatrixSubnet[], protocol: 'icmp' | 'tcp' | 'udp', port?: number, exact = false): ReachabilityMatrix {
  const cells = new Uint8Array(sources.length * destinations.length);
  const srcIps = sources.map((s) => representative(r, s));
  const dstIps = destinations.map((d) => representative(r, d));
  const srcClass = dense(exact ? sources.map((_, i) => -1 - i) : matrixClasses(r, sources, srcIps));
  const dstClass = dense(exact ? destinations.map((_, i) => -1 - i) : matrixClasses(r, destinations, dstIps));
  // The reason index walked for each (source class, destination class); -1 = not walked yet.
  const done = new Int16Array(srcClass.count * dstClass.count).fill(-1);
  let delivered = 0;
  let walks = 0;
  const deliveredCode = REASON_INDEX.get('DELIVERED') ?? 0;
  for (let i = 0; i < sources.length; i++) {
    const row = (srcClass.of[i] ?? 0) * dstClass.count;
    for (let j = 0; j < destinations.length; j++) {
      const pair = row + (dstClass.of[j] ?? 0);
      let code = done[pair] ?? -1;
      if (code < 0) {
        walks++;
        code = REASON_INDEX.get(walkPair(r, sources[i] as MatrixSubnet, srcIps[i], destinations[j] as MatrixSubnet, dstIps[j], protocol, port)) ?? 0;
        done[pair] = code;
      }
      if (code === deliveredCode) delivered++;
      cells[i * destinations.length + j] = code;
    }
  }
  return { sources, destinations, cells, reasons: REASON_LIST, delivered, walks };
}

/** Class labels renumbered 0..count-1 in order of first appearance, to index a flat table. */
function dense(classes: readonly number[]): { of: Int32Array; count: number } {
  const ids = new Map<number, number>();
  const of = new Int32Array(classes.length);
  classes.forEach((c, i) => {
    let id = ids.get(c);
    if (id === undefined) ids.set(c, (id = ids.size));
    of[i] = id;
  });
  return { of, count: ids.size };
}
