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

/** Exit code of a lab that cannot be checked at all. */
export const EXIT_INVALID_LAB = 2;

function invalidLab(err: LabError, asJson: boolean): never {
  if (asJson) {
    const body: ErrorBody = { code: 'LabInvalid', message: err.message, issues: err.issues };
    print(json(body));
  } else {
    warn(`error: ${err.file} is not a valid lab (${err.issues.length} problem(s)):`);
    for (const i of err.issues) warn(`  ${err.file}:${i.line === undefined ? '' : `${i.line}:${i.column ?? 1}: `}${i.path}: ${i.message}`);
  }
  throw new CliExit(EXIT_INVALID_LAB, `fastroute check: ${err.file} was not checked`);
}

async function load(file: string, asJson: boolean): Promise<Lab> {
  let text: string;
  try {
    text = await readLabText(file);
  } catch (err) {
    if (err instanceof LabError) invalidLab(err, asJson);
    throw new CliExit(EXIT_INVALID_LAB, `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseLab(text, file);
  } catch (err) {
    if (err instanceof LabError) invalidLab(err, asJson);
    throw err;
  }
}

export function exitCodeOf(report: CheckReport): number {
  if (report.ok) return 0;
  return report.findings.some((f) => f.code === LAB_REJECTED) ? EXIT_INVALID_LAB : 1;
}

/** Checks the lab file, prints the report and sets the exit code. */
export async function runCheck(file: string, opts: { json?: boolean; ids?: boolean }): Promise<void> {
  const asJson = opts.json === true;
  const lab = await load(file, asJson);
  const report = await checkLab(lab);
  print(asJson ? json(report) : formatCheckReport(report, { ids: opts.ids === true }));
  process.exitCode = exitCodeOf(report);
}
