// Which circuits a VNet may be linked to, and how many: the circuit SKU's reach (Standard: its
// geopolitical region; Local: its local Azure regions), at most 4 circuits from one peering location per
// VNet, the gateway SKU's circuit connections and the circuit's VNet links (ExpressRoute FAQ and limits).
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Connection, ExpressRouteCircuit, VirtualNetworkGateway } from '../../model/azure/expressroute.ts';
import { ER_GATEWAY_SKUS } from '../../model/azure/gateway-skus.ts';
import { MAX_CIRCUITS_SAME_LOCATION, maxVnetLinks } from '../../model/azure/circuit-limits.ts';
import { circuitReaches } from '../../model/interconnect/expressroute-reach.ts';
import { pairForPeeringLocation, REGION_PAIRS_2024 } from '../../model/interconnect/region-pairs.ts';
import { connectionsOf } from '../../lifecycle/interconnect/handshake.ts';
import { gatewayVnetId } from '../../routing/azure/gateway.ts';
import type { Finding } from '../types.ts';
import { finding, interconnects, listOf, vnetName } from '../context.ts';

const live = (c: Connection) => c.properties.provisioningState !== 'Deleting';
const vnetOf = (r: Routing, gw: VirtualNetworkGateway) => {
  const id = gatewayVnetId(r, gw.id);
  return id === undefined ? `the VNet of ${gw.name}` : vnetName(r, id);
};

/** The interconnects' circuits and the gateways linked to them (each once, by id). */
function linked(r: Routing): { circuits: ExpressRouteCircuit[]; gateways: VirtualNetworkGateway[] } {
  const circuits = new Map<string, ExpressRouteCircuit>();
  const gateways = new Map<string, VirtualNetworkGateway>();
  for (const ic of interconnects(r)) {
    if (ic.circuit) circuits.set(ic.circuit.id.toLowerCase(), ic.circuit);
    for (const g of ic.linkedGatewayIds) {
      const gw = r.memo.get('azure.VirtualNetworkGateway', g);
      if (gw) gateways.set(gw.id.toLowerCase(), gw);
    }
  }
  return { circuits: [...circuits.values()], gateways: [...gateways.values()] };
}

function reach(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const circuit of linked(r).circuits) {
    const location = circuit.properties.serviceProviderProperties.peeringLocation;
    for (const c of connectionsOf(r.memo, circuit.id).sort((a, b) => a.name.localeCompare(b.name))) {
      const gw = r.memo.get('azure.VirtualNetworkGateway', c.properties.virtualNetworkGateway1.id);
      if (!gw) continue;
      const verdict = circuitReaches(circuit.sku.tier, location, gw.location);
      if (verdict.reaches) continue;
      const vnet = vnetOf(r, gw);
      const head = `Connection ${c.name} links ${circuit.sku.tier} circuit ${circuit.name} (peering location ${location}) to gateway ${gw.name} of VNet ${vnet} in ${gw.location}`;
      if (verdict.why === 'geopolitical') {
        out.push(finding('VNET_OUTSIDE_CIRCUIT_REACH', [c.id, circuit.id, gw.id], `${head}, which is in geopolitical region ${verdict.regionGeo}, not ${verdict.locationGeo}: `
          + 'a Standard circuit reaches only the Azure regions of its peering location\'s geopolitical region, and Azure refuses the connection (FastRoute accepts it and carries traffic the real circuit would not).',
          `Upgrade circuit ${circuit.name} to Premium (sku.tier Premium; it reaches every geopolitical region), or link a VNet in a ${verdict.locationGeo} region instead (a hub there with the workloads peered to it).`));
      } else {
        out.push(finding('VNET_OUTSIDE_CIRCUIT_REACH', [c.id, circuit.id, gw.id], `${head}, but a Local circuit reaches only the Azure regions local to its peering location (${listOf(verdict.localRegions, 'or')}), and Azure refuses the connection `
          + '(FastRoute accepts it and carries traffic the real circuit would not).',
          `Link a VNet in ${listOf(verdict.localRegions, 'or')} (a hub there, with the workloads in ${gw.location} peered to it), or upgrade circuit ${circuit.name} to Standard (its geopolitical region) or Premium (everywhere).`));
      }
    }
  }
  return out;
}

