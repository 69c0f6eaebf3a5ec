// From a trace's hops to the elements a flow loads: interconnect and on-premises links (both links,
// half each, where the routes are equal and the engine splits flows by hash: a declared flow is an
// aggregate of many connections, so the hash spreads it evenly), ExpressRoute gateways (not with
// FastPath: data bypasses the gateway), and forwarding appliances. Each element has a direction and
// a capacity: a link carries min(circuit bandwidthInMbps, virtual circuit shape) each way; a gateway
// its SKU's throughput (ErGwScale: per scale unit), docs/traffic.md.
import { FASTCONNECT_AZURE_SHAPES } from '../model/interconnect/providers.ts';
import { ER_GATEWAY_SKUS } from '../model/azure/gateway-skus.ts';
import type { Routing } from '../routing/routing.ts';
import { ECMP_LINK_DETAIL } from '../trace/interconnect-steps.ts';
import type { Hop } from '../trace/types.ts';
import type { ElementKind, TrafficDirection } from './types.ts';

export interface ElementInfo {
  key: string;
  kind: ElementKind;
  resource: string;
  name: string;
  direction: TrafficDirection;
  capacityMbps: number | undefined;
}

/** A step of a path: the element(s) the load crosses there, with the share each takes. */
export type Stage = { element: ElementInfo; share: number }[];

const PATHS = ['primary', 'secondary'] as const;

function shapeMbps(name: string | undefined): number | undefined {
  return FASTCONNECT_AZURE_SHAPES.find((s) => s.name === name)?.bandwidthInMbps;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/** Element descriptions are built once per placement (resource and direction decide everything). */
export class ElementCatalogue {
  private readonly byKey = new Map<string, ElementInfo>();
  constructor(private readonly r: Routing) {}

  private get(key: string, make: () => Omit<ElementInfo, 'key'>): ElementInfo {
    let e = this.byKey.get(key);
    if (!e) this.byKey.set(key, (e = { key, ...make() }));
    return e;
  }

  private circuitMbps(circuitId: string | undefined): number | undefined {
    return circuitId === undefined ? undefined : this.r.memo.get('azure.ExpressRouteCircuit', circuitId)?.properties.serviceProviderProperties.bandwidthInMbps;
  }

  /** The links a link hop loads: itself, or both of its pair when the engine splits by hash. */
  private links(hop: Hop, previous: Hop | undefined): Stage {
    const slash = hop.resource.lastIndexOf('/');
    const owner = hop.resource.slice(0, slash);
    const vc = this.r.memo.get('oci.VirtualCircuit', owner);
    if (vc) {
      const direction: TrafficDirection = previous?.kind === 'oracle-edge' ? 'to-azure' : 'to-oci';
      const paths = hop.detail === ECMP_LINK_DETAIL ? PATHS : [hop.resource.slice(slash + 1)];
      const capacity = minDefined(this.circuitMbps(this.r.interconnect(vc.id).circuitId), shapeMbps(vc.bandwidthShapeName));
      return paths.map((path) => ({
        share: 1 / paths.length,
        element: this.get(`${owner}/${path}|${direction}`, () => ({ kind: 'link', resource: `${owner}/${path}`, name: `${vc.displayName} ${path}`, direction, capacityMbps: capacity })),
      }));
    }
    const sr = this.r.onPremises(owner);
    const direction: TrafficDirection = previous?.kind === 'microsoft-edge' ? 'to-site' : 'from-site';
    const up = sr?.sessions.filter((s) => s.up).map((s) => s.path) ?? [];
    const paths = up.length > 1 ? up : [hop.resource.slice(slash + 1)];
    const capacity = this.circuitMbps(sr?.circuitId);
    return paths.map((path) => ({
      share: 1 / paths.length,
      element: this.get(`${owner}/${path}|${direction}`, () => ({ kind: 'link', resource: `${owner}/${path}`, name: `${sr?.site.name ?? owner} ${path}`, direction, capacityMbps: capacity })),
    }));
  }

  private gateway(hop: Hop, direction: TrafficDirection): Stage {
    return [{
      share: 1,
      element: this.get(`${hop.resource}|${direction}`, () => {
        const sku = this.r.memo.get('azure.VirtualNetworkGateway', hop.resource)?.properties.sku;
        const perUnit = sku === undefined ? undefined : ER_GATEWAY_SKUS[sku.name].mbps;
        const capacity = perUnit === undefined ? undefined : sku?.name === 'ErGwScale' ? perUnit * (sku.capacity ?? 1) : perUnit;
        return { kind: 'er-gateway', resource: hop.resource, name: hop.name ?? hop.resource, direction, capacityMbps: capacity };
      }),
    }];
  }

  private appliance(hop: Hop): Stage {
    return [{ share: 1, element: this.get(`${hop.resource}|through`, () => ({ kind: 'appliance', resource: hop.resource, name: hop.name ?? hop.resource, direction: 'through', capacityMbps: undefined })) }];
  }

  /** The stages of one walked path, in the packet's order (hops that forwarded it only). */
  stages(hops: readonly Hop[]): Stage[] {
    const out: Stage[] = [];
    let linkSeen: TrafficDirection | undefined;
    hops.forEach((hop, i) => {
      if (hop.decision !== 'forward') return;
      if (hop.kind === 'link') {
        const stage = this.links(hop, hops[i - 1]);
        linkSeen = stage[0]?.element.direction;
        out.push(stage);
      } else if (hop.kind === 'er-gateway') {
        // Before any link on this path: leaving the VNet, towards the link that follows.
        const direction = linkSeen !== undefined ? 'to-azure' : this.nextLinkDirection(hops, i);
        out.push(this.gateway(hop, direction));
      } else if (hop.kind === 'appliance') {
        out.push(this.appliance(hop));
      }
    });
    return out;
  }

  private nextLinkDirection(hops: readonly Hop[], from: number): TrafficDirection {
    for (let i = from + 1; i < hops.length; i++) {
      const h = hops[i];
      if (h?.kind === 'link') return this.r.memo.get('oci.VirtualCircuit', h.resource.slice(0, h.resource.lastIndexOf('/'))) ? 'to-oci' : 'to-site';
    }
    return 'to-oci';
  }
}
