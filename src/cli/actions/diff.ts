// What `fastroute diff` does (loaded only when it runs). Without a "running" side it works in this
// process, like `check` (no server needed); with one, it asks the server (POST /diff), which copies
// its world into private engines. Exit 0: nothing fails the --fail-on policy; 1: it does; 2: an
// input is invalid (unreadable file, invalid lab, a change the clouds refuse).
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { DiffReport, FailOn } from '../../diff/types.ts';
import type { DiffBodyInput } from '../../api/admin/diff.ts';
import { LabError } from '../../lab/types.ts';
import { CloudError } from '../../model/errors.ts';
import { CliExit, print, warn } from '../output.ts';
import { json } from '../format/table.ts';
import { formatDiff } from '../format/diff.ts';
import { colourEnabled } from '../format/colour.ts';
import { AdminClient, ApiError } from '../client.ts';

const EXIT_INVALID = 2;

const isRunning = (side: string) => side === 'running' || side === '-';

async function text(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new CliExit(EXIT_INVALID, `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function sideOf(side: string): Promise<DiffBodyInput['before']> {
  return isRunning(side) ? 'running' : { yaml: await text(side), file: side };
}

/** A change file: a list (API operations) or a mapping (a lab applied on top). */
async function changeOf(file: string): Promise<NonNullable<DiffBodyInput['change']>> {
  const body = await text(file);
  let parsed: unknown;
  try {
    parsed = parseYaml(body);
  } catch (err) {
    throw new CliExit(EXIT_INVALID, `${file} is neither JSON nor YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  return Array.isArray(parsed) ? { operations: parsed as NonNullable<DiffBodyInput['change']>['operations'], file } : { yaml: body, file };
}

function invalid(err: unknown): never {
  if (err instanceof LabError) {
    warn(`error: ${err.file} is not a valid lab (${err.issues.length} problem(s)):`);
    for (const i of err.issues) warn(`  ${err.file}:${i.line === undefined ? '' : `${i.line}:${i.column ?? 1}: `}${i.path}: ${i.message}`);
    throw new CliExit(EXIT_INVALID, 'fastroute diff: nothing was compared');
  }
  if (err instanceof CloudError) throw new CliExit(EXIT_INVALID, `fastroute diff: ${err.code}: ${err.message}`);
  if (err instanceof ApiError && err.status < 500) {
    for (const i of err.body.issues ?? []) warn(`  ${i.line === undefined ? '' : `${i.line}:${i.column ?? 1}: `}${i.path}: ${i.message}`);
    throw new CliExit(EXIT_INVALID, `fastroute diff: ${err.body.code}: ${err.body.message}`);
  }
  throw err;
}

async function inProcess(body: DiffBodyInput): Promise<DiffReport> {
  const [{ DiffBody }, { parseLab }, { runDiff }] = await Promise.all([import('../../api/admin/diff.ts'), import('../../lab/parse.ts'), import('../../engine/diff-runner.ts')]);
  const b = DiffBody.safeParse(body);
  if (!b.success) throw new CliExit(EXIT_INVALID, `fastroute diff: ${b.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const lab = (s: { yaml: string; file?: string | undefined }) => ({ lab: parseLab(s.yaml, s.file ?? 'lab.yaml'), file: s.file ?? 'lab.yaml' });
  const { before, after, change, within, failOn } = b.data;
  if (before === 'running' || after === 'running') throw new Error('unreachable: running sides go to the server');
  return runDiff({
    before: lab(before),
    ...(after === undefined ? {} : { after: lab(after) }),
    ...(change === undefined ? {} : {
      change: {
        ...(change.operations ? { operations: change.operations } : {}),
        ...(change.yaml === undefined ? {} : { lab: parseLab(change.yaml, change.file ?? 'change.yaml') }),
        ...(change.file === undefined ? {} : { file: change.file }),
      },
    }),
    ...(within === undefined ? {} : { within }),
    ...(failOn === undefined ? {} : { failOn }),
  });
}

export async function runDiffCommand(before: string, after: string | undefined, opts: { change?: string; within?: boolean; failOn: FailOn; json?: boolean }): Promise<void> {
  const body: DiffBodyInput = {
    before: await sideOf(before),
    ...(after === undefined ? {} : { after: await sideOf(after) }),
    ...(opts.change === undefined ? {} : { change: await changeOf(opts.change) }),
    ...(opts.within === true ? { within: true } : {}),
    failOn: opts.failOn,
  };
  const server = isRunning(before) || (after !== undefined && isRunning(after));
  let report: DiffReport;
  try {
    report = server ? await new AdminClient().post<DiffReport>('/diff', body) : await inProcess(body);
  } catch (err) {
    invalid(err);
  }
  print(opts.json === true ? json(report) : formatDiff(report, colourEnabled()));
  process.exitCode = report.failed ? 1 : 0;
}
