// `fastroute`: `start` runs the server; every other command is a client of the admin API at
// FASTROUTE_URL. Errors end here: one line on stderr and a meaningful exit code.
// Start-up time matters (every command is a new process): this module and the command definitions
// load only commander and light helpers; each command imports its heavy parts when it runs.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors.ts';
import { fastrouteVersion } from '../server/version.ts';
import { ApiError, NotRunningError } from './client.ts';
import { registerClock } from './commands/clock.ts';
import { registerDown } from './commands/down.ts';
import { registerEvents } from './commands/events.ts';
import { registerReset } from './commands/reset.ts';
import { registerSnapshot } from './commands/snapshot.ts';
import { registerStart, type FieldHelp } from './commands/start.ts';
import { registerStatus } from './commands/status.ts';
import { registerCa } from './commands/ca.ts';
import { registerUp } from './commands/up.ts';
import { registerRoutes } from './commands/routes.ts';
import { registerTrace } from './commands/trace.ts';
import { registerResolve } from './commands/resolve.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerDrill } from './commands/drill.ts';
import { registerTraffic } from './commands/traffic.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerCost } from './commands/cost.ts';
import { registerCheck } from './commands/check.ts';
import { registerDiff } from './commands/diff.ts';
import { registerCompletion } from './commands/completion.ts';
import { registerDataplane } from './commands/dataplane.ts';
import { registerExec } from './commands/exec.ts';
import { registerCapture } from './commands/capture.ts';
import { CliExit, EXIT_USAGE, ExitWith, warn } from './output.ts';

/** Exit code for a configuration that stops start-up. */
export const EXIT_CONFIG = 2;

export function buildProgram(startFieldHelp?: FieldHelp): Command {
  const program = new Command('fastroute')
    .description('A local twin of Oracle Interconnect for Microsoft Azure.\nClient commands talk to FASTROUTE_URL (default http://127.0.0.1:4650).')
    .version(fastrouteVersion())
    // Commander has printed the problem; a command line it cannot parse exits 2 (bad usage).
    .exitOverride((err) => {
      throw err.exitCode === 0 ? err : new CommanderError(EXIT_USAGE, err.code, err.message);
    });
  registerStart(program, startFieldHelp);
  registerUp(program);
  registerDown(program);
  registerStatus(program);
  registerCa(program);
  registerEvents(program);
  registerClock(program);
  registerReset(program);
  registerSnapshot(program);
  registerRoutes(program);
  registerTrace(program);
  registerResolve(program);
  registerDoctor(program);
  registerDrill(program);
  registerTraffic(program);
  registerAlerts(program);
  registerCost(program);
  registerCheck(program);
  registerDiff(program);
  registerDataplane(program);
  registerExec(program);
  registerCapture(program);
  registerCompletion(program);
  return program;
}

function report(err: unknown): number {
  if (err instanceof ExitWith) {
    report(err.failure);
    return err.exitCode;
  }
  if (err instanceof CommanderError) return err.exitCode;
  if (err instanceof ConfigError) {
    warn(err.message);
    return EXIT_CONFIG;
  }
  if (err instanceof CliExit) {
    warn(err.message);
    return err.exitCode;
  }
  if (err instanceof NotRunningError) {
    warn(err.message);
    return 1;
  }
  if (err instanceof ApiError) {
    const issues = err.body.issues ?? [];
    // A lab's message already lists its issues; print them once, one per line, with positions.
    if (issues.length === 0) warn(`error: ${err.message}`);
    else warn(`error: ${err.body.code}: the lab has ${issues.length} problem(s):`);
    for (const i of issues) warn(`  ${i.line === undefined ? '' : `${i.line}:${i.column ?? 1} `}${i.path}: ${i.message}`);
    return 1;
  }
  warn(`error: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
}

/** The command being run, or helped with `fastroute help NAME` (no global option takes a value). */
function commandName(argv: readonly string[]): string | undefined {
  const [first, second] = argv.slice(2);
  return first === 'help' ? second : first;
}

try {
  // The schema behind start's option help is loaded only when start's options can matter.
  const startFieldHelp = commandName(process.argv) === 'start' ? (await import('./commands/start-help.ts')).fieldHelp : undefined;
  await buildProgram(startFieldHelp).parseAsync(process.argv);
} catch (err) {
  process.exitCode = report(err);
}
