// The provider layer that joins an OCI virtual circuit to an ExpressRoute circuit through the
// service key (interconnect-facts §1.4, §1.13). OCI's side is the trigger: nothing is requested
// on the Azure side; the circuit's provider state and private peering follow the VC.
//
//   VC PENDING_PROVIDER ──provider accepts──► PROVISIONING ──► PROVISIONED (BGP per link)
//   circuit NotProvisioned ──────────────────► Provisioning ──► Provisioned (+AzurePrivatePeering)
//   delete VC: circuit Deprovisioning ──► NotProvisioned, peering removed, VC TERMINATED
//   delete VC while the circuit still has connections: circuit Failed, VC FAILED (wrong order)
import type { Tx } from '../../model/tx.ts';
import type { ReadView } from '../../model/world.ts';
import type { ExpressRouteCircuit, ExpressRouteCircuitPeering } from '../../model/azure/expressroute.ts';
import { pairForOciRegion } from '../../model/interconnect/region-pairs.ts';
import { AZURE_BGP_ASN, ORACLE_BGP_ASN, ORACLE_ER_PROVIDER_NAME } from '../../model/interconnect/providers.ts';
import { evaluateLink } from '../../model/interconnect/bgp-addressing.ts';
import { formatPrefix } from '../../model/cidr.ts';
import { refreshSessions } from './sessions.ts';

export function findCircuitByServiceKey(view: ReadView, key: string): ExpressRouteCircuit | undefined {
  const k = key.toLowerCase();
  return view.list('azure.ExpressRouteCircuit').find(
    (c) => c.properties.serviceKey.toLowerCase() === k && c.properties.serviceProviderProperties.serviceProviderName === ORACLE_ER_PROVIDER_NAME && c.properties.provisioningState !== 'Deleting',
  );
}

export function privatePeeringOf(view: ReadView, circuit: ExpressRouteCircuit): ExpressRouteCircuitPeering | undefined {
  return view.children('azure.ExpressRouteCircuitPeering', circuit.id).find((p) => p.name === 'AzurePrivatePeering');
}

/** Live ExpressRoute connections (not being deleted) that link a gateway to this circuit. */
export function connectionsOf(view: ReadView, circuitId: string): import('../../model/azure/expressroute.ts').Connection[] {
  const id = circuitId.toLowerCase();
  return view.list('azure.Connection').filter((c) => c.properties.peer.id.toLowerCase() === id && c.properties.provisioningState !== 'Deleting');
}

/** Is the circuit's peering location paired with the VC's OCI region? */
export function regionPairProblem(tx: Tx, ociRegion: string, circuit: ExpressRouteCircuit): string | undefined {
  const pair = pairForOciRegion(tx.ctx.regionPairs, ociRegion);
  const location = circuit.properties.serviceProviderProperties.peeringLocation;
  if (!pair) return `OCI region ${ociRegion} has no Oracle Interconnect for Microsoft Azure (catalogue ${tx.ctx.regionPairs.version}).`;
  if (!pair.peeringLocations.some((l) => l.toLowerCase() === location.toLowerCase())) {
    return `ExpressRoute peering location ${location} is not paired with OCI region ${ociRegion}; use ${pair.peeringLocations.join(' or ')}.`;
  }
  return undefined;
}

function setCircuit(tx: Tx, circuit: ExpressRouteCircuit, mutate: (d: ExpressRouteCircuit) => void): void {
  tx.update('azure.ExpressRouteCircuit', circuit.id, mutate);
}

export function onVirtualCircuitCreated(tx: Tx, vcId: string): void {
  tx.schedule('oci.vc.provider', 'interconnect.provider-accept', vcId);
}

/**
 * A network-related change (DRG, bandwidth) to a PROVISIONED circuit: OCI moves it to PROVISIONING,
 * its BGP sessions go down, and it is PROVISIONED again once Oracle re-provisions it.
 */
export function onVirtualCircuitReprovisioned(tx: Tx, vcId: string, delay: 'oci.vc.drg-change' | 'oci.vc.bandwidth-change', reason: string): void {
  const vc = tx.get('oci.VirtualCircuit', vcId);
  if (vc?.lifecycleState !== 'PROVISIONED') return;
  tx.cancelTimers(vcId);
  tx.update('oci.VirtualCircuit', vcId, (d) => {
    d.lifecycleState = 'PROVISIONING';
    d.fr.reason = reason;
  });
  tx.schedule(delay, 'interconnect.provisioned', vcId);
}

