// Traffic: per element and direction, offered, carried, dropped and utilisation; the flows that
// lose load and where; and, for a drill, the same elements before and during side by side.
import type { TrafficResponse } from '../../api/admin/traffic.ts';
import type { TrafficShift } from '../../drills/types.ts';
import type { DropPoint, ElementLoad } from '../../traffic/types.ts';
import { table } from './table.ts';

const mbps = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const percent = (u: number | undefined): string => (u === undefined ? '-' : `${(u * 100).toFixed(1)}%`);
const capacity = (e: ElementLoad): string => (e.capacityMbps === undefined ? '-' : mbps(e.capacityMbps));

export function formatElements(elements: readonly ElementLoad[]): string {
  if (elements.length === 0) return 'No flow crosses a link, gateway or appliance.';
  return table(
    ['Element', 'Kind', 'Direction', 'Capacity Mbps', 'Offered Mbps', 'Carried Mbps', 'Dropped Mbps', 'Utilisation', 'Flows'],
    elements.map((e) => [e.name, e.kind, e.direction, capacity(e), mbps(e.offeredMbps), mbps(e.carriedMbps), mbps(e.droppedMbps), percent(e.utilisation), e.flows]),
  );
}

function formatDrops(drops: readonly DropPoint[]): string {
  if (drops.length === 0) return 'Nothing is dropped.';
  return table(['Dropped at', 'Kind', 'Reason', 'Flows', 'Mbps'], drops.map((d) => [d.name, d.kind, d.reason, d.flows, mbps(d.mbps)]));
}

export function formatTraffic(r: TrafficResponse): string {
  const p = r.placement;
  if (r.flows.length === 0) return 'No traffic is declared: add a `traffic:` section to a lab, or POST /fastroute/v1/traffic.';
  return [
    `${r.flows.length} flow(s) at ${new Date(p.at).toISOString()}: ${mbps(p.totals.offeredMbps)} Mbps offered, ${mbps(p.totals.deliveredMbps)} delivered, ${mbps(p.totals.droppedMbps)} dropped (${p.totals.droppedFlows} flow(s) dropped).`,
    '',
    formatElements(p.elements),
    '',
    formatDrops(p.drops),
  ].join('\n');
}

/** One row per element and direction seen before or during: carried and utilisation, both times. */
export function formatTrafficShift(s: TrafficShift): string {
  const keys = [...new Set([...s.before.elements, ...s.during.elements].map((e) => e.key))];
  const before = new Map(s.before.elements.map((e) => [e.key, e]));
  const during = new Map(s.during.elements.map((e) => [e.key, e]));
  const rows = keys.map((k) => {
    const b = before.get(k);
    const d = during.get(k);
    const e = (d ?? b) as ElementLoad;
    return [e.name, e.direction, b ? mbps(b.carriedMbps) : '0', percent(b?.utilisation), d ? mbps(d.carriedMbps) : '0', percent(d?.utilisation), d ? mbps(d.droppedMbps) : '0'];
  });
  return [
    `Traffic (placed at ${new Date(s.at).toISOString()}): ${mbps(s.before.totals.deliveredMbps)} Mbps delivered before, ${mbps(s.during.totals.deliveredMbps)} during.`,
    table(['Element', 'Direction', 'Before Mbps', 'Before util.', 'During Mbps', 'During util.', 'Dropped during'], rows),
  ].join('\n');
}
