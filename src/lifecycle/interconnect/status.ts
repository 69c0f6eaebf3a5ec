// STUB: replaced by the real implementation (owner: lead). Signature is the contract.
import type { ReadView } from '../../model/world.ts';

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

export function interconnectStatus(_view: ReadView): InterconnectStatus[] {
  throw new Error('not implemented yet');
}
