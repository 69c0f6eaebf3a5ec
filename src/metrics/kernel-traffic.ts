// The traffic provider while the data plane runs: each interconnect link's figures come from the
// kernel's counters of its veth pair (ip -s -j link, tc -s -j qdisc: link-counters.ts), so real
// traffic (iperf3 between the namespaces' VMs) shows in the metrics. The plan's `a` end is the Oracle
// edge's: what it transmits goes towards Azure ('toAzure'), what the `b` end transmits towards OCI;
// drops are the sending end's root qdisc drops (a tbf over its rate, a link-down drill's cut) plus
// the device's tx drops. With the data plane down (or no counters read yet) the declared traffic
// answers. Reads are asynchronous: `refresh()` reads and keeps the rates; `snapshot()` (the
// sampler's synchronous call) serves the last ones.
import type { Engine } from '../engine/engine.ts';
import type { InterconnectLinkStatus } from '../dataplane/link-status.ts';
import type { ReadView } from '../model/world.ts';
import type { Routing } from '../routing/routing.ts';
import type { LinkPath } from '../routing/types.ts';
import { ASSUMED_PACKET_BYTES } from './declared-traffic.ts';
import { advance, ratesOf, type CounterTotals, type RateWindow } from './kernel-rates.ts';
import type { LinkDirection, LinkTraffic, TrafficProvider, TrafficSnapshot } from './provider.ts';
import type { MetricsSampler } from './sampler.ts';

/** The interconnect links' counters, or undefined while the data plane is down. */
export type KernelCountersSource = () => Promise<{ interconnect: readonly InterconnectLinkStatus[]; countersAt: string } | undefined>;

/** Which source feeds the traffic series now (the status and the console say it). */
export interface TrafficSourceStatus {
  source: 'kernel' | 'declared';
  /** kernel: when the counters were last read. */
  countersAt?: string;
  /** kernel: the links read (`<virtual circuit id>/<path>`). */
  links?: string[];
}

/** How often the counters are read while the data plane is up (each read samples the metrics). */
export const KERNEL_POLL_MS = 5000;

function totalsOf(end: InterconnectLinkStatus['ends'][number] | undefined): CounterTotals | undefined {
  if (end === undefined || !end.present) return undefined;
  return { bytes: end.txBytes, packets: end.txPackets, drops: end.drops + end.txDropped };
}

function linkTraffic(w: RateWindow): LinkTraffic {
  const r = ratesOf(w);
  const bytesPerPacket = r.packetsPerSecond > 0 ? r.bitsPerSecond / 8 / r.packetsPerSecond : ASSUMED_PACKET_BYTES;
  return { bitsPerSecond: r.bitsPerSecond, packetsPerSecond: r.packetsPerSecond, droppedPacketsPerSecond: r.dropsPerSecond, droppedBitsPerSecond: r.dropsPerSecond * bytesPerPacket * 8 };
}

export class KernelTrafficProvider implements TrafficProvider {
  private windows = new Map<string, RateWindow>();
  private live: { countersAt: string; links: string[]; snapshot: TrafficSnapshot } | undefined;

  constructor(private readonly fallback: TrafficProvider, private readonly read: KernelCountersSource, private readonly clock: () => number = Date.now) {}

  /** Reads the counters (the data plane's, when it is up) and keeps the rates. Never throws: a failed read falls back to the declared traffic. */
  async refresh(): Promise<void> {
    const counters = await this.read().catch(() => undefined);
    if (counters === undefined) {
      this.live = undefined;
      this.windows.clear();
      return;
    }
    const at = this.clock();
    const next = new Map<string, RateWindow>();
    for (const link of counters.interconnect) {
      const [a, b] = link.ends;
      for (const [direction, end] of [['toAzure', a], ['toOci', b]] as const) {
        const totals = totalsOf(end);
        if (totals === undefined) continue;
        const key = `${link.resourceId}|${direction}`;
        next.set(key, advance(this.windows.get(key), at, totals));
      }
    }
    this.windows = next;
    const traffic = new Map([...next].map(([k, w]) => [k, linkTraffic(w)]));
    this.live = {
      countersAt: counters.countersAt, links: counters.interconnect.map((l) => l.resourceId),
      snapshot: { link: (vcId: string, path: LinkPath, direction: LinkDirection) => traffic.get(`${vcId}/${path}|${direction}`) },
    };
  }

  snapshot(view: ReadView, routing: Routing, nowMs: number): TrafficSnapshot {
    return this.live?.snapshot ?? this.fallback.snapshot(view, routing, nowMs);
  }

  status(): TrafficSourceStatus {
    return this.live === undefined ? { source: 'declared' } : { source: 'kernel', countersAt: this.live.countersAt, links: this.live.links };
  }
}

/** Reads the counters every KERNEL_POLL_MS and samples after each read that found the data plane up; returns the stop. */
export function pollKernelTraffic(engine: Engine, sampler: MetricsSampler, provider: KernelTrafficProvider, everyMs = KERNEL_POLL_MS): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void provider.refresh()
      .then(() => (provider.status().source === 'kernel' ? engine.read(() => { sampler.sample(); }) : undefined))
      .catch(() => undefined)
      .finally(() => { busy = false; });
  }, everyMs);
  timer.unref();
  return () => { clearInterval(timer); };
}
