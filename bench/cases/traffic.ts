// traffic-placement-10k-ms: 10,000 declared flows (VM to VM across the interconnect, both ways,
// several ports, 4 Mbps each so the 10 Gbps links and the hub's gateway get near their limits) placed
// on the enterprise world (bench/enterprise-lab.ts): every distinct flow walked by the trace engine,
// request and reply, then loaded and capped. Routing is warm (computed once), as on a running server.
import { caseResult, type CaseSpec } from '../result.ts';
import { collectGarbage, log } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';
import { placeTraffic } from '../../src/traffic/place.ts';
import type { Placement, TrafficFlow } from '../../src/traffic/types.ts';
import type { Engine } from '../../src/engine/engine.ts';

const PLACE: CaseSpec = { name: 'traffic-placement-10k-ms', unit: 'ms', targetBelow: 500, warmup: 1 };
const FLOWS = 10_000;
const PORTS = [22, 443, 1521, 8080];
const RUNS = 7;

/** 10,000 flows of 4 Mbps (1 back) between the enterprise world's OCI instances and Azure VMs, both ways, four ports. */
export function enterpriseFlows(engine: Engine): TrafficFlow[] {
  const oci = engine.world.list('oci.Instance').map((x) => x.displayName);
  const az = engine.world.list('azure.VirtualMachine').map((x) => x.name);
  return Array.from({ length: FLOWS }, (_, i) => {
    const a = oci[i % oci.length] ?? '';
    const b = az[Math.floor(i / oci.length) % az.length] ?? '';
    const toAzure = Math.floor(i / (oci.length * az.length)) % 2 === 0;
    return { name: `f${i}`, from: toAzure ? a : b, to: toAzure ? b : a, protocol: 'tcp', port: PORTS[i % PORTS.length] ?? 22, mbps: 4, replyMbps: 1 };
  });
}

export const trafficCase: BenchCase = {
  specs: [PLACE],
  async run() {
    return withEngine('memory', async (engine) => {
      const up = await timedUp(engine, enterpriseLab());
      log(`enterprise world up in ${Math.round(up.ms)} ms`);
      const flows = enterpriseFlows(engine);
      const distinct = new Set(flows.map((f) => `${f.from}|${f.to}|${f.port ?? ''}`)).size;
      const samples: number[] = [];
      let last: Placement | undefined;
      for (let i = 0; i <= RUNS; i++) {
        collectGarbage();
        const t = performance.now();
        last = await engine.read(() => placeTraffic(engine.routing, flows, Date.UTC(2026, 0, 15, 12)));
        if (i > 0) samples.push(performance.now() - t);
      }
      const busiest = [...(last?.elements ?? [])].sort((x, y) => (y.utilisation ?? 0) - (x.utilisation ?? 0))[0];
      return [caseResult(PLACE, samples, {
        flows: FLOWS, distinctWalks: distinct, elements: last?.elements.length, totals: last?.totals,
        busiest: busiest === undefined ? undefined : `${busiest.name} ${busiest.direction} ${busiest.carriedMbps} Mbps (${Math.round((busiest.utilisation ?? 0) * 100)} %)`,
        note: 'each sample is one whole placement (all distinct flows walked, request and reply, keeping element hops only: traceElements); the first run is warm-up',
      })];
    });
  },
};
