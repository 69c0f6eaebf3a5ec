// Metrics on the enterprise world (bench/enterprise-lab.ts: 100 VCNs, 100 VNets, one interconnect):
//   metrics-scrape-enterprise-ms  GET /metrics on a real admin server over loopback HTTP (Prometheus
//                                 text of every series, sampled first), end to end
//   metrics-query-24h-ms          one Azure Monitor query over 24 h of 1-minute history (BgpAvailability
//                                 split by Peer, PT1M: 2 × 1,440 points), built and serialised in
//                                 process, after a day on the manual clock with a link flap every 10 min
//   alerts-24h-ms                 GET /fastroute/v1/alerts over loopback HTTP after that day, with the
//                                 primary down again (alerts active, each rule's run walked back)
import type { AddressInfo } from 'node:net';
import { caseResult, type CaseSpec } from '../result.ts';
import { collectGarbage, log } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';
import { createAdminApp } from '../../src/api/admin/app.ts';
import type { Endpoints } from '../../src/api/admin/contract.ts';
import { metricsFor } from '../../src/metrics/sampler.ts';
import { metricsResponse } from '../../src/metrics/azure-query.ts';
import { startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { declareTraffic } from '../../src/engine/traffic-runner.ts';
import { DeclaredTrafficProvider } from '../../src/metrics/declared-traffic.ts';

const SCRAPE: CaseSpec = { name: 'metrics-scrape-enterprise-ms', unit: 'ms', targetBelow: 50, warmup: 2 };
const QUERY: CaseSpec = { name: 'metrics-query-24h-ms', unit: 'ms', targetBelow: 20, warmup: 2 };
const ALERTS: CaseSpec = { name: 'alerts-24h-ms', unit: 'ms', warmup: 2 };
const RUNS = 21;

export const metricsCase: BenchCase = {
  specs: [SCRAPE, QUERY, ALERTS],
  async run() {
    return withEngine('memory', async (engine) => {
      const up = await timedUp(engine, enterpriseLab());
      log(`enterprise world up in ${Math.round(up.ms)} ms`);
      const app = createAdminApp({ engine, version: 'bench', dataLocation: ':memory:', endpoints: () => ({}) as Endpoints }, { logLevel: 'silent' });
      await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/metrics`;
        const scrape: number[] = [];
        let bytes = 0;
        let series = 0;
        for (let i = 0; i < RUNS + 2; i++) {
          collectGarbage();
          const t = performance.now();
          const text = await (await fetch(url)).text();
          const ms = performance.now() - t;
          if (i >= 2) scrape.push(ms);
          bytes = text.length;
          series = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
        }

        // What every commit pays for the history: one sample of every series.
        const sampleTimes: number[] = [];
        for (let i = 0; i < 20; i++) {
          const t = performance.now();
          metricsFor(engine).sample();
          sampleTimes.push(performance.now() - t);
        }
        const sampleMs = [...sampleTimes].sort((a, b) => a - b)[10] ?? 0;
        // The same with a few flows declared: cached (the commit changed neither routing nor flows),
        // and placing afresh (the flows changed before each sample).
        const provider = new DeclaredTrafficProvider(engine);
        metricsFor(engine).setTrafficProvider(provider);
        const flows = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}`, from: `vm-oci-00${i}`, to: `vm-azure-00${i}`, protocol: 'tcp' as const, port: 443, mbps: 100, replyMbps: 10 }));
        const median = (fn: () => void): number => {
          const times: number[] = [];
          for (let i = 0; i < 21; i++) {
            const t = performance.now();
            fn();
            times.push(performance.now() - t);
          }
          return Math.round(([...times].sort((a, b) => a - b)[10] ?? 0) * 1000) / 1000;
        };
        declareTraffic(engine, flows);
        const placementsBefore = provider.placements;
        const cachedMs = median(() => { metricsFor(engine).sample(); });
        const cachedPlacements = provider.placements - placementsBefore;
        const placingMs = median(() => {
          declareTraffic(engine, flows);
          metricsFor(engine).sample();
        });

        // A day of history: a manual clock, the primary link down for 5 minutes of every 10.
        await engine.setClock('manual');
        const start = engine.now();
        for (let m = 0; m < 1440; m += 5) {
          if (m % 10 === 0) await startDrill(engine, { kind: 'link-down', path: 'primary' });
          else await stopDrill(engine);
          await engine.advance(300);
        }
        const sampler = metricsFor(engine);
        const history = await sampler.current();
        const circuit = engine.world.list('azure.ExpressRouteCircuit')[0];
        if (!circuit) throw new Error('no circuit in the enterprise world');
        const query = { metricnames: 'BgpAvailability', interval: 'PT1M', timespan: `${new Date(start).toISOString()}/${new Date(start + 86_400_000).toISOString()}`, $filter: "Peer eq '*'" };
        const times: number[] = [];
        let points = 0;
        for (let i = 0; i < RUNS + 2; i++) {
          const t = performance.now();
          const body = metricsResponse({ resourceId: circuit.id, namespace: 'Microsoft.Network/expressRouteCircuits', region: circuit.location, series: history.forResource(circuit.id), query, nowMs: engine.now() });
          const text = JSON.stringify(body);
          const ms = performance.now() - t;
          if (i >= 2) times.push(ms);
          points = (text.match(/timeStamp/g) ?? []).length;
        }
        // The rules on that history, through the admin API, with alerts active.
        await startDrill(engine, { kind: 'link-down', path: 'primary' });
        await engine.advance(120);
        const alertsUrl = url.replace(/\/metrics$/, '/fastroute/v1/alerts');
        const alertTimes: number[] = [];
        let active = 0;
        for (let i = 0; i < RUNS + 2; i++) {
          const t = performance.now();
          const body = (await (await fetch(alertsUrl)).json()) as { alerts: unknown[] };
          const ms = performance.now() - t;
          if (i >= 2) alertTimes.push(ms);
          active = body.alerts.length;
        }
        return [
          caseResult(ALERTS, alertTimes, { activeAlerts: active }),
          caseResult(SCRAPE, scrape, { series, bytes, circuits: engine.world.list('azure.ExpressRouteCircuit').length, samplePerCommitMs: Math.round(sampleMs * 1000) / 1000, flows: flows.length, sampleWithFlowsCachedMs: cachedMs, placementsWhileCached: cachedPlacements, sampleWithFlowsPlacingMs: placingMs }),
          caseResult(QUERY, times, { points, changesStored: [...history.all()].reduce((n, s) => n + s.minutes.length, 0) }),
        ];
      } finally {
        await app.close();
      }
    });
  },
};
