// The state a packet walk carries: the packet, the hops so far, stateful checkpoints it passed
// (for replies), forwarding appliances it crossed (for asymmetry), and loop protection.
// A walk either explains (every hop recorded, as `fastroute trace` shows it) or only decides
// (`explain` false: no hop is built, only the verdict and its reason), for bulk questions. A
// decide-only walk can also keep `elements`: the bare hops traffic placement loads (links and their
// edges, gateways, appliances) and the drop hop, without their explanations (traffic/place.ts).
import type { Packet, SecurityDecision, Direction } from '../security/types.ts';
import type { Routing } from '../routing/routing.ts';
import type { ReasonCode } from './reasons.ts';
import type { Hop, PathResult } from './types.ts';
import { flowHash } from './hash.ts';
import type { Service } from '../model/oci/services.ts';

export type Checkpoint = { decision: SecurityDecision; direction: Direction | 'Inbound' | 'Outbound'; packet: Packet };

/** The deciding hop of a walk that ends (its decision is implied). */
export type EndHop = Omit<Hop, 'decision'>;

/** At most this many hops before a walk counts as looping (a guard; `visited` finds real loops). */
const MAX_HOPS = 128;

export class Walk {
  readonly hops: Hop[] = [];
  /**
   * Security decisions recorded on the forward walk, by VNIC/NIC id: `inbound` holds OCI ingress and
   * Azure Inbound checks, `outbound` OCI egress and Azure Outbound (OCIDs and ARM ids never collide).
   */
  readonly inbound = new Map<string, Checkpoint>();
  readonly outbound = new Map<string, Checkpoint>();
  /** Forwarding appliances (stateful firewalls) the packet crossed, by id. */
  readonly appliances: string[] = [];
  /** The Oracle service the packet is for, when the destination is one (a service CIDR label or service OCID). */
  service: Service | undefined;
  private readonly visited = new Set<unknown>();
  /** Hops counted even when not recorded, so both kinds of walk stop at the same place. */
  private steps = 0;
  result: PathResult | undefined;

  constructor(
    readonly r: Routing,
    readonly packet: Packet,
    /** On a reply walk: the forward walk's checkpoints, to apply connection tracking. */
    readonly forward?: Walk,
    /** Matrix mode: the destination is a subnet (no VM); deliver to it with subnet-level security only. */
    readonly subnetTarget?: { cloud: 'oci' | 'azure'; subnetId: string },
    /** False: decide only (no hops); the verdict and reason are those of the explained walk. */
    readonly explain = true,
    /** On a decide-only walk: keep the bare element hops and the drop hop (see `elementHop`). */
    readonly elements = false,
  ) {}

  private hash: number | undefined;

  /** The packet's flow hash (ECMP and link choice), computed once per walk. */
  get flowHash(): number {
    return (this.hash ??= flowHash(this.packet.protocol, this.packet.src, this.packet.dst, this.packet.srcPort, this.packet.dstPort));
  }

  get isReply(): boolean {
    return this.forward !== undefined;
  }

  /** Records a hop the packet passed; `null` on a decide-only walk (callers build hops only to explain). */
  hop(h: Hop | null): void {
    this.steps++;
    if (h) this.hops.push(h);
  }

  drop(h: EndHop): void {
    if (this.explain || this.elements) this.hops.push({ ...h, decision: 'drop' });
    this.result = { verdict: 'dropped', reason: h.reason, hops: this.hops };
  }

  /** The packet arrives (callers skip building `detail` on a decide-only walk). */
  deliver(cloud: 'oci' | 'azure' | 'on-premises', resource: string, name: string, detail: string): void {
    if (this.explain) this.hops.push({ kind: 'destination', cloud, resource, name, detail, decision: 'deliver', reason: 'DELIVERED' });
    this.result = { verdict: 'delivered', reason: 'DELIVERED', hops: this.hops };
  }

  /**
   * False (and the walk ends with LOOP) when a location repeats. A location is the (immutable) entity
   * or table the packet is at, compared by identity, so no key string is built per hop; `label`
   * names it in the LOOP hop only.
   */
  enter<L extends object>(location: L, label: string | ((location: L) => string)): boolean {
    if (this.visited.has(location) || this.steps > MAX_HOPS) {
      const text = typeof label === 'string' ? label : label(location);
      this.drop({ kind: 'destination', cloud: 'oci', resource: text, reason: 'LOOP', detail: `the path returns to ${text}` });
      return false;
    }
    this.visited.add(location);
    return true;
  }
}

export const describeDecision = (d: SecurityDecision): string => d.rule ?? (d.reason === 'DEFAULT_DENY' ? 'no rule allows it (default deny)' : d.reason === 'NO_FILTER' ? 'no filter' : d.reason);

export function dropReasonOf(d: SecurityDecision, cloud: 'oci' | 'azure'): ReasonCode {
  return cloud === 'oci' ? 'SECURITY_LIST_DENY' : 'NSG_DENY';
}
