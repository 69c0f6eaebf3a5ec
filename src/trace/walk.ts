// The state a packet walk carries: the packet, the hops so far, stateful checkpoints it passed
// (for replies), forwarding appliances it crossed (for asymmetry), and loop protection.
import type { Packet, SecurityDecision, Direction } from '../security/types.ts';
import type { Routing } from '../routing/routing.ts';
import type { ReasonCode } from './reasons.ts';
import type { Hop, PathResult } from './types.ts';

export type Checkpoint = { decision: SecurityDecision; direction: Direction | 'Inbound' | 'Outbound'; packet: Packet };

export class Walk {
  readonly hops: Hop[] = [];
  /** Security decisions by checkpoint key ("oci-ingress:<vnic>"), recorded on the forward walk. */
  readonly checkpoints = new Map<string, Checkpoint>();
  /** Forwarding appliances (stateful firewalls) the packet crossed, by id. */
  readonly appliances: string[] = [];
  private readonly visited = new Set<unknown>();
  result: PathResult | undefined;

  constructor(
    readonly r: Routing,
    readonly packet: Packet,
    /** On a reply walk: the forward walk's checkpoints, to apply connection tracking. */
    readonly forward?: Walk,
    /** Matrix mode: the destination is a subnet (no VM); deliver to it with subnet-level security only. */
    readonly subnetTarget?: { cloud: 'oci' | 'azure'; subnetId: string },
  ) {}

  get isReply(): boolean {
    return this.forward !== undefined;
  }

  hop(h: Hop): void {
    this.hops.push(h);
  }

  drop(h: Omit<Hop, 'decision'>): void {
    this.hops.push({ ...h, decision: 'drop' });
    this.result = { verdict: 'dropped', reason: h.reason, hops: this.hops };
  }

  deliver(h: Omit<Hop, 'decision' | 'reason'>): void {
    this.hops.push({ ...h, decision: 'deliver', reason: 'DELIVERED' });
    this.result = { verdict: 'delivered', reason: 'DELIVERED', hops: this.hops };
  }

  /**
   * False (and the walk ends with LOOP) when a location repeats. A location is the (immutable) entity
   * or table the packet is at, compared by identity, so no key string is built per hop.
   */
  enter(location: object, label: string): boolean {
    if (this.visited.has(location) || this.hops.length > 128) {
      this.drop({ kind: 'destination', cloud: 'oci', resource: label, reason: 'LOOP', detail: `the path returns to ${label}` });
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
