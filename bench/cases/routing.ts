// Routing, trace and matrix on the enterprise world (bench/routing-world.ts: 100 VCNs, 100 VNets,
// 4,000 subnets, ~20,700 security rules), brought up once:
//   routes-full-enterprise-ms     a fresh Routing computing every table of the world
//   routes-incremental-ms         after one VCN route rule change: recompute what it invalidated
//   traces-per-second             cross-cloud VM-to-VM traces (request + reply, explained), one core;
//                                 a first round apart (details), then the steady rounds
//   matrix-2000x2000-s            all-pairs OCI-subnet → Azure-subnet reachability (tcp/22), the
//                                 whole matrix (interchangeable subnets share a walk; exact)
import { caseResult, type CaseSpec } from '../result.ts';
import { collectGarbage, log } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { routingLab, securityRuleCount } from '../routing-world.ts';
import type { BenchCase } from './case.ts';
import { Routing } from '../../src/routing/routing.ts';
import { trace } from '../../src/trace/trace.ts';
import { reachabilityMatrix, type MatrixSubnet } from '../../src/trace/matrix.ts';
import { updateRouteTable } from '../../src/lifecycle/oci/route-table.ts';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';

const FULL: CaseSpec = { name: 'routes-full-enterprise-ms', unit: 'ms', targetBelow: 300, warmup: 1 };
const RSS: CaseSpec = { name: 'routes-rss-mb', unit: 'MB', targetBelow: 1024 };
const INCR: CaseSpec = { name: 'routes-incremental-ms', unit: 'ms', targetBelow: 20, warmup: 1 };
const TRACES: CaseSpec = { name: 'traces-per-second', unit: 'traces/s', targetAtLeast: 30000 };
/** Measured rounds of traces after the first (the first builds the per-VNet, per-NIC caches; reported apart). */
const TRACE_ROUNDS = 5;
const MATRIX: CaseSpec = { name: 'matrix-2000x2000-s', unit: 's', targetBelow: 20 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export const routingCase: BenchCase = {
  specs: [FULL, RSS, INCR, TRACES, MATRIX],
  async run() {
    const lab = routingLab();
    return withEngine('memory', async (engine) => {
      const up = await timedUp(engine, lab);
      log(`routing world up in ${Math.round(up.ms)} ms (${securityRuleCount(lab)} security rules)`);
      // Full computation from scratch.
      const full: number[] = [];
      let routes = 0;
      let tables = 0;
      for (let i = 0; i < 6; i++) {
        collectGarbage();
        const t = performance.now();
        const r = new Routing(engine.world);
        routes = r.computeAll();
        const ms = performance.now() - t;
        if (i > 0) full.push(ms);
        tables = r.memo.cached;
      }
      const rss = process.memoryUsage().rss / 2 ** 20;
      // Incremental: one rule added to one VCN route table, then everything asked again.
      const r = engine.routing;
      await engine.read(() => r.computeAll());
      const incr: number[] = [];
      const dropped: number[] = [];
      const rt = engine.world.list('oci.RouteTable').find((t) => t.displayName === 'rt-main');
      if (!rt) throw new Error('no rt-main');
      for (let i = 0; i < 11; i++) {
        const current = engine.world.get('oci.RouteTable', rt.id);
        const rules = (current?.routeRules ?? []).map((x) => ({ destination: x.destination, networkEntityId: x.networkEntityId }));
        const next = i % 2 === 0 ? [...rules, { destination: `192.0.2.${i * 8}/29`, networkEntityId: rules[0]?.networkEntityId ?? '' }] : rules.slice(0, 1);
        const before = r.memo.cached;
        await engine.mutate('bench', (tx) => updateRouteTable(tx, { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' }, rt.id, { routeRules: next }));
        dropped.push(before - r.memo.cached);
        const t = performance.now();
        r.computeAll();
        if (i > 0) incr.push(performance.now() - t);
      }
      // Traces per second: VM pairs across the interconnect, both directions.
      const oci = engine.world.list('oci.Instance').map((x) => x.displayName);
      const az = engine.world.list('azure.VirtualMachine').map((x) => x.name);
      const perSecond: number[] = [];
      let firstRound = 0;
      for (let round = 0; round <= TRACE_ROUNDS; round++) {
        let n = 0;
        const t0 = performance.now();
        while (performance.now() - t0 < 1000) {
          const a = oci[n % oci.length] ?? '';
          const b = az[(n * 7) % az.length] ?? '';
          trace(r, n % 2 === 0 ? { from: a, to: b, protocol: 'tcp', port: 22 } : { from: b, to: a, protocol: 'tcp', port: 22 });
          n++;
        }
        const rate = n / ((performance.now() - t0) / 1000);
        if (round === 0) firstRound = rate;
        else perSecond.push(rate);
      }
      // Matrix: every OCI subnet × every Azure workload subnet, tcp/22, timed whole.
      const sources: MatrixSubnet[] = engine.world.list('oci.Subnet').map((s) => ({ cloud: 'oci', subnetId: s.id }));
      const destinations: MatrixSubnet[] = engine.world.list('azure.Subnet').filter((s) => s.name !== 'GatewaySubnet').map((s) => ({ cloud: 'azure', subnetId: s.id }));
      const matrixRuns: number[] = [];
      let m = reachabilityMatrix(r, sources.slice(0, 1), destinations, 'tcp', 22);
      for (let i = 0; i < 3; i++) {
        collectGarbage();
        const t = performance.now();
        m = reachabilityMatrix(r, sources, destinations, 'tcp', 22);
        matrixRuns.push((performance.now() - t) / 1000);
      }
      const rows = 10;
      const tExact = performance.now();
      reachabilityMatrix(r, sources.slice(0, rows), destinations, 'tcp', 22, true);
      const exactPairsPerSecond = (rows * destinations.length) / ((performance.now() - tExact) / 1000);
      return [
        caseResult(FULL, full, { routesCounted: routes, memoisedAnswers: tables, note: 'routesCounted counts each subnet\'s effective routes (shared tables counted once per subnet)' }),
        caseResult(RSS, [Math.round(rss)], {}),
        caseResult(INCR, incr, { answersDroppedPerChange: median(dropped) }),
        caseResult(TRACES, perSecond.map((x) => Math.round(x)), {
          firstRoundPerSecond: Math.round(firstRound), steadyRounds: TRACE_ROUNDS, hopsPerTrace: 'request and reply, ~24 hops, every hop explained',
          note: 'samples are the steady rounds (1 s each); the first round, apart, also builds what the first trace into each VNet, NIC and VNIC needs (VirtualNetwork tags, compiled rules)',
        }),
        caseResult(MATRIX, matrixRuns.map((x) => Math.round(x * 100) / 100), {
          pairs: sources.length * destinations.length, walks: m.walks, delivered: m.delivered,
          exactWalkPairsPerSecond: Math.round(exactPairsPerSecond), note: 'walks = class-representative pairs actually walked; grouping is exact (test/trace/matrix.test.ts)',
        }),
      ];
    });
  },
};
