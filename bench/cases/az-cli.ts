// az-command-max-ms: wall time of the seed tutorial's az commands through Debian's azure-cli 2.45
// (test/az/az-launcher.py) against a fresh FastRoute, one logged-in config dir; the statistic is
// the slowest command of each run (target < 5 s each), with the median command in the details.
// Python start-up is most of it: FastRoute answers each request in milliseconds.
import { DEFAULT_TENANT_ID } from '../../src/lifecycle/defaults.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { log, repeat } from '../harness.ts';
import { startArmBenchServer } from '../arm-server.ts';
import { median } from '../stats.ts';
import { azUnavailableReason, prepareAzConfigDir, primeAzCommandIndex, runAz } from '../../test/az/az.ts';
import type { BenchCase } from './case.ts';

const MAX: CaseSpec = { name: 'az-command-max-ms', unit: 'ms', targetBelow: 5000 };
const RUNS = 3;
const RG = 'rg-bench';

function commands(armUrl: string, run: number): string[][] {
  const vnet = `vnet-${run}`;
  return [
    ['cloud', 'register', '-n', 'FastRoute', '--endpoint-resource-manager', armUrl],
    ['cloud', 'set', '-n', 'FastRoute'],
    ['login', '--service-principal', '-u', 'bench-app', '-p', 'any', '--tenant', DEFAULT_TENANT_ID],
    ['group', 'create', '-n', RG, '-l', 'eastus'],
    ['network', 'vnet', 'create', '-g', RG, '-n', vnet, '--address-prefixes', '10.20.0.0/16', '--subnet-name', 'subnet-workload', '--subnet-prefixes', '10.20.10.0/24'],
    ['network', 'vnet', 'subnet', 'create', '-g', RG, '--vnet-name', vnet, '-n', 'GatewaySubnet', '--address-prefixes', '10.20.255.0/27'],
    ['network', 'express-route', 'create', '-g', RG, '-n', `er-${run}`, '--provider', 'Oracle Cloud FastConnect', '--peering-location', 'Washington DC', '--bandwidth', '1000'],
    ['network', 'express-route', 'list-arp-tables', '-g', RG, '-n', `er-${run}`, '--path', 'primary', '--peering-name', 'AzurePrivatePeering'],
  ];
}

export const azCliCase: BenchCase = {
  specs: [MAX],
  async run() {
    const unavailable = azUnavailableReason();
    if (unavailable !== undefined) throw new SkipCase(`az not available: ${unavailable}`);
    const { server } = await startArmBenchServer();
    try {
      const primed = await primeAzCommandIndex();
      const medians: number[] = [];
      const slowest: string[] = [];
      const samples = await repeat(MAX.name, { warmup: 0, runs: RUNS }, async () => {
        const env = { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: server.endpoints.armCa };
        const times: { cmd: string; ms: number }[] = [];
        for (const args of commands(server.endpoints.arm, medians.length)) {
          const r = await runAz(args, { ...env, json: true });
          // list-arp-tables on an unprovisioned circuit answers an empty table; anything else must succeed.
          if (r.code !== 0) throw new Error(`az ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
          times.push({ cmd: args.slice(0, 3).join(' '), ms: r.ms });
        }
        const worst = times.reduce((a, b) => (b.ms > a.ms ? b : a));
        medians.push(median(times.map((t) => t.ms)));
        slowest.push(worst.cmd);
        log(`${MAX.name}: slowest ${worst.cmd} ${worst.ms} ms, median ${median(times.map((t) => t.ms))} ms`);
        return worst.ms;
      });
      return [caseResult(MAX, samples, { medianCommandMs: medians, slowestCommand: slowest, commandsPerRun: commands('', 0).length, cli: 'Debian azure-cli 2.45 via test/az/az-launcher.py' })];
    } finally {
      await server.close();
    }
  },
};
