// `fastroute drill KIND [options]`, `fastroute drill stop [ID]`, `fastroute drill list`: failure
// drills on the running world. KIND goes to a default subcommand, so `drill link-down` works.
import type { Command } from 'commander';
import type { DrillReport, DrillsResponse, DrillStopResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { formatDrillList, formatDrillReport, formatDrillStop } from '../format/drill.ts';
import { json } from '../format/table.ts';
import { toInteger } from '../numbers.ts';
import { print } from '../output.ts';

const KINDS = 'link-down, bgp-reset, as-path-prepend, prefix-withdraw, gateway-replace or prefix-flood';

interface StartOptions {
  interconnect?: string;
  path?: string;
  prefix?: string;
  side?: string;
  count?: string;
  json?: boolean;
}

export function registerDrill(program: Command): void {
  const drill = program.command('drill').description(`rehearse a failure (${KINDS}), list running drills, or stop them`);

  drill
    .command('start <KIND>', { isDefault: true })
    .description(`start a drill: ${KINDS} (\`fastroute drill KIND\` is the same)`)
    .option('--interconnect <NAME>', 'the virtual circuit (display name or OCID); optional when there is only one')
    .option('--path <PATH>', 'primary or secondary (link-down, bgp-reset, as-path-prepend)')
    .option('--prefix <P>', 'the prefix to withdraw (prefix-withdraw)')
    .option('--side <SIDE>', 'oci or azure: who withdraws the prefix (prefix-withdraw)')
    .option('--count <N>', 'prepends (as-path-prepend) or prefixes (prefix-flood)')
    .option('--json', 'print the API response as JSON')
    .action(async (kind: string, opts: StartOptions) => {
      // Kinds, paths and sides are checked by the server, which knows the world and answers with a clear 400.
      const body = {
        kind,
        ...(opts.interconnect === undefined ? {} : { interconnect: opts.interconnect }),
        ...(opts.path === undefined ? {} : { path: opts.path }),
        ...(opts.prefix === undefined ? {} : { prefix: opts.prefix }),
        ...(opts.side === undefined ? {} : { side: opts.side }),
        ...(opts.count === undefined ? {} : { count: toInteger(opts.count, '--count', 1, 100_000) }),
      };
      const res = await new AdminClient().post<DrillReport>('/drills', body);
      print(opts.json === true ? json(res) : formatDrillReport(res));
    });

  drill
    .command('stop [ID]')
    .description('stop one drill, or every drill without an id; the routes return to their prior state')
    .option('--json', 'print the API response as JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const client = new AdminClient();
      const res = await client.delete<DrillStopResponse>(id === undefined ? '/drills' : `/drills/${encodeURIComponent(id)}`);
      print(opts.json === true ? json(res) : formatDrillStop(res));
    });

  drill
    .command('list')
    .description('list the running drills')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      const res = await new AdminClient().get<DrillsResponse>('/drills');
      print(opts.json === true ? json(res) : formatDrillList(res.drills));
    });
}
