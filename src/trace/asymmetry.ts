// What a stateful firewall does with a flow it sees one direction of (docs/reasons.md, ASYMMETRIC_RETURN).
// The appliances FastRoute models forward every flow (no policy of their own); their state table
// decides. A packet that can open a flow (an echo request, a TCP SYN, any UDP datagram) is admitted as
// new; one that needs a flow the firewall never saw (an echo reply, a SYN-ACK, the client's ACK after
// a SYN-ACK that went elsewhere) is dropped as invalid. So, per protocol and side:
//   firewall sees the request only: ICMP and UDP pass (each request is new, the reply never meets
//     the firewall); TCP fails (SYN seen, SYN-ACK not: the client's ACK and data are dropped);
//   firewall sees the reply only: ICMP and TCP fail (echo reply / SYN-ACK without state); UDP passes
//     (a datagram carries no "reply" mark, so the reply opens a flow of its own).
// Linux conntrack, which the data plane's appliances run (dataplane/compile-appliance.ts), does exactly this.
import type { Protocol } from '../security/types.ts';

/** Appliances (by id) crossed by one direction of a flow only. */
export interface Asymmetry {
  /** Crossed by the request, bypassed by the reply. */
  requestOnly: string[];
  /** Crossed by the reply only. */
  replyOnly: string[];
}

/** The appliances crossed one way but not the other; undefined when both directions cross the same ones. */
export function asymmetryOf(forward: readonly string[], back: readonly string[]): Asymmetry | undefined {
  if (forward.length === 0 && back.length === 0) return undefined;
  const requestOnly = forward.filter((a) => !back.includes(a));
  const replyOnly = back.filter((a) => !forward.includes(a));
  return requestOnly.length === 0 && replyOnly.length === 0 ? undefined : { requestOnly, replyOnly };
}

/** Whether a stateful firewall that sees only `side` of a flow of `protocol` drops it. */
export function oneSidedDrops(protocol: Protocol, side: 'request' | 'reply'): boolean {
  if (protocol === 'tcp') return true;
  if (protocol === 'icmp') return side === 'reply';
  return false;
}

/** The first appliance that drops the flow, and on which side it sees it; undefined when the flow survives. */
export function asymmetricDrop(protocol: Protocol, a: Asymmetry): { appliance: string; side: 'request' | 'reply' } | undefined {
  const reply = a.replyOnly[0];
  if (reply !== undefined && oneSidedDrops(protocol, 'reply')) return { appliance: reply, side: 'reply' };
  const request = a.requestOnly[0];
  if (request !== undefined && oneSidedDrops(protocol, 'request')) return { appliance: request, side: 'request' };
  return undefined;
}

const WHAT: Record<Protocol, { request: string; reply: string }> = {
  icmp: { request: 'echo request', reply: 'echo reply' },
  tcp: { request: 'SYN', reply: 'SYN-ACK' },
  udp: { request: 'datagram', reply: 'reply datagram' },
};

/** The hop note for an appliance one direction of the flow bypasses: what the firewall sees and what it does. */
export function asymmetryDetail(protocol: Protocol, side: 'request' | 'reply'): string {
  const what = WHAT[protocol];
  if (side === 'request') {
    if (protocol === 'tcp') return 'the request crosses this stateful firewall but the reply bypasses it: it sees the SYN, never the SYN-ACK, so it drops the client\'s ACK and data as invalid and the connection never completes';
    return `the request crosses this stateful firewall but the reply bypasses it: each ${what.request} is a new flow to it and the reply never meets it, so this ${protocol === 'icmp' ? 'ping' : 'UDP flow'} works; `
      + 'a TCP connection on the same path fails (the firewall never sees the SYN-ACK and drops the client\'s ACK). Routing is still asymmetric';
  }
  if (protocol === 'udp') {
    return 'the reply crosses this stateful firewall, which never saw the request: a datagram carries no reply mark, so the firewall takes the reply for a new flow and forwards it; '
      + 'a ping or a TCP connection on the same path fails (an echo reply or a SYN-ACK without its request is dropped). Routing is still asymmetric';
  }
  return `the reply crosses this stateful firewall, which never saw the request: a ${what.reply} without its ${what.request} matches no flow it knows, so it drops the reply`;
}
