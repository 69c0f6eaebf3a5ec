// A prefix-flood drill on the wire: Oracle's edge announces the drill's prefixes for real and the
// MSEE's own prefix limit drops the session (FRR `maximum-prefix N`: a CEASE NOTIFICATION, subcode 1,
// "maximum number of prefixes reached", then Idle (PfxCt); BIRD `receive limit N action disable`:
// "Automatic shutdown: Route limit exceeded"). Thousands of `network` lines through frr-reload.py took
// minutes, so the prefixes are blackholes in the Oracle edge's kernel (one `ip -batch`, well under a
// second for 4,001) that bgpd redistributes through one route map (bgp-frr.ts, `redistribute kernel
// route-map FR-FLOOD`). Neither daemon takes the session back by itself (FRR without `restart`,
// BIRD `disable`): once the count falls, FastRoute clears the neighbor (`clear bgp ipv4 unicast PEER`)
// or enables the protocol (`birdc enable`), after Oracle's edge has withdrawn the flood.
import path from 'node:path';
import { FLOOD_RANGE } from '../routing/interconnect/bgp.ts';
import { birdProtocolOf } from './bgp-bird.ts';
import type { RecordedBgp, RecordedSpeaker } from './bgp-daemons.ts';
import { fromOracleCount, type BgpEdge, type BgpSpeaker } from './bgp-model.ts';
import { findTool } from './probe.ts';
import { mustRun } from './run.ts';

/** The `ip -batch` lines that put the flood's blackholes in a namespace's main table. */
export const floodBatch = (prefixes: readonly string[]): string => prefixes.map((p) => `route replace blackhole ${p}\n`).join('');

/** Above the MSEE's limit: Oracle's edge offers it more prefixes than it takes. */
export const overLimit = (e: BgpEdge): boolean => e.microsoft.maxPrefixes !== undefined && fromOracleCount(e) > e.microsoft.maxPrefixes;

/**
 * Puts each Oracle edge's flood in its kernel (or takes it out) where it changed since the record
 * says, then takes back the MSEE sessions whose count fell under the limit. Updates the record's
 * speakers in place; resolves with the namespaces it acted on.
 */
export async function syncFloods(bgp: RecordedBgp, edges: readonly BgpEdge[]): Promise<string[]> {
  const ip = findTool('ip') ?? 'ip';
  const touched: string[] = [];
  for (const e of edges) {
    const oracle = bgp.speakers.find((x) => x.ns === e.oracle.ns);
    const flood = e.oracle.flood ?? [];
    if (oracle === undefined || (oracle.flood ?? 0) === flood.length) continue;
    await mustRun(ip, ['-n', e.oracle.ns, 'route', 'flush', 'root', FLOOD_RANGE.prefix]);
    if (flood.length > 0) await mustRun(ip, ['-n', e.oracle.ns, '-batch', '-'], floodBatch(flood));
    oracle.flood = flood.length;
    touched.push(oracle.ns);
  }
  // Second, so that the sessions come back to an Oracle edge that no longer floods them.
  for (const e of edges) {
    const msee = bgp.speakers.find((x) => x.ns === e.microsoft.ns);
    if (msee === undefined) continue;
    const now = overLimit(e);
    if (msee.overLimit === true && !now) {
      await recover(msee, e.microsoft);
      touched.push(msee.ns);
    }
    msee.overLimit = now;
  }
  return touched;
}

/** The MSEE's sessions with Oracle, dropped for the limit, start again. */
async function recover(recorded: RecordedSpeaker, s: BgpSpeaker): Promise<void> {
  const oracleNeighbors = s.neighbors.filter((n) => n.site === undefined && n.shutdown === undefined);
  for (const n of oracleNeighbors) {
    if (s.daemon === 'frr') await mustRun(findTool('vtysh') ?? 'vtysh', ['--vty_socket', recorded.dir, '-c', `clear bgp ipv4 unicast ${n.peerIp}`]);
    else if (s.daemon === 'bird') await mustRun(findTool('birdc') ?? 'birdc', ['-s', path.join(recorded.dir, 'bird.ctl'), 'enable', birdProtocolOf(n)]);
  }
}
