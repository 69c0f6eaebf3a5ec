// The interconnect's BGP in `fastroute dataplane status`: who runs it (the engine, or real daemons in
// the edges), and with daemons, each session as the daemon tells it and the routes it learned and installed.
import type { BgpStatus } from '../../dataplane/bgp-status.ts';
import { table } from './table.ts';

export function formatBgpStatus(bgp: BgpStatus | undefined): string[] {
  if (bgp === undefined) return [];
  if (bgp.source === 'engine') return ['BGP: computed by the engine; the edges\' routes across the interconnect are static (`fastroute dataplane up --bgp` runs real daemons).'];
  const rows = bgp.speakers.flatMap((s) => s.sessions.map((x) => [
    `${s.side === 'oracle' ? 'Oracle edge' : 'Microsoft edge'} (${s.daemon}, AS ${s.asn})`, x.path, `${x.peerIp} AS ${s.peerAsn}`,
    s.error !== undefined ? `unknown: ${s.error}` : x.shutdown !== undefined ? `shut down: ${x.shutdown}` : x.state, x.prefixesReceived === undefined ? '' : String(x.prefixesReceived),
    x.lastError === undefined ? '' : `${x.lastError.direction} ${x.lastError.code}/${x.lastError.subcode} ${x.lastError.text}`,
  ]));
  const routes = bgp.speakers.map((s) => `${s.side === 'oracle' ? 'Oracle edge' : 'Microsoft edge'} kernel: ${s.kernelRoutes.length === 0 ? 'no BGP route' : s.kernelRoutes.map((k) => `${k.prefix} via ${k.via.join(', ')} proto ${k.proto}`).join('; ')}; daemons ${s.daemons.map((d) => `${d.name} ${d.pid}${d.running ? '' : ' (NOT running)'}`).join(', ')}; ask it: ${s.control} …`);
  return [`BGP: live from the daemons (Oracle edge FRR, Microsoft edge ${bgp.msee === 'bird' ? 'BIRD 2' : 'FRR'}); the edges' routes across the interconnect are theirs.`, table(['speaker', 'link', 'peer', 'state', 'prefixes received', 'last NOTIFICATION'], rows), ...routes];
}
