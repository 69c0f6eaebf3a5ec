// What `fastroute check LAB.yaml` does (loaded only when it runs): fully in this process, without
// a server. The lab is brought up in a private in-memory engine, its expectations traced and the doctor run. For CI: exit 0 only
// when every expectation holds and no finding is an error, 1 otherwise, 2 when the lab itself is
// invalid (unreadable, does not parse, or rejected by the clouds' validation).
import type { CheckReport, ErrorBody } from '../../api/admin/contract.ts';
import { checkLab, LAB_REJECTED } from '../../check/check.ts';
import { parseLab } from '../../lab/parse.ts';
import { readLabText } from '../../engine/read-lab-file.ts';
import { LabError, type Lab } from '../../lab/types.ts';
import { formatCheckReport } from '../format/check.ts';
import { json } from '../format/table.ts';
import { CliExit, print, warn } from '../output.ts';
import { CloudError } from '../../model/errors.ts';
import { MSEE_DAEMONS, type BgpDaemon, type BgpOptions } from '../../dataplane/bgp-model.ts';

/** Exit code of a lab that cannot be checked at all. */
export const EXIT_INVALID_LAB = 2;

function invalidLab(err: LabError, asJson: boolean, command: string): never {
  if (asJson) {
    const body: ErrorBody = { code: 'LabInvalid', message: err.message, issues: err.issues };
    print(json(body));
  } else {
    warn(`error: ${err.file} is not a valid lab (${err.issues.length} problem(s)):`);
    for (const i of err.issues) warn(`  ${err.file}:${i.line === undefined ? '' : `${i.line}:${i.column ?? 1}: `}${i.path}: ${i.message}`);
  }
  throw new CliExit(EXIT_INVALID_LAB, `fastroute ${command}: ${err.file} was not ${command === 'check' ? 'checked' : 'read'}`);
}

/** Reads and parses a lab file; an invalid one prints its problems and exits 2 (`command` names the caller). */
export async function loadLab(file: string, asJson: boolean, command = 'check'): Promise<Lab> {
  let text: string;
  try {
    text = await readLabText(file);
  } catch (err) {
    if (err instanceof LabError) invalidLab(err, asJson, command);
    throw new CliExit(EXIT_INVALID_LAB, `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseLab(text, file);
  } catch (err) {
    if (err instanceof LabError) invalidLab(err, asJson, command);
    throw err;
  }
}

export function exitCodeOf(report: CheckReport): number {
  if (report.ok) return 0;
  return report.findings.some((f) => f.code === LAB_REJECTED) ? EXIT_INVALID_LAB : 1;
}

/** Checks the lab file (with --dataplane, against real packets too), prints the report and sets the exit code. */
export async function runCheck(file: string, opts: { json?: boolean; ids?: boolean; dataplane?: boolean; bgp?: boolean; msee?: string }): Promise<void> {
  const asJson = opts.json === true;
  if (opts.bgp === true && opts.dataplane !== true) throw new CliExit(EXIT_INVALID_LAB, 'fastroute check: --bgp needs --dataplane (the daemons run in the data plane)');
  if (opts.msee !== undefined && !(MSEE_DAEMONS as readonly string[]).includes(opts.msee)) throw new CliExit(EXIT_INVALID_LAB, `fastroute check: --msee must be one of ${MSEE_DAEMONS.join(', ')}`);
  const lab = await loadLab(file, asJson);
  if (opts.dataplane === true) {
    const bgp = opts.bgp === true || opts.msee !== undefined ? { ...(opts.msee === undefined ? {} : { msee: opts.msee as BgpDaemon }) } : undefined;
    await runDataplaneCheck(lab, asJson, opts.ids === true, bgp);
    return;
  }
  const report = await checkLab(lab);
  print(asJson ? json(report) : formatCheckReport(report, { ids: opts.ids === true }));
  process.exitCode = exitCodeOf(report);
}

/** Exit 2 when the machine cannot run a data plane (what is missing is printed, as `dataplane up` does). */
async function runDataplaneCheck(lab: Lab, asJson: boolean, ids: boolean, bgp: Partial<BgpOptions> | undefined): Promise<void> {
  const { checkLabDataplane } = await import('../../check/check-dataplane.ts');
  const { formatDataplaneCheck } = await import('../format/check-dataplane.ts');
  let report;
  try {
    report = await checkLabDataplane(lab, bgp === undefined ? {} : { bgp });
  } catch (err) {
    if (err instanceof CloudError && err.code === 'DataplanePrerequisitesMissing') throw new CliExit(EXIT_INVALID_LAB, `fastroute check --dataplane: ${err.message}`);
    throw err;
  }
  const { dataplane } = report;
  if (asJson) print(json(report));
  else {
    // The check's own result line speaks of the expectations and findings; the data plane's follows.
    const checkOk = report.failed === 0 && !report.findings.some((f) => f.severity === 'error');
    print(formatCheckReport({ ...report, ok: checkOk }, { ids }));
    if (dataplane) {
      const bgpDiffs = dataplane.bgp?.differences ?? 0;
      const failures = [dataplane.disagreed > 0 ? `${dataplane.disagreed} disagreement(s) between the engine and the kernel` : '', bgpDiffs > 0 ? `${bgpDiffs} difference(s) between the engine and the BGP daemons` : ''].filter(Boolean);
      print(`${formatDataplaneCheck(dataplane)}\nAgreement: ${failures.length === 0 ? 'OK' : `FAILED (${failures.join('; ')})`}`);
    }
  }
  process.exitCode = exitCodeOf(report);
}