export function onVirtualCircuitDeleted(tx: Tx, vcId: string): void {
  const vc = tx.get('oci.VirtualCircuit', vcId);
  if (!vc) return;
  tx.cancelTimers(vcId);
  const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(tx, vc.providerServiceKeyName);
  tx.update('oci.VirtualCircuit', vcId, (d) => { d.lifecycleState = 'TERMINATING'; });
  refreshSessions(tx, vcId);
  const state = circuit?.properties.serviceProviderProvisioningState;
  if (circuit && (state === 'Provisioned' || state === 'Provisioning') && connectionsOf(tx, circuit.id).length === 0) {
    setCircuit(tx, circuit, (d) => { d.properties.serviceProviderProvisioningState = 'Deprovisioning'; });
  }
  tx.schedule('oci.vc.terminate', 'interconnect.deprovisioned', vcId);
}

function allocateVlan(tx: Tx): number {
  const used = new Set(tx.list('azure.ExpressRouteCircuitPeering').map((p) => p.properties.vlanId));
  let vlan = 100;
  while (used.has(vlan)) vlan++;
  return vlan;
}

function createPrivatePeering(tx: Tx, circuit: ExpressRouteCircuit, vcId: string): void {
  const vc = tx.get('oci.VirtualCircuit', vcId);
  if (!vc) return;
  const blocks = vc.crossConnectMappings.map((m) => evaluateLink(m.customerBgpPeeringIp, m.oracleBgpPeeringIp).block);
  const id = `${circuit.id}/peerings/AzurePrivatePeering`;
  const existing = tx.get('azure.ExpressRouteCircuitPeering', id);
  const vlan = existing?.properties.vlanId ?? allocateVlan(tx);
  tx.put('azure.ExpressRouteCircuitPeering', {
    id, name: 'AzurePrivatePeering', type: 'Microsoft.Network/expressRouteCircuits/peerings', etag: `W/"${tx.ctx.ids.guid()}"`,
    properties: {
      peeringType: 'AzurePrivatePeering', state: 'Enabled', azureASN: AZURE_BGP_ASN, peerASN: ORACLE_BGP_ASN,
      primaryPeerAddressPrefix: blocks[0] ? formatPrefix(blocks[0]) : '', secondaryPeerAddressPrefix: blocks[1] ? formatPrefix(blocks[1]) : '',
      primaryAzurePort: '', secondaryAzurePort: '', vlanId: vlan, lastModifiedBy: 'ServiceProvider', connections: [], peeredConnections: [],
      provisioningState: 'Succeeded',
    },
    fr: { subscriptionId: circuit.fr.subscriptionId, resourceGroup: circuit.fr.resourceGroup, parentId: circuit.id },
  });
  tx.update('oci.VirtualCircuit', vcId, (d) => { d.crossConnectMappings = d.crossConnectMappings.map((m) => ({ ...m, vlan })); });
}

type Transition = (tx: Tx, target: string, params: Record<string, unknown>) => void;

