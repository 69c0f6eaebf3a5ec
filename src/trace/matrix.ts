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
import type { Hop } from './types.ts';

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

export function representative(r: Routing, s: MatrixSubnet): number | undefined {
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
  return walkPairPaths(r, s, src, d, dst, protocol, port, explain, false).reason;
}

/** A cell's walks: the reason, and the forward and reply walks (the reply only when the request arrived). */
interface PairWalks { reason: ReasonCode; forward?: Walk; reply?: Walk }

function walkPairPaths(r: Routing, s: MatrixSubnet, src: number | undefined, d: MatrixSubnet, dst: number | undefined, protocol: 'icmp' | 'tcp' | 'udp', port: number | undefined, explain: boolean, elements: boolean): PairWalks {
  if (src === undefined || dst === undefined) return { reason: 'UNKNOWN_ENDPOINT' };
  const packet: Packet = protocol === 'icmp' ? { protocol, src, dst, icmpType: 8, icmpCode: 0 } : { protocol, src, dst, srcPort: EPHEMERAL_PORT, dstPort: port ?? 0 };
  const fwd = new Walk(r, packet, undefined, d, explain, elements);
  start(fwd, s, src);
  let reason = fwd.result?.reason ?? 'UNKNOWN_ENDPOINT';
  if (reason !== 'DELIVERED') return { reason, forward: fwd };
  const back = new Walk(r, replyPacket(packet), fwd, s, explain, elements);
  start(back, d, dst);
  reason = back.result?.reason ?? 'UNKNOWN_ENDPOINT';
  const asymmetry = reason === 'DELIVERED' ? asymmetryOf(fwd.appliances, back.appliances) : undefined;
  if (asymmetry && asymmetricDrop(protocol, asymmetry)) reason = 'ASYMMETRIC_RETURN';
  return { reason, forward: fwd, reply: back };
}

/**
 * One cell decided, keeping the hop that decided it: the drop hop of the request or of its reply
 * (none when the flow works). Decide-only walks that keep their drop hop (walk.ts `elements`), for
 * a diff, which shows why a cell changed.
 */
export function decideSubnetPair(r: Routing, s: MatrixSubnet, d: MatrixSubnet, protocol: 'icmp' | 'tcp' | 'udp', port: number | undefined): { reason: ReasonCode; hop?: Hop; onReply: boolean } {
  const w = walkPairPaths(r, s, representative(r, s), d, representative(r, d), protocol, port, false, true);
  const last = w.reply ?? w.forward;
  const hop = last?.hops.findLast((h) => h.decision === 'drop');
  return { reason: w.reason, ...(hop ? { hop } : {}), onReply: w.reply !== undefined };
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
