// Runs chains of @azure/arm-network samples against a FastRoute ARM server: each chain in its own
// child process (runner.ts) and resource group, the chains at once (the samples' long-running
// operations wait out Retry-After in wall time, not CPU), the samples of a chain in order. After
// each sample the chain's check asserts the state it left through the ARM API.
import { fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { SampleReport } from './protocol.ts';
import { substituteSample } from './substitute.ts';

export const SAMPLES_DIR = path.join(import.meta.dirname, '../../../fixtures/arm-network-samples');
const ROOT = path.join(import.meta.dirname, '../../../..');
/** One sample's bound: its long-running operations wait out Retry-After (1-2 s each) on a shared machine. */
const SAMPLE_TIMEOUT_MS = 60_000;

export interface Clients { network: NetworkManagementClient; resources: ResourceManagementClient; rg: string; ociEndpoint: string }

export interface Step {
  file: string;
  /** Resource-name substitutions (substitute.ts rule 5). */
  names?: Record<string, string>;
  /** The error code the sample stops with (the cloud's own, or FeatureNotModelled); absent: it must succeed. */
  fails?: string;
  /** What a read-only sample must have printed (its console.log of the SDK's result). */
  prints?: RegExp[];
  /** A prerequisite the sample needs that no earlier sample of its chain leaves (created through the API). */
  prepare?: (c: Clients) => Promise<void>;
  /** State the sample must have left, asserted through the ARM API right after it. */
  check?: (c: Clients) => Promise<void>;
}

export interface Chain { rg: string; steps: Step[] }

export interface StepResult { report?: SampleReport; checkError?: unknown; prepareError?: unknown }

export interface Target { armUrl: string; caFile: string; subscriptionId: string; clients(rg: string): Clients }

const stepKey = (chain: Chain, step: Step) => `${chain.rg}/${step.file}`;

/** Runs `step`'s prepare; false (and the error recorded for it and every later step) when it fails. */
async function prepared(chain: Chain, from: number, target: Target, results: Map<string, StepResult>): Promise<boolean> {
  try {
    await chain.steps[from]?.prepare?.(target.clients(chain.rg));
    return true;
  } catch (e) {
    for (const step of chain.steps.slice(from)) results.set(stepKey(chain, step), { prepareError: e });
    return false;
  }
}

function runChain(chain: Chain, dir: string, target: Target, results: Map<string, StepResult>): Promise<void> {
  const files = chain.steps.map((step) => {
    const text = substituteSample(readFileSync(path.join(SAMPLES_DIR, step.file), 'utf8'), { subscriptionId: target.subscriptionId, resourceGroup: chain.rg, names: step.names });
    const file = path.join(dir, `${chain.rg}--${step.file}`);
    writeFileSync(file, text);
    return file;
  });
  const child = fork(path.join(import.meta.dirname, 'runner.ts'), [String(SAMPLE_TIMEOUT_MS), ...files], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: target.caFile, FASTROUTE_ARM_ENDPOINT: target.armUrl, NETWORK_SUBSCRIPTION_ID: target.subscriptionId, NETWORK_RESOURCE_GROUP: chain.rg },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let index = 0;
  child.on('message', (report: SampleReport) => {
    const step = chain.steps[index++];
    if (step === undefined) return;
    const result: StepResult = { report };
    results.set(stepKey(chain, step), result);
    void (async () => {
      try {
        await step.check?.(target.clients(chain.rg));
      } catch (e) {
        result.checkError = e;
      }
      if (!(await prepared(chain, index, target, results))) child.kill();
      else if (child.connected) child.send('next');
    })();
  });
  return new Promise((resolve) => child.on('exit', () => { resolve(); }));
}

/** Every chain at once; the result of each step by `<rg>/<file>`. */
export async function runChains(chains: readonly Chain[], target: Target): Promise<Map<string, StepResult>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-net-samples-'));
  const results = new Map<string, StepResult>();
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    copyFileSync(path.join(import.meta.dirname, 'fastroute-credential.ts'), path.join(dir, 'fastroute-credential.ts'));
    await Promise.all(chains.map(async (chain) => {
      await target.clients(chain.rg).resources.resourceGroups.createOrUpdate(chain.rg, { location: 'eastus' });
      if (await prepared(chain, 0, target, results)) await runChain(chain, dir, target, results);
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export { stepKey };
