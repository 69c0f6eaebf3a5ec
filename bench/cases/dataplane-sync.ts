// dataplane-sync-ms: labs/tutorial.yaml as a real data plane; a committed change of sl-oci (its ICMP
// echo rule removed, then put back, alternately) until the kernel holds it: the sync (debounce,
// recompile, diff, one `nft -f` in the VCN router) has finished. Each sample is then checked against
// the kernel (`nft list chain`), untimed. dataplane-sync-rate-ms: the virtual circuit's bandwidth
// changed (1 ⇄ 2 Gbps over a 2000 Mbps circuit) until the tbf on the four ends of the interconnect
// links holds the new rate (one `tc -batch` per edge), checked with `tc -j qdisc`. Needs root: skipped otherwise.
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { Dataplane, SYNC_DELAY_MS } from '../../src/dataplane/service.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { repeat } from '../harness.ts';
import { withEngine } from '../lab-up.ts';
import type { BenchCase } from './case.ts';
import { RATE_CHILD } from '../../src/dataplane/qdisc-layout.ts';

const LAB_FILE = new URL('../../labs/tutorial.yaml', import.meta.url);
const SYNC: CaseSpec = { name: 'dataplane-sync-ms', unit: 'ms', targetBelow: 1000, warmup: 2 };
const RATE: CaseSpec = { name: 'dataplane-sync-rate-ms', unit: 'ms', targetBelow: 1000, warmup: 2 };
const RUNS = 15;

/** The tbf rates (Mbit/s) on pri and sec of a namespace, at the root or under netem (qdisc-layout.ts), as the kernel holds them. */
/** Milliseconds from committing one change until the sync that follows it has reached the kernel. */
async function timedSync(dataplane: Dataplane, change: () => Promise<unknown>): Promise<number> {
  const synced = dataplane.nextSync();
  const t0 = performance.now();
  await change();
  const status = await synced;
  const ms = performance.now() - t0;
  if (status.lastError !== undefined) throw new Error(status.lastError);
  return ms;
}

async function tbfRates(ns: string): Promise<number[]> {
  const out = (await runTool('tc', ['-n', ns, '-j', 'qdisc', 'show'])).stdout;
  return (JSON.parse(out === '' ? '[]' : out) as { kind?: string; root?: boolean; parent?: string; options?: { rate?: number } }[])
    .filter((q) => q.kind === 'tbf' && (q.root === true || q.parent === RATE_CHILD.parent)).map((q) => Math.round(((q.options?.rate ?? 0) * 8) / 1e6));
}

export const dataplaneSyncCase: BenchCase = {
  specs: [SYNC, RATE],
  async run() {
    if (process.getuid?.() !== 0) throw new SkipCase('the data plane needs root');
    for (const [tool, pkg] of [['ip', 'iproute2'], ['nft', 'nftables']] as const) if (findTool(tool) === undefined) throw new SkipCase(`${tool} not found (apt-get install ${pkg})`);
    const lab = parseLab(readFileSync(LAB_FILE, 'utf8'), 'labs/tutorial.yaml');
    return withEngine('memory', async (engine) => {
      await upLab(engine, lab);
      const dataplane = new Dataplane(engine, undefined);
      try {
        const up = await dataplane.up();
        const vcnNs = up.status.namespaces.find((n) => n.role === 'vcn-router')?.name ?? '';
        const sl = engine.world.list('oci.SecurityList').find((x) => x.displayName === 'sl-oci');
        if (!sl) throw new Error('sl-oci is missing from the tutorial');
        const full = sl.ingressSecurityRules;
        const withoutEcho = full.filter((r) => !(r.protocol === '1' && r.icmpOptions?.type === 8));
        let removed = false;
        const samples = await repeat(SYNC.name, { warmup: SYNC.warmup ?? 0, runs: RUNS }, async () => {
          removed = !removed;
          const ms = await timedSync(dataplane, () => engine.mutate('bench:security-rule', (tx) => {
            tx.update('oci.SecurityList', sl.id, (d) => { d.ingressSecurityRules = removed ? withoutEcho : full; });
          }));
          const held = await runTool('ip', ['netns', 'exec', vcnNs, 'nft', 'list', 'chain', 'inet', 'fastroute', 'vm0_in_rules']);
          if (held.stdout.includes('echo-request') === removed) throw new Error(`the kernel does not hold the change: ${held.stdout}`);
          return ms;
        });
        const edges = up.status.namespaces.filter((n) => n.role === 'oracle-edge' || n.role === 'msee').map((n) => n.name);
        const vc = engine.world.list('oci.VirtualCircuit')[0];
        const circuit = engine.world.list('azure.ExpressRouteCircuit')[0];
        if (!vc || !circuit || edges.length !== 2) throw new Error('the tutorial\'s interconnect is missing');
        await engine.mutate('bench:circuit-2000', (tx) => {
          tx.update('azure.ExpressRouteCircuit', circuit.id, (d) => { d.properties.serviceProviderProperties.bandwidthInMbps = 2000; });
        });
        await dataplane.nextSync();
        let fast = false;
        const rates = await repeat(RATE.name, { warmup: RATE.warmup ?? 0, runs: RUNS }, async () => {
          fast = !fast;
          const ms = await timedSync(dataplane, () => engine.mutate('bench:bandwidth', (tx) => {
            tx.update('oci.VirtualCircuit', vc.id, (d) => { d.bandwidthShapeName = fast ? '2 Gbps' : '1 Gbps'; });
          }));
          const held = (await Promise.all(edges.map(tbfRates))).flat();
          if (held.length !== 4 || held.some((r) => r !== (fast ? 2000 : 1000))) throw new Error(`the kernel does not hold the rate: ${JSON.stringify(held)}`);
          return ms;
        });
        return [
          caseResult(SYNC, samples, { change: 'sl-oci ICMP echo rule removed / restored', debounceMs: SYNC_DELAY_MS, lastSync: dataplane.status().sync }),
          caseResult(RATE, rates, { change: 'vc bandwidthShapeName 1 Gbps ⇄ 2 Gbps (circuit 2000 Mbps): tbf on both ends of both links', debounceMs: SYNC_DELAY_MS, lastSync: dataplane.status().sync }),
        ];
      } finally {
        await dataplane.close();
      }
    });
  },
};
