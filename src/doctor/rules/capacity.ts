// Bandwidth and limits: the VC shape against the circuit (interconnect-facts §1.8), the gateway SKU's
// throughput (§5.7), the private peering's prefix limit (§1.14, §5.2), the gateway's learned-route
// limit (§1.14) and the 1,000 prefixes one ExpressRoute connection carries from Azure (ExpressRoute FAQ).
import { FASTCONNECT_AZURE_SHAPES } from '../../model/interconnect/providers.ts';
import { ER_GATEWAY_MAX_ADVERTISED_ROUTES, ER_GATEWAY_SKUS, NEAR_LIMIT_RATIO } from '../../model/azure/gateway-skus.ts';
import type { VirtualNetworkGateway } from '../../model/azure/expressroute.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { finding, gatewayName, interconnects } from '../context.ts';

const NEAR = NEAR_LIMIT_RATIO;

/** The shape OCI tells you to pick for a circuit: the same rate, or the closest (1 Gbps below 1 Gbps). */
function matchingShape(circuitMbps: number): string {
  const exact = FASTCONNECT_AZURE_SHAPES.find((s) => s.bandwidthInMbps === circuitMbps);
  if (exact) return exact.name;
  const closest = [...FASTCONNECT_AZURE_SHAPES].sort((a, b) => Math.abs(a.bandwidthInMbps - circuitMbps) - Math.abs(b.bandwidthInMbps - circuitMbps))[0];
  return closest?.name ?? '1 Gbps';
}

export function gatewayMbps(gw: VirtualNetworkGateway): number {
  const sku = ER_GATEWAY_SKUS[gw.properties.sku.name];
  return gw.properties.sku.name === 'ErGwScale' ? sku.mbps * (gw.properties.sku.capacity ?? 1) : sku.mbps;
}

function bandwidth(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const ic of interconnects(r)) {
    if (!ic.circuit) continue;
    const circuitMbps = ic.circuit.properties.serviceProviderProperties.bandwidthInMbps;
    const want = matchingShape(circuitMbps);
    if (ic.vc.bandwidthShapeName !== want) {
      const vcMbps = FASTCONNECT_AZURE_SHAPES.find((s) => s.name === ic.vc.bandwidthShapeName)?.bandwidthInMbps;
      out.push(finding('BANDWIDTH_MISMATCH', [ic.vc.id, ic.circuit.id],
        `Virtual circuit ${ic.vc.displayName} is ${ic.vc.bandwidthShapeName} but circuit ${ic.circuit.name} is ${circuitMbps} Mbps; `
        + `the interconnect runs at the circuit's ${circuitMbps} Mbps${vcMbps !== undefined && vcMbps > circuitMbps ? ' and the extra virtual-circuit capacity is paid for but unused' : ''}.`,
        `Make them match: set the virtual circuit's bandwidth to "${want}" (updateVirtualCircuit bandwidthShapeName; it re-provisions, with BGP down for the while)${vcMbps !== undefined && vcMbps > circuitMbps ? `, or raise circuit ${ic.circuit.name} to ${vcMbps} Mbps (an ExpressRoute circuit can grow, never shrink)` : ''}.`));
    }
    const seen = new Set<string>();
    for (const c of ic.connections) {
      const gw = r.memo.get('azure.VirtualNetworkGateway', c.properties.virtualNetworkGateway1.id);
      if (!gw || seen.has(gw.id.toLowerCase()) || c.properties.expressRouteGatewayBypass) continue;
      seen.add(gw.id.toLowerCase());
      const mbps = gatewayMbps(gw);
      if (mbps >= circuitMbps) continue;
      const better = Object.entries(ER_GATEWAY_SKUS).filter(([name, s]) => name !== 'ErGwScale' && s.mbps >= circuitMbps).map(([name]) => name);
      out.push(finding('GATEWAY_SKU_BELOW_CIRCUIT', [gw.id, ic.circuit.id, c.id],
        `ExpressRoute gateway ${gw.name} (${gw.properties.sku.name}, about ${mbps} Mbps) is connected to circuit ${ic.circuit.name} of ${circuitMbps} Mbps: `
        + `traffic between the VNet and OCI is capped at the gateway's ${mbps} Mbps.`,
        `Resize the gateway to a SKU of at least ${circuitMbps} Mbps (${better.join(', ')}${better.length > 0 ? ', or ErGwScale with enough scale units' : 'ErGwScale with enough scale units'}); `
        + 'Standard → HighPerformance/UltraPerformance and ErGw1AZ → ErGw2AZ/ErGw3AZ resize in place, other changes need a new gateway. FastPath (UltraPerformance, ErGw3AZ, or ErGwScale from 10 scale units) also bypasses the gateway for data.'));
    }
  }
  return out;
}

