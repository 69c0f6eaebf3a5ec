// One row per interconnect (an OCI virtual circuit to Microsoft Azure): both sides' states, the
// BGP sessions per link, the region pair, connections and the effective bandwidth. The sessions are
// the interconnect's one session state when the caller has routing (the admin API does), so
// `status` tells what both clouds' APIs tell; without it, the stored configuration-level words.
import type { ReadView } from '../../model/world.ts';
import type { InterconnectSessionState } from '../../routing/interconnect/session-state.ts';
import { DEFAULT_REGION_PAIRS, pairForOciRegion, pairForPeeringLocation } from '../../model/interconnect/region-pairs.ts';
import { AZURE_PROVIDER_NAME } from '../../model/interconnect/providers.ts';
import { connectionsOf, findCircuitByServiceKey, privatePeeringOf } from './handshake.ts';

export interface InterconnectStatus {
  /** The lab/display name of the virtual circuit. */
  name: string;
  virtualCircuit: {
    id: string;
    displayName: string;
    region: string;
    lifecycleState: string;
    providerState: string;
    bgpSessionState: string;
    bandwidthShapeName: string;
    reason?: string;
    sessions: { path: 'Primary' | 'Secondary'; oracleBgpPeeringIp?: string; customerBgpPeeringIp?: string; state: 'UP' | 'DOWN'; reason?: string }[];
  };
  circuit?: {
    id: string;
    name: string;
    peeringLocation: string;
    bandwidthInMbps: number;
    serviceProviderProvisioningState: string;
    circuitProvisioningState: string;
    provisioningState: string;
    serviceProviderNotes?: string;
    privatePeering?: { state: string; azureASN: number; peerASN: number; primaryPeerAddressPrefix: string; secondaryPeerAddressPrefix: string; vlanId: number };
  };
  connections: { id: string; name: string; connectionStatus: string; provisioningState: string; gatewayId: string }[];
  regionPair?: { ociRegion: string; peeringLocation: string; azureRegion: string; supported: boolean };
  effectiveBandwidthMbps?: number;
}

/** The effective session state of a virtual circuit (routing's), when known. */
export type SessionStateOf = (virtualCircuitId: string) => InterconnectSessionState;

export function interconnectStatus(view: ReadView, sessionsOf?: SessionStateOf): InterconnectStatus[] {
  const out: InterconnectStatus[] = [];
  for (const vc of view.list('oci.VirtualCircuit')) {
    if (vc.providerName !== AZURE_PROVIDER_NAME || vc.lifecycleState === 'TERMINATED') continue;
    const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(view, vc.providerServiceKeyName);
    const peering = circuit ? privatePeeringOf(view, circuit) : undefined;
    const reasons = vc.fr.linkReasons ?? [];
    const live = sessionsOf?.(vc.id);
    const location = circuit?.properties.serviceProviderProperties.peeringLocation;
    const pair = pairForOciRegion(DEFAULT_REGION_PAIRS, vc.fr.region);
    const located = location === undefined ? undefined : pairForPeeringLocation(DEFAULT_REGION_PAIRS, location);

    const erMbps = circuit?.properties.serviceProviderProperties.bandwidthInMbps;
    out.push({
      name: vc.displayName,
      virtualCircuit: {
        id: vc.id, displayName: vc.displayName, region: vc.fr.region, lifecycleState: vc.lifecycleState, providerState: vc.providerState,
        bgpSessionState: live?.bgpSessionState ?? vc.bgpSessionState, bandwidthShapeName: vc.bandwidthShapeName, ...(vc.fr.reason === undefined ? {} : { reason: vc.fr.reason }),
        sessions: vc.crossConnectMappings.map((m, i) => {
          const link = live?.links[i];
          const reason = link ? link.reason : reasons[i];
          return {
            path: i === 0 ? 'Primary' as const : 'Secondary' as const,
            ...(m.oracleBgpPeeringIp === undefined ? {} : { oracleBgpPeeringIp: m.oracleBgpPeeringIp }),
            ...(m.customerBgpPeeringIp === undefined ? {} : { customerBgpPeeringIp: m.customerBgpPeeringIp }),
            state: (link?.state ?? m.ipv4BgpStatus) === 'UP' ? 'UP' as const : 'DOWN' as const,
            ...(reason ? { reason } : {}),
          };
        }),
      },
      ...(circuit ? {
        circuit: {
          id: circuit.id, name: circuit.name, peeringLocation: circuit.properties.serviceProviderProperties.peeringLocation,
          bandwidthInMbps: circuit.properties.serviceProviderProperties.bandwidthInMbps,
          serviceProviderProvisioningState: circuit.properties.serviceProviderProvisioningState, circuitProvisioningState: circuit.properties.circuitProvisioningState,
          provisioningState: circuit.properties.provisioningState,
          ...(circuit.properties.serviceProviderNotes === undefined ? {} : { serviceProviderNotes: circuit.properties.serviceProviderNotes }),
          ...(peering ? {
            privatePeering: {
              state: peering.properties.state, azureASN: peering.properties.azureASN, peerASN: peering.properties.peerASN,
              primaryPeerAddressPrefix: peering.properties.primaryPeerAddressPrefix, secondaryPeerAddressPrefix: peering.properties.secondaryPeerAddressPrefix, vlanId: peering.properties.vlanId,
            },
          } : {}),
        },
      } : {}),
      connections: circuit ? connectionsOf(view, circuit.id).map((c) => ({
        id: c.id, name: c.name, connectionStatus: c.properties.connectionStatus, provisioningState: c.properties.provisioningState, gatewayId: c.properties.virtualNetworkGateway1.id,
      })) : [],
      ...(location === undefined ? {} : {
        regionPair: {
          ociRegion: vc.fr.region, peeringLocation: location, azureRegion: located?.azureRegion ?? 'unknown',
          supported: pair?.peeringLocations.some((l) => l.toLowerCase() === location.toLowerCase()) ?? false,
        },
      }),
      ...(erMbps === undefined ? {} : { effectiveBandwidthMbps: erMbps }),
    });
  }
  return out;
}
