// Can the interconnect carry anything at all? The region pair (interconnect-facts §1.2), both sides'
// provisioning states (§1.4, §5.1) and the ExpressRoute connection linking a gateway (§1.4 step 7).
// The most basic cause wins: an unsupported pair explains a circuit that never provisions, and a
// circuit that is not provisioned explains why no gateway can connect.
import { DEFAULT_REGION_PAIRS, pairForOciRegion, pairForPeeringLocation } from '../../model/interconnect/region-pairs.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { finding, gatewayName, interconnects, listOf, vnetName } from '../context.ts';
import { gatewayVnetId } from '../../routing/azure/gateway.ts';

export function provisioningRules(r: Routing, _lab?: Lab): Finding[] {
  const out: Finding[] = [];
  const pairs = DEFAULT_REGION_PAIRS;
  for (const ic of interconnects(r)) {
    const { vc, circuit } = ic;
    const vcReason = vc.fr.reason ?? vc.referenceComment;
    if (!circuit) {
      out.push(finding('CIRCUIT_NOT_PROVISIONED', [vc.id],
        `Virtual circuit ${vc.displayName} is ${vc.lifecycleState} and no ExpressRoute circuit (provider Oracle Cloud FastConnect) has its service key ${vc.providerServiceKeyName ?? '(none)'}${vcReason ? `: ${vcReason}` : ''}.`,
        'Create the ExpressRoute circuit first (provider "Oracle Cloud FastConnect"), then create the virtual circuit with that circuit\'s serviceKey as providerServiceKeyName.'));
      continue;
    }
    const location = circuit.properties.serviceProviderProperties.peeringLocation;
    const pair = pairForOciRegion(pairs, vc.fr.region);
    if (!pair?.peeringLocations.some((l) => l.toLowerCase() === location.toLowerCase())) {
      const located = pairForPeeringLocation(pairs, location);
      const options = [
        pair ? `create the circuit at ${listOf(pair.peeringLocations.map((l) => `"${l}"`), 'or')} (paired with ${vc.fr.region}, Azure region ${pair.azureRegion})` : undefined,
        located ? `or build the virtual circuit in OCI region ${located.ociRegion}, which pairs with "${location}"` : undefined,
      ].filter((x) => x !== undefined);
      out.push(finding('UNSUPPORTED_REGION_PAIR', [vc.id, circuit.id],
        `Virtual circuit ${vc.displayName} is in OCI region ${vc.fr.region} but circuit ${circuit.name} is at ExpressRoute location "${location}"; `
        + `${pair ? `${vc.fr.region} pairs only with ${listOf(pair.peeringLocations.map((l) => `"${l}"`), 'or')}` : `${vc.fr.region} has no interconnect to Azure`} (catalogue ${pairs.version}). `
        + `The interconnect never provisions: the virtual circuit stays ${vc.lifecycleState} and the circuit ${circuit.properties.serviceProviderProvisioningState}.`,
        `Use a supported pair: ${options.length > 0 ? options.join(', ') : 'pick an OCI region and ExpressRoute location from the interconnect pair table'}. `
        + 'Neither side can be moved: delete the virtual circuit and recreate the mismatched side (a NotProvisioned circuit can be deleted).'));
      continue;
    }
    const state = circuit.properties.serviceProviderProvisioningState;
    if (vc.lifecycleState !== 'PROVISIONED' || state !== 'Provisioned') {
      const why = [vcReason, circuit.properties.serviceProviderNotes].filter((x) => x !== undefined && x !== '');
      out.push(finding('CIRCUIT_NOT_PROVISIONED', [vc.id, circuit.id],
        `Interconnect ${vc.displayName} is not provisioned: virtual circuit ${vc.displayName} is ${vc.lifecycleState} (provider ${vc.providerState}), `
        + `circuit ${circuit.name} is ${state}${circuit.properties.provisioningState === 'Failed' ? ' (provisioningState Failed)' : ''}${why.length > 0 ? `; reason: ${[...new Set(why)].join(' / ')}` : ''}. Nothing crosses until both are provisioned.`,
        vc.lifecycleState === 'FAILED' || circuit.properties.provisioningState === 'Failed'
          ? 'Recover in the documented order: delete the ExpressRoute connections, delete the virtual circuit again, then recreate it with the circuit\'s service key.'
          : vc.lifecycleState === 'PENDING_PROVIDER' || vc.lifecycleState === 'PROVISIONING'
            ? 'Wait for the provider (a few minutes); if it does not move, check the service key, the region pair and the circuit\'s state, and advance the clock when it is manual.'
            : `Recreate the virtual circuit (it is ${vc.lifecycleState}) with the circuit's service key ${circuit.properties.serviceKey}.`));
      continue;
    }
    // A connection over the advertised-prefix limit is GATEWAY_ADVERTISED_LIMIT_EXCEEDED's business.
    if (ic.routing.gatewayIds.length === 0 && ic.routing.overAdvertisedLimit.length === 0) {
      const linked = ic.connections.map((c) => `${c.name} (${c.properties.connectionStatus}, gateway ${gatewayName(r, c.properties.virtualNetworkGateway1.id)})`);
      const connectedElsewhere = new Set(r.memo.list('azure.Connection').map((c) => c.properties.virtualNetworkGateway1.id.toLowerCase()));
      const candidates = r.memo.list('azure.VirtualNetworkGateway')
        .filter((g) => g.properties.gatewayType === 'ExpressRoute' && !connectedElsewhere.has(g.id.toLowerCase()))
        .map((g) => `${g.name}${(() => { const v = gatewayVnetId(r, g.id); return v === undefined ? '' : ` (VNet ${vnetName(r, v)})`; })()}`)
        .sort();
      out.push(finding('GATEWAY_NOT_CONNECTED', [circuit.id, vc.id, ...ic.connections.map((c) => c.id)],
        `Circuit ${circuit.name} is Provisioned (virtual circuit ${vc.displayName} PROVISIONED) but no ExpressRoute gateway is connected to it `
        + `(${linked.length > 0 ? `connections: ${listOf(linked)}` : 'no connection exists'}): Azure advertises no VNet to OCI and OCI's routes reach no VNet.`,
        linked.length > 0
          ? `Get the connection${linked.length > 1 ? 's' : ''} to Connected (its gateway must be Succeeded and the circuit Provisioned).`
          : `Create a Microsoft.Network/connections resource of type ExpressRoute between ${candidates.length > 0 ? `gateway ${listOf(candidates)}` : 'the ExpressRoute gateway of the VNet'} and circuit ${circuit.name} (lab: interconnects[].connection { name, gateway }).`));
    }
  }
  return out;
}
