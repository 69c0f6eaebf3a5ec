// A BGP speaker as FRR configuration text (FRR 8.4, Debian `frr`): zebra.conf, bgpd.conf and, when
// the speaker runs BFD, bfdd.conf. Pure. Choices, each from the reference pitfalls
// (reference/dataplane.md §5, §8):
// - `frr defaults traditional`, timers written out per neighbor anyway (keepalive/hold of the options);
// - `no bgp ebgp-requires-policy` (FRR 8 sends and accepts nothing over eBGP without a policy otherwise),
//   `no bgp network import-check` (the announced prefixes are not in this namespace's RIB);
// - `bgp graceful-restart-disable`: a session lost to the hold timer takes its routes with it at once
//   (GR helper mode would keep them stale for the peer's restart time);
// - neighbor sub-commands after `remote-as` (FRR silently drops them otherwise);
// - an outbound route map per neighbor lets only the announced prefixes out (the engine's Adj-RIB-Out:
//   nothing learned from the other cloud is advertised back), with the session's AS-path prepend.
// - an on-premises site's neighbor on the MSEE has its own ASN and its own prefix list (the VNet
//   prefixes only): the no-transit rule as export policy, per neighbor.
import { FLOOD_RANGE } from '../routing/interconnect/bgp.ts';
import { neighborKey, originated, type BgpNeighbor, type BgpSpeaker } from './bgp-model.ts';

export interface FrrConfig {
  zebra: string;
  bgpd: string;
  /** Only when the speaker runs BFD (bfdd is started then). */
  bfdd?: string;
}

const PREFIX_LIST = 'FR-ANNOUNCE';
/** A prefix-flood drill's prefixes: the kernel's blackholes in the flood range, redistributed (one line, however many). */
const FLOOD = 'FR-FLOOD';
export const BFD_PROFILE = 'fr-bfd';
const routeMapOf = (n: BgpNeighbor): string => `FR-OUT-${neighborKey(n).toUpperCase()}`;
const prefixListOf = (n: BgpNeighbor): string => (n.announce === undefined ? PREFIX_LIST : `${PREFIX_LIST}-${neighborKey(n).toUpperCase()}`);
const prefixList = (name: string, prefixes: readonly string[]): string[] => (prefixes.length > 0 ? prefixes.map((p, i) => `ip prefix-list ${name} seq ${(i + 1) * 5} permit ${p}`) : [`ip prefix-list ${name} seq 5 deny any`]);

export function frrConfig(s: BgpSpeaker, dir: string): FrrConfig {
  const header = (daemon: string): string[] => [`hostname ${s.ns}`, `log file ${dir}/${daemon}.log informational`, '!'];
  const zebra = [...header('zebra')].join('\n');
  const bgpd: string[] = ['frr defaults traditional', ...header('bgpd')];
  const flooding = (s.flood ?? []).length > 0;
  bgpd.push(...prefixList(PREFIX_LIST, s.announce), ...s.neighbors.flatMap((n) => (n.announce === undefined ? [] : prefixList(prefixListOf(n), n.announce))), '!');
  if (flooding) bgpd.push(`ip prefix-list ${FLOOD} seq 5 permit ${FLOOD_RANGE.prefix} ge ${FLOOD_RANGE.length} le ${FLOOD_RANGE.length}`, `route-map ${FLOOD} permit 10`, ` match ip address prefix-list ${FLOOD}`, '!');
  for (const n of s.neighbors) {
    const prepend = n.prepend > 0 ? [` set as-path prepend ${Array.from({ length: n.prepend }, () => s.asn).join(' ')}`] : [];
    bgpd.push(`route-map ${routeMapOf(n)} permit 10`, ` match ip address prefix-list ${prefixListOf(n)}`, ...prepend, '!');
    if (flooding && n.announce === undefined) bgpd.push(`route-map ${routeMapOf(n)} permit 20`, ` match ip address prefix-list ${FLOOD}`, ...prepend, '!');
  }
  bgpd.push(`router bgp ${s.asn}`, ` bgp router-id ${s.routerId}`, ' bgp log-neighbor-changes', ' no bgp ebgp-requires-policy', ' no bgp network import-check', ' bgp graceful-restart-disable');
  for (const n of s.neighbors) {
    bgpd.push(
      ` neighbor ${n.peerIp} remote-as ${n.peerAsn ?? s.peerAsn}`,
      ` neighbor ${n.peerIp} description ${n.site === undefined ? `interconnect-${n.path}` : `${n.site}-${n.path}`}`,
      ` neighbor ${n.peerIp} update-source ${n.localIp}`,
      ` neighbor ${n.peerIp} timers ${s.keepalive} ${s.hold}`,
      ` neighbor ${n.peerIp} timers connect ${s.connectRetry}`,
    );
    // `bfd` as well as `bfd profile`: FRR's running configuration shows both, and frr-reload.py, missing
    // the first in the file, sent `no neighbor X bfd` at every reload: each sync took BFD down under
    // every session (Cease/BFD Down) and the sessions came back 2 s later.
    if (s.bfd) bgpd.push(` neighbor ${n.peerIp} bfd`, ` neighbor ${n.peerIp} bfd profile ${BFD_PROFILE}`);
    if (n.shutdown !== undefined) bgpd.push(` neighbor ${n.peerIp} shutdown message ${oneLine(n.shutdown)}`);
  }
  bgpd.push(' address-family ipv4 unicast', ...originated(s).map((p) => `  network ${p}`), ...(flooding ? [`  redistribute kernel route-map ${FLOOD}`] : []));
  for (const n of s.neighbors) {
    bgpd.push(`  neighbor ${n.peerIp} route-map ${routeMapOf(n)} out`);
    // ExpressRoute drops the session above the private peering's limit (CEASE, "maximum number of prefixes
    // reached"), and takes it back once the count falls: FastRoute clears the neighbor then (bgp-flood.ts).
    if (s.maxPrefixes !== undefined) bgpd.push(`  neighbor ${n.peerIp} maximum-prefix ${s.maxPrefixes}`);
  }
  bgpd.push(' exit-address-family', '!');
  const out: FrrConfig = { zebra: `${zebra}\n`, bgpd: `${bgpd.join('\n')}\n` };
  if (s.bfd) {
    out.bfdd = [...header('bfdd'), 'bfd', ` profile ${BFD_PROFILE}`, `  receive-interval ${s.bfdIntervalMs}`, `  transmit-interval ${s.bfdIntervalMs}`, `  detect-multiplier ${s.bfdMultiplier}`, ' exit', 'exit', ''].join('\n');
  }
  return out;
}

/** A reason on one config line, without characters a config line cannot hold. */
const oneLine = (text: string): string => text.replace(/[\r\n!#]+/g, ' ').trim().slice(0, 120) || 'down';
