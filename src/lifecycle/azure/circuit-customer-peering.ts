// A private peering the customer configures on a Layer 2 provider's circuit (Equinix): Azure stores
// it whatever the provider's provisioning state (the expressroute-private-peering-vnet quickstart
// deploys one on a NotProvisioned circuit; the REST spec's ExpressRouteCircuitPeeringCreate example
// shows what ARM returns). It carries no traffic until the provider provisions the circuit, and
// nothing plays Equinix: routing only brings up sessions of a provisioned circuit with an OCI
// virtual circuit behind it (lifecycle/interconnect/sessions.ts, routing/diagnostics/circuit.ts).
import { arm } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { ExpressRouteCircuit, ExpressRouteCircuitPeering } from '../../model/azure/expressroute.ts';
import { AZURE_BGP_ASN, AZURE_RESERVED_ASNS } from '../../model/interconnect/providers.ts';
import { checkPrefix, missingProperty } from '../../model/validate/azure.ts';
import { etag } from './scope.ts';

export interface PeeringFields { state?: 'Enabled' | 'Disabled'; peerASN?: number; primaryPeerAddressPrefix?: string; secondaryPeerAddressPrefix?: string; vlanId?: number; sharedKey?: string }

/** The checks a peering's own fields get, whoever configures it: ASN range and reserved ASNs, /30 link prefixes, 802.1Q VLAN range. */
export function checkPeeringFields(p: PeeringFields, id: string): void {
  if (p.peerASN !== undefined) {
    if (!Number.isInteger(p.peerASN) || p.peerASN < 1 || p.peerASN > 4294967295) throw arm.badRequest('InvalidPeerAsn', `Peer ASN ${p.peerASN} is invalid: it must be between 1 and 4294967295.`);
    if ((AZURE_RESERVED_ASNS as readonly number[]).includes(p.peerASN)) throw arm.badRequest('PeerAsnReserved', `Peer ASN ${p.peerASN} is reserved by Microsoft (65515-65520).`);
  }
  for (const [field, value] of [['primaryPeerAddressPrefix', p.primaryPeerAddressPrefix], ['secondaryPeerAddressPrefix', p.secondaryPeerAddressPrefix]] as const) {
    if (value === undefined) continue;
    const prefix = checkPrefix(value, id);
    if (prefix.length !== 30) throw arm.badRequest('InvalidAddressPrefixFormat', `${field} ${value} of ${id} must be a /30 prefix.`);
  }
  if (p.vlanId !== undefined && (!Number.isInteger(p.vlanId) || p.vlanId < 1 || p.vlanId > 4094)) {
    throw arm.badRequest('InvalidVlanId', `VLAN ID ${p.vlanId} of ${id} is invalid: it must be between 1 and 4094.`, 'properties.vlanId');
  }
}

/** Stores the customer's AzurePrivatePeering as ARM returns it: its fields, Azure's ASN, ports not yet assigned. */
export function putCustomerPeering(tx: Tx, circuit: ExpressRouteCircuit, id: string, p: PeeringFields): ExpressRouteCircuitPeering {
  const was = tx.get('azure.ExpressRouteCircuitPeering', id)?.properties;
  const peerASN = p.peerASN ?? was?.peerASN;
  const primary = p.primaryPeerAddressPrefix ?? was?.primaryPeerAddressPrefix;
  const secondary = p.secondaryPeerAddressPrefix ?? was?.secondaryPeerAddressPrefix;
  const vlanId = p.vlanId ?? was?.vlanId;
  if (peerASN === undefined) throw missingProperty('properties.peerASN', id);
  if (primary === undefined) throw missingProperty('properties.primaryPeerAddressPrefix', id);
  if (secondary === undefined) throw missingProperty('properties.secondaryPeerAddressPrefix', id);
  if (vlanId === undefined) throw missingProperty('properties.vlanId', id);
  const sharedKey = p.sharedKey ?? was?.sharedKey;
  return tx.put('azure.ExpressRouteCircuitPeering', {
    id, name: 'AzurePrivatePeering', type: 'Microsoft.Network/expressRouteCircuits/peerings', etag: etag(tx),
    properties: {
      peeringType: 'AzurePrivatePeering', state: p.state ?? was?.state ?? 'Enabled', azureASN: AZURE_BGP_ASN, peerASN,
      primaryPeerAddressPrefix: primary, secondaryPeerAddressPrefix: secondary,
      // Azure assigns the ports when the provider provisions the circuit: empty until then, as in the spec's example.
      primaryAzurePort: '', secondaryAzurePort: '', vlanId, ...(sharedKey === undefined ? {} : { sharedKey }),
      lastModifiedBy: 'Customer', connections: [], peeredConnections: [], provisioningState: 'Succeeded',
    },
    fr: { subscriptionId: circuit.fr.subscriptionId, resourceGroup: circuit.fr.resourceGroup, parentId: circuit.id },
  });
}
