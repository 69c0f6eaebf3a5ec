// Per-link utilisation from the traffic model's placement (GET /traffic): each interconnect link's
// carried load over its capacity, per direction, for the topology's edges (width and colour) and
// their tooltips. Pure.
import type { TopologyEdge, TrafficPlacement } from '../api/types.ts';

export interface DirectionLoad {
  /** "to Azure" / "to OCI". */
  direction: string;
  carriedMbps: number;
  capacityMbps: number | undefined;
  /** 0-1 (carried / capacity); undefined without a capacity. */
  utilisation: number | undefined;
}

export interface LinkLoad {
  path: string;
  directions: DirectionLoad[];
  /** The busier direction's utilisation (0-1). */
  peak: number;
}

/** Colour bands of the legend: [lower bound, class, label]. 80 % is the alerting rules' threshold. */
export const UTILISATION_BANDS: readonly [number, string, string][] = [
  [0, 'util-idle', 'idle'], [0.0001, 'util-low', '< 50 %'], [0.5, 'util-mid', '50–80 %'], [0.8, 'util-high', '≥ 80 %'],
];

const DIRECTION_NAMES: Record<string, string> = { 'to-azure': 'to Azure', 'to-oci': 'to OCI' };

/** Interconnect link loads keyed `<virtual circuit id>/<path>` (the placement's link resource). */
export function linkLoads(placement: TrafficPlacement | undefined): Map<string, LinkLoad> {
  const out = new Map<string, LinkLoad>();
  for (const e of placement?.elements ?? []) {
    const direction = DIRECTION_NAMES[e.direction];
    if (e.kind !== 'link' || direction === undefined) continue;
    const path = e.resource.slice(e.resource.lastIndexOf('/') + 1);
    const load = out.get(e.resource) ?? { path, directions: [], peak: 0 };
    const utilisation = e.utilisation ?? (e.capacityMbps ? e.carriedMbps / e.capacityMbps : undefined);
    load.directions.push({ direction, carriedMbps: e.carriedMbps, capacityMbps: e.capacityMbps, utilisation });
    load.peak = Math.max(load.peak, utilisation ?? 0);
    out.set(e.resource, load);
  }
  for (const l of out.values()) l.directions.sort((a, b) => a.direction.localeCompare(b.direction));
  return out;
}

/** The load of a link edge (from the virtual circuit, per path), undefined for other edges. */
export function loadOfEdge(loads: ReadonlyMap<string, LinkLoad> | undefined, edge: TopologyEdge): LinkLoad | undefined {
  if (loads === undefined || edge.kind !== 'link' || edge.path === undefined) return undefined;
  return loads.get(`${edge.from}/${edge.path.toLowerCase()}`);
}

const mbit = (x: number): string => Math.round(x).toLocaleString('en-US');

/** "primary: 412 of 1,000 Mbit/s, 41 % (to Azure)", one line per direction. */
export function loadText(load: LinkLoad): string {
  return load.directions.map((d) => d.capacityMbps === undefined
    ? `${load.path}: ${mbit(d.carriedMbps)} Mbit/s (${d.direction})`
    : `${load.path}: ${mbit(d.carriedMbps)} of ${mbit(d.capacityMbps)} Mbit/s, ${Math.round((d.utilisation ?? 0) * 100)} % (${d.direction})`).join('\n');
}

export function bandClass(utilisation: number): string {
  let cls = UTILISATION_BANDS[0]?.[1] ?? '';
  for (const [from, c] of UTILISATION_BANDS) if (utilisation >= from) cls = c;
  return cls;
}

/** Stroke width: 2 px idle to 10 px full. */
export const strokeWidth = (utilisation: number): number => 2 + 8 * Math.min(1, utilisation);
