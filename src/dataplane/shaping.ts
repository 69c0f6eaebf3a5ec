// Shaping of the interconnect links: each link (primary, secondary) is rate-limited with `tbf` at
// both ends (egress on each side = both directions) to the interconnect's bandwidth (where on the
// device, beside netem or a link-down drill's drop: qdisc-layout.ts). Traffic crosses
// both the OCI virtual circuit and the ExpressRoute circuit, so the smaller of the two applies (the
// doctor's capacity rule flags a mismatch). Each link gets the full rate: Azure lets a circuit use its
// bandwidth on the primary and the secondary connection alike (ExpressRoute FAQ). Pure: no I/O.
import { FASTCONNECT_AZURE_SHAPES } from '../model/interconnect/providers.ts';
import type { PlanQdisc } from './plan.ts';

/** tbf's burst at 1 Gbit/s (reference §3.4: 256 KiB gave 99.9 % of the theoretical goodput, 0 retransmits). */
const BURST_AT_1G = 256 * 1024;
/** The smallest burst used (reference: 32 KiB held 50 Mbit/s); always well above one 1514-byte frame. */
const MIN_BURST = 32 * 1024;
const LATENCY_MS = 50;

export interface LinkRate {
  mbps: number;
  /** Where the rate comes from, in the model's words. */
  why: string;
}

/** The interconnect's bandwidth: the smaller of the virtual circuit's shape and the circuit's bandwidth (undefined: neither is known). */
export function interconnectRate(vcShapeName: string | undefined, circuitMbps: number | undefined): LinkRate | undefined {
  const vcMbps = FASTCONNECT_AZURE_SHAPES.find((s) => s.name === vcShapeName)?.bandwidthInMbps ?? shapeMbps(vcShapeName);
  const known = [vcMbps, circuitMbps].filter((m): m is number => m !== undefined && m > 0);
  if (known.length === 0) return undefined;
  const mbps = Math.min(...known);
  const parts = [vcMbps === undefined ? undefined : `virtual circuit ${vcShapeName ?? ''}`, circuitMbps === undefined ? undefined : `circuit ${circuitMbps} Mbps`].filter((p) => p !== undefined);
  return { mbps, why: `${parts.join(', ')}: ${known.length > 1 ? 'the smaller applies' : 'as modelled'}` };
}

/** "10 Gbps", "500 Mbps" → Mbit/s (shapes outside the Azure catalogue). */
function shapeMbps(name: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(G|M)bps$/i.exec(name?.trim() ?? '');
  if (!m) return undefined;
  return Number(m[1]) * ((m[2] ?? '').toUpperCase() === 'G' ? 1000 : 1);
}

/** The tbf for a rate: burst scaled with the rate (256 KiB per Gbit/s, at least 32 KiB), latency 50 ms. */
export function tbfFor(dev: string, rate: LinkRate): PlanQdisc {
  const burstBytes = Math.max(MIN_BURST, Math.round((BURST_AT_1G * rate.mbps) / 1000 / 1024) * 1024);
  return { dev, kind: 'tbf', rateMbit: rate.mbps, burstBytes, latencyMs: LATENCY_MS, why: rate.why };
}
