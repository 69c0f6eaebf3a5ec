// diff-route-rule-s / diff-nsg-rule-s: `fastroute diff running --change FILE` on the enterprise world
// (bench/enterprise-lab.ts: 4,000 subnets), brought up once as the "running" engine (outside the
// timing, as a server would hold it). Timed: the whole runDiff — the running world copied into a
// private in-memory engine, every cross-cloud class pair walked for every flow kind (ICMP and each
// port class the rules mention) on the before world, the change applied through the OCI or ARM API,
// the after world (routing's memo keeps the walks the change did not touch), the routing and doctor
// diffs. Route change: rt-main of vcn-005 narrows its rule 10.128.0.0/9 → 10.128.0.0/10 (the VNets
// above 10.192 become unreachable from that VCN). NSG change: allow-oci-ssh of nsg-005 becomes Deny.
import { caseResult, type CaseSpec } from '../result.ts';
import { repeat } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';
import { runDiff } from '../../src/engine/diff-runner.ts';
import type { ApiOperation } from '../../src/engine/diff-change.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { DiffReport } from '../../src/diff/types.ts';

const ROUTE: CaseSpec = { name: 'diff-route-rule-s', unit: 's', targetBelow: 5, warmup: 1 };
const NSG: CaseSpec = { name: 'diff-nsg-rule-s', unit: 's', targetBelow: 2, warmup: 1 };
const RUNS = 3;

function routeChange(engine: Engine): ApiOperation {
  const vcn = engine.world.list('oci.Vcn').find((v) => v.displayName === 'vcn-005');
  const rt = engine.world.list('oci.RouteTable').find((t) => t.vcnId === vcn?.id && t.displayName === 'rt-main');
  const rule = rt?.routeRules[0];
  if (!rt || !rule) throw new Error('no rt-main in vcn-005');
  return { api: 'oci', method: 'PUT', path: `/20160918/routeTables/${rt.id}`, body: { routeRules: [{ destination: '10.128.0.0/10', networkEntityId: rule.networkEntityId }] } };
}

function nsgChange(engine: Engine): ApiOperation {
  const rule = engine.world.list('azure.SecurityRule').find((r) => r.id.toLowerCase().endsWith('/networksecuritygroups/nsg-005/securityrules/allow-oci-ssh'));
  if (!rule) throw new Error('no allow-oci-ssh in nsg-005');
  return { api: 'arm', method: 'PUT', path: `${rule.id}?api-version=2023-09-01`, body: { properties: { ...rule.properties, access: 'Deny', provisioningState: undefined } } };
}

function details(m: { cpu: number[]; last: DiffReport | undefined }): Record<string, unknown> {
  const r = m.last;
  if (!r) return {};
  return { cpuSecondsMedian: median(m.cpu), cpuSeconds: m.cpu, flowsCompared: r.summary.flowsCompared, flowKinds: r.flowKinds, lost: r.summary.lost, gained: r.summary.gained, groups: r.flows.length, walks: r.summary.walks, tablesChanged: r.summary.tablesChanged };
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Wall seconds per run; the process CPU seconds of each run beside them (the machine is shared: CPU time is steadier). */
async function measure(spec: CaseSpec, running: Engine, op: ApiOperation): Promise<{ samples: number[]; cpu: number[]; last: DiffReport | undefined }> {
  let last: DiffReport | undefined;
  const cpu: number[] = [];
  const samples = await repeat(spec.name, { warmup: spec.warmup ?? 0, runs: RUNS }, async () => {
    const t = performance.now();
    const c = cpuSeconds();
    last = await runDiff({ before: { running: true }, change: { operations: [op], file: 'change.json' } }, running);
    cpu.push(Math.round((cpuSeconds() - c) * 100) / 100);
    return (performance.now() - t) / 1000;
  });
  return { samples, cpu: cpu.slice(spec.warmup ?? 0), last };
}

export const diffCase: BenchCase = {
  specs: [ROUTE, NSG],
  async run() {
    return withEngine('memory', async (running) => {
      await timedUp(running, enterpriseLab());
      const route = await measure(ROUTE, running, routeChange(running));
      const nsg = await measure(NSG, running, nsgChange(running));
      if (route.last?.summary.lost === 0 || nsg.last?.summary.lost === 0) throw new Error('the change lost no flow: the benchmark measures nothing');
      return [caseResult(ROUTE, route.samples, details(route)), caseResult(NSG, nsg.samples, details(nsg))];
    });
  },
};
