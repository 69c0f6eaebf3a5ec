// `fastroute start`: the only command that runs FastRoute itself (in this process). Its options
// are generated from the config field table, so every field has a flag and the help shows its env
// variable and default.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { defaultOf, describeField } from '../../config/describe.ts';
import { CONFIG_FIELDS } from '../../config/fields.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { startServer } from '../../server/start.ts';
import { AdminClient } from '../client.ts';
import type { StatusResponse } from '../../api/admin/contract.ts';
import { formatClock } from '../format/clock.ts';
import { formatInterconnects } from '../format/interconnects.ts';
import { formatProgress, formatUpReport } from '../format/lab.ts';
import { formatEndpoints } from '../format/status.ts';
import { CliExit, print, warn } from '../output.ts';

/** The tutorial lab shipped with FastRoute: applied when no lab is configured and --no-lab is absent. */
export const TUTORIAL_LAB = fileURLToPath(new URL('../../../labs/tutorial.yaml', import.meta.url));

function withDefaultLab(config: Config): Config {
  if (config.lab !== undefined) return config;
  if (existsSync(TUTORIAL_LAB)) return { ...config, lab: TUTORIAL_LAB };
  warn(`note: the tutorial lab ${TUTORIAL_LAB} is missing; starting with an empty world`);
  return { ...config, lab: false };
}

function helpFor(path: string, env: string): string {
  const def = defaultOf(path);
  const shown = def === undefined ? '' : `; default ${JSON.stringify(def)}`;
  return `${describeField(path)} (env ${env}${shown})`;
}

export function registerStart(program: Command): void {
  const cmd = program.command('start').description('run FastRoute: the admin API (and later the OCI and ARM APIs) with the configured lab');
  for (const f of CONFIG_FIELDS) {
    cmd.option(f.arg === undefined ? f.flag : `${f.flag} <${f.arg}>`, helpFor(f.path, f.env));
    if (f.type === 'lab') cmd.option('--no-lab', 'start without applying any lab (not even the tutorial)');
  }
  cmd.option('--config <FILE>', 'config file, YAML or JSON (env FASTROUTE_CONFIG; default ./fastroute.config.yaml if present)');

  cmd.action(async (opts: Record<string, unknown>) => {
    const { config: configFile, ...flags } = opts;
    // A ConfigError escapes to main, which prints it and exits 2 before anything starts.
    const config = withDefaultLab(loadConfig({ flags, ...(typeof configFile === 'string' ? { configFile } : {}) }));
    const started = Date.now();
    const handle = await startServer(config, {
      handleSignals: true,
      onListening: (info) => {
        print(`FastRoute ${info.version} is listening.`);
        print(formatEndpoints(info.endpoints, info.dataLocation));
        if (typeof config.lab === 'string') print(`Applying lab ${path.relative(process.cwd(), config.lab) || config.lab} (clock ${config.clock})…`);
      },
      onProgress: (p) => {
        print(formatProgress(p, Date.now() - started));
      },
    }).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new CliExit(1, `port ${config.ports.admin} on ${config.host} is already in use; is FastRoute already running? (choose another with --admin-port)`);
      }
      throw err;
    });
    if (handle.lab?.applied === true) print(formatUpReport(handle.lab.report));
    else if (handle.lab) print(`Lab ${handle.lab.name} is already present (kept from the last run; \`fastroute reset\` empties it).`);

    // The server is up whatever happens here: a failed summary is a warning, not a failed start.
    try {
      const status = await new AdminClient(handle.adminUrl).get<StatusResponse>('/status');
      print(formatClock(status.clock));
      print(formatInterconnects(status.interconnects));
    } catch (err) {
      warn(`warning: could not read the interconnect states: ${err instanceof Error ? err.message : String(err)}`);
    }
    print(`FastRoute is running at ${handle.adminUrl}. Press Ctrl+C to stop.`);
  });
}
