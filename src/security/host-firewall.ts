// The guest OS firewall a lab declares on a VM (firewalld on Oracle images, Windows Firewall): the
// clouds know nothing about it, but it drops packets the cloud rules allowed (interconnect-facts §4.1).
// It filters what arrives at the guest; its entries are "tcp/22", "udp/53", "tcp/1521-1522", "icmp".
import type { HostFirewall } from '../model/oci/compute.ts';
import type { Packet, SecurityDecision } from './types.ts';

const RULE = 'host firewall';

interface CompiledFirewall {
  readonly icmp: boolean;
  /** allowInbound absent: every tcp/udp port is open. */
  readonly allPorts: boolean;
  /** Pairs (lo, hi), inclusive. */
  readonly tcp: Int32Array;
  readonly udp: Int32Array;
}

const cache = new WeakMap<HostFirewall, CompiledFirewall>();

function compile(fw: HostFirewall): CompiledFirewall {
  let compiled = cache.get(fw);
  if (compiled === undefined) {
    const tcp: number[] = [];
    const udp: number[] = [];
    let icmp = fw.allowIcmp;
    for (const raw of fw.allowInbound ?? []) {
      const entry = raw.trim().toLowerCase();
      if (entry === 'icmp') {
        icmp = true;
        continue;
      }
      const match = /^(tcp|udp)\/(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
      if (match === null) continue; // the lab schema rejects malformed entries; ignore rather than open up
      const lo = Number(match[2]);
      (match[1] === 'tcp' ? tcp : udp).push(lo, match[3] === undefined ? lo : Number(match[3]));
    }
    compiled = { icmp, allPorts: fw.allowInbound === undefined, tcp: Int32Array.from(tcp), udp: Int32Array.from(udp) };
    cache.set(fw, compiled);
  }
  return compiled;
}

function inRanges(ranges: Int32Array, port: number | undefined): boolean {
  if (port === undefined) return false;
  for (let i = 0; i < ranges.length; i += 2) {
    if (port >= (ranges[i] ?? 1) && port <= (ranges[i + 1] ?? 0)) return true;
  }
  return false;
}

/**
 * Whether the guest accepts an inbound packet. No firewall: NO_FILTER. ICMP passes iff `allowIcmp`
 * (or an "icmp" entry); TCP/UDP pass iff `allowInbound` is absent or has an entry covering the
 * destination port.
 */
export function evaluateHostFirewall(packet: Packet, fw?: HostFirewall): SecurityDecision {
  if (fw === undefined) return { allowed: true, reason: 'NO_FILTER' };
  const c = compile(fw);
  const allowed = packet.protocol === 'icmp'
    ? c.icmp
    : c.allPorts || inRanges(packet.protocol === 'tcp' ? c.tcp : c.udp, packet.dstPort);
  return { allowed, reason: allowed ? 'RULE_ALLOW' : 'RULE_DENY', rule: RULE };
}
