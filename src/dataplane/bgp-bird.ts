// A BGP speaker as BIRD 2 configuration text (BIRD 2.0.12, Debian `bird2`). Pure. Choices, from the
// reference pitfalls (reference/dataplane.md §5, §8):
// - `protocol device` (interface state) and a kernel protocol exporting only BGP routes, with
//   `merge paths` so two equal sessions make one multipath route, as FRR's zebra installs it;
// - the announced prefixes come from a static protocol of blackholes that only BGP exports (next hop
//   is the speaker itself on eBGP; the kernel never sees them, the MSEE's routes to its gateways stay
//   FastRoute's);
// - `graceful restart off` (BIRD is GR-aware by default and would keep a dead peer's routes for its
//   restart time), short `connect delay`, `connect retry` and `error wait` so a session comes back in
//   seconds, BFD per link when on; the error wait does not grow (BIRD doubles it on each failure within
//   its 300 s `error forget time`: back-to-back link-down drills took 1.5, 1.9, 6, 13 then 26 s to
//   recover), so every failure recovers as FRR's fixed connect retry does;
// - protocol names `fr_primary` / `fr_secondary` (`primary` and `secondary` are BIRD keywords).
// - each neighbor exports only its own list of the announced prefixes (an on-premises site's: the
//   VNet prefixes; Oracle's: the gateways' prefixes, never a site's): the no-transit rule, per neighbor.
import { neighborKey, originated, type BgpNeighbor, type BgpSpeaker } from './bgp-model.ts';

export const birdProtocolOf = (n: Pick<BgpNeighbor, 'path' | 'site'>): string => `fr_${neighborKey(n).replace(/-/g, '_')}`;

export function birdConfig(s: BgpSpeaker, dir: string): string {
  const lines: string[] = [
    `# FastRoute: ${s.side === 'microsoft' ? "Microsoft's edge" : "Oracle's edge"} in ${s.ns}`,
    `router id ${s.routerId};`,
    `log "${dir}/bird.log" all;`,
    'debug protocols { states };',
    'protocol device { scan time 10; }',
    'protocol kernel { ipv4 { import none; export where source = RTS_BGP; }; merge paths on; }',
    `protocol static fr_announce { ipv4; ${originated(s).map((p) => `route ${p} blackhole;`).join(' ')} }`,
  ];
  if (s.bfd) {
    const devs = s.neighbors.map((n) => `"${n.dev}"`).join(', ');
    lines.push(`protocol bfd fr_bfd { interface ${devs} { min rx interval ${s.bfdIntervalMs} ms; min tx interval ${s.bfdIntervalMs} ms; multiplier ${s.bfdMultiplier}; }; }`);
  }
  for (const n of s.neighbors) {
    const prepend = Array.from({ length: n.prepend }, () => `bgp_path.prepend(${s.asn}); `).join('');
    // Above the limit the protocol shuts itself down until FastRoute enables it once the count falls (bgp-flood.ts); `restart` would flap every error wait.
    const limit = s.maxPrefixes === undefined ? '' : ` receive limit ${s.maxPrefixes} action disable;`;
    const own = n.announce ?? s.announce;
    const exported = own.length === 0 ? 'reject;' : `if proto = "fr_announce" && net ~ [ ${own.join(', ')} ] then { ${prepend}accept; } reject;`;
    lines.push(
      `protocol bgp ${birdProtocolOf(n)} {`,
      `  description "${n.site === undefined ? `interconnect-${n.path}` : `${n.site}-${n.path}`}";`,
      `  local ${n.localIp} as ${s.asn};`,
      `  neighbor ${n.peerIp} as ${n.peerAsn ?? s.peerAsn};`,
      `  hold time ${s.hold}; keepalive time ${s.keepalive};`,
      `  connect delay time 1; connect retry time ${s.connectRetry}; error wait time ${s.connectRetry}, ${s.connectRetry};`,
      '  graceful restart off;',
      ...(s.bfd ? ['  bfd on;'] : []),
      ...(n.shutdown === undefined ? [] : [`  disabled; # ${n.shutdown.replace(/[\r\n]+/g, ' ')}`]),
      `  ipv4 { import all; export filter { ${exported} };${limit} };`,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}