function circuitsPerVnet(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const gw of linked(r).gateways) {
    const conns = r.memo.list('azure.Connection').filter((c) => live(c) && c.properties.virtualNetworkGateway1.id.toLowerCase() === gw.id.toLowerCase()).sort((a, b) => a.name.localeCompare(b.name));
    const circuits = conns.flatMap((c) => {
      const circuit = r.memo.get('azure.ExpressRouteCircuit', c.properties.peer.id);
      return circuit ? [{ c, circuit }] : [];
    });
    const byLocation = new Map<string, typeof circuits>();
    for (const x of circuits) {
      const l = x.circuit.properties.serviceProviderProperties.peeringLocation;
      byLocation.set(l, [...(byLocation.get(l) ?? []), x]);
    }
    for (const [location, at] of [...byLocation].sort(([a], [b]) => a.localeCompare(b))) {
      if (at.length <= MAX_CIRCUITS_SAME_LOCATION) continue;
      const others = pairForPeeringLocation(REGION_PAIRS_2024, location)?.peeringLocations.filter((l) => l !== location) ?? [];
      out.push(finding('SAME_LOCATION_CIRCUITS_EXCEEDED', [gw.id, ...at.flatMap((x) => [x.c.id, x.circuit.id])],
        `VNet ${vnetOf(r, gw)} (gateway ${gw.name}) is linked to ${at.length} circuits at peering location ${location} (${listOf(at.map((x) => x.circuit.name))}): `
        + `Azure links at most ${MAX_CIRCUITS_SAME_LOCATION} circuits from the same peering location to one virtual network and refuses the connection beyond them (FastRoute accepts it).`,
        `Delete ${at.length - MAX_CIRCUITS_SAME_LOCATION === 1 ? 'one connection' : `${at.length - MAX_CIRCUITS_SAME_LOCATION} connections`} (e.g. ${listOf(at.slice(MAX_CIRCUITS_SAME_LOCATION).map((x) => x.c.name))}), or move circuits to another peering location${others.length > 0 ? ` (${listOf(others, 'or')} pairs with the same OCI region)` : ''}: circuits at different locations count only against the gateway SKU's limit.`));
    }
    const max = ER_GATEWAY_SKUS[gw.properties.sku.name].maxCircuitConnections;
    if (conns.length > max) {
      out.push(finding('GATEWAY_CIRCUIT_CONNECTIONS_EXCEEDED', [gw.id, ...conns.map((c) => c.id)],
        `Gateway ${gw.name} (${gw.properties.sku.name}) has ${conns.length} circuit connections (${listOf(conns.map((c) => c.name))}); the SKU supports ${max}: Azure refuses connections beyond it.`,
        `Resize ${gw.name} to a SKU with more connections (HighPerformance/ErGw2AZ 8, UltraPerformance/ErGw3AZ 16) or delete ${conns.length - max} connection${conns.length - max === 1 ? '' : 's'}.`));
    }
  }
  return out;
}

function linksPerCircuit(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const circuit of linked(r).circuits) {
    const links = connectionsOf(r.memo, circuit.id);
    const max = maxVnetLinks(circuit);
    if (links.length <= max) continue;
    const mbps = circuit.properties.serviceProviderProperties.bandwidthInMbps;
    out.push(finding('CIRCUIT_VNET_LINKS_EXCEEDED', [circuit.id, ...links.map((c) => c.id)],
      `Circuit ${circuit.name} (${circuit.sku.tier}, ${mbps} Mbps) has ${links.length} VNet links; it allows ${max}: Azure refuses links beyond it.`,
      circuit.sku.tier === 'Premium'
        ? `Delete ${links.length - max} connection${links.length - max === 1 ? '' : 's'}, raise the circuit's bandwidth (Premium allows 20–100 links by bandwidth), or gather VNets behind hub gateways (spokes with gateway transit need no link of their own).`
        : `Upgrade circuit ${circuit.name} to Premium (${maxVnetLinks({ ...circuit, sku: { ...circuit.sku, tier: 'Premium' } })} links at ${mbps} Mbps), delete ${links.length - max} connection${links.length - max === 1 ? '' : 's'}, or gather VNets behind hub gateways (spokes with gateway transit need no link of their own).`));
  }
  return out;
}

export function circuitLinkRules(r: Routing, _lab?: Lab): Finding[] {
  return [...reach(r), ...circuitsPerVnet(r), ...linksPerCircuit(r)];
}
