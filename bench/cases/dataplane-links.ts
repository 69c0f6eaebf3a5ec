// The interconnect links under load (root, iperf3). dataplane-throughput-ratio: one TCP stream
// (iperf3 -t 3, after 1 s of ramp-up left out with -O 1) from the OCI VM to the Azure VM through the whole tutorial path with the links'
// tbf removed, as a ratio to the same stream over a direct veth pair measured in the same run
// (target >= 0.8; the reference measured 0.83 through three routers). dataplane-rate-cap-pct: the
// same stream with the tutorial's 1 Gbit/s links shaped, as a percentage of the L2 theoretical
// goodput at 1 Gbit/s, 956.4 Mbit/s (1448 payload bytes per 1514-byte frame; target >= 99).
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseLab } from '../../src/lab/parse.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { newRunId } from '../../src/dataplane/names.ts';
import { mustRun, runTool } from '../../src/dataplane/run.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { repeat } from '../harness.ts';
import { withEngine } from '../lab-up.ts';
import type { BenchCase } from './case.ts';

const LAB_FILE = new URL('../../labs/tutorial.yaml', import.meta.url);
const RATIO: CaseSpec = { name: 'dataplane-throughput-ratio', unit: 'ratio', targetAtLeast: 0.8 };
const CAP: CaseSpec = { name: 'dataplane-rate-cap-pct', unit: '%', targetAtLeast: 99 };
const RUNS = 3;
const SECONDS = 3;
const THEORETICAL_MBIT_AT_1G = (1000 * 1448) / 1514;

interface IperfReport { error?: string; end?: { sum_received?: { bits_per_second?: number } } }

function parseReport(text: string): IperfReport | undefined {
  try {
    return JSON.parse(text) as IperfReport;
  } catch {
    return undefined;
  }
}

/** One iperf3 TCP stream from `client` to `address` in `server` (both bounded by timeout; the server killed by pid). Mbit/s received. */
async function iperf(server: string, client: string, address: string): Promise<number> {
  const srv = spawn('ip', ['netns', 'exec', server, 'timeout', String(SECONDS + 12), 'iperf3', '-s', '-1', '-B', address, '-p', '5201'], { stdio: 'ignore' });
  try {
    // The server needs a moment to listen: a bounded number of attempts.
    let last = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      const r = await runTool('ip', ['netns', 'exec', client, 'timeout', String(SECONDS + 9), 'iperf3', '-c', address, '-p', '5201', '-t', String(SECONDS), '-O', '1', '-J'], undefined, (SECONDS + 11) * 1000);
      const report = parseReport(r.stdout);
      const bps = report?.end?.sum_received?.bits_per_second;
      if (r.code === 0 && bps !== undefined) return bps / 1e6;
      last = report?.error ?? r.stderr.trim();
      await sleep(100);
    }
    throw new Error(`iperf3 could not measure ${address}: ${last}`);
  } finally {
    if (srv.exitCode === null && srv.pid !== undefined) process.kill(srv.pid, 'SIGKILL');
  }
}

/** A direct veth pair between two throwaway namespaces (fr-prefixed), removed by the returned function. */
async function directPair(): Promise<{ a: string; b: string; remove: () => Promise<void> }> {
  const id = newRunId();
  const a = `frbench${id}-a`;
  const b = `frbench${id}-b`;
  await mustRun('ip', ['-batch', '-'], `netns add ${a}\nnetns add ${b}\nlink add v netns ${a} type veth peer name v netns ${b}\n`);
  const remove = async (): Promise<void> => { await runTool('ip', ['-force', '-batch', '-'], `netns delete ${a}\nnetns delete ${b}\n`); };
  try {
    await mustRun('ip', ['-n', a, '-batch', '-'], 'link set lo up\nlink set v up\naddress add 10.255.0.1/30 dev v\n');
    await mustRun('ip', ['-n', b, '-batch', '-'], 'link set lo up\nlink set v up\naddress add 10.255.0.2/30 dev v\n');
  } catch (err) {
    await remove();
    throw err;
  }
  return { a, b, remove };
}

export const dataplaneLinksCase: BenchCase = {
  specs: [RATIO, CAP],
  async run() {
    if (process.getuid?.() !== 0) throw new SkipCase('the data plane needs root');
    for (const [tool, pkg] of [['ip', 'iproute2'], ['tc', 'iproute2'], ['iperf3', 'iperf3']] as const) if (findTool(tool) === undefined) throw new SkipCase(`${tool} not found (apt-get install ${pkg})`);
    const lab = parseLab(readFileSync(LAB_FILE, 'utf8'), 'labs/tutorial.yaml');
    return withEngine('memory', async (engine) => {
      await upLab(engine, lab);
      const dataplane = new Dataplane(engine, undefined);
      const pair = await directPair();
      try {
        // Without the region-pair delay: these figures are the routers' and tbf's, not the delay helper's.
        const status = (await dataplane.up({ delay: false })).status;
        const ns = (name: string): string => status.namespaces.find((n) => n.role === 'vm' && n.resourceName === name)?.name ?? '';
        const [oci, azure] = [ns('vm-oci'), ns('vm-azure')];
        const links = (await dataplane.statusWithLinks()).interconnectLinks ?? [];
        const capped: number[] = [];
        const capSamples = await repeat(CAP.name, { warmup: 0, runs: RUNS }, async () => {
          const mbit = await iperf(azure, oci, '10.20.10.10');
          capped.push(mbit);
          return (100 * mbit) / THEORETICAL_MBIT_AT_1G;
        });
        // No cap: the links' tbf removed (the veth default comes back).
        for (const l of links) for (const e of l.ends) await mustRun('tc', ['-n', e.ns, 'qdisc', 'del', 'dev', e.dev, 'root']);
        const direct: number[] = [];
        const path: number[] = [];
        const ratioSamples = await repeat(RATIO.name, { warmup: 0, runs: RUNS }, async () => {
          const d = await iperf(pair.b, pair.a, '10.255.0.2');
          const p = await iperf(azure, oci, '10.20.10.10');
          direct.push(d);
          path.push(p);
          return p / d;
        });
        const round = (xs: number[]): number[] => xs.map((x) => Math.round(x));
        return [
          caseResult(RATIO, ratioSamples, { directMbit: round(direct), pathMbit: round(path), seconds: SECONDS, path: 'vm-oci → VCN router → DRG → Oracle edge → pri/sec → MSEE → ER gateway → VNet router → vm-azure' }),
          caseResult(CAP, capSamples, { goodputMbit: round(capped), theoreticalMbit: Math.round(THEORETICAL_MBIT_AT_1G * 10) / 10, qdisc: 'tbf rate 1000mbit burst 262144 latency 50ms, both ends of both links', seconds: SECONDS }),
        ];
      } finally {
        await dataplane.close();
        await pair.remove();
      }
    });
  },
};
