// `fastroute check`: a lab brought up in a fresh in-memory engine (nothing shared with a server),
// every expectation traced, and the doctor run over the result. Only a lab that does not parse
// throws (LabError, line-accurate); a lab the clouds reject becomes a report with a LAB_REJECTED
// error finding, so callers always get an answer they can print.
import { Engine } from '../engine/engine.ts';
import { upLab } from '../engine/lab-runner.ts';
import { parseLabOffThread } from '../engine/parse-lab-off-thread.ts';
import type { Lab } from '../lab/types.ts';
import { displayNamesIn } from '../model/display-names.ts';
import { CloudError } from '../model/errors.ts';
import { runDoctor } from '../doctor/doctor.ts';
import type { Finding } from '../doctor/types.ts';
import { openStore } from '../store/open.ts';
import { evaluateExpectation } from './expectation.ts';
import type { CheckReport, ExpectationResult } from './types.ts';
import { LAB_REJECTED } from './codes.ts';

export { LAB_REJECTED };

/** A report before the names of the ids it mentions are added. */
type UnnamedReport = Omit<CheckReport, 'names'>;

function rejected(lab: Lab, err: CloudError): UnnamedReport {
  const finding: Finding = {
    code: LAB_REJECTED,
    severity: 'error',
    resources: err.target === undefined ? [] : [err.target],
    message: `the ${err.cloud === 'fastroute' ? 'lab' : err.cloud === 'oci' ? 'OCI' : 'Azure'} validation rejected lab ${lab.name}: ${err.code}: ${err.message}`,
    fix: 'Correct the lab so the clouds accept it (the message names the offending value), then run the check again.',
  };
  return { lab: lab.name, passed: 0, failed: 0, expectations: [], findings: [finding], ok: false };
}

export function summarise(lab: string, expectations: ExpectationResult[], findings: Finding[]): UnnamedReport {
  const passed = expectations.filter((e) => e.passed).length;
  const failed = expectations.length - passed;
  return { lab, passed, failed, expectations, findings, ok: failed === 0 && !findings.some((f) => f.severity === 'error') };
}

/** Brings `lab` up in `engine` (a fresh one), evaluates its expectations and runs the doctor. */
export async function checkLabOn(engine: Engine, lab: Lab): Promise<CheckReport> {
  let failure: CloudError | undefined;
  try {
    await upLab(engine, lab);
  } catch (err) {
    if (!(err instanceof CloudError)) throw err;
    failure = err;
  }
  return engine.read((view) => {
    let report: UnnamedReport;
    if (failure === undefined) {
      const expectations = lab.expectations.map((e) => evaluateExpectation(engine.routing, e, lab.oci.region));
      report = summarise(lab.name, expectations, runDoctor(engine.routing, lab).findings);
    } else {
      report = rejected(lab, failure);
    }
    return { ...report, names: displayNamesIn(view, report) };
  });
}

/** Runs `fn` on a private in-memory engine, closed afterwards (nothing is shared with a server). */
export async function withPrivateEngine<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }) });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** Brings `lab` up in a private in-memory engine, evaluates its expectations and runs the doctor. */
export function checkLab(lab: Lab): Promise<CheckReport> {
  return withPrivateEngine((engine) => checkLabOn(engine, lab));
}

/** Parses (throws LabError with line-accurate issues) and checks a lab's YAML text. */
export async function checkLabText(yaml: string, file: string): Promise<CheckReport> {
  return checkLab(await parseLabOffThread(yaml, file));
}
