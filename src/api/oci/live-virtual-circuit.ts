// What the OCI API shows of a virtual circuit's BGP sessions: the interconnect's one session state
// (routing/interconnect/session-state.ts), which counts drills and the prefix limit, instead of the
// configuration-only words the lifecycle stores. So a link-down, a BGP reset or a prefix flood reads
// DOWN here exactly where the ExpressRoute circuit's route table summary says Idle or Active.
// The virtual circuit's mappings carry no session state in OCI's model (CrossConnectMapping); it is
// served per mapping by ListCrossConnectMappings (CrossConnectMappingDetails.ipv4BgpStatus).
import type { CrossConnectMapping, VirtualCircuit } from '../../model/oci/virtual-circuit.ts';
import type { Routing } from '../../routing/routing.ts';
import { interconnectSessionState, type InterconnectSessionState } from '../../routing/interconnect/session-state.ts';

function withSessions(vc: VirtualCircuit, s: InterconnectSessionState | undefined): VirtualCircuit {
  const mappings = vc.crossConnectMappings.map(({ ipv4BgpStatus: _stored, ...m }) => m);
  if (s === undefined) return { ...vc, crossConnectMappings: mappings };
  return {
    ...vc,
    bgpSessionState: s.bgpSessionState,
    crossConnectMappings: mappings,
    virtualCircuitRedundancyMetadata: { ...vc.virtualCircuitRedundancyMetadata, ipv4bgpSessionRedundancyStatus: s.redundancy },
  };
}

/**
 * The virtual circuit as the API shows it. Memoised per committed entity, so the presentation (and
 * its etag) is computed once and a GET, a list and an If-Match check see the same object.
 */
export function liveVirtualCircuit(r: Routing, vc: VirtualCircuit): VirtualCircuit {
  const shown = r.memo.compute('ociVirtualCircuit', vc.id, () => {
    const current = r.memo.get('oci.VirtualCircuit', vc.id);
    return current ? { source: current, live: withSessions(current, interconnectSessionState(r, current.id)) } : undefined;
  });
  if (shown?.source === vc) return shown.live;
  // Not the committed version (a write's reply when its transitions settled in the same commit) or
  // no longer in the world: the sessions as they were then, from its own fields.
  return withSessions(vc, undefined);
}

/** ListCrossConnectMappings: each mapping with its link's session state. */
export function liveMappings(r: Routing, vc: VirtualCircuit): (CrossConnectMapping & { ipv4BgpStatus: 'UP' | 'DOWN' })[] {
  const links = interconnectSessionState(r, vc.id).links;
  return vc.crossConnectMappings.map((m, i) => ({ ...m, ipv4BgpStatus: links[i]?.state ?? 'DOWN' }));
}
