// An on-premises site's router as GoBGP (Debian `gobgpd`): gobgpd.toml, and the `gobgp` commands that
// add the site's prefixes to its global RIB (GoBGP's configuration file has no networks: routes come
// through its API). Pure. From the reference (reference/dataplane.md §5.1, §8): the API listens on
// the namespace's own loopback (127.0.0.1:50051 in every namespace, no clash), `local-address-list`
// pins where it listens for BGP, a next hop of 0.0.0.0 means "self" on eBGP; GoBGP installs no
// kernel routes without zebra, so the site namespace keeps FastRoute's static routes to the VNet.
import type { BgpSpeaker } from './bgp-model.ts';

export const GOBGP_API = '127.0.0.1:50051';

export function gobgpConfig(s: BgpSpeaker): string {
  const lines = [
    `# FastRoute: on-premises router in ${s.ns}`,
    '[global.config]',
    `  as = ${s.asn}`,
    `  router-id = "${s.routerId}"`,
    `  local-address-list = [${s.neighbors.map((n) => `"${n.localIp}"`).join(', ')}]`,
  ];
  for (const n of s.neighbors) {
    lines.push(
      '',
      '[[neighbors]]',
      '  [neighbors.config]',
      `    neighbor-address = "${n.peerIp}"`,
      `    peer-as = ${n.peerAsn ?? s.peerAsn}`,
      `    description = "${n.site ?? 'site'}-${n.path}"`,
      ...(n.shutdown === undefined ? [] : ['    admin-down = true']),
      '  [neighbors.timers.config]',
      `    hold-time = ${s.hold}`,
      `    keepalive-interval = ${s.keepalive}`,
      `    connect-retry = ${s.connectRetry}`,
      '  [neighbors.transport.config]',
      `    local-address = "${n.localIp}"`,
      '  [[neighbors.afi-safis]]',
      '    [neighbors.afi-safis.config]',
      '      afi-safi-name = "ipv4-unicast"',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The CLI arguments that announce each prefix (run in the site's namespace, against its own API). */
export const gobgpAnnounce = (s: BgpSpeaker): string[][] => s.announce.map((p) => ['-u', '127.0.0.1', '-p', '50051', 'global', 'rib', '-a', 'ipv4', 'add', p]);