function prefixLimits(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const ic of interconnects(r)) {
    const s = ic.routing.sessions;
    if (s.length === 0 || !ic.circuit) continue;
    const offered = Math.max(...s.map((x) => x.offeredToAzure));
    const limit = s[0]?.prefixLimit ?? 0;
    if (limit === 0) continue;
    const tier = ic.circuit.sku.tier;
    const fixes = 'Advertise fewer, larger prefixes: attach VCNs with vcnRouteType VCN_CIDRS instead of SUBNET_CIDRS, summarise VCN CIDRs, or narrow the import distribution of the virtual circuit\'s DRG route table'
      + (tier === 'Premium' ? '.' : `, or upgrade circuit ${ic.circuit.name} to Premium (10,000 prefixes).`);
    if (offered > limit) {
      out.push(finding('PREFIX_LIMIT_EXCEEDED', [ic.vc.id, ic.circuit.id],
        `OCI offers ${offered} prefixes to the ${tier} private peering of circuit ${ic.circuit.name} (limit ${limit}): Microsoft drops the BGP sessions, so nothing crosses interconnect ${ic.vc.displayName} until the count falls below the limit.`,
        fixes));
    } else if (offered >= NEAR * limit) {
      out.push(finding('PREFIX_LIMIT_NEAR', [ic.vc.id, ic.circuit.id],
        `OCI advertises ${offered} prefixes to the ${tier} private peering of circuit ${ic.circuit.name}, ${Math.round((offered / limit) * 100)} % of the ${limit} limit; beyond it Microsoft drops both BGP sessions.`,
        fixes));
    }
  }
  return out;
}

function gatewayRoutes(r: Routing): Finding[] {
  const out: Finding[] = [];
  const gateways = new Set<string>();
  for (const ic of interconnects(r)) for (const g of ic.routing.gatewayIds) gateways.add(g);
  for (const id of [...gateways].sort()) {
    const gw = r.memo.get('azure.VirtualNetworkGateway', id);
    if (!gw) continue;
    const learned = r.gatewayLearned(id);
    const total = learned.routes.length + learned.dropped;
    const bigger = gw.properties.sku.name === 'ErGwScale' ? 'summarise the OCI prefixes' : 'resize the gateway to HighPerformance/ErGw2AZ or above (9,500 routes) or ErGwScale (60,000), or summarise the OCI prefixes (VCN_CIDRS attachments, fewer VCN CIDRs)';
    if (learned.dropped > 0) {
      out.push(finding('GATEWAY_ROUTES_DROPPED', [gw.id],
        `ExpressRoute gateway ${gw.name} (${gw.properties.sku.name}) learns ${total} routes from OCI but holds ${learned.limit}: ${learned.dropped} prefixes are dropped and unreachable from Azure.`,
        `Bring the count under ${learned.limit}: ${bigger}.`));
    } else if (total >= NEAR * learned.limit && learned.limit > 0) {
      out.push(finding('GATEWAY_ROUTES_NEAR_LIMIT', [gw.id],
        `ExpressRoute gateway ${gw.name} (${gw.properties.sku.name}) learns ${total} routes, ${Math.round((total / learned.limit) * 100)} % of its ${learned.limit}-route limit; routes beyond it are dropped.`,
        `Keep headroom: ${bigger}.`));
    }
  }
  return out;
}

const ADVERTISED_FIX = 'Advertise fewer prefixes over the connection: merge the address spaces of the gateway\'s VNet and of the spokes using it into fewer, larger prefixes, '
  + 'or move some spokes behind another hub gateway with its own connection (each connection has its own limit).';

/** Per connection (gateway ↔ circuit): what the gateway advertises, its VNet and the spokes using it. */
function advertisedLimits(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const ic of interconnects(r)) {
    if (!ic.circuit) continue;
    const connectionsOf = (gatewayId: string) => ic.connections.filter((c) => c.properties.virtualNetworkGateway1.id.toLowerCase() === gatewayId.toLowerCase()).map((c) => c.id);
    for (const o of ic.routing.overAdvertisedLimit) {
      out.push(finding('GATEWAY_ADVERTISED_LIMIT_EXCEEDED', [o.gatewayId, ...connectionsOf(o.gatewayId), ic.circuit.id],
        `ExpressRoute gateway ${gatewayName(r, o.gatewayId)} advertises ${o.advertised} prefixes (its VNet and the spokes using it) over its connection to circuit ${ic.circuit.name}, more than the ${o.limit} one connection carries: `
        + 'Microsoft disconnects that connection, spokes included, so none of those VNets reaches OCI and they learn nothing from it until the count falls. Other connections to the circuit are not affected.',
        ADVERTISED_FIX));
    }
    for (const g of ic.routing.gatewayIds) {
      const advertised = r.gatewayAdvertised(g).length;
      if (advertised < NEAR * ER_GATEWAY_MAX_ADVERTISED_ROUTES) continue;
      out.push(finding('GATEWAY_ADVERTISED_NEAR_LIMIT', [g, ...connectionsOf(g), ic.circuit.id],
        `ExpressRoute gateway ${gatewayName(r, g)} advertises ${advertised} prefixes over its connection to circuit ${ic.circuit.name}, ${Math.round((advertised / ER_GATEWAY_MAX_ADVERTISED_ROUTES) * 100)} % of the ${ER_GATEWAY_MAX_ADVERTISED_ROUTES} one connection carries; beyond it Microsoft disconnects the connection.`,
        `Keep headroom. ${ADVERTISED_FIX}`));
    }
  }
  return out;
}

export function capacityRules(r: Routing, _lab?: Lab): Finding[] {
  return [...bandwidth(r), ...prefixLimits(r), ...gatewayRoutes(r), ...advertisedLimits(r)];
}
