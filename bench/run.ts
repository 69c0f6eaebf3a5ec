// FastRoute bench: prints one JSON report on stdout (progress goes to stderr).
//   npm run bench                               # = node --expose-gc --import tsx bench/run.ts
//   node --expose-gc --import tsx bench/run.ts  # optional: full GC between runs
//   npm run bench -- oci-                       # only the cases whose name contains "oci-"
// See bench/README.md for what each case measures.
import { machineInfo } from './machine.ts';
import { gcExposed, log } from './harness.ts';
import { failedCase, SkipCase, skippedCase, type CaseResult } from './result.ts';
import type { BenchCase } from './cases/case.ts';
import { tutorialCase } from './cases/tutorial.ts';
import { enterpriseMemoryCase } from './cases/enterprise-memory.ts';
import { snapshotsCase } from './cases/snapshots.ts';
import { enterpriseFileStoreCase } from './cases/enterprise-file-store.ts';
import { enterprisePostgresCase } from './cases/enterprise-postgres.ts';
import { routingCase } from './cases/routing.ts';
import { routingScalingCase } from './cases/routing-scaling.ts';
import { ociApiCase } from './cases/oci-api.ts';
import { ociRatesCase } from './cases/oci-rates.ts';
import { ociTutorialCase } from './cases/oci-tutorial.ts';
import { armApiCase } from './cases/arm-api.ts';
import { armTutorialCase } from './cases/arm-tutorial.ts';
import { azCliCase } from './cases/az-cli.ts';
import { consoleCase } from './cases/console.ts';
import { cliCase } from './cases/cli.ts';
import { serverStartCase } from './cases/server-start.ts';
import { wideLabCase } from './cases/wide-lab.ts';
import { dataplaneCase } from './cases/dataplane.ts';
import { dataplaneSyncCase } from './cases/dataplane-sync.ts';
import { dataplaneDelayCase } from './cases/dataplane-delay.ts';
import { dataplaneLinksCase } from './cases/dataplane-links.ts';
import { dataplaneBgpCase } from './cases/dataplane-bgp.ts';
import { dataplaneBgpFailoverCase } from './cases/dataplane-bgp-failover.ts';
import { dataplaneBgpOnpremCase } from './cases/dataplane-bgp-onprem.ts';
import { trafficCase } from './cases/traffic.ts';
import { costCase } from './cases/cost.ts';
import { metricsCase } from './cases/metrics.ts';
import { diffCase } from './cases/diff.ts';

// One case per line, so branches that add cases merge without conflicts.
const CASES: readonly BenchCase[] = [
  tutorialCase,
  enterpriseMemoryCase,
  enterpriseFileStoreCase,
  enterprisePostgresCase,
  routingCase,
  routingScalingCase,
  ociApiCase,
  ociRatesCase,
  ociTutorialCase,
  armApiCase,
  armTutorialCase,
  azCliCase,
  consoleCase,
  cliCase,
  serverStartCase,
  wideLabCase,
  dataplaneCase,
  dataplaneSyncCase,
  dataplaneDelayCase,
  dataplaneLinksCase,
  dataplaneBgpCase,
  dataplaneBgpFailoverCase,
  dataplaneBgpOnpremCase,
  trafficCase,
  costCase,
  metricsCase,
  diffCase,
  snapshotsCase,
];

async function main(): Promise<void> {
  const date = new Date().toISOString();
  const machine = machineInfo(gcExposed);
  if (!gcExposed) log('global.gc is not exposed; run with node --expose-gc to collect garbage between runs');
  const started = performance.now();
  const cases: CaseResult[] = [];
  // Optional arguments pick cases by name fragment: `npm run bench -- oci-` runs only the OCI API cases.
  const only = process.argv.slice(2);
  const selected = only.length === 0 ? CASES : CASES.filter((c) => c.specs.some((s) => only.some((o) => s.name.includes(o))));
  for (const c of selected) {
    try {
      cases.push(...(await c.run()));
    } catch (err) {
      if (err instanceof SkipCase) {
        log(`${c.specs.map((s) => s.name).join(', ')} skipped: ${err.why}`);
        cases.push(...c.specs.map((s) => skippedCase(s, err.why)));
        continue;
      }
      log(`${c.specs.map((s) => s.name).join(', ')} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      cases.push(...c.specs.map((s) => failedCase(s, err)));
    }
  }
  const report = {
    date,
    machine,
    totalMs: Math.round(performance.now() - started),
    // Skipped cases (a missing tool) count neither way.
    allMet: cases.every((c) => c.met !== false),
    cases,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  for (const c of cases) {
    if (c.skipped !== undefined) {
      log(`${c.name}: skipped: ${c.skipped}`);
      continue;
    }
    const target = c.target === null ? 'informative' : `target median ${c.target.below === undefined ? `>= ${c.target.atLeast ?? ''}` : `< ${c.target.below}`} ${c.target.unit}: ${c.met ? 'met' : 'MISSED'}`;
    log(`${c.name}: ${c.error === undefined ? `median ${c.median ?? '-'} ${c.unit} (${c.runs} runs), ${target}` : `ERROR ${c.error}`}`);
  }
  if (cases.some((c) => c.error !== undefined)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  log(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