export const HANDSHAKE_TRANSITIONS: Record<string, Transition> = {
  /** The partner (Microsoft) picks the order up: checks the key and the region pair. */
  'interconnect.provider-accept': (tx, vcId) => {
    const vc = tx.get('oci.VirtualCircuit', vcId);
    if (vc?.lifecycleState !== 'PENDING_PROVIDER') return;
    const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(tx, vc.providerServiceKeyName);
    if (!circuit) {
      tx.update('oci.VirtualCircuit', vcId, (d) => {
        d.lifecycleState = 'FAILED';
        d.fr.reason = d.referenceComment = `ExpressRoute service key ${vc.providerServiceKeyName ?? ''} no longer exists.`;
      });
      return;
    }
    const problem = regionPairProblem(tx, vc.fr.region, circuit);
    if (problem) {
      // Stays unprovisioned, visibly and with a reason, on both sides.
      tx.update('oci.VirtualCircuit', vcId, (d) => { d.fr.reason = d.referenceComment = problem; });
      setCircuit(tx, circuit, (d) => { d.properties.serviceProviderNotes = problem; });
      return;
    }
    tx.update('oci.VirtualCircuit', vcId, (d) => { d.lifecycleState = 'PROVISIONING'; delete d.fr.reason; delete d.referenceComment; });
    setCircuit(tx, circuit, (d) => { d.properties.serviceProviderProvisioningState = 'Provisioning'; delete d.properties.serviceProviderNotes; });
    tx.schedule('oci.vc.provision', 'interconnect.provisioned', vcId);
  },

  /** Both sides provisioned: circuit Provisioned with its private peering filled in, BGP evaluated per link. */
  'interconnect.provisioned': (tx, vcId) => {
    const vc = tx.get('oci.VirtualCircuit', vcId);
    if (vc?.lifecycleState !== 'PROVISIONING' || vc.providerServiceKeyName === undefined) return;
    const circuit = findCircuitByServiceKey(tx, vc.providerServiceKeyName);
    if (!circuit) return;
    setCircuit(tx, circuit, (d) => { d.properties.serviceProviderProvisioningState = 'Provisioned'; });
    createPrivatePeering(tx, circuit, vcId);
    tx.update('oci.VirtualCircuit', vcId, (d) => {
      d.lifecycleState = 'PROVISIONED';
      d.providerState = 'ACTIVE';
      d.customerAsn ??= AZURE_BGP_ASN; // [U] the far end is Microsoft's edge
      d.virtualCircuitRedundancyMetadata.configuredRedundancyLevel = 'DEVICE';
      delete d.fr.reason;
    });
    for (const a of tx.list('oci.DrgAttachment')) {
      if (a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vcId && a.lifecycleState === 'ATTACHING') {
        tx.update('oci.DrgAttachment', a.id, (d) => { d.lifecycleState = 'ATTACHED'; });
      }
    }
    refreshSessions(tx, vcId);
  },

  /** Deprovisioning after the VC was deleted; fails into the documented failed states if connections remain. */
  'interconnect.deprovisioned': (tx, vcId) => {
    const vc = tx.get('oci.VirtualCircuit', vcId);
    if (vc?.lifecycleState !== 'TERMINATING') return;
    const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(tx, vc.providerServiceKeyName);
    const linked = circuit ? connectionsOf(tx, circuit.id) : [];
    if (circuit && linked.length > 0 && circuit.properties.serviceProviderProvisioningState === 'Provisioned') {
      const reason = `The ExpressRoute circuit ${circuit.name} still has ${linked.length} connection(s) (${linked.map((c) => c.name).join(', ')}): delete the connections first, then delete the virtual circuit again.`;
      tx.update('oci.VirtualCircuit', vcId, (d) => { d.lifecycleState = 'FAILED'; d.providerState = 'INACTIVE'; d.fr.reason = d.referenceComment = reason; });
      setCircuit(tx, circuit, (d) => { d.properties.provisioningState = 'Failed'; d.properties.serviceProviderNotes = reason; });
      for (const c of linked) tx.update('azure.Connection', c.id, (d) => { d.properties.connectionStatus = 'NotConnected'; });
      refreshSessions(tx, vcId);
      return;
    }
    if (circuit && circuit.properties.serviceProviderProvisioningState !== 'NotProvisioned') {
      setCircuit(tx, circuit, (d) => {
        d.properties.serviceProviderProvisioningState = 'NotProvisioned';
        if (d.properties.provisioningState === 'Failed') d.properties.provisioningState = 'Succeeded';
        delete d.properties.serviceProviderNotes;
      });
      const peering = privatePeeringOf(tx, circuit);
      if (peering) tx.remove('azure.ExpressRouteCircuitPeering', peering.id);
    }
    tx.update('oci.VirtualCircuit', vcId, (d) => {
      d.lifecycleState = 'TERMINATED';
      d.providerState = 'INACTIVE';
      d.bgpSessionState = 'DOWN';
      d.fr.terminatedAt = tx.nowIso;
    });
    tx.schedule('retention', 'fr.purge', vcId, { kind: 'oci.VirtualCircuit' });
    for (const a of tx.list('oci.DrgAttachment')) {
      if (a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vcId && a.lifecycleState !== 'DETACHED') {
        tx.update('oci.DrgAttachment', a.id, (d) => { d.lifecycleState = 'DETACHED'; d.fr.terminatedAt = tx.nowIso; });
        tx.schedule('retention', 'fr.purge', a.id, { kind: 'oci.DrgAttachment' });
      }
    }
  },
};
