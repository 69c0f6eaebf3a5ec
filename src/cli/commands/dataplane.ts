// `fastroute dataplane up [--lab NAME] | down | status`: the running world as Linux network
// namespaces with real packets, through the admin API (the server creates them, so it runs as root).
// Up exits 2 when the machine lacks something, having touched nothing.
import type { Command } from 'commander';
import type { DataplaneDownReport, DataplaneStatus, DataplaneUpReport } from '../../api/admin/contract.ts';
import { PREREQUISITES_MISSING } from '../../dataplane/errors.ts';
import { AdminClient, ApiError } from '../client.ts';
import { EXIT_PREREQUISITES, formatDataplaneStatus, formatDataplaneUp } from '../format/dataplane.ts';
import { json } from '../format/table.ts';
import { CliExit, print } from '../output.ts';

const prerequisites = (err: unknown): never => {
  if (err instanceof ApiError && err.body.code === PREREQUISITES_MISSING) throw new CliExit(EXIT_PREREQUISITES, err.body.message);
  throw err;
};

export function registerDataplane(program: Command): void {
  const dataplane = program.command('dataplane').description('the running world as Linux network namespaces with real packets (needs root)');
  dataplane
    .command('up')
    .description('create the namespaces, links and routes from the engine (rebuilds one already up)')
    .option('--lab <NAME>', 'only the resources of this lab (as `fastroute up` named it)')
    .option('--bgp', 'run the interconnect\'s BGP sessions with real daemons in the edges (FRR; docs/bgp.md)')
    .option('--msee <DAEMON>', 'with --bgp: the daemon of Microsoft\'s edge, frr or bird')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { lab?: string; bgp?: boolean; msee?: string; json?: boolean }) => {
      const bgp = opts.msee !== undefined ? { msee: opts.msee } : opts.bgp === true ? true : undefined;
      const report = await new AdminClient().post<DataplaneUpReport>('/dataplane', { ...(opts.lab === undefined ? {} : { lab: opts.lab }), ...(bgp === undefined ? {} : { bgp }) }).catch(prerequisites);
      print(opts.json === true ? json(report) : formatDataplaneUp(report));
    });
  dataplane
    .command('down')
    .description('remove every namespace, link and process the data plane created')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = await new AdminClient().delete<DataplaneDownReport>('/dataplane').catch(prerequisites);
      print(opts.json === true ? json(report) : `The data plane is down (${report.namespacesRemoved} namespaces removed, ${report.processesKilled} processes stopped).`);
    });
  dataplane
    .command('status')
    .description('the namespaces, what each stands for, and what is real on this kernel')
    .option('--json', 'print the API response as JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await new AdminClient().get<DataplaneStatus>('/dataplane');
      print(opts.json === true ? json(status) : formatDataplaneStatus(status));
    });
}
