// The one per-link BGP session state of an interconnect, as both clouds must tell it: OCI's
// virtual circuit (bgpSessionState, each mapping's ipv4BgpStatus, the redundancy status), the
// ExpressRoute circuit's route table summary, `status`, the console, the topology and the trace.
// A session is one session per link: it is UP only where routing has it up (configuration,
// provisioning, drills and the prefix limit all counted), so no view may read the stored,
// configuration-only words instead.
import type { Routing } from '../routing.ts';
import type { LinkPath } from '../types.ts';
import { liveInterconnect, type LiveLink } from './live-sessions.ts';

export type SessionWord = 'UP' | 'DOWN';

export interface LinkSessionState {
  path: LinkPath;
  state: SessionWord;
  /** Why the session is down (absent when up). */
  reason?: string;
}

export interface InterconnectSessionState {
  /**
   * OCI's circuit-level `bgpSessionState`: UP while at least one link's session is up (OCI does not
   * say what a partial failure shows; the redundancy status tells the loss, docs/differences.md).
   */
  bgpSessionState: SessionWord;
  /** `ipv4bgpSessionRedundancyStatus`: the configured redundancy (two links) is met only with both up. */
  redundancy: 'CONFIGURATION_MATCH' | 'NOT_MET_SLA';
  /** One per cross-connect mapping, in the mappings' order (primary, secondary). */
  links: LinkSessionState[];
  /** daemons: BGP runs on the wire and the words are the daemons' (GET /dataplane says when last read); engine: computed. */
  source: 'daemons' | 'engine';
}

const PATHS: readonly LinkPath[] = ['primary', 'secondary'];

/** "; last NOTIFICATION: Microsoft sent OPEN Message Error / Bad Peer AS", from the end that found the error when both recorded it. */
function lastNotification(wire: LiveLink): string {
  const { oracle, microsoft } = wire.lastError ?? {};
  const sender = oracle?.direction === 'sent' ? { who: 'Oracle', e: oracle } : microsoft?.direction === 'sent' ? { who: 'Microsoft', e: microsoft } : undefined;
  const said = sender ?? (oracle ? { who: 'Oracle', e: oracle } : microsoft ? { who: 'Microsoft', e: microsoft } : undefined);
  return said === undefined ? '' : `; last NOTIFICATION: ${said.who} ${said.e.direction} ${said.e.text}`;
}

/** The sessions of a virtual circuit now; an unknown circuit has no links and is DOWN. */
export function interconnectSessionState(r: Routing, vcId: string): InterconnectSessionState {
  return r.memo.compute('sessionState', vcId, () => {
    const vc = r.memo.get('oci.VirtualCircuit', vcId);
    const ic = r.interconnect(vcId);
    const stored = vc?.fr.linkReasons ?? [];
    // With BGP on the wire the daemons have the last word, both ways: a session they hold is UP even
    // if the engine already cut it (the hold timer has not run out), one they lost is DOWN.
    const live = liveInterconnect(r, vcId);
    const links = (vc?.crossConnectMappings ?? []).map((_, i): LinkSessionState => {
      const path = PATHS[i] ?? 'secondary';
      const s = ic.sessions.find((x) => x.path === path);
      const wire = live?.links.find((l) => l.path === path);
      if (wire !== undefined) {
        if (wire.established) return { path, state: 'UP' };
        const engineReason = s?.up === true ? undefined : (s?.reason ?? stored[i] ?? ic.downReason);
        return { path, state: 'DOWN', reason: engineReason ?? `the daemons say ${wire.oracleState === 'Established' ? wire.microsoftState : wire.oracleState} (Oracle: ${wire.oracleState}; Microsoft: ${wire.microsoftState})${lastNotification(wire)}` };
      }
      if (s?.up === true) return { path, state: 'UP' };
      // Not provisioned on one side or the other: routing has no sessions; say why, per link.
      const reason = s?.reason ?? stored[i] ?? ic.downReason ?? 'session down';
      return { path, state: 'DOWN', reason };
    });
    const up = links.filter((l) => l.state === 'UP').length;
    return {
      bgpSessionState: up > 0 ? 'UP' : 'DOWN',
      redundancy: up > 0 && up === links.length ? 'CONFIGURATION_MATCH' : 'NOT_MET_SLA',
      links,
      source: live === undefined ? 'engine' : 'daemons',
    };
  });
}
