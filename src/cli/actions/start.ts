// What `fastroute start` does (loaded only when it runs: it pulls in the whole server): load the
// configuration, apply the tutorial lab by default, start the server and print where it listens.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageFile } from '../../config/package-root.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { startServer } from '../../server/start.ts';
import { PortInUseError } from '../../server/ports-free.ts';
import { remoteBindWarning } from '../../server/remote-bind.ts';
import { AdminClient } from '../client.ts';
import type { StatusResponse } from '../../api/admin/contract.ts';
import { formatClock } from '../format/clock.ts';
import { formatInterconnects } from '../format/interconnects.ts';
import { formatUpReport } from '../format/lab.ts';
import { ProgressPrinter } from '../progress.ts';
import { formatEndpoints } from '../format/status.ts';
import { formatAdminToken } from '../format/admin-token.ts';
import { CliExit, print, warn } from '../output.ts';
import { CloudError } from '../../model/errors.ts';
import { PREREQUISITES_MISSING } from '../../dataplane/errors.ts';
import { EXIT_PREREQUISITES, formatDataplaneUp } from '../format/dataplane.ts';

/** The tutorial lab shipped with FastRoute: applied when no lab is configured and --no-lab is absent. */
export const TUTORIAL_LAB = packageFile('labs', 'tutorial.yaml');

function withDefaultLab(config: Config): Config {
  if (config.lab !== undefined) return config;
  if (existsSync(TUTORIAL_LAB)) return { ...config, lab: TUTORIAL_LAB };
  warn(`note: the tutorial lab ${TUTORIAL_LAB} is missing; starting with an empty world`);
  return { ...config, lab: false };
}

/** Runs FastRoute in this process with the command's options (flags and `--config`). */
export async function runStart(opts: Record<string, unknown>): Promise<void> {
  const { config: configFile, ...flags } = opts;
  // A ConfigError escapes to main, which prints it and exits 2 before anything starts.
  const config = withDefaultLab(loadConfig({ flags, ...(typeof configFile === 'string' ? { configFile } : {}) }));
  const remoteWarning = remoteBindWarning(config);
  if (remoteWarning !== undefined) warn(remoteWarning);
  // The header comes with the lab's first progress line: a lab kept from the last run is not applied.
  const labFile = typeof config.lab === 'string' ? path.relative(process.cwd(), config.lab) || config.lab : '';
  const progress = new ProgressPrinter(`Applying lab ${labFile} (clock ${config.clock})…`);
  // Progress times count from the lab's start, as the report's time does (not from the process's).
  let labStarted: number | undefined;
  const handle = await startServer(config, {
    handleSignals: true,
    onListening: (info) => {
      print(`FastRoute ${info.version} is listening.`);
      print(formatEndpoints(info.endpoints, info.dataLocation));
      if (info.adminToken !== undefined) print(formatAdminToken(info.adminUrl, info.adminToken));
    },
    onProgress: (p) => {
      labStarted ??= Date.now();
      progress.line(p, Date.now() - labStarted);
    },
  }).catch((err: unknown) => {
    if (err instanceof PortInUseError) throw new CliExit(1, err.message);
    if (err instanceof CloudError && err.code === PREREQUISITES_MISSING) throw new CliExit(EXIT_PREREQUISITES, err.message);
    throw err;
  }).finally(() => { progress.finish(); });
  if (handle.lab?.applied === true) print(formatUpReport(handle.lab.report));
  else if (handle.lab) print(`Lab ${handle.lab.name} is already present (kept from the last run; \`fastroute reset\` empties it).`);
  const { reaped, reapFailed, up } = handle.dataplaneAtStart;
  if (reapFailed !== undefined) warn(`warning: a previous run left a data plane behind (${handle.dataLocation}), which this start could not remove: ${reapFailed}`);
  if (reaped) print(`Removed the data plane a previous run left behind (run ${reaped.runId}: ${reaped.namespacesRemoved} namespaces, ${reaped.processesKilled} processes).`);
  if (up) print(formatDataplaneUp(up));

  // The server is up whatever happens here: a failed summary is a warning, not a failed start.
  try {
    const status = await new AdminClient(handle.adminUrl, handle.adminToken?.token).get<StatusResponse>('/status');
    print(formatClock(status.clock));
    print(formatInterconnects(status.interconnects));
  } catch (err) {
    warn(`warning: could not read the interconnect states: ${err instanceof Error ? err.message : String(err)}`);
  }
  print(`FastRoute is running at ${handle.adminUrl}. Press Ctrl+C to stop.`);
}
