// `fastroute start`: the only command that runs FastRoute itself (in this process). Its options
// are generated from the config field table, so every field has a flag. The server is loaded only
// when the command runs; the options' descriptions and defaults come from the config schema and
// are passed in only when `start` is the command being run or helped (see main.ts).
import type { Command } from 'commander';
import { CONFIG_FIELDS } from '../../config/fields.ts';

/** A config field's description and default, from the config schema (`start-help.ts`). */
export type FieldHelp = (path: string) => { description: string; default: unknown };

function helpFor(path: string, env: string, fieldHelp: FieldHelp | undefined): string {
  if (fieldHelp === undefined) return `(env ${env})`;
  const { description, default: def } = fieldHelp(path);
  const shown = def === undefined ? '' : `; default ${JSON.stringify(def)}`;
  return `${description} (env ${env}${shown})`;
}

export function registerStart(program: Command, fieldHelp?: FieldHelp): void {
  const cmd = program.command('start').description('run FastRoute: the admin API and web console, the OCI and ARM APIs, and the configured lab (default: the tutorial)');
  for (const f of CONFIG_FIELDS) {
    cmd.option(f.arg === undefined ? f.flag : `${f.flag} <${f.arg}>`, helpFor(f.path, f.env, fieldHelp));
    if (f.type === 'lab') cmd.option('--no-lab', 'start without applying any lab (not even the tutorial)');
  }
  cmd.option('--config <FILE>', 'config file, YAML or JSON (env FASTROUTE_CONFIG; default ./fastroute.config.yaml if present)');

  cmd.action(async (opts: Record<string, unknown>) => {
    const { runStart } = await import('../actions/start.ts');
    await runStart(opts);
  });
}
