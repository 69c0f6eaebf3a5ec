// Samples every series on the engine's clock: after commits (the state changed; once per event-loop
// turn however many units of work committed in it), when the declared flows change, and before every
// read of the metrics (time moved on), at 1-minute grain into a
// bounded in-memory history. Kept in memory, not in the store: a series is a step function that
// changes only on commits, so the whole 24 h window costs little, and a restart starting the history
// afresh is what a monitoring agent restarted would show (docs/metrics.md). One sampler per engine.
import type { Engine } from '../engine/engine.ts';
import { collectSamples } from './collect.ts';
import { MetricHistory, MINUTE_MS } from './history.ts';
import { ZERO_TRAFFIC, type TrafficProvider } from './provider.ts';

export class MetricsSampler {
  readonly history: MetricHistory;
  private provider: TrafficProvider = ZERO_TRAFFIC;
  /**
   * A minute's point is the last value sampled in it, so one sample after a burst of commits (group
   * commit answers up to dozens of creates per store write) records what a sample after each would
   * have: sampling once per turn spared ~4 % of a create's server time (docs/architecture.md).
   */
  private pending: NodeJS.Immediate | undefined;
  private readonly onCommit = (): void => {
    this.pending ??= setImmediate(() => {
      this.pending = undefined;
      this.sample();
    });
  };
  /** Flows change between commits: sample as a read does, when no transaction is half applied. */
  private readonly onTraffic = (): void => { void this.engine.read(() => { this.sample(); }); };

  constructor(private readonly engine: Engine, windowMinutes?: number) {
    this.history = new MetricHistory(windowMinutes);
    engine.events.on('committed', this.onCommit);
    // New flows change the traffic series now, not at the next commit or read.
    engine.events.on('traffic', this.onTraffic);
    this.sample();
  }

  /** Plugs the traffic model in (traffic series are zero until then). */
  setTrafficProvider(provider: TrafficProvider): void {
    this.provider = provider;
    this.sample();
  }

  /** Records the current values at the current engine minute. */
  sample(): void {
    const now = this.engine.now();
    const world = this.engine.world;
    const samples = collectSamples(world, this.engine.routing, this.provider.snapshot(world, this.engine.routing, now), now);
    this.history.record(Math.floor(now / MINUTE_MS), samples);
  }

  /** Refreshes the traffic provider, settles due transitions, then samples: what a query or scrape reads is current. */
  async current(): Promise<MetricHistory> {
    await this.provider.refresh?.();
    await this.engine.settle();
    this.sample();
    return this.history;
  }

  close(): void {
    if (this.pending !== undefined) clearImmediate(this.pending);
    this.pending = undefined;
    this.engine.events.off('committed', this.onCommit);
    this.engine.events.off('traffic', this.onTraffic);
  }
}

const samplers = new WeakMap<Engine, MetricsSampler>();

/** The engine's sampler, started on first use (the admin API starts it with the server). */
export function metricsFor(engine: Engine): MetricsSampler {
  let s = samplers.get(engine);
  if (s === undefined) samplers.set(engine, (s = new MetricsSampler(engine)));
  return s;
}

/** Stops the engine's sampler (its listeners go) when the server that started it closes. */
export function stopMetrics(engine: Engine): void {
  samplers.get(engine)?.close();
  samplers.delete(engine);
}
